"""The pre-filter: a fast, conservative text check of a `prove` answer before any Lean runs.

It is a *first filter only*: the answers it lets through are still elaborated in the sandbox, audited
(axioms, exact type, exact auxiliary names) and replayed by an independent kernel checker by
`pyverify.verify.prove`. It reads the answer with `pyverify.verify.lexer`, which splits comments, strings,
chars, raw strings and ``«…»`` identifiers exactly where Lean 4.35 does (and refuses text where it could
not be sure: a comment marker glued to a symbol, an interpolated string, anything unterminated). What it
rejects:

* **Malformed text:** more than `MAX_ANSWER_BYTES`, NUL bytes, control characters (tab, CR, form feed,
  vertical tab and the other C0/C1 controls: they can fake indentation or line breaks), the Unicode line
  and paragraph separators U+2028/U+2029 and NEL U+0085, non-ASCII spaces, and invisible format characters
  (category ``Cf``: zero-width, bidi).
* **Command-level content, in code only** (comments are not scanned for commands, so
  ``-- #check foo`` inside a proof is fine): any code line after the first that starts in column 0, any
  ``#cmd`` token, ``@[``, and the command keywords in `COMMAND_KEYWORDS` (``theorem``, ``def``, ``axiom``,
  ``import``, …). Lean's term parser is not column-sensitive, so such a keyword ends the term and opens a
  new command even when it is indented. Two command-like forms are accepted because they only scope the
  term that follows (`SCOPED_FORMS`):

  - ``open A B … in`` (plain namespace names, optionally ``scoped``): changes name resolution only;
    every name is still subject to the checks here and to the audit's ``#print axioms``;
  - ``set_option <name> <literal> in`` for the options in `SAFE_OPTIONS`, each of which changes only how
    messages are printed or which warnings a linter emits (the reason is listed with each).
* **Code run while elaborating** (`CONFIG_LITERALS_ONLY`): Lean compiles and evaluates the value of a
  tactic configuration ``(config := e)``, ``(maxSteps := e)``, ``(x := e)`` in the elaborating process
  (``Lean.Elab.Tactic.Config``). Every parenthesised ``(name := value)`` must therefore have a literal value
  (a number, string, char, ``true``/``false``, ``.ctor``, or ``{ field := literal, … }`` of those), unless it
  is a named argument of a qualified constant (``Nat.rec (motive := …)``, ``@f (x := …)``: a tactic name is
  never dotted), a named argument of a term application (`TERM_INTRODUCERS`: ``exact le_trans (b := x) h₁ h₂``,
  ``have h := f (n := k + 1)``, ``refine ⟨g (x := y), ?_⟩``, the application on one line right after
  ``exact``/``apply``/``refine``/``refine'``/``specialize``/``from``/``:=``/``⟨``, where Lean parses a term, whose
  named arguments are elaborated, never compiled), or a discharger (``disch``/``discharger``: a tactic,
  interpreted, not compiled). Tactic configurations (``simp (maxSteps := …)``, ``apply (config := …) e``, after
  ``by``, ``;``, ``<;>``, ``|``, ``=>``, ``(`` or a line break) stay literal-only.
* **Banned constructs** (`HARD_BANNED`, in code): ``native_decide``, ``decide +native`` (the token
  ``native``), ``run_tac``, ``Lean.ofReduceBool``/``trustCompiler``, ``implemented_by``, ``extern``,
  ``unsafe``, ``debug.skipKernelTC``, ``evalExpr``, ``eval%``, … and ``sorry``/``admit``/``stop``
  (status ``sorry``), also as components of a dotted or ``«»``-quoted name.
* **The same, built from pieces:** string, char and backtick-name literals are decoded and concatenated; a
  banned name spelled by the decoded pieces together (``"nat" ++ "ive_decide"``,
  ``Name.mkStr .anonymous "ofReduce" ++ "Bool"``) is rejected as well. The code is also checked once more
  after NFKC normalisation (fullwidth letters), so that no compatibility spelling slips through.

Every rejection is a `Verdict` with status ``forbidden`` (``construct`` names the thing) or ``sorry``.
"""

