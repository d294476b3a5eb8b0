"""The CLI: JSON output, exit codes, and one-line errors for bad input."""

from __future__ import annotations

import json

import pytest

import pyverify
from pyverify.catalog import entries_for
from pyverify.cli import main


def test_public_api_all_is_honest() -> None:
    for name in pyverify.__all__:
        assert hasattr(pyverify, name), name
    public = {n for n in dir(pyverify) if not n.startswith("_") and n[0].isupper()}
    assert public <= set(pyverify.__all__) | {"annotations"}


def test_catalog_json_lists_required_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data and all({"id", "rule", "kind", "lean_spec", "lean_proof", "statement"} <= set(d) for d in data)


def test_check_json_gd_entries_hold_in_both_modes(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["check", "--rule", "gradient_descent", "--samples", "40", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 0 and data["summary"]["all_held"]
    assert {r["mode"] for r in data["results"]} == {"float64", "exact"}
    assert all(r["status"] == "held" and r["instances"] > 0 for r in data["results"])


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["check", "--rule", "nope"], "unknown rule"),
        (["check", "--id", "nope"], "unknown catalog id"),
        (["check", "--samples", "-1"], "--samples=-1"),
        (["check", "--samples", "x"], "--samples"),
        (["check", "--mode", "float16"], "float16"),
        (["check", "--bogus"], "--bogus"),
        (["check", "--exact", "--mode", "float64"], "contradict"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = [ln for ln in captured.err.splitlines() if ln.strip()]
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in captured.err


# -- issue #14: no vacuous success, one JSON envelope, readable output, exit codes ---------------------------
def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    lines = [ln for ln in captured.err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in captured.err, captured.err
    return lines[0]


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["check", "--samples", "0"], "would check no instance"),
        (["check", "--necessity", "--samples", "0"], "would check no instance"),
        (["check", "--rule", "free_energy", "--exact"], "nothing to check"),
        (["check", "--necessity", "--exact"], "--necessity does not take --exact"),
        (["check", "--necessity", "--mode", "float32"], "--necessity does not take --mode float32"),
    ],
)
def test_checks_that_would_pass_vacuously_exit_2_and_say_why(
    argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    line = _one_error_line(capsys)
    assert line.startswith("InvalidArgumentError:") and needle in line


@pytest.mark.parametrize("extra", [[], ["--necessity"]])
def test_every_check_variant_prints_one_json_envelope(extra: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["check", "--rule", "lms", "--samples", "8", "--json", *extra])
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"results", "summary"}
    summary = doc["summary"]
    assert summary["schema"] == 1 and summary["variant"] == ("necessity" if extra else "check")
    assert summary["exit_code"] == rc == 0
    assert sum(summary["counts"].values()) == len(doc["results"]) > 0
    assert all(r["checked_by"] for r in doc["results"])
    if extra:
        assert summary["shown_necessary"] == sum(r["status"] == "counterexample" for r in doc["results"])
    else:
        assert summary["instances"] == sum(r["instances"] for r in doc["results"]) > 0


def _fake_results(monkeypatch: pytest.MonkeyPatch, result: object) -> None:
    import pyverify.checking as checking

    monkeypatch.setattr(checking, "check_entry", lambda e, m, n, s: result)


def _narrow_console(monkeypatch: pytest.MonkeyPatch, width: int = 80) -> None:
    from rich.console import Console

    from pyverify import cli

    monkeypatch.setattr(cli, "out", Console(width=width, force_terminal=False, color_system=None))


LONG_INSTANCE = {"w": [f"{k}/7" for k in range(40)], "eta": "123456789/987654321"}


