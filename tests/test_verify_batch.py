"""`check_batch`: one verdict per item, in order, whatever the workers do (crash, hang, garbage, flood)."""

from __future__ import annotations

import collections
import json
import os
import random
import time
from pathlib import Path
from typing import Any

import pytest

from pyverify.errors import InvalidArgumentError
from pyverify.verify.batch import FAULTS, check_batch, check_one
from pyverify.verify.prove import ProveTemplate, prelude_template

FIXTURE = Path(__file__).parent / "adversarial" / "PvFixture.lean"


def _children(pid: int) -> list[int]:
    """Live children of ``pid``, except multiprocessing's single shared resource-tracker daemon."""
    out = []
    for e in os.listdir("/proc"):
        if e.isdigit():
            try:
                stat = Path(f"/proc/{e}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                state = stat.rsplit(")", 1)[1].split()[0]
                cmd = Path(f"/proc/{e}/cmdline").read_bytes()
                if state != "Z" and b"resource_tracker" not in cmd:
                    out.append(int(e))
    return out


def _selftest(i: int, ok: bool) -> dict[str, Any]:
    return {"id": f"s{i}", "task": {"family": "_selftest", "expected": str(i)}, "answer": str(i) if ok else "no"}


def test_results_are_in_input_order_with_exactly_one_verdict_each() -> None:
    items: list[Any] = [_selftest(i, i % 3 != 0) for i in range(12)]
    items += ["not an item", {"id": "x"}, {"id": "bad-family", "task": {"family": "nope"}, "answer": "a"}]
    out = check_batch(items, timeout=2, workers=2, trusted_tasks=True)
    assert [r["id"] for r in out] == [f"s{i}" for i in range(12)] + [12, "x", "bad-family"]
    for i in range(12):
        assert out[i]["verdict"]["status"] == ("valid" if i % 3 else "invalid")
    assert [r["verdict"]["status"] for r in out[12:]] == ["invalid"] * 3


@pytest.mark.parametrize("fault,status", [("hang", "timeout"), ("crash", "internal_error"),
                                          ("garbage", "internal_error"), ("flood", "resource_exhausted")])
def test_each_fault_gives_its_item_a_verdict_and_spares_the_others(fault: str, status: str) -> None:
    items = [_selftest(i, True) for i in range(5)]
    items[2]["fault"] = fault
    out = check_batch(items, timeout=0.5, workers=1, grace=0.5, fault_injection=True, trusted_tasks=True)
    assert [r["verdict"]["status"] for r in out] == ["valid", "valid", status, "valid", "valid"]
    assert _children(os.getpid()) == []


def test_fault_keys_are_ignored_without_fault_injection() -> None:
    items = [dict(_selftest(0, True), fault="crash")]
    assert check_batch(items, timeout=1, workers=1, trusted_tasks=True)[0]["verdict"]["status"] == "valid"


def test_bad_arguments_raise() -> None:
    with pytest.raises(InvalidArgumentError):
        check_batch([], timeout=0, workers=1)
    with pytest.raises(InvalidArgumentError):
        check_batch([], timeout=1, workers=0)
    with pytest.raises(InvalidArgumentError):
        check_batch([], timeout=1, workers=1, executor="dask")
    assert check_batch([], timeout=1, workers=1) == []


def test_check_one_never_raises_on_garbage() -> None:
    for task, answer in [(None, "x"), ({"family": "prove"}, "rfl"), ({"family": "prove", "lean_spec": "T"}, 3),
                         ({"family": "refute"}, None), ([], []), ({1: "a", "id": "x"}, "a")]:
        v = check_one(task, answer, timeout=1)
        assert v.status in ("invalid", "unavailable", "internal_error", "forbidden"), (task, v)
        assert v.reward == 0.0


def test_prove_items_run_through_the_prelude_lean(prelude_lean: Path, tmp_path: Path) -> None:
    tmpl: ProveTemplate = prelude_template(prelude_lean, FIXTURE, tmp_path, allow_unreplayed=True)
    task = {"family": "prove", "lean_spec": "MyEq N.z N.z"}
    items = [{"id": a, "task": task, "answer": a} for a in ("MyEq.refl", "MyFalse.elim2 cheat", "by native_decide")]
    out = check_batch(items, timeout=10, workers=2, template=tmpl, trusted_tasks=True)
    assert [r["verdict"]["status"] for r in out] == ["valid", "forbidden", "forbidden"]