from __future__ import annotations

import re
import unicodedata

from .lexer import Lexed, Token, lex
from .verdict import Verdict

__all__ = [
    "prefilter",
    "MAX_ANSWER_BYTES",
    "COMMAND_KEYWORDS",
    "HARD_BANNED",
    "SORRY_WORDS",
    "SAFE_OPTIONS",
    "SCOPED_FORMS",
    "CONFIG_LITERALS_ONLY",
    "normalize",
    "decoded_fragments",
]

#: Answers longer than this (UTF-8 bytes) are rejected unread.
MAX_ANSWER_BYTES = 64 * 1024

#: Words that can only start (or modify) a command. Matched as whole identifier tokens (or dot-separated
#: components of one) in code; comments are not scanned.
COMMAND_KEYWORDS: frozenset[str] = frozenset({
    "theorem", "lemma", "def", "abbrev", "instance", "axiom", "opaque", "example", "structure",
    "class", "inductive", "coinductive", "elab", "elab_rules", "macro", "macro_rules", "syntax", "notation",
    "infix", "infixl", "infixr", "prefix", "postfix", "set_option", "import", "prelude", "open",
    "namespace", "section", "end", "attribute", "local", "scoped", "export", "universe", "variable",
    "mutual", "deriving", "initialize", "builtin_initialize", "run_cmd", "run_elab", "run_meta", "partial",
    "private", "protected", "noncomputable", "nonrec", "declare_syntax_cat", "register_option", "omit",
    "include", "add_decl_doc", "declare_simp_like_tactic", "irreducible_def", "unif_hint", "grind_pattern",
    "simproc", "dsimproc", "builtin_simproc", "by_elab",
    # the remaining builtin command parsers of Lean 4.35's `Lean.Parser.Command` (src/Lean/Parser/Command.lean)
    "public", "meta", "with_weak_namespace", "end_local_scope", "assert_not_exists", "assert_not_imported",
    "init_quot", "docs_to_verso", "register_tactic_tag", "tactic_extension", "recommended_spelling",
    "gen_injective_theorems", "register_error_explanation",
    # found by asking the prelude-only Lean 4.35.0 which words of its library's strings end a term and start a
    # command (`unlock_limits` lifts the heartbeat/recursion limits: a denial-of-service switch)
    "unlock_limits", "deprecated_module",
    # command syntax declared elsewhere in core (simp/grind extensions, options, linters, sealing)
    "register_simp_attr", "declare_config_elab", "simproc_decl", "dsimproc_decl", "builtin_simproc_decl",
    "builtin_dsimproc", "builtin_dsimproc_decl", "builtin_simproc_pattern", "register_builtin_option",
    "register_linter_set", "seal", "unseal", "grind_propagator", "builtin_grind_propagator",
    "declare_uint_theorems", "register_label_attr", "export_env", "binder_predicate",
})

#: Banned in code: (token, construct named in the verdict).
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

#: ``set_option <name> <literal> in`` is accepted for these options only; the value is why each is safe. Each is
#: an option of Lean 4.35 itself (checked against the prelude-only binary by the tests; Mathlib's linters such as
#: ``linter.unusedTactic`` do not exist without Mathlib, and an unknown option is a Lean error).
SAFE_OPTIONS: dict[str, str] = {
    "pp.all": "changes only how terms are printed in messages",
    "pp.explicit": "changes only how terms are printed in messages",
    "pp.proofs": "changes only how terms are printed in messages",
    "pp.notation": "changes only how terms are printed in messages",
    "pp.universes": "changes only how terms are printed in messages",
    "pp.funBinderTypes": "changes only how terms are printed in messages",
    "pp.numericTypes": "changes only how terms are printed in messages",
    "pp.fieldNotation": "changes only how terms are printed in messages",
    "linter.unusedVariables": "turns a warning on or off; warnings never change a verdict",
    "linter.unusedSimpArgs": "turns a warning on or off; warnings never change a verdict",
    "linter.deprecated": "turns a warning on or off; warnings never change a verdict",
}

