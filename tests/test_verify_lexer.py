"""The pre-filter's lexer draws comment/code boundaries where Lean 4.35 does.

The oracle is the real prelude-only Lean 4.35.0 binary: a generated file mixes ``#print "…"`` commands (code),
line and nested block comments hiding ``#print`` commands, strings, raw strings and ``«…»`` identifiers full
of comment markers. Lean prints one message per ``#print`` it parsed as code (the string's decoded text, or
"Unknown constant" at the identifier), so the messages say exactly which parts Lean read as code; the lexer
must see the same ``#print`` tokens as code, decode the same strings and find the same identifiers.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyverify.verify.lexer import Lexed, lex

# -- unit cases: what each construct is -------------------------------------------------------------


def _kinds(text: str) -> list[tuple[str, str]]:
    lx = lex(text)
    assert lx.error is None, lx.error
    return [(t.kind, t.value) for t in lx.tokens]


def test_guillemet_identifier_holds_comment_markers() -> None:
    assert _kinds("«a -- b» c") == [("ident", "a -- b"), ("ident", "c")]
    assert _kinds("Foo.«x /- y».z") == [("ident", "Foo.x /- y.z")]


def test_nested_block_comments_and_doc_comments() -> None:
    assert _kinds("/- a /- b -/ c -/ d") == [("comment", " a /- b -/ c "), ("ident", "d")]
    assert _kinds("/-- doc -/ x") == [("comment", " doc "), ("ident", "x")]
    lx = lex('/- "-/" x')  # a string inside a comment is not a string: the comment ends at the first -/
    assert lx.tokens[0].kind == "comment" and lx.tokens[0].end == 6 and lx.error == "unterminated string literal"


def test_strings_chars_and_raw_strings() -> None:
    assert _kinds(r'"a -- \" /-" x') == [("string", 'a -- " /-'), ("ident", "x")]
    assert _kinds("'-' x") == [("char", "-"), ("ident", "x")]
    assert _kinds("h' x") == [("ident", "h'"), ("ident", "x")]
    assert _kinds('r#"a "-- b"# x') == [("string", 'a "-- b'), ("ident", "x")]
    assert _kinds(r'"\x41\u0042"') == [("string", "AB")]


@pytest.mark.parametrize("text,why", [
    ("x <--theorem", "comment marker"), ("x :/- y -/", "comment marker"), ('"abc', "unterminated string"),
    ("/- open", "unterminated block comment"), ("«abc", "unterminated identifier"), ("'ab'", "character literal"),
    ('s!"{x}"', "interpolated"), (r'"\q"', "unknown escape"), ('r#"abc"', "unterminated raw string"),
])
def test_the_lexer_refuses_what_it_cannot_read_like_lean(text: str, why: str) -> None:
    lx = lex(text)
    assert lx.error is not None and why in lx.error, lx.error


# -- the Lean oracle ---------------------------------------------------------------------------------
_TRICKY = [" a ", " -- ", " /- ", " -/ ", ' " ', " « ", " » ", " ' ", " r#\" ", " \\ ", " #print ", "\n  "]
_STR_PIECES = ["a", " ", "--", "/-", "-/", "«", "»", "'", '\\"', "\\\\", "\\n", "#print ", "r#", "}"]
_RAW_PIECES = ["a", " ", "--", "/-", "-/", "«", "»", "'", "\\", "#print ", '"x']
_ID_PIECES = ["a", " ", "--", "/-", "-/", '"', "'", "#print", "{", "\\"]
_CHARS = ["'-'", "'\"'", "'/'", "'«'", "'»'", "'\\''", "'\\\\'", "'{'", "'\\n'", "'#'", "'\\x41'"]


@st.composite
def _block(draw: Any, depth: int = 0) -> str:
    inner = [p for p in _TRICKY if p not in (" /- ", " -/ ")]  # nesting comes from the recursion only
    parts = draw(st.lists(st.sampled_from(inner + ["#print \"H\""]), max_size=6))
    if depth < 2 and draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), " " + draw(_block(depth=depth + 1)) + " ")
    return "/-" + " " + "".join(parts) + " -/"


@st.composite
def _item(draw: Any) -> tuple[str, str]:
    kind = draw(st.sampled_from(["code", "string", "raw", "ident", "line", "block", "char"]))
    if kind == "char":  # a char literal is no command: Lean reports it and goes on at the `#print` after it
        return kind, draw(st.sampled_from(_CHARS)) + ' #print "C"'

    if kind == "string":
        return kind, "#print \"S:" + "".join(draw(st.lists(st.sampled_from(_STR_PIECES), max_size=8))) + '"'
    if kind == "raw":
        body = "".join(draw(st.lists(st.sampled_from(_RAW_PIECES), max_size=8)))
        return kind, f'#print r#"R:{body}"#'
    if kind == "ident":
        return kind, "#print «I" + "".join(draw(st.lists(st.sampled_from(_ID_PIECES), max_size=8))) + "»"
    if kind == "line":
        return kind, "--" + "".join(draw(st.lists(st.sampled_from(_TRICKY[:-1] + ['#print "H"']), max_size=6)))
    if kind == "block":
        return kind, draw(_block())
    return kind, '#print "P"'


def _run_lean(lean: Path, text: str, tmp: Path) -> list[dict[str, Any]]:
    (tmp / "Oracle.lean").write_text("prelude\n" + text + "\n", encoding="utf-8")
    proc = subprocess.run([str(lean), "--json", "Oracle.lean"], cwd=tmp, capture_output=True, text=True, timeout=60)
    return [json.loads(x) for x in proc.stdout.splitlines() if x.startswith("{")]


def _offset(text: str, line: int, column: int) -> int:
    """Codepoint offset in ``text`` (the body after the ``prelude`` line) of Lean's 1-based line, 0-based column."""
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[:line - 2]) + column


