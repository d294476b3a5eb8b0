"""Parsers for Lean's JSON and text diagnostics and `#print axioms` answers (no Lean needed)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyverify.errors import InvalidArgumentError
from pyverify.lean.diagnostics import (
    Diagnostic,
    axioms_from_diagnostics,
    is_sorry_warning,
    parse_axioms_message,
    parse_axioms_text,
    parse_json_diagnostics,
    parse_text_diagnostics,
)

_ident = st.from_regex(r"[A-Za-z_][A-Za-z0-9_']{0,8}", fullmatch=True)
lean_names = st.lists(_ident, min_size=1, max_size=3).map(".".join)


@given(name=lean_names, axioms=st.sets(lean_names, max_size=6))
def test_axioms_message_roundtrip(name: str, axioms: set[str]) -> None:
    if axioms:
        msg = f"'{name}' depends on axioms: [{', '.join(sorted(axioms))}]"
    else:
        msg = f"'{name}' does not depend on any axioms"
    assert parse_axioms_message(msg) == (name, frozenset(axioms))


def test_wrapped_axiom_list_is_parsed() -> None:
    msg = "'LearningRules.GD.descent' depends on axioms: [propext,\n Classical.choice,\n Quot.sound]"
    assert parse_axioms_message(msg) == (
        "LearningRules.GD.descent", frozenset({"propext", "Classical.choice", "Quot.sound"})
    )


@pytest.mark.parametrize("msg", ["declaration uses `sorry`", "unknown constant 'x'", "'x' depends on"])
def test_non_axiom_messages_are_not_parsed(msg: str) -> None:
    assert parse_axioms_message(msg) is None


def test_json_lines_and_garbage_are_separated() -> None:
    good = {
        "caption": "", "data": "declaration uses `sorry`", "endPos": {"column": 10, "line": 12},
        "fileName": "c.lean", "isSilent": False, "keepFullRange": False, "kind": "hasSorry",
        "pos": {"column": 8, "line": 12}, "severity": "warning",
    }
    info = dict(good, data="'t' depends on axioms: [cheat]", kind="[anonymous]", severity="information",
                endPos=None)
    text = "\n".join([
        json.dumps(good), "INTERNAL PANIC: out of memory", "", json.dumps({"not": "a message"}),
        "{broken json", json.dumps(info),
    ])
    diags, other = parse_json_diagnostics(text)
    assert [d.severity for d in diags] == ["warning", "information"]
    assert diags[0].is_sorry and diags[0].line == 12 and diags[0].column == 8
    assert diags[1].kind is None and diags[1].end_line is None
    assert other == ["INTERNAL PANIC: out of memory", json.dumps({"not": "a message"}), "{broken json"]
    assert axioms_from_diagnostics(diags) == {"t": frozenset({"cheat"})}


def test_axioms_only_from_information_messages() -> None:
    fake = Diagnostic("f.lean", 1, 0, "error", "'t' does not depend on any axioms")
    assert axioms_from_diagnostics([fake]) == {}


def test_old_style_sorry_text_is_detected() -> None:
    assert is_sorry_warning(Diagnostic("f.lean", 3, 8, "warning", "declaration uses 'sorry'"))
    assert not is_sorry_warning(Diagnostic("f.lean", 3, 8, "information", "declaration uses 'sorry'"))
    assert not is_sorry_warning(Diagnostic("f.lean", 3, 8, "warning", "unused variable `sorry`"))


def test_text_diagnostics_both_shapes_and_continuations() -> None:
    lines = [
        "✖ [4/5] Building Foo.Bar (2.1s)",
        "error: Foo/Bar.lean:70:10: Type mismatch",
        "  Nat.succ_le_succ (ih xs)",
        "has type",
        "Foo/Bar.lean:3:8: warning: declaration uses 'sorry'",
        "error: Lean exited with code 1",
        "Some required targets logged failures:",
        "- Foo.Bar",
        "error: build failed",
    ]
    diags, other = parse_text_diagnostics(lines)
    assert [(d.file, d.line, d.column, d.severity) for d in diags] == [
        ("Foo/Bar.lean", 70, 10, "error"), ("Foo/Bar.lean", 3, 8, "warning"),
    ]
    assert diags[0].message == "Type mismatch\n  Nat.succ_le_succ (ih xs)\nhas type"
    assert diags[1].is_sorry
    assert other == [lines[0], *lines[5:]]


def test_plain_axioms_text() -> None:
    text = "'a' depends on axioms: [propext, Quot.sound]\nnoise\n'b' does not depend on any axioms\n"
    assert parse_axioms_text(text) == {"a": frozenset({"propext", "Quot.sound"}), "b": frozenset()}


def test_non_string_input_is_rejected() -> None:
    with pytest.raises(InvalidArgumentError, match="text must be str"):
        parse_json_diagnostics(b"{}")  # type: ignore[arg-type]