#: The command-like forms accepted inside a proof (see the module docstring).
SCOPED_FORMS: tuple[str, ...] = ("open <Namespace>… in", "set_option <SAFE_OPTIONS name> <literal> in")

#: The rule on ``(name := value)`` groups, as stated in verdicts and docs.
CONFIG_LITERALS_ONLY = ("a `(name := value)` configuration must have a literal value (number, string, char, "
                        "true/false, .ctor, or { field := literal, … }): Lean compiles and runs tactic "
                        "configuration values while elaborating")

#: Named groups whose value is a tactic (interpreted, not compiled), accepted with any value.
_TACTIC_VALUED = frozenset({"disch", "discharger"})

_ZERO_WIDTH_EXTRA = {"\u180e", "\u2060", "\ufeff", "\u200b", "\u200c", "\u200d"}
_LINE_SEPARATORS = {"\u2028": "U+2028 LINE SEPARATOR", "\u2029": "U+2029 PARAGRAPH SEPARATOR",
                    "\u0085": "U+0085 NEXT LINE"}
_CONTROL_NAMES = {"\t": "tab", "\r": "carriage return (CR)", "\x0b": "vertical tab", "\x0c": "form feed",
                  "\x00": "null byte"}
_TOKEN = re.compile(r"[^\W\d][\w'!?.]*", re.UNICODE)


def normalize(text: str) -> str:
    """NFKC, with zero-width/bidi/format characters removed and ``«»`` name quotes dropped (used only for the
    extra banned-name scan, never to decide where comments are)."""
    t = unicodedata.normalize("NFKC", text)
    t = "".join(c for c in t if unicodedata.category(c) != "Cf" and c not in _ZERO_WIDTH_EXTRA)
    return t.replace("«", "").replace("»", "")


def decoded_fragments(answer: str) -> list[str]:
    """The decoded string/char/name literals of ``answer``, in order (empty when the lexer refuses it)."""
    return _fragments(lex(answer))


def _fragments(lexed: Lexed) -> list[str]:
    out: list[str] = []
    toks = lexed.tokens
    for k, t in enumerate(toks):
        if t.kind in ("string", "char"):
            out.append(t.value)
        elif t.kind == "ident" and k and toks[k - 1].kind == "symbol" and toks[k - 1].value == "`" \
                and toks[k - 1].end == t.start:
            out.append(t.value)
    return out


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


def _components(t: Token) -> list[str]:
    return [t.value, *(part for part in t.value.split(".") if part)] if "." in t.value else [t.value]


def _is_sym(t: Token | None, value: str) -> bool:
    return t is not None and t.kind == "symbol" and t.value == value


def _banned_word(word: str) -> Verdict | None:
    if word in SORRY_WORDS:
        return Verdict("sorry", reason=f"the answer uses `{word}`: an incomplete proof earns no reward", construct=word)
    if word in HARD_BANNED and word not in ("set_option", "import", "axiom") or word in ("eval%",):
        return _forbid(HARD_BANNED.get(word, word), f"`{word}` is banned in answers")
    return None


def _literal_value(toks: list[Token]) -> bool:
    """Whether ``toks`` (the value of a ``(name := value)`` group) is an inert literal."""
    if len(toks) == 1:
        t = toks[0]
        return t.kind in ("number", "string", "char") or (t.kind == "ident" and t.value in ("true", "false"))
    if len(toks) == 2 and _is_sym(toks[0], ".") and toks[1].kind == "ident" and "." not in toks[1].value:
        return toks[1].start == toks[0].end
    if len(toks) == 2 and _is_sym(toks[0], "-") and toks[1].kind == "number":
        return True
    if len(toks) >= 2 and _is_sym(toks[0], "{") and _is_sym(toks[-1], "}"):
        inner = toks[1:-1]
        fields: list[list[Token]] = [[]]
        for t in inner:
            if _is_sym(t, ","):
                fields.append([])
            else:
                fields[-1].append(t)
        if inner == []:
            return True
        for f in fields:
            if len(f) < 4 or f[0].kind != "ident" or not (_is_sym(f[1], ":") and _is_sym(f[2], "=")):
                return False
            if f[2].start != f[1].end or not _literal_value(f[3:]):
                return False
        return True
    return False


