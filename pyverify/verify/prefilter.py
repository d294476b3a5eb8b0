"""The pre-filter: a fast, conservative text check of a `prove` answer before any Lean runs.

It is a *first filter only*: the answers it lets through are still elaborated in the sandbox and audited
(axioms, exact type, no extra declarations) by `pyverify.verify.prove`. What it rejects:

* **Malformed text:** more than `MAX_ANSWER_BYTES`, NUL bytes, control characters (tab, CR, form feed,
  vertical tab and the other C0/C1 controls: they can fake indentation or line breaks), and the Unicode line
  and paragraph separators U+2028/U+2029 and NEL U+0085.
* **Command-level content:** any code line after the first that starts in column 0 (the verifier indents
  the answer inside ``theorem <fresh> : <spec> :=``), and the command keywords in `COMMAND_KEYWORDS`
  (``theorem``, ``def``, ``axiom``, ``set_option``, ``import``, ``open``, ``#eval``/``#print``/any ``#cmd``,
  …) wherever they occur as a token outside comments. Lean's term parser is not column-sensitive, so a
  keyword such as ``theorem`` ends the term and opens a new command even when it is indented.
* **Banned constructs** (`HARD_BANNED`): ``native_decide``, ``decide +native`` (the token ``native``),
  ``run_tac``, ``Lean.ofReduceBool``/``trustCompiler``, ``implemented_by``, ``extern``, ``unsafe``,
  ``debug.skipKernelTC``, ``@[``, … and ``sorry``/``admit`` (status ``sorry``). These are searched in the
  whole text, comments included, so that no disagreement between this lexer and Lean's about where a comment
  ends can hide them.
* **The same, built from pieces:** the text is normalised first (NFKC, zero-width/bidi/format characters
  removed, ``«»`` name quotes resolved), string and character literals are decoded (``\\u{..}``, ``\\x..``
  escapes) and concatenated, and backtick name literals (`` `Lean.ofReduceBool ``) are collected; a banned
  name spelled by the decoded pieces together (``"nat" ++ "ive_decide"``,
  ``Name.mkStr .anonymous "ofReduce" ++ "Bool"``) is rejected as well.
* **Invisible characters:** any Unicode format character (category ``Cf``) left after that, since the text
  Lean sees would differ from the text inspected here.

Every rejection is a `Verdict` with status ``forbidden`` (``construct`` names the thing) or ``sorry``.
"""

from __future__ import annotations

import re
import unicodedata

from .verdict import Verdict

__all__ = [
    "prefilter",
    "MAX_ANSWER_BYTES",
    "COMMAND_KEYWORDS",
    "HARD_BANNED",
    "SORRY_WORDS",
    "normalize",
    "decoded_fragments",
]

#: Answers longer than this (UTF-8 bytes) are rejected unread.
MAX_ANSWER_BYTES = 64 * 1024

#: Words that can only start (or modify) a command. Matched as whole tokens (or dot-separated components of
#: a token) in the answer with comments removed, since several are ordinary English words.
COMMAND_KEYWORDS: frozenset[str] = frozenset({
    "theorem", "lemma", "def", "abbrev", "instance", "axiom", "opaque", "example", "structure",
    "class", "inductive", "coinductive", "elab", "elab_rules", "macro", "macro_rules", "syntax", "notation",
    "infix", "infixl", "infixr", "prefix", "postfix", "set_option", "import", "prelude", "open",
    "namespace", "section", "end", "attribute", "local", "scoped", "export", "universe", "variable",
    "mutual", "deriving", "initialize", "builtin_initialize", "run_cmd", "run_elab", "run_meta", "partial",
    "private", "protected", "noncomputable", "nonrec", "declare_syntax_cat", "register_option", "omit",
    "include", "add_decl_doc", "declare_simp_like_tactic", "irreducible_def", "unif_hint", "grind_pattern",
    "simproc", "dsimproc", "builtin_simproc", "by_elab",
})

