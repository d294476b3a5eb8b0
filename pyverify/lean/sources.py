"""A light parser of Lean 4 source files: comments, strings, declarations and their full names.

This is not Lean's parser; it reads the subset of syntax this project writes, without running Lean:

* `strip_source` blanks comments (``--`` to end of line; ``/- … -/`` *nested*; doc comments ``/-- … -/`` and
  module docs ``/-! … -/``), string literals (``"…"`` with escapes, raw strings ``r"…"``/``r#"…"#``) and
  character literals (``'a'``, ``'\\n'``) with spaces, keeping every newline, so that offsets and line numbers of
  the blanked text equal those of the original and a keyword search on it never matches inside a comment or a
  string. An identifier's trailing prime (``h'``) is not taken for a character literal.
* `parse_declarations` finds commands at the start of a line, preceded only by modifiers (``@[…]``
  attributes, ``private``, ``protected``, ``noncomputable``, ``partial``, ``unsafe``, ``nonrec``, ``local``,
  ``scoped``, ``public``, ``meta``): ``def``, ``theorem``, ``lemma``, ``abbrev``, ``instance``, ``structure``,
  ``class`` (and ``class inductive``), ``inductive``, ``axiom``, ``opaque``, ``example`` and the syntax
  extensions ``notation``, ``infix``/``infixl``/``infixr``/``prefix``/``postfix``, ``macro``, ``macro_rules``,
  ``syntax``, ``elab``, ``elab_rules``, ``declare_syntax_cat``. It tracks ``namespace A.B`` / ``section`` /
  ``mutual`` / ``end`` to give each declaration its full name (``_root_.`` prefixes honoured), records the
  file and line, the modifiers, whether a ``/-- … -/`` docstring precedes it, and the declared type of a
  ``def``/``theorem`` (so ``def foo_spec : Prop :=`` is recognised as a Prop-valued definition). Each
  declaration also keeps its source ``text`` (from its modifiers to the next command at its column or left of
  it, without trailing comments or blank lines) and the ``doc`` comment just above it, as written.
* `project_root` finds the checkout (the folder holding ``lakefile.lean`` and ``lean/``); `scan_declarations`
  parses every file of one of its source folders.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InvalidArgumentError

__all__ = [
    "Comment",
    "StrippedSource",
    "Declaration",
    "LeanFile",
    "strip_source",
    "parse_declarations",
    "parse_file",
    "iter_lean_files",
    "project_root",
    "PACKAGED_PROJECT",
    "scan_declarations",
    "DECL_KEYWORDS",
    "SYNTAX_KEYWORDS",
    "MODIFIERS",
]

#: Keywords that declare constants (and need a docstring in this project, except ``example``).
DECL_KEYWORDS = (
    "theorem", "lemma", "def", "abbrev", "instance", "structure", "class", "inductive", "axiom",
    "opaque", "example",
)
#: Keywords that extend the syntax (banned in proofs/).
SYNTAX_KEYWORDS = (
    "notation", "infixl", "infixr", "infix", "prefix", "postfix", "macro_rules", "macro", "syntax",
    "elab_rules", "elab", "declare_syntax_cat",
)
#: Declaration modifiers recognised before a keyword.
MODIFIERS = ("private", "protected", "noncomputable", "partial", "unsafe", "nonrec", "local", "scoped",
             "public", "meta")

_ID_CHAR = re.compile(r"[\w'!?₀-₉ₐ-ₜᵢ-ᵪ.]")
_KW_ALT = "|".join(["class\\s+inductive", *sorted(DECL_KEYWORDS + SYNTAX_KEYWORDS, key=len, reverse=True)])
_DECL_RE = re.compile(
    r"^(?P<indent>[ \t]*)"
    r"(?P<mods>(?:@\[[^\]]*\]\s*|(?:" + "|".join(MODIFIERS) + r")\s+)*)"
    r"(?P<kw>" + _KW_ALT + r")(?![\w'.])",
    re.MULTILINE,
)
_SCOPE_RE = re.compile(
    r"^[ \t]*(?:(?:@\[[^\]]*\]\s*|(?:noncomputable|public|private)\s+)*)"
    r"(?P<kw>namespace|section|end|mutual)(?![\w'.])(?P<rest>[^\n]*)$",
    re.MULTILINE,
)
_NAME_RE = re.compile(r"\s*(?P<name>(?:«[^»]*»|[^\s:(){}\[\]⦃⦄⟨⟩,:=|@]+))")


@dataclass(frozen=True)
class Comment:
    """One comment: ``kind`` is ``"doc"`` (``/--``), ``"moddoc"`` (``/-!``), ``"block"`` or ``"line"``;
    offsets index the source text (``end`` exclusive), lines are 1-based."""

    kind: str
    start: int
    end: int
    line: int
    end_line: int
    text: str


@dataclass(frozen=True)
class StrippedSource:
    """The source with comments and literals blanked (same length and line breaks), plus the comments."""

    original: str
    code: str
    comments: list[Comment]

    def line_of(self, offset: int) -> int:
        """1-based line number of an offset."""
        return self.original.count("\n", 0, offset) + 1


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def strip_source(text: str) -> StrippedSource:
    """Blank comments, strings and char literals in ``text`` (see the module docstring).

    An unterminated block comment or string runs to the end of the text (as Lean would report an error there,
    treating the rest as blanked keeps the audit from flagging words inside it).
    """
    if not isinstance(text, str):
        raise InvalidArgumentError(f"text must be str, not {type(text).__name__}")
    chars = list(text)
    comments: list[Comment] = []
    n = len(text)
    i = 0
    line = 1

    def add_comment(kind: str, start: int, end: int) -> None:
        comments.append(Comment(kind, start, end, text.count("\n", 0, start) + 1,
                                text.count("\n", 0, end) + 1, text[start:end]))

    while i < n:
        c = text[i]
        if c == "-" and text.startswith("--", i):
            j = text.find("\n", i)
            j = n if j == -1 else j
            add_comment("line", i, j)
            _blank(chars, i, j)
            i = j
            continue
        if c == "/" and text.startswith("/-", i):
            kind = "doc" if text.startswith("/--", i) and not text.startswith("/--/", i) else (
                "moddoc" if text.startswith("/-!", i) else "block")
            depth = 1
            j = i + 2
            while j < n and depth > 0:
                if text.startswith("/-", j):
                    depth += 1
                    j += 2
                elif text.startswith("-/", j):
                    depth -= 1
                    j += 2
                else:
                    j += 1
            add_comment(kind, i, j)
            _blank(chars, i, j)
            i = j
            continue
        if c == "r" and (i == 0 or not _ID_CHAR.match(text[i - 1])):
            m = re.match(r'r(#*)"', text[i:])
            if m:
                hashes = m.group(1)
                close = '"' + hashes
                j = text.find(close, i + len(m.group(0)))
                j = n if j == -1 else j + len(close)
                _blank(chars, i, j)
                i = j
                continue
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j = min(n, j + 1)
            _blank(chars, i, j)
            i = j
            continue
        if c == "'" and (i == 0 or not _ID_CHAR.match(text[i - 1])):
            m = re.match(r"'(?:\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)|[^\\'\n])'", text[i:])
            if m:
                _blank(chars, i, i + len(m.group(0)))
                i += len(m.group(0))
                continue
        if c == "«":
            j = text.find("»", i)
            i = n if j == -1 else j + 1
            continue
        i += 1
    del line
    return StrippedSource(original=text, code="".join(chars), comments=comments)


@dataclass(frozen=True)
class Declaration:
    """One declaration found by `parse_declarations`.

    ``name`` is as written (``None`` for ``example``, an anonymous ``instance`` or a syntax extension without a
    name); ``full_name`` adds the enclosing namespaces; ``keyword`` is the command (``def``, ``theorem``, …;
    ``class inductive`` normalised to ``class``); ``type_text`` the declared type of a def/theorem/abbrev/
    opaque/axiom (whitespace-normalised) when one was found; ``is_prop_def`` whether the type is ``Prop``.
    ``text`` is the declaration's source (from its modifiers up to the next command, trailing comments and
    blank lines dropped) and ``doc`` its ``/-- … -/`` docstring as written (``""`` when it has none).
    """

    keyword: str
    name: str | None
    full_name: str | None
    file: str
    line: int
    column: int
    modifiers: tuple[str, ...]
    attributes: tuple[str, ...]
    has_docstring: bool
    namespace: str
    type_text: str | None = None
    offset: int = 0
    text: str = ""
    doc: str = ""

    @property
    def short_name(self) -> str | None:
        """The last component of ``full_name`` (``None`` when the declaration has no name)."""
        return None if self.full_name is None else self.full_name.rpartition(".")[2]

    @property
    def is_prop_def(self) -> bool:
        """A ``def`` (or ``abbrev``) whose declared type is exactly ``Prop``."""
        return self.keyword in ("def", "abbrev") and self.type_text == "Prop"

    @property
    def is_theorem(self) -> bool:
        """A ``theorem`` or ``lemma``."""
        return self.keyword in ("theorem", "lemma")

    @property
    def is_syntax_extension(self) -> bool:
        """``notation``/``macro``/``syntax``/``elab`` and relatives."""
        return self.keyword in SYNTAX_KEYWORDS

    @property
    def needs_docstring(self) -> bool:
        """Constants need docstrings (``example`` and syntax extensions do not)."""
        return self.keyword in DECL_KEYWORDS and self.keyword != "example"

    def location(self) -> str:
        """``file:line``."""
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class LeanFile:
    """A parsed file: its path, stripped source and declarations."""

    path: Path
    display: str
    source: StrippedSource
    declarations: list[Declaration] = field(default_factory=list)


def _find_type(code: str, start: int) -> str | None:
    """The type after the binders of a signature starting at ``start``: the text between the first ``:`` at
    bracket depth 0 and the ``:=`` / ``where`` / ``|`` that ends it; ``None`` when there is none."""
    depth = 0
    i = start
    n = len(code)
    type_start: int | None = None
    opens = "([{⦃⟨"
    closes = ")]}⦄⟩"
    while i < n:
        c = code[i]
        if c in opens:
            depth += 1
        elif c in closes:
            depth = max(0, depth - 1)
        elif depth == 0:
            if code.startswith(":=", i):
                break
            if c == ":" and type_start is None:
                type_start = i + 1
            elif c == "|" and type_start is not None:
                break
            elif type_start is not None and re.match(r"where(?![\w'.])", code[i:i + 6]) and (
                    i == 0 or not _ID_CHAR.match(code[i - 1])):
                break
            elif c == "\n" and _starts_command(code, i + 1):
                break
        i += 1
    if type_start is None:
        return None
    return " ".join(code[type_start:i].split()) or None


_COMMAND_START = re.compile(
    r"(?:@\[|/--|#|(?:" + "|".join((*DECL_KEYWORDS, *SYNTAX_KEYWORDS, *MODIFIERS, "namespace", "section",
                                     "end", "open", "variable", "universe", "set_option", "attribute"))
    + r")(?![\w'.]))"
)


def _starts_command(code: str, pos: int) -> bool:
    return bool(_COMMAND_START.match(code, pos))


def _docstring(src: StrippedSource, decl_start: int) -> Comment | None:
    """The doc comment that is the last non-blank thing before ``decl_start`` (skipping plain comments)."""
    before = [c for c in src.comments if c.end <= decl_start]
    pos = decl_start
    for c in reversed(before):
        if src.code[c.end:pos].strip():
            return None
        if c.kind == "doc":
            return c
        if c.kind == "moddoc":
            return None
        pos = c.start
    return None


def _decl_end(code: str, decl_start: int, kw_start: int, column: int, limit: int) -> int:
    """Where the declaration starting at ``decl_start`` (keyword at ``kw_start``) ends: before the first later
    line whose code starts at ``column`` or left of it (other than a ``|`` match arm), or at ``limit``; trailing
    comments and blanks are dropped (``code`` has them blanked)."""
    end = limit
    pos = code.find("\n", kw_start)
    while pos != -1 and pos < limit:
        nxt = code.find("\n", pos + 1)
        line = code[pos + 1: len(code) if nxt == -1 else nxt]
        body = line.lstrip()
        if body and len(line) - len(body) <= column and not body.startswith("|"):
            end = pos + 1
            break
        pos = nxt
    return decl_start + len(code[decl_start:end].rstrip())


def _split_mods(mods: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    attrs = tuple(" ".join(a.split()) for a in re.findall(r"@\[([^\]]*)\]", mods))
    words = tuple(w for w in re.sub(r"@\[[^\]]*\]", " ", mods).split() if w in MODIFIERS)
    return words, attrs


def parse_declarations(text: str, file: str = "<string>") -> list[Declaration]:
    """All declarations of ``text`` in order, with full names (see the module docstring)."""
    src = strip_source(text)
    return _parse(src, file)


def _parse(src: StrippedSource, file: str) -> list[Declaration]:
    code = src.code
    events: list[tuple[int, str, re.Match[str]]] = []
    for m in _SCOPE_RE.finditer(code):
        events.append((m.start("kw"), "scope", m))
    for m in _DECL_RE.finditer(code):
        events.append((m.start("kw"), "decl", m))
    events.sort(key=lambda e: e[0])
    # Where each event's line starts: a declaration's text never runs into the next command.
    limits = [m.start() for _, _, m in events[1:]] + [len(code)]
    # Each scope entry: (kind, namespace components it added)
    scopes: list[tuple[str, list[str]]] = []
    decls: list[Declaration] = []
    for (_, what, m), limit in zip(events, limits):
        if what == "scope":
            kw = m.group("kw")
            rest = m.group("rest").split()
            arg = rest[0] if rest else ""
            if kw == "namespace" and arg:
                scopes.append(("namespace", arg.split(".")))
            elif kw == "section":
                scopes.append(("section", []))
            elif kw == "mutual":
                scopes.append(("mutual", []))
            elif kw == "end" and scopes:
                scopes.pop()
            continue
        kw = " ".join(m.group("kw").split())
        keyword = "class" if kw == "class inductive" else kw
        mods, attrs = _split_mods(m.group("mods"))
        after = m.end("kw")
        name: str | None = None
        sig_start = after
        if keyword not in ("example",):
            nm = _NAME_RE.match(code, after)
            if nm and nm.group("name") and not nm.group("name").startswith(("(", "[", "{", ":")):
                cand = nm.group("name")
                if keyword in SYNTAX_KEYWORDS:
                    pass  # `notation "⟪" x "⟫" => …`: the first token is not a name
                elif keyword == "instance":
                    # `instance : C` (anonymous) or `instance instFoo : C`
                    if re.fullmatch(r"[A-Za-z_][\w'.!?]*", cand) and cand != "where":
                        name = cand
                        sig_start = nm.end()
                else:
                    name = cand
                    sig_start = nm.end()
        namespace = ".".join(part for _, parts in scopes for part in parts)
        full: str | None = None
        if name is not None:
            clean = name.replace("«", "").replace("»", "")
            if clean.startswith("_root_."):
                full = clean[len("_root_."):]
            else:
                full = f"{namespace}.{clean}" if namespace else clean
        type_text = None
        if keyword in ("def", "theorem", "lemma", "abbrev", "opaque", "axiom", "instance"):
            type_text = _find_type(code, sig_start)
        decl_start = m.start("mods") if m.group("mods") else m.start("kw")
        doc = _docstring(src, decl_start)
        end = _decl_end(code, decl_start, m.start("kw"), len(m.group("indent")), max(limit, m.end("kw")))
        decls.append(Declaration(
            keyword=keyword, name=name, full_name=full, file=file, line=src.line_of(m.start("kw")),
            column=m.start("kw") - (code.rfind("\n", 0, m.start("kw")) + 1), modifiers=mods,
            attributes=attrs, has_docstring=doc is not None, namespace=namespace,
            type_text=type_text, offset=m.start("kw"), text=src.original[decl_start:end],
            doc=doc.text if doc is not None else "",
        ))
    return decls


def parse_file(path: Path, display: str | None = None) -> LeanFile:
    """Read and parse one ``.lean`` file (UTF-8). ``display`` is the name used in reports."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InvalidArgumentError(f"path={str(p)!r} does not exist") from exc
    src = strip_source(text)
    shown = display if display is not None else str(p)
    return LeanFile(path=p, display=shown, source=src, declarations=_parse(src, shown))


