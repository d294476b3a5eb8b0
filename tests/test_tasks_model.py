"""The task format, the split, determinism, the prove family and the `pyverify tasks` CLI."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyverify.catalog import catalog
from pyverify.cli import main
from pyverify.errors import InvalidArgumentError, UnknownNameError
from pyverify.tasks import FAMILIES, Task, generate, get_task, grade, split_of
from pyverify.lean.sources import project_root
from pyverify.tasks.lean_source import proof_file, spec_source


@given(st.text(min_size=1, max_size=60))
@settings(max_examples=200)
def test_split_is_the_sha256_bucket(task_id: str) -> None:
    h = int(hashlib.sha256(task_id.encode()).hexdigest(), 16)
    assert split_of(task_id) == ("test" if h % 10 < 2 else "train")


def test_split_is_stable_and_both_sides_are_used() -> None:
    ts = [t for f in FAMILIES for t in generate(f)]
    assert all(t.split == split_of(t.id) for t in ts)
    assert {t.split for t in ts} == {"train", "test"}
    assert len({t.id for t in ts}) == len(ts)
    frac = sum(t.split == "test" for t in ts) / len(ts)
    assert 0.05 < frac < 0.4


@pytest.mark.parametrize("family", FAMILIES)
def test_json_round_trip(family: str) -> None:
    for t in generate(family):
        d = json.loads(t.dumps())
        assert Task.from_json(d) == t
        assert t.prompt and t.answer_format and t.lean_proof.startswith("LearningRules")


def test_tasks_never_carry_the_reference_answer() -> None:
    from pyverify.tasks import reference_answer

    for t in generate("refute") + generate("tune"):
        ref = json.dumps(reference_answer(t))
        text = t.dumps()
        if t.family == "refute":
            assert ref not in text
        for k, v in reference_answer(t).items():
            if t.family == "tune":
                assert f'"{k}": {json.dumps(v)}' not in json.dumps(t.payload["instance"])


def test_tune_is_deterministic_given_a_seed_and_varies_with_it() -> None:
    a = [t.to_json() for t in generate("tune", seed=3)]
    from pyverify.tasks import families

    families._TASKS.pop(("tune", 3))
    b = [t.to_json() for t in generate("tune", seed=3)]
    assert a == b
    c = [t.to_json() for t in generate("tune", seed=4)]
    assert [t["payload"]["instance"] for t in a] != [t["payload"]["instance"] for t in c]


def test_filters() -> None:
    rule = generate("refute")[0].rule
    assert {t.rule for t in generate("refute", rule=rule)} == {rule}
    assert {t.split for t in generate("refute", split="test")} <= {"test"}
    with pytest.raises(UnknownNameError):
        generate("nope")
    with pytest.raises(InvalidArgumentError):
        generate("tune", split="dev")
    with pytest.raises(InvalidArgumentError):
        generate("tune", seed=-1)
    with pytest.raises(UnknownNameError):
        get_task("refute/nothing/here")


def test_one_prove_task_per_entry_with_the_spec_source() -> None:
    ts = generate("prove")
    assert {t.entry_id for t in ts} == {e.id for e in catalog()}
    for t in ts:
        spec = spec_source(t.lean_spec)
        short = t.lean_spec.rpartition(".")[2]
        assert re.search(rf"^def {re.escape(short)} : Prop :=", t.payload["spec_text"], re.M)
        assert spec.text in t.prompt and spec.text in t.statement
        assert (project_root() / t.payload["spec_file"]).read_text(encoding="utf-8").count(spec.text) == 1


def test_prove_grading_delegates_and_never_raises() -> None:
    t = generate("prove")[0]
    v = grade(t, "by\n  sorry")
    assert v.reward == 0.0 and v.status != "valid"
    assert grade(t, 123).status == "invalid"  # type: ignore[arg-type]


def test_reference_theorems_are_found_in_proofs() -> None:
    found = [t for t in generate("prove") if proof_file(t.lean_proof)]
    assert found, "no reference theorem found in proofs/"
    for t in found:
        path = project_root() / proof_file(t.lean_proof)  # type: ignore[operator]
        assert f"theorem {t.lean_proof.rpartition('.')[2]}" in path.read_text(encoding="utf-8")


def test_cli_list_show_export(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tasks", "export", "--family", "tune", "--format", "jsonl", "--split", "test"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines and all(Task.from_json(json.loads(ln)).split == "test" for ln in lines)
    tid = json.loads(lines[0])["id"]
    assert main(["tasks", "show", "--family", "tune", "--id", tid]) == 0
    assert f"Task {tid}" in capsys.readouterr().out
    assert main(["tasks", "list", "--family", "refute", "--json"]) == 0
    assert {d["id"] for d in json.loads(capsys.readouterr().out)} == {t.id for t in generate("refute")}


@pytest.mark.parametrize("argv", [
    ["tasks", "list", "--family", "nope"],
    ["tasks", "list", "--family", "tune", "--split", "dev"],
    ["tasks", "list", "--family", "tune", "--seed", "-2"],
    ["tasks", "export", "--family", "tune", "--format", "xml"],
    ["tasks", "show", "--family", "tune", "--id", "prove/x"],
    ["tasks", "list"],
])
def test_cli_bad_input_is_one_line_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and ":" in err


def test_the_tune_cache_keeps_a_bounded_number_of_seeds(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server resolves tune ids of any seed a client names: the generated seeds kept per process are bounded."""
    from pyverify.tasks import families

    monkeypatch.setattr(families, "MAX_CACHED_TUNE_SEEDS", 2)
    monkeypatch.setattr(families, "_tune_tasks", lambda seed: [])  # the cache policy only, not generation
    monkeypatch.setattr(families, "_TASKS", {})
    for seed in range(5):
        families.generate("tune", seed=seed)
    assert sorted(k for k in families._TASKS if k[0] == "tune") == [("tune", 3), ("tune", 4)]