#: Tokens after which Lean parses a *term*, never a tactic: a ``(name := value)`` group in an application that
#: starts right after one of them, on the same line, is a term-level named argument (elaborated, never compiled
#: or run), not a tactic configuration. ``:=`` (except the one of a ``(name := value)`` group, whose value may be
#: a tactic) and ``⟨`` are recognised as symbols.
TERM_INTRODUCERS = frozenset({"exact", "apply", "refine", "refine'", "specialize", "from"})

#: Words that cannot be the head of such an application (term keywords, and words that end a term in tactics).
_NOT_A_HEAD = frozenset({"by", "fun", "show", "have", "let", "suffices", "calc", "match", "do", "if", "then",
                         "else", "at", "with", "using", "in", "only", "λ", "this"} | TERM_INTRODUCERS)

_OPENERS = {")": "(", "]": "[", "}": "{", "⟩": "⟨"}


def _term_named_argument(code: list[Token], k: int, text: str) -> bool:
    """Whether the ``(name := …)`` group at ``code[k]`` is a named argument of a term application: walking back on
    the group's line over arguments (identifiers, literals, ``@``, ``?``, ``.``, bracketed groups) reaches an
    application head (an identifier, not a keyword), right after `TERM_INTRODUCERS`, ``:=`` or ``⟨``. There Lean
    parses a term, and a term's named argument is elaborated, never compiled and run; a tactic's configuration
    (``simp (maxSteps := …)``, ``apply (config := …) e``, ``conv => simp (…)``, ``by simp (…)``, after ``;``,
    ``<;>``, ``|``, ``(`` or a line break) is never in such a position, so it stays literal-only."""
    line_start = text.rfind("\n", 0, code[k].start) + 1
    j = k - 1
    while j >= 0 and code[j].start >= line_start:
        t = code[j]
        if t.kind in ("number", "string", "char") or (t.kind == "ident" and t.value not in _NOT_A_HEAD):
            j -= 1
        elif t.kind == "symbol" and t.value in ("@", "?", "."):
            j -= 1
        elif t.kind == "symbol" and t.value in _OPENERS:
            depth, i = 0, j
            while i >= 0 and code[i].start >= line_start:
                if code[i].kind == "symbol" and code[i].value in _OPENERS:
                    depth += 1
                elif code[i].kind == "symbol" and code[i].value in _OPENERS.values():
                    depth -= 1
                    if depth == 0:
                        break
                i -= 1
            if i < 0 or code[i].start < line_start or depth != 0:
                return False
            j = i - 1
        else:
            break
    if j + 1 >= k or j < 0 or code[j].start < line_start:
        return False
    head = code[j + 1] if not _is_sym(code[j + 1], "@") else code[j + 2]
    if head.kind != "ident" or head.value in _NOT_A_HEAD or code.index(head) >= k:
        return False
    intro = code[j]
    if intro.kind == "ident":
        return intro.value in TERM_INTRODUCERS
    if _is_sym(intro, "⟨"):
        return True
    if not (_is_sym(intro, "=") and j >= 1 and _is_sym(code[j - 1], ":") and code[j - 1].end == intro.start):
        return False
    # not the `:=` of a `(name := value)` group: that value may be a tactic (`(disch := simp (config := …))`)
    return not (j >= 3 and code[j - 2].kind == "ident" and _is_sym(code[j - 3], "("))