@pytest.mark.slow
def test_soak_1000_checks_with_faults_loses_nothing() -> None:
    rng = random.Random(1234)
    items: list[dict[str, Any]] = []
    expected: list[str | None] = []
    prove_task = {"family": "prove", "lean_spec": "MyEq N.z N.z"}
    bad_answers = ["by native_decide", "sorry", "rfl\n#eval 1", "\"nat\" ++ \"ive_decide\"", "by\n\ttrivial"]
    for i in range(1000):
        r = rng.random()
        if r < 0.2:  # pre-filter-rejected prove answers: rejected before any Lean runs
            items.append({"id": i, "task": prove_task, "answer": bad_answers[i % len(bad_answers)]})
            expected.append(None)
        else:
            ok = rng.random() < 0.5
            items.append(_selftest(i, ok) | {"id": i})
            expected.append("valid" if ok else "invalid")
    fault_at = rng.sample(range(1000), 32)
    for k, idx in enumerate(fault_at):
        items[idx]["fault"] = FAULTS[k % len(FAULTS)]
        expected[idx] = {"hang": "timeout", "crash": "internal_error", "garbage": "internal_error",
                         "flood": "resource_exhausted"}[FAULTS[k % len(FAULTS)]]
    t0 = time.monotonic()
    out = check_batch(items, timeout=0.3, workers=2, grace=0.3, fault_injection=True, trusted_tasks=True)
    elapsed = time.monotonic() - t0
    assert len(out) == 1000 and [r["id"] for r in out] == list(range(1000))
    for r, want in zip(out, expected):
        got = r["verdict"]["status"]
        assert got == want if want else got in ("forbidden", "sorry"), (r["id"], got, want)
    counts = collections.Counter(r["verdict"]["status"] for r in out)
    assert counts["timeout"] == 8 and counts["resource_exhausted"] == 8
    assert _children(os.getpid()) == []
    assert elapsed < 90, elapsed


@pytest.mark.slow
def test_ray_executor_on_a_local_ray() -> None:
    ray = pytest.importorskip("ray", reason="ray is not installed: pip install 'pyverify[ray]'")
    items = [_selftest(i, i != 1) for i in range(4)]
    items[2]["fault"] = "crash"
    items[3]["fault"] = "hang"
    items.append({"id": "early", "task": {"family": "prove"}, "answer": 3})  # decided without Ray
    seen: list[tuple[int, float]] = []
    try:
        ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
        t0 = time.monotonic()
        out = check_batch(items, timeout=2, workers=1, executor="ray", grace=2, fault_injection=True,
                          trusted_tasks=True, on_result=lambda i, a: seen.append((i, time.monotonic() - t0)))
        t_end = time.monotonic() - t0
    finally:
        ray.shutdown()
    assert [r["id"] for r in out] == ["s0", "s1", "s2", "s3", "early"]
    assert [r["verdict"]["status"] for r in out] == ["valid", "invalid", "internal_error", "timeout", "invalid"]
    # each verdict is reported as soon as it is known, not when the batch ends (the hang takes 6 s)
    assert sorted(i for i, _ in seen) == [0, 1, 2, 3, 4] and seen[0][0] == 4
    when = dict(seen)
    assert max(when[0], when[1], when[2]) < when[3] - 3 and when[3] <= t_end


def test_on_result_reports_each_verdict_once_as_it_arrives() -> None:
    items: list[Any] = [_selftest(i, i % 2 == 0) for i in range(6)] + ["not an object"]
    seen: list[tuple[int, dict[str, Any]]] = []
    answers = check_batch(items, timeout=30, workers=2, on_result=lambda i, a: seen.append((i, a)), trusted_tasks=True)
    assert sorted(i for i, _ in seen) == list(range(len(items)))  # once each, nothing dropped
    assert all(answers[i] == a for i, a in seen)  # the same answer the list holds
    assert seen[0][0] == 6  # the malformed item's verdict is known before any worker answers
    with pytest.raises(InvalidArgumentError, match="on_result"):
        check_batch(items, timeout=30, on_result="print", trusted_tasks=True)  # type: ignore[arg-type]


