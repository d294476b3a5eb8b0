"""A tokenizer that splits Lean 4 source text where Lean's own tokenizer does: comments, strings, chars,
raw strings, ``«…»`` identifiers, numbers, symbols.

The pre-filter (`pyverify.verify.prefilter`) decides from these tokens what is code and what is a comment,
so it must draw the boundaries exactly as Lean 4.35 does (``Lean.Parser.Basic``: ``whitespace``,
``finishCommentBlock``, ``identFn``, ``strLitFnAux``, ``charLitFnAux``, ``rawStrLitFnAux``). Where this
module cannot be sure that it agrees, it refuses (`Lexed.error`) instead of guessing:

* **Comments.** ``--`` to the end of the line; ``/-`` … ``-/`` nested (``/-`` opens, ``-/`` closes, the
  same left-to-right scan as ``finishCommentBlock``; strings inside a comment are not strings). ``/--`` and
  ``/-!`` (doc comments) are comments whose body starts after the third character.
* **Comment markers glued to a symbol.** Lean reads symbols by longest match in its token table before it
  looks for a comment, so ``<--x`` is ``<-``, ``-``, ``x`` (code), not a comment. This tokenizer does not
  hold Lean's token table; a ``--`` or ``/-`` directly after a symbol character is refused
  (``comment marker after a symbol``).
* **Identifiers.** A letter, ``_`` or letter-like character starts one; letters, digits, ``_``, ``'``,
  ``!``, ``?`` and subscripts continue it; ``.`` followed by an identifier start continues it with another
  component. ``«…»`` is an escaped component that runs to the next ``»`` (anything inside, comment markers
  included, is part of the name).
* **Strings** ``"…"`` with Lean's escapes (``\\\\ \\" \\' \\n \\t \\r \\xHH \\uHHHH`` and the string gap
  ``\\`` + newline); an unknown escape is refused. **Raw strings** ``r"…"``, ``r#"…"#`` (any number of
  ``#``), no escapes. **Chars** ``'c'`` / ``'\\n'`` where a token starts (after an identifier ``'`` is part
  of the name).
* **Interpolated strings** (``s!"…{code}…"``, ``m!``, ``throwError "…"``) hold code inside braces; a string
  literal containing ``{`` is refused rather than split.

Anything unterminated is refused with the construct's name. `lex` never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Token", "Lexed", "lex", "TokenKind", "is_id_start", "is_id_rest"]

TokenKind = Literal["ident", "number", "string", "char", "symbol", "comment"]

# Brackets and separators that are always single-character tokens in Lean, so a comment marker right after
# one of them is unambiguous.
_STANDALONE = set("()[]{}⟨⟩,;`\"'»")
_SIMPLE_ESCAPES = {"\\": "\\", '"': '"', "'": "'", "n": "\n", "t": "\t", "r": "\r"}
_NUMBER = re.compile(r"0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def _is_letter_like(c: str) -> bool:
    o = ord(c)
    return ((0x3B1 <= o <= 0x3C9 and o != 0x3BB) or (0x391 <= o <= 0x3A9 and o not in (0x3A0, 0x3A3))
            or 0x3CA <= o <= 0x3FB or 0x1F00 <= o <= 0x1FFE or 0x2100 <= o <= 0x214F
            or 0x1D49C <= o <= 0x1D59F)


def _is_subscript(c: str) -> bool:
    o = ord(c)
    return 0x2080 <= o <= 0x2089 or 0x2090 <= o <= 0x209C or 0x1D62 <= o <= 0x1D6A or o == 0x2C7C


def is_id_start(c: str) -> bool:
    """Whether ``c`` starts an identifier (Lean's ``isIdFirst``: letters, ``_``, letter-like symbols)."""
    return c == "_" or (c.isascii() and c.isalpha()) or _is_letter_like(c)


def is_id_rest(c: str) -> bool:
    """Whether ``c`` continues an identifier (Lean's ``isIdRest``)."""
    return is_id_start(c) or (c.isascii() and c.isdigit()) or c in "'!?" or _is_subscript(c)


@dataclass(frozen=True)
class Token:
    """One token: ``kind``, its text span ``[start, end)`` in the source, and ``value``: the name of an
    identifier (components joined by ``.``, ``«»`` removed), the decoded text of a string/char, the body of a
    comment, or the text itself."""

    kind: TokenKind
    start: int
    end: int
    value: str
    quoted: bool = False  # an identifier with a «…» component


@dataclass
class Lexed:
    """The tokens of a text (comments included, whitespace omitted), or the reason it was refused."""

    text: str
    tokens: list[Token] = field(default_factory=list)
    error: str | None = None
    error_offset: int | None = None

    @property
    def code(self) -> list[Token]:
        """The tokens that are not comments."""
        return [t for t in self.tokens if t.kind != "comment"]

    def comment_spans(self) -> list[tuple[int, int]]:
        """``[start, end)`` of every comment."""
        return [(t.start, t.end) for t in self.tokens if t.kind == "comment"]


class _Refuse(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def _block_comment_end(s: str, i: int) -> int:
    """The index just past the ``-/`` that closes a block comment whose body starts at ``i`` (depth 1)."""
    depth, n = 1, len(s)
    while i < n:
        c = s[i]
        if c == "-" and i + 1 < n and s[i + 1] == "/":
            depth -= 1
            i += 2
            if depth == 0:
                return i
        elif c == "/" and i + 1 < n and s[i + 1] == "-":
            depth += 1
            i += 2
        else:
            i += 1
    raise _Refuse("unterminated block comment `/-`", i)


def _escape(s: str, i: int, in_char: bool) -> tuple[str, int]:
    """Decode the escape whose backslash is at ``s[i]``; ``(text, next index)``."""
    if i + 1 >= len(s):
        raise _Refuse("unterminated escape", i)
    c = s[i + 1]
    if c in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[c], i + 2
    if c == "x":
        m = re.match(r"[0-9a-fA-F]{2}", s[i + 2:i + 4])
        if m:
            return chr(int(m.group(0), 16)), i + 4
    if c == "u":
        m = re.match(r"[0-9a-fA-F]{4}", s[i + 2:i + 6])
        if m:
            return chr(int(m.group(0), 16)), i + 6
    if c == "\n" and not in_char:  # string gap: newline and the following spaces are dropped
        j = i + 2
        while j < len(s) and s[j] in " \t":
            j += 1
        return "", j
    raise _Refuse(f"unknown escape `\\{c}` in a literal", i)


def _string(s: str, i: int) -> tuple[str, int]:
    j, buf, n = i + 1, [], len(s)
    while j < n and s[j] != '"':
        if s[j] == "\\":
            piece, j = _escape(s, j, False)
            buf.append(piece)
        else:
            buf.append(s[j])
            j += 1
    if j >= n:
        raise _Refuse("unterminated string literal", i)
    text = s[i + 1:j]
    if "{" in text:
        raise _Refuse("string literal containing `{` (an interpolated string holds code in braces)", i)
    return "".join(buf), j + 1


def _raw_string_start(s: str, i: int) -> int | None:
    """If a raw string starts at ``s[i] == 'r'``, the number of ``#``; else ``None``."""
    j = i + 1
    while j < len(s) and s[j] == "#":
        j += 1
    return j - i - 1 if j < len(s) and s[j] == '"' else None


def _raw_string(s: str, i: int, hashes: int) -> tuple[str, int]:
    body = i + 2 + hashes
    close = '"' + "#" * hashes
    j = s.find(close, body)
    if j < 0:
        raise _Refuse("unterminated raw string literal", i)
    return s[body:j], j + len(close)


def _char(s: str, i: int) -> tuple[str, int]:
    if i + 1 >= len(s):
        raise _Refuse("unterminated character literal", i)
    if s[i + 1] == "\\":
        val, j = _escape(s, i + 1, True)
    else:
        val, j = s[i + 1], i + 2
    if j >= len(s) or s[j] != "'":
        raise _Refuse("unterminated character literal", i)
    return val, j + 1


def _ident(s: str, i: int) -> tuple[str, int, bool]:
    parts: list[str] = []
    quoted = False
    n = len(s)
    while True:
        if s[i] == "«":
            j = s.find("»", i + 1)
            if j < 0:
                raise _Refuse("unterminated identifier escape `«`", i)
            parts.append(s[i + 1:j])
            quoted = True
            i = j + 1
        else:
            j = i + 1
            while j < n and is_id_rest(s[j]):
                j += 1
            parts.append(s[i:j])
            i = j
        if i + 1 < n and s[i] == "." and (is_id_start(s[i + 1]) or s[i + 1] == "«"):
            i += 1
            continue
        return ".".join(parts), i, quoted


def _lex(s: str, out: list[Token]) -> None:
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c.isspace():
            i += 1
            continue
        if s.startswith("--", i) or s.startswith("/-", i):
            prev = s[i - 1] if i else " "
            if not (prev.isspace() or is_id_rest(prev) or prev in _STANDALONE):
                raise _Refuse(f"comment marker `{s[i:i + 2]}` directly after the symbol `{prev}` (Lean may read "
                              "the symbol and the marker's first character as one token); add a space", i)
            if c == "-":
                j = s.find("\n", i)
                j = n if j < 0 else j
                out.append(Token("comment", i, j, s[i + 2:j]))
            else:
                body = i + 3 if i + 2 < n and s[i + 2] in "-!" else i + 2
                j = _block_comment_end(s, body)
                out.append(Token("comment", i, j, s[body:j - 2]))
            i = j
        elif c == '"':
            val, j = _string(s, i)
            out.append(Token("string", i, j, val))
            i = j
        elif c == "r" and (h := _raw_string_start(s, i)) is not None:
            val, j = _raw_string(s, i, h)
            out.append(Token("string", i, j, val))
            i = j
        elif s.startswith("''", i):
            out.append(Token("symbol", i, i + 2, "''"))
            i += 2
        elif c == "'":
            val, j = _char(s, i)
            out.append(Token("char", i, j, val))
            i = j
        elif is_id_start(c) or c == "«":
            val, j, quoted = _ident(s, i)
            out.append(Token("ident", i, j, val, quoted))
            i = j
        elif c.isdigit():
            m = _NUMBER.match(s, i)
            j = m.end() if m else i + 1
            out.append(Token("number", i, j, s[i:j]))
            i = j
        else:
            out.append(Token("symbol", i, i + 1, c))
            i += 1


def lex(text: str) -> Lexed:
    """Tokenize ``text`` as Lean would (see the module docstring); ``error`` says why it was refused."""
    res = Lexed(text)
    try:
        _lex(text, res.tokens)
    except _Refuse as exc:
        res.error, res.error_offset = str(exc), exc.offset
    return res
