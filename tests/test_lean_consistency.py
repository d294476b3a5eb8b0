"""The catalog↔Lean consistency check: a broken fixture tree fails for each reason, the real repo passes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pyverify.errors import InvalidArgumentError
from pyverify.lean.consistency import PROBLEM_KINDS, check_consistency

FIX = Path(__file__).parent / "fixtures" / "lean"
REPO = Path(__file__).resolve().parent.parent
NS = "LearningRules.Demo"


@dataclass(frozen=True)
class FakeEntry:
    """The three fields the check reads from a catalog entry."""

    id: str
    lean_spec: str
    lean_proof: str


def _entry(name: str, proof: str | None = None, eid: str | None = None) -> FakeEntry:
    return FakeEntry(eid or f"demo.{name}", f"{NS}.{name}_spec", f"{NS}.{proof or name}")


GOOD_ENTRIES = [_entry("a"), _entry("b")]
BROKEN_ENTRIES = [
    _entry("a"), _entry("b"), _entry("c"), _entry("d"), _entry("f"), _entry("g", proof="g_thm"), _entry("h"),
    _entry("b", eid="demo.b_again"),
]


def test_consistent_tree_is_ok() -> None:
    report = check_consistency(FIX / "consistent", GOOD_ENTRIES)
    assert report.ok, [str(p) for p in report.problems]
    assert report.specs == 2 and report.theorems == 2


def test_consistent_tree_fails_when_an_entry_is_missing() -> None:
    report = check_consistency(FIX / "consistent", GOOD_ENTRIES[:1])
    assert not report.ok
    assert [(p.kind, p.name) for p in report.problems] == [("spec_uncatalogued", f"{NS}.b_spec")]


def test_broken_tree_fails_for_every_reason() -> None:
    report = check_consistency(FIX / "broken", BROKEN_ENTRIES)
    assert not report.ok
    found = {(p.kind, p.name) for p in report.problems}
    expected = {
        ("proof_wrong_statement", f"{NS}.a"),
        ("spec_not_prop", f"{NS}.b_spec"),
        ("spec_missing", f"{NS}.c_spec"),
        ("proof_missing", f"{NS}.c"),
        ("proof_missing", f"{NS}.d"),
        ("spec_uncatalogued", f"{NS}.e_spec"),
        ("proof_not_mirrored", f"{NS}.f"),
        ("proof_name_mismatch", f"{NS}.g_thm"),
        ("duplicate_declaration", f"{NS}.h_spec"),
        ("duplicate_entry", f"{NS}.b_spec"),
        ("duplicate_entry", f"{NS}.b"),
    }
    assert found == expected
    assert {k for k, _ in found} == set(PROBLEM_KINDS)
    d_problem = next(p for p in report.problems if p.name == f"{NS}.d")
    assert "`def`" in d_problem.message


def test_broken_tree_fails_against_the_real_catalog() -> None:
    report = check_consistency(FIX / "broken")
    assert not report.ok
    assert any(p.kind == "spec_missing" for p in report.problems)


def test_root_without_lean_dir_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="lean/"):
        check_consistency(tmp_path, GOOD_ENTRIES)


def test_real_repo_is_consistent() -> None:
    report = check_consistency(REPO)
    assert report.ok, "\n".join(str(p) for p in report.problems)


def test_cli_consistency_json_on_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    from pyverify.cli import app

    monkeypatch.chdir(REPO)
    res = CliRunner().invoke(app, ["lean", "consistency", "--json"])
    payload = json.loads(res.stdout)
    assert res.exit_code == (0 if payload["ok"] else 1)
    assert payload["entries"] > 0 and "problems" in payload
