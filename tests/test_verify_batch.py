"""`check_batch`: one verdict per item, in order, whatever the workers do (crash, hang, garbage, flood)."""

from __future__ import annotations

import collections
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
                         ({"family": "refute"}, None), ([], [])]:
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
    try:
        ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
        out = check_batch(items, timeout=0.5, workers=1, executor="ray", grace=0.5, fault_injection=True, trusted_tasks=True)
    finally:
        ray.shutdown()
    assert [r["id"] for r in out] == ["s0", "s1", "s2", "s3"]
    assert [r["verdict"]["status"] for r in out] == ["valid", "invalid", "internal_error", "timeout"]


def test_on_result_reports_each_verdict_once_as_it_arrives() -> None:
    items: list[Any] = [_selftest(i, i % 2 == 0) for i in range(6)] + ["not an object"]
    seen: list[tuple[int, dict[str, Any]]] = []
    answers = check_batch(items, timeout=30, workers=2, on_result=lambda i, a: seen.append((i, a)), trusted_tasks=True)
    assert sorted(i for i, _ in seen) == list(range(len(items)))  # once each, nothing dropped
    assert all(answers[i] == a for i, a in seen)  # the same answer the list holds
    assert seen[0][0] == 6  # the malformed item's verdict is known before any worker answers
    with pytest.raises(InvalidArgumentError, match="on_result"):
        check_batch(items, timeout=30, on_result="print", trusted_tasks=True)  # type: ignore[arg-type]


def test_cli_verify_batch_streams_json_lines_in_input_order(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
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
    assert cli.main(["verify-batch", str(f)]) == 0
    # nothing is printed before item 0 is known; then 0 and 1 at once; then 2
    assert calls == ["done 1", "printed 0", "done 0", "printed 2", "done 2", "printed 1"]