def _check_named_groups(code: list[Token], text: str) -> Verdict | None:
    """`CONFIG_LITERALS_ONLY` on every ``( ident := … )`` group."""
    for k in range(len(code) - 3):
        a, name, colon, eq = code[k:k + 4]
        if not (_is_sym(a, "(") and name.kind == "ident" and _is_sym(colon, ":") and _is_sym(eq, "=")
                and eq.start == colon.end):
            continue
        depth, j = 1, k + 4
        while j < len(code) and depth:
            if code[j].kind == "symbol" and code[j].value in "([{⟨":
                depth += 1
            elif code[j].kind == "symbol" and code[j].value in ")]}⟩":
                depth -= 1
            j += 1
        value = code[k + 4:j - 1]
        if name.value in _TACTIC_VALUED or _literal_value(value):
            continue
        prev = code[k - 1] if k else None
        head_is_constant = prev is not None and prev.kind == "ident" and "." in prev.value.strip(".")
        if head_is_constant or (k >= 2 and prev is not None and prev.kind == "ident" and _is_sym(code[k - 2], "@")):
            continue
        if _term_named_argument(code, k, text):
            continue
        return _forbid("non-literal configuration value",
                       f"`({name.value} := …)` has a non-literal value: {CONFIG_LITERALS_ONLY}",
                       _line_col(text, a.start))
    return None


def _scoped_form_end(code: list[Token], k: int) -> int | None:
    """If ``code[k]`` starts an accepted ``open … in`` / ``set_option … in``, the index after ``in``."""
    t = code[k]
    if t.value == "open":
        j = k + 1
        if j < len(code) and code[j].kind == "ident" and code[j].value == "scoped":
            j += 1
        names = 0
        while j < len(code) and code[j].kind == "ident" and code[j].value != "in" and not code[j].quoted:
            if any(p in COMMAND_KEYWORDS or p in HARD_BANNED or p in SORRY_WORDS for p in _components(code[j])):
                return None
            names, j = names + 1, j + 1
        if names and j < len(code) and code[j].kind == "ident" and code[j].value == "in":
            return j + 1
        return None
    if t.value == "set_option" and k + 3 < len(code):
        opt, val, kw = code[k + 1], code[k + 2], code[k + 3]
        literal = val.kind in ("number", "string") or (val.kind == "ident" and val.value in ("true", "false"))
        if (opt.kind == "ident" and opt.value in SAFE_OPTIONS and not opt.quoted and literal
                and kw.kind == "ident" and kw.value == "in"):
            return k + 4
    return None


def _check_banned(lexed: Lexed, text: str) -> Verdict | None:
    for t in lexed.code:
        if t.kind == "ident":
            for part in _components(t):
                bad = _banned_word(part)
                if bad is not None:
                    return Verdict(bad.status, reason=bad.reason, construct=bad.construct,
                                   position=_line_col(text, t.start))
    return None


def _check_code(lexed: Lexed, text: str) -> Verdict | None:
    code = lexed.code
    skip_until = -1
    for k, t in enumerate(code):
        if k < skip_until:
            continue
        if t.kind == "ident":
            if t.value in ("open", "set_option"):
                end = _scoped_form_end(code, k)
                if end is not None:
                    skip_until = end
                    continue
            for part in _components(t):
                if part in COMMAND_KEYWORDS or part in HARD_BANNED:
                    return _forbid(part, f"`{part}` starts or modifies a command; answers may hold only a proof",
                                   _line_col(text, t.start))
            nxt = code[k + 1] if k + 1 < len(code) else None
            if t.value.split(".")[-1] == "eval" and _is_sym(nxt, "%") and nxt is not None and nxt.start == t.end:
                return _forbid("eval%", "`eval%` evaluates code while elaborating", _line_col(text, t.start))
        elif _is_sym(t, "#"):
            nxt = code[k + 1] if k + 1 < len(code) else None
            if nxt is not None and nxt.kind == "ident" and nxt.start == t.end and not (
                    nxt.value == "v" and k + 2 < len(code) and _is_sym(code[k + 2], "[")):
                return _forbid(f"#{nxt.value}", f"`#{nxt.value}` is a command; answers may hold only a proof",
                               _line_col(text, t.start))
        elif _is_sym(t, "@"):
            nxt = code[k + 1] if k + 1 < len(code) else None
            if _is_sym(nxt, "["):
                return _forbid("attribute @[...]", "attributes (`@[...]`) are banned in answers",
                               _line_col(text, t.start))
    return _check_named_groups(code, text)