@pytest.mark.parametrize("ordered", [False, True])
def test_cli_verify_batch_writes_each_verdict_as_soon_as_it_is_ready(
        ordered: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from pyverify import cli
    from pyverify.verify import batch

    calls: list[str] = []

    def fake_check_batch(items: Any, **kw: Any) -> list[dict[str, Any]]:
        answers = [{"id": it["id"], "verdict": {"status": "valid"}} for it in items]
        for i in (1, 0, 2):  # completion order differs from input order
            calls.append(f"done {i}")
            kw["on_result"](i, answers[i])
            calls.append(f"printed {capsys.readouterr().out.count(chr(10))}")
        return answers

    monkeypatch.setattr(batch, "check_batch", fake_check_batch)
    f = tmp_path / "b.jsonl"
    f.write_text("\n".join(json.dumps(_selftest(i, True)) for i in range(3)) + "\n", encoding="utf-8")
    assert cli.main(["verify-batch", str(f), *(["--ordered"] if ordered else [])]) == 0
    if ordered:  # nothing is printed before item 0 is known; then 0 and 1 at once; then 2
        assert calls == ["done 1", "printed 0", "done 0", "printed 2", "done 2", "printed 1"]
    else:  # each line as soon as its verdict is known
        assert calls == ["done 1", "printed 1", "done 0", "printed 1", "done 2", "printed 1"]


def test_item_shapes_task_id_task_and_both() -> None:
    """The same item shapes as the server and `pyverify verify-batch`: task_id, or a task identical to the
    catalog's; both must agree; anything else is `invalid` with the reason."""
    from pyverify.tasks import generate, reference_answer

    t = generate("refute")[0]
    ref = json.dumps(reference_answer(t))
    edited = dict(t.to_json(), prompt="an easier task")
    items: list[Any] = [
        {"id": "by-id", "task_id": t.id, "answer": ref},
        {"id": "by-task", "task": t.to_json(), "answer": ref},
        {"id": "both", "task_id": t.id, "task": t.to_json(), "answer": ref},
        {"id": "mismatch", "task_id": "refute/other", "task": t.to_json(), "answer": ref},
        {"id": "edited", "task": edited, "answer": ref},
        {"id": "unknown", "task_id": "refute/no.such/entry", "answer": ref},
        {"id": "neither", "answer": ref},
        {"id": "selftest", "task": {"family": "_selftest", "expected": "x"}, "answer": "x"},
    ]
    out = check_batch(items, timeout=5)
    got = {r["id"]: r["verdict"] for r in out}
    assert [got[k]["status"] for k in ("by-id", "by-task", "both")] == ["valid"] * 3
    assert all(got[k]["status"] == "invalid" for k in ("mismatch", "edited", "unknown", "neither", "selftest"))
    assert "different tasks" in got["mismatch"]["reason"]
    assert "differs from the catalog" in got["edited"]["reason"]
    assert "unknown task" in got["unknown"]["reason"]
    assert "neither task_id nor task" in got["neither"]["reason"]
    assert "no catalog id" in got["selftest"]["reason"]  # _selftest is reachable from the tests only


def test_one_default_timeout() -> None:
    import inspect

    from pyverify import cli, serve
    from pyverify.tasks import grading
    from pyverify.verify.batch import DEFAULT_TIMEOUT

    assert inspect.signature(check_batch).parameters["timeout"].default == DEFAULT_TIMEOUT
    assert inspect.signature(check_one).parameters["timeout"].default == DEFAULT_TIMEOUT
    assert grading.PROVE_TIMEOUT == DEFAULT_TIMEOUT
    assert serve._timeout({}) == DEFAULT_TIMEOUT
    for cmd in (cli.verify_cmd, cli.verify_batch_cmd):
        assert inspect.signature(cmd).parameters["timeout"].default.default == DEFAULT_TIMEOUT


_PLAIN_SCRIPT = """
import json, sys
from pyverify.tasks import generate, reference_answer
from pyverify.verify import check_batch
t = generate("refute")[0]
items = [{"id": i, "task_id": t.id, "answer": json.dumps(reference_answer(t)) if i % 2 else "{}"} for i in range(6)]
items.append({"id": "lean", "task_id": generate("prove")[0].id, "answer": "by\\n  trivial"})
items.append({"id": "sel", "task": {"family": "_selftest", "expected": "1"}, "answer": "1", "fault": "crash"})
out = check_batch(items, workers=2, trusted_tasks=True, fault_injection=True)
print(json.dumps([[r["id"], r["verdict"]["status"]] for r in out]))
"""


def test_check_batch_from_a_plain_script_without_a_main_guard(tmp_path: Path) -> None:
    """Issue 10: a script with no `if __name__ == "__main__":` guard gets one verdict per item and no
    tracebacks (workers are fresh interpreters that never import the caller's __main__)."""
    import json
    import subprocess
    import sys

    script = tmp_path / "plain.py"
    script.write_text(_PLAIN_SCRIPT, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    got = dict(json.loads(proc.stdout.strip().splitlines()[-1]))
    assert [got[i] for i in range(6)] == ["invalid", "valid"] * 3
    assert got["lean"] in ("unavailable", "valid", "lean_error")  # no Lean toolchain here: unavailable
    assert got["sel"] == "internal_error"  # a worker process really ran (and crashed, by injection)