def _lexer_view(lx: Lexed) -> tuple[set[int], dict[int, str]]:
    """Offsets of the ``#`` of every code ``#print``, and what each one prints (decoded string or name)."""
    code = lx.code
    starts: set[int] = set()
    printed: dict[int, str] = {}
    for k in range(len(code) - 2):
        if code[k].kind == "symbol" and code[k].value == "#" and code[k + 1].value == "print" \
                and code[k + 1].start == code[k].end:
            starts.add(code[k].start)
            printed[code[k].start] = code[k + 2].value
    return starts, printed


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(_item(), min_size=1, max_size=30), seps=st.lists(st.sampled_from(["\n", "\n\n", " "]),
                                                                         min_size=30, max_size=30))
def test_lexer_boundaries_agree_with_lean(items: list[tuple[str, str]], seps: list[str], prelude_lean: Path,
                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    # a line comment runs to the end of its line: always end it with a newline
    text = "".join(t + ("\n" if k == "line" else sep) for (k, t), sep in zip(items, seps))
    lx = lex(text)
    assert lx.error is None, (lx.error, text)  # the generator writes only well-formed text
    msgs = _run_lean(prelude_lean, text, tmp_path_factory.mktemp("oracle"))
    chars = {t.start for t in lx.tokens if t.kind == "char"}  # Lean reports "expected command" at a char literal
    assert not [m for m in msgs if m["severity"] == "error" and "Unknown constant" not in m["data"]
                and not ("expected command" in m["data"]
                         and _offset(text, m["pos"]["line"], m["pos"]["column"]) in chars)], (msgs, text)
    lean_starts = {_offset(text, m["pos"]["line"], m["pos"]["column"]) for m in msgs if m["severity"] == "information"}
    idents = {_offset(text, m["pos"]["line"], m["pos"]["column"]) for m in msgs if "Unknown constant" in m["data"]}
    ours, printed = _lexer_view(lx)
    ours_idents = {t.start for t in lx.code for s in ours if t.start == s + len("#print ") and t.kind == "ident"}
    assert lean_starts | {i - len("#print ") for i in idents} == ours, text
    assert ours_idents == idents, text
    for m in msgs:
        if m["severity"] == "information":
            assert printed[_offset(text, m["pos"]["line"], m["pos"]["column"])] == m["data"], (m, text)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.sampled_from(_TRICKY + _CHARS + ['#print "H"', '"', "«", "»", "-/", "/-", "--", "x"]),
                      max_size=25))
def test_lean_never_reads_code_where_the_lexer_sees_none(pieces: list[str], prelude_lean: Path,
                                                         tmp_path_factory: pytest.TempPathFactory) -> None:
    """Arbitrary soups of comment markers and quotes: whenever the lexer accepts the text, every ``#print``
    that Lean executed is one that the lexer sees as code (the direction that matters for safety)."""
    text = "".join(pieces)
    lx = lex(text)
    if lx.error is not None:
        return
    msgs = _run_lean(prelude_lean, text, tmp_path_factory.mktemp("soup"))
    ours, _ = _lexer_view(lx)
    for m in msgs:
        if m["severity"] == "information":
            assert _offset(text, m["pos"]["line"], m["pos"]["column"]) in ours, (m, text)
