"""The Lean source audit flags each banned construct at its line, and nothing inside comments or strings.

The fixture files mark every line that must be flagged with a trailing comment ``EXPECT: c1, c2``; the test
compares the audit's findings with those markers exactly, so a missed construct and a false alarm both fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from pyverify.errors import InvalidArgumentError
from pyverify.lean.audit import audit_source, audit_tree

FIX = Path(__file__).parent / "fixtures" / "lean" / "audit"
REPO = Path(__file__).resolve().parent.parent
BANNED_WORDS = ["sorry", "admit", "axiom", "native_decide", "implemented_by", "extern", "unsafe", "partial"]


def _expected(root: Path) -> set[tuple[str, int, str]]:
    out: set[tuple[str, int, str]] = set()
    for path in sorted(root.rglob("*.lean")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            m = re.search(r"-- EXPECT: (.*)$", line)
            if m:
                for c in m.group(1).split(","):
                    out.add((path.relative_to(root).as_posix(), i, c.strip()))
    return out


def test_fixture_findings_match_markers_exactly() -> None:
    report = audit_tree(FIX)
    assert not report.ok
    got = {(f.file, f.line, f.construct) for f in report.findings}
    assert got == _expected(FIX)
    assert len(report.files) == 2


def test_every_required_construct_is_covered_by_the_fixture() -> None:
    constructs = {c for _, _, c in _expected(FIX)}
    required = set(BANNED_WORDS) | {"set_option debug", "syntax extension in proofs", "missing_docstring",
                                    "decide +native", "ofReduceBool"}
    assert required <= constructs


@given(word=st.sampled_from(BANNED_WORDS), where=st.sampled_from(["line", "block", "doc", "string", "nested"]))
def test_banned_word_hidden_in_comment_or_string_is_not_flagged(word: str, where: str) -> None:
    hidden = {
        "line": f"-- {word}\n",
        "block": f"/- {word} -/\n",
        "doc": f"/-- uses {word} -/\n",
        "string": f'/-- s -/\ndef s : String := "{word}"\n',
        "nested": f"/- outer /- inner -/ {word} -/\n",
    }[where]
    src = hidden + "/-- fine -/\ntheorem t : True := trivial\n"
    assert audit_source(src, "x.lean", in_proofs=True) == []


@given(word=st.sampled_from(BANNED_WORDS), prefix=st.sampled_from(["", "(", "by ", "⟨"]))
def test_banned_word_in_code_is_flagged(word: str, prefix: str) -> None:
    src = f"/-- d -/\ntheorem t : True := {prefix}{word}\n"
    found = audit_source(src, "x.lean")
    assert [(f.line, f.construct) for f in found] == [(2, word)]


def test_syntax_extensions_allowed_in_spec_not_in_proofs() -> None:
    src = '/-- n -/\nnotation "⟪" x "⟫" => x\n'
    assert audit_source(src, "s.lean", in_proofs=False) == []
    assert [f.construct for f in audit_source(src, "p.lean", in_proofs=True)] == ["syntax extension in proofs"]


def test_missing_docstring_names_the_declaration() -> None:
    found = audit_source("namespace A\ntheorem t : True := trivial\nend A\n", "x.lean")
    assert len(found) == 1 and "A.t" in found[0].detail and found[0].line == 2


def test_root_without_sources_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="lean/ or proofs/"):
        audit_tree(tmp_path)


def test_real_repo_passes_the_audit() -> None:
    report = audit_tree(REPO)
    assert report.ok, "\n".join(str(f) for f in report.findings)


def test_cli_audit_json(monkeypatch: pytest.MonkeyPatch) -> None:
    from pyverify.cli import app

    monkeypatch.chdir(REPO)
    res = CliRunner().invoke(app, ["lean", "audit", "--json"])
    payload = json.loads(res.stdout)
    assert res.exit_code == (0 if payload["ok"] else 1)
    assert payload["files"] > 0
