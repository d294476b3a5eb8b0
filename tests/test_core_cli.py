"""The CLI: JSON output, exit codes, and one-line errors for bad input."""

from __future__ import annotations

import json

import pytest

import pyverify
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
    assert rc == 0 and data["all_held"]
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