def iter_lean_files(root: Path, subdirs: Iterable[str] = ("lean", "proofs")) -> Iterator[tuple[str, Path]]:
    """``(subdir, path)`` for every ``.lean`` file under ``root/<subdir>``, sorted, skipping ``.lake``."""
    for sub in subdirs:
        base = Path(root) / sub
        if not base.is_dir():
            continue
        for p in sorted(base.rglob("*.lean")):
            if ".lake" in p.parts:
                continue
            yield sub, p


#: Where a wheel (non-editable install) carries the Lean sources, as package data (see setup.py).
PACKAGED_PROJECT = Path(__file__).resolve().parents[1] / "_project"


def project_root() -> Path:
    """The project checkout: the first folder holding ``lakefile.lean`` and ``lean/``, looking in the CWD and
    its parents, then beside the installed package (an editable install), then in the copy a wheel carries
    as package data (`PACKAGED_PROJECT`). `InvalidArgumentError` when there is none."""
    for base in [Path.cwd(), *Path.cwd().parents, Path(__file__).resolve().parents[2], PACKAGED_PROJECT]:
        if (base / "lakefile.lean").is_file() and (base / "lean").is_dir():
            return base
    raise InvalidArgumentError(
        "no lakefile.lean with a lean/ folder found in the CWD, above it, beside the package or in its "
        f"package data ({PACKAGED_PROJECT}); run pyverify from the project checkout, or reinstall it from one "
        "(`pip install .` there: the wheel carries the Lean sources)"
    )


@functools.lru_cache(maxsize=8)
def scan_declarations(root: Path, folder: str) -> tuple[Declaration, ...]:
    """Every declaration in the ``.lean`` files under ``root/folder``, in file order, with ``file`` relative to
    ``root`` (cached per process: the sources do not change while it runs)."""
    base = Path(root)
    decls: list[Declaration] = []
    for _, path in iter_lean_files(base, (folder,)):
        decls.extend(parse_file(path, path.relative_to(base).as_posix()).declarations)
    return tuple(decls)