#: Banned anywhere in the text (comments included): (token, construct named in the verdict).
HARD_BANNED: dict[str, str] = {
    "native_decide": "native_decide",
    "native": "decide +native / native evaluation",
    "run_tac": "run_tac",
    "run_cmd": "run_cmd",
    "run_elab": "run_elab",
    "run_meta": "run_meta",
    "ofReduceBool": "Lean.ofReduceBool",
    "ofReduceNat": "Lean.ofReduceNat",
    "reduceBool": "Lean.reduceBool",
    "reduceNat": "Lean.reduceNat",
    "trustCompiler": "Lean.trustCompiler",
    "implemented_by": "implemented_by",
    "extern": "extern",
    "unsafe": "unsafe",
    "skipKernelTC": "debug.skipKernelTC",
    "set_option": "set_option",
    "maxHeartbeats": "set_option maxHeartbeats",
    "maxRecDepth": "set_option maxRecDepth",
    "import": "import",
    "axiom": "axiom",
    "initialize": "initialize",
    "builtin_initialize": "builtin_initialize",
    "elab": "elab",
    "elab_rules": "elab_rules",
    "macro": "macro",
    "macro_rules": "macro_rules",
    "by_elab": "by_elab",
    "evalExpr": "evaluation of meta code (evalExpr)",
    "evalConst": "evaluation of meta code (evalConst)",
    "addDecl": "declaration from meta code (addDecl)",
    "Environment": "environment manipulation from meta code",
}

#: Tokens that make the answer a `sorry` verdict.
SORRY_WORDS: frozenset[str] = frozenset({"sorry", "admit", "sorryAx", "stop"})

_ZERO_WIDTH_EXTRA = {"\u180e", "\u2060", "\ufeff", "\u200b", "\u200c", "\u200d"}
_LINE_SEPARATORS = {"\u2028": "U+2028 LINE SEPARATOR", "\u2029": "U+2029 PARAGRAPH SEPARATOR",
                    "\u0085": "U+0085 NEXT LINE"}
_CONTROL_NAMES = {"\t": "tab", "\r": "carriage return (CR)", "\x0b": "vertical tab", "\x0c": "form feed",
                  "\x00": "null byte"}
_IDENT_CHAR = re.compile(r"[\w'!?\u2070-\u209f\u1d62-\u1d6a]", re.UNICODE)
_TOKEN = re.compile(r"[^\W\d][\w'!?.]*", re.UNICODE)
_HASH_CMD = re.compile(r"#(?!v\[)([A-Za-z_][\w]*)")


def _is_ident_char(c: str) -> bool:
    return bool(_IDENT_CHAR.match(c)) and c not in "λΠΣ∀∃"


def normalize(text: str) -> str:
    """NFKC, with zero-width/bidi/format characters removed and ``«»`` name quotes dropped."""
    t = unicodedata.normalize("NFKC", text)
    t = "".join(c for c in t if unicodedata.category(c) != "Cf" and c not in _ZERO_WIDTH_EXTRA)
    return t.replace("«", "").replace("»", "")


def _decode_escape(s: str, i: int) -> tuple[str, int]:
    """Decode the Lean escape starting at the backslash ``s[i]``; returns (text, next index)."""
    if i + 1 >= len(s):
        return "\\", i + 1
    c = s[i + 1]
    simple = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "0": "\0"}
    if c in simple:
        return simple[c], i + 2
    if c == "x":
        m = re.match(r"[0-9a-fA-F]{2}", s[i + 2:])
        if m:
            return chr(int(m.group(0), 16)), i + 4
    if c == "u":
        m = re.match(r"\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{4})", s[i + 2:])
        if m:
            code = int(m.group(1) or m.group(2), 16)
            return (chr(code) if code <= 0x10FFFF else ""), i + 2 + len(m.group(0))
    if c == "\n":  # string gap: skip the newline and leading whitespace
        j = i + 2
        while j < len(s) and s[j] in " \n":
            j += 1
        return "", j
    return c, i + 2