def test_violation_at_80_columns_prints_the_whole_counterexample_below_the_table(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pyverify.checking import CheckResult

    cx = {"label": "dim=40", "margin": -0.5, "instance": LONG_INSTANCE}
    _fake_results(monkeypatch, CheckResult("lms.error_step", "float64", "violated", 3, -0.5, cx))
    _narrow_console(monkeypatch)
    assert main(["check", "--id", "lms.error_step", "--mode", "float64"]) == 1
    lines = capsys.readouterr().out.splitlines()
    body = lines.index("   " + json.dumps(LONG_INSTANCE))  # whole, on one line (the terminal wraps it), copyable
    assert all(len(ln) <= 80 for k, ln in enumerate(lines) if k != body)  # the table fits 80 columns
    row = next(ln for ln in lines if ln.startswith("lms.error_step"))
    assert "violated" in row and "see #1" in row
    assert lines[body - 1] == "#1 violated lms.error_step [float64] (dim=40, margin -0.5):"


def test_wide_puts_the_counterexample_in_the_table(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from pyverify.checking import CheckResult

    cx = {"label": "dim=40", "margin": -0.5, "instance": LONG_INSTANCE}
    _fake_results(monkeypatch, CheckResult("lms.error_step", "float64", "violated", 3, -0.5, cx))
    _narrow_console(monkeypatch)
    assert main(["check", "--id", "lms.error_step", "--mode", "float64", "--wide"]) == 1
    text = capsys.readouterr().out
    row = next(ln for ln in text.splitlines() if ln.startswith("lms.error_step"))
    assert json.dumps(LONG_INSTANCE) in row and "see #" not in text


def test_an_entry_with_no_decided_instance_exits_2_and_names_it(monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    from pyverify.checking import CheckResult

    reason = "a value is not finite in float32 (overflow past its range, or 0/0)"
    res = CheckResult("hebbian.growth", "float32", "undecided", 0, message=f"5 instance(s) not decidable in float32: "
                      f"{reason} (5)", undecided=5, undecided_reasons={reason: 5},
                      undecided_example={"label": "big", "reason": reason, "instance": {"eta": "27"}})
    _fake_results(monkeypatch, res)
    _narrow_console(monkeypatch)
    assert main(["check", "--id", "hebbian.growth", "--mode", "float32"]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("NothingDecided:") and "hebbian.growth [float32]" in captured.err
    assert reason in " ".join(captured.out.split())  # the header line may wrap at 80 columns
    assert '   e.g. {"eta": "27"}' in captured.out.splitlines()


def test_necessity_streams_one_line_per_hypothesis(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--necessity", "--rule", "lms", "--samples", "20"]) == 0
    out = capsys.readouterr().out
    rows = [ln for ln in out.splitlines() if ln.startswith("lms.") and "  tried " in ln]
    searched = sum(len(e.necessity) for e in entries_for(rule="lms"))  # one row per hypothesis with a sampler
    assert searched >= 3 and len(rows) == searched and all("counterexample" in ln for ln in rows)
    assert out.index(rows[-1]) < out.index("#1 lms.")  # rows come first, counterexamples after, in full


@pytest.mark.parametrize("content, needle", [
    ('{"hello": 1}', "family=None is not one of prove, refute, tune"),
    ('[1, 2]', "it holds a JSON list"),
    ('{"family": "prove"}', "it has no lean_spec"),
    ('{"family": "tune", "id": "x"}', "is not a tune task (task is missing fields"),
])
def test_verify_with_a_file_that_is_not_a_task_exits_2(
    content: str, needle: str, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    base = Path(str(tmp_path))
    (base / "t.json").write_text(content, encoding="utf-8")
    (base / "a.txt").write_text("rfl", encoding="utf-8")
    assert main(["verify", "--task", str(base / "t.json"), "--answer", str(base / "a.txt")]) == 2
    line = _one_error_line(capsys)
    assert line.startswith("InvalidArgumentError:") and needle in line and "pyverify tasks export" in line


def test_verify_exit_codes_follow_the_verdict(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    from pyverify.tasks import generate, reference_answer

    base = Path(str(tmp_path))
    task = generate("tune", rule="td0")[0]
    (base / "t.json").write_text(task.dumps(), encoding="utf-8")
    (base / "good.txt").write_text(json.dumps(reference_answer(task)), encoding="utf-8")
    (base / "bad.txt").write_text("not json", encoding="utf-8")
    assert main(["verify", "--task", str(base / "t.json"), "--answer", str(base / "good.txt")]) == 0
    assert main(["verify", "--task", str(base / "t.json"), "--answer", str(base / "bad.txt")]) == 1
    assert "invalid" in capsys.readouterr().out


def test_verify_a_prove_task_without_a_toolchain_exits_3(tmp_path: object, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    from pyverify.tasks import generate
    from pyverify.verify import batch
    from pyverify.verify.verdict import Verdict

    base = Path(str(tmp_path))
    (base / "t.json").write_text(generate("prove", rule="lms")[0].dumps(), encoding="utf-8")
    (base / "a.txt").write_text("by simp", encoding="utf-8")
    # the verdict a machine without lake gets (whether this one has lake or not)
    monkeypatch.setattr(batch, "check_one", lambda *a, **k: Verdict("unavailable", reason="Lean not checked: no toolchain"))
    assert main(["verify", "--task", str(base / "t.json"), "--answer", str(base / "a.txt")]) == 3
    assert "unavailable" in capsys.readouterr().out


def test_lean_build_says_what_it_waits_for_on_a_terminal(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from rich.console import Console

    from pyverify import cli
    from pyverify.lean import toolchain

    stream = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=stream, force_terminal=True, width=120))
    seen: list[str] = []

    def probe() -> None:
        seen.append(stream.getvalue())  # what the terminal shows while the probe runs
        return None

    monkeypatch.setattr(toolchain, "find_toolchain", probe)
    assert main(["lean", "build"]) == 3  # no toolchain: an environment problem
    assert seen and "looking for a Lean toolchain" in seen[0] and "120 s" in seen[0]
    assert "Lean not checked" in capsys.readouterr().out