def _check_literals(lexed: Lexed) -> Verdict | None:
    frags = [normalize(f) for f in _fragments(lexed)]  # NFKC, like the code scan (fullwidth letters)
    joined = "".join(frags)
    dangerous = sorted((SORRY_WORDS | set(HARD_BANNED)) - {"native", "stop", "Environment"}, key=len, reverse=True)
    for frag in [*frags, joined]:
        for word in dangerous:
            if word in frag:
                if word in SORRY_WORDS:
                    return Verdict("sorry", reason=f"`{word}` spelled by string/char/name literals", construct=word)
                return _forbid(f"{HARD_BANNED[word]} (built from literals)",
                               f"string/char/name literals spell the banned name `{word}`")
    if "native" in joined:
        return _forbid("native_decide (built from literals)",
                       "string/char/name literals spell `native` (native evaluation)")
    return None


def _check_columns(lexed: Lexed, text: str) -> Verdict | None:
    """Column-0 code after the first line (a comment or string continuing onto the line is not code)."""
    inside = [(t.start, t.end) for t in lexed.tokens if t.kind in ("comment", "string")]
    offset = 0
    for k, line in enumerate(text.split("\n")):
        if k and line and not line[0].isspace() and not any(a < offset < b for a, b in inside):
            return _forbid("column-0 text",
                           f"line {k + 1} starts in column 0; every line after the first must be indented "
                           "(column-0 text would end the proof and start a command)", {"line": k + 1, "column": 0})
        offset += len(line) + 1
    return None


def _check_normalized(lexed: Lexed, text: str) -> Verdict | None:
    """The banned-name scan once more on the NFKC form of the code (comments, strings and chars removed: their
    decoded text is scanned, NFKC-normalised too, by `_check_literals`, so ``"stop here"`` is no `sorry`)."""
    chars = list(text)
    for t in lexed.tokens:
        if t.kind not in ("comment", "string", "char"):
            continue
        for i in range(t.start, t.end):
            if chars[i] != "\n":
                chars[i] = " "
    norm = normalize("".join(chars))
    for tok, off in _tokens(norm):
        bad = _banned_word(tok)
        if bad is not None:
            return Verdict(bad.status, reason=bad.reason + " (after Unicode normalisation)", construct=bad.construct,
                           position=_line_col(norm, off))
    return None


def prefilter(answer: str) -> Verdict | None:
    """Return a rejecting `Verdict` for an answer that must not reach Lean, or ``None`` when it passes.

    Passing means only "not obviously malicious": the sandboxed elaboration, the audit and the kernel replay
    decide validity.
    """
    raw = _check_raw(answer)
    if raw is not None:
        return raw
    for i, ch in enumerate(answer):
        if unicodedata.category(ch) == "Cf" or ch in _ZERO_WIDTH_EXTRA:
            norm = normalize(answer)  # name what the invisible character was hiding, where it hid something
            for tok, off in _tokens(norm):
                bad = _banned_word(tok)
                if bad is not None:
                    return Verdict(bad.status, reason=bad.reason + " (split by an invisible character)",
                                   construct=bad.construct, position=_line_col(norm, off))
            return _forbid(f"format character U+{ord(ch):04X}",
                           "invisible format characters (zero-width, bidi) are not allowed", _line_col(answer, i))
    lexed = lex(answer)
    if lexed.error is not None:
        construct = lexed.error.split(" (")[0].split(":")[0].split(" directly")[0]
        pos = _line_col(answer, lexed.error_offset) if lexed.error_offset is not None else None
        return _forbid(construct, f"{lexed.error}: the pre-filter reads text exactly as Lean does or not at all",
                       pos)
    for check in (_check_banned(lexed, answer), _check_code(lexed, answer), _check_literals(lexed), _check_columns(lexed, answer),
                  _check_normalized(lexed, answer)):
        if check is not None:
            return check
    return None