class _Lexed:
    """The answer split into a code view (comments blanked, strings kept) and decoded literal fragments."""

    def __init__(self, text: str) -> None:
        self.code: list[str] = []
        self.fragments: list[str] = []
        self.error: str | None = None
        self._lex(text)

    def _lex(self, s: str) -> None:
        i, n = 0, len(s)
        while i < n:
            c = s[i]
            if s.startswith("--", i):
                j = s.find("\n", i)
                j = n if j < 0 else j
                self.code.append(" " * (j - i))
                i = j
            elif s.startswith("/-", i):
                depth, j = 1, i + 2
                while j < n and depth:
                    if s.startswith("/-", j):
                        depth, j = depth + 1, j + 2
                    elif s.startswith("-/", j):
                        depth, j = depth - 1, j + 2
                    else:
                        j += 1
                if depth:
                    self.error = "unterminated block comment `/-`"
                    return
                self.code.append("".join("\n" if ch == "\n" else " " for ch in s[i:j]))
                i = j
            elif c == '"':
                j, buf = i + 1, []
                while j < n and s[j] != '"':
                    if s[j] == "\\":
                        piece, j = _decode_escape(s, j)
                        buf.append(piece)
                    else:
                        buf.append(s[j])
                        j += 1
                if j >= n:
                    self.error = "unterminated string literal"
                    return
                self.fragments.append("".join(buf))
                self.code.append(s[i:j + 1])
                i = j + 1
            elif c == "'" and (i == 0 or not _is_ident_char(s[i - 1])):
                m = re.match(r"'(\\u\{[0-9a-fA-F]{1,6}\}|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\.|[^\\'\n])'", s[i:])
                if m:
                    body = m.group(1)
                    self.fragments.append(_decode_escape(body, 0)[0] if body.startswith("\\") else body)
                    self.code.append(m.group(0))
                    i += len(m.group(0))
                else:
                    self.code.append(c)
                    i += 1
            elif c == "`":
                m = re.match(r"`+[\w.'!?«»\u00c0-\U0010ffff]+", s[i:])
                if m:
                    self.fragments.append(m.group(0).lstrip("`").replace("«", "").replace("»", ""))
                    self.code.append(m.group(0))
                    i += len(m.group(0))
                else:
                    self.code.append(c)
                    i += 1
            else:
                self.code.append(c)
                i += 1


def decoded_fragments(answer: str) -> list[str]:
    """The decoded string/char/name literals of ``answer`` (after normalisation), in order."""
    return _Lexed(normalize(answer)).fragments


def _tokens(text: str) -> list[tuple[str, int]]:
    """Identifier-like tokens with their offsets; each token also yields its dot-separated components."""
    out: list[tuple[str, int]] = []
    for m in _TOKEN.finditer(text):
        tok = m.group(0).rstrip(".")
        out.append((tok, m.start()))
        if "." in tok:
            out.extend((part, m.start()) for part in tok.split(".") if part)
    return out


def _line_col(text: str, offset: int) -> dict[str, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1)
    return {"line": line, "column": col}


def _forbid(construct: str, reason: str, position: dict[str, int] | None = None) -> Verdict:
    return Verdict("forbidden", reason=reason, construct=construct, position=position)


def _check_raw(answer: str) -> Verdict | None:
    if not isinstance(answer, str):
        return _forbid("non-text answer", f"the answer must be a str, not {type(answer).__name__}")
    size = len(answer.encode("utf-8", errors="surrogatepass"))
    if size > MAX_ANSWER_BYTES:
        return _forbid("overlong answer", f"the answer has {size} bytes; the limit is {MAX_ANSWER_BYTES}")
    if not answer.strip():
        return Verdict("invalid", reason="the answer is empty; give a proof term or a `by` tactic block")
    for i, ch in enumerate(answer):
        if ch in _LINE_SEPARATORS:
            return _forbid(f"line separator {_LINE_SEPARATORS[ch]}",
                           "Unicode line/paragraph separators are not allowed (use \\n)", _line_col(answer, i))
        if ch in _CONTROL_NAMES:
            return _forbid(f"control character ({_CONTROL_NAMES[ch]})",
                           "tabs, CR, form feeds, vertical tabs and NUL are not allowed: indent with spaces and "
                           "end lines with \\n", _line_col(answer, i))
        cat = unicodedata.category(ch)
        if cat == "Cc" and ch != "\n":
            return _forbid(f"control character U+{ord(ch):04X}", "control characters are not allowed",
                           _line_col(answer, i))
        if cat == "Zs" and ch != " ":
            return _forbid(f"non-ASCII space U+{ord(ch):04X}", "indent with plain spaces (U+0020) only",
                           _line_col(answer, i))
        if cat == "Cs":
            return _forbid("lone surrogate", "the answer is not valid Unicode text", _line_col(answer, i))
    return None


def prefilter(answer: str) -> Verdict | None:
    """Return a rejecting `Verdict` for an answer that must not reach Lean, or ``None`` when it passes.

    Passing means only "not obviously malicious": the sandboxed elaboration and the audit decide validity.
    """
    raw = _check_raw(answer)
    if raw is not None:
        return raw
    norm = normalize(answer)
    # 1. Hard-banned tokens and sorry, anywhere (comments included), on the normalised text.
    for tok, off in _tokens(norm):
        if tok in SORRY_WORDS:
            return Verdict("sorry", reason=f"the answer uses `{tok}`: an incomplete proof earns no reward",
                           construct=tok, position=_line_col(norm, off))
        if tok in HARD_BANNED:
            return _forbid(HARD_BANNED[tok], f"`{tok}` is banned in answers", _line_col(norm, off))
    if "@[" in norm or re.search(r"@\s+\[", norm):
        return _forbid("attribute @[...]", "attributes (`@[...]`) are banned in answers",
                       _line_col(norm, norm.find("@")))
    m = _HASH_CMD.search(norm)
    if m:
        return _forbid(f"#{m.group(1)}", f"`#{m.group(1)}` is a command; answers may hold only a proof",
                       _line_col(norm, m.start()))
    # 2. Lexing: comments blanked, literals decoded.
    lexed = _Lexed(norm)
    if lexed.error:
        return _forbid(lexed.error, f"{lexed.error}: it would swallow the rest of the verifier's file")
    joined = "".join(lexed.fragments)
    dangerous = sorted((SORRY_WORDS | set(HARD_BANNED)) - {"native", "stop", "Environment"}, key=len, reverse=True)
    for frag in [*lexed.fragments, joined]:
        for word in dangerous:
            if word in frag:
                if word in SORRY_WORDS:
                    return Verdict("sorry", reason=f"`{word}` spelled by string/char/name literals", construct=word)
                return _forbid(f"{HARD_BANNED[word]} (built from literals)",
                               f"string/char/name literals spell the banned name `{word}`")
    if "native" in joined:
        return _forbid("native_decide (built from literals)",
                       "string/char/name literals spell `native` (native evaluation)")
    code = "".join(lexed.code)
    # 3. Command keywords in code (comments removed).
    for tok, off in _tokens(code):
        if tok in COMMAND_KEYWORDS:
            return _forbid(tok, f"`{tok}` starts or modifies a command; answers may hold only a proof",
                           _line_col(code, off))
    # 4. Column-0 code after the first line.
    lines = code.split("\n")
    for k, line in enumerate(lines[1:], start=2):
        if line and not line[0].isspace():
            return _forbid("column-0 text",
                           f"line {k} starts in column 0; every line after the first must be indented "
                           "(column-0 text would end the proof and start a command)",
                           {"line": k, "column": 0})
    # 5. Invisible format characters that survived (they were stripped for the checks above).
    for i, ch in enumerate(answer):
        if unicodedata.category(ch) == "Cf" or ch in _ZERO_WIDTH_EXTRA:
            return _forbid(f"format character U+{ord(ch):04X}",
                           "invisible format characters (zero-width, bidi) are not allowed", _line_col(answer, i))
    return None
