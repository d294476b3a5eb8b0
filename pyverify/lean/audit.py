"""The Lean source audit: banned constructs and missing docstrings in ``lean/`` and ``proofs/`` (no Lean needed).

`audit_tree` parses every ``.lean`` file under ``<root>/lean`` and ``<root>/proofs`` with
`pyverify.lean.sources` (comments, doc comments, strings and char literals are blanked first, so a banned word
inside them is never flagged) and reports, with ``file:line``:

* everywhere: ``sorry``, ``admit``, ``axiom``, ``native_decide``, ``implemented_by``, ``extern``, ``unsafe``,
  ``partial``, ``set_option debug.…`` (and ``skipKernelTC`` in any form), native evaluation through
  ``decide +native`` / ``native := true`` / ``Lean.ofReduceBool`` / ``Lean.ofReduceNat``, and the
  metaprogramming escape hatches ``run_cmd``/``run_elab``/``run_meta``/``run_tac``;
* in ``proofs/`` only: syntax extensions (``macro``, ``macro_rules``, ``elab``, ``elab_rules``, ``syntax``,
  ``declare_syntax_cat``, ``notation``, ``infix``/``infixl``/``infixr``/``prefix``/``postfix``), since a proof
  file must not change how the statements it proves are read;
* every constant (``def``, ``theorem``, ``lemma``, ``abbrev``, ``instance``, ``structure``, ``class``,
  ``inductive``, ``axiom``, ``opaque``) without a ``/-- … -/`` docstring.

Words are matched as whole identifiers (``h_sorry`` or ``partialSum`` are not flagged). This is a textual
first line of defence that needs no toolchain; the Lean kernel (``lake build``, ``#print axioms``) is the
authority where a toolchain exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..errors import InvalidArgumentError
from .sources import LeanFile, iter_lean_files, parse_file

__all__ = ["Finding", "AuditReport", "audit_tree", "audit_file", "audit_source", "BANNED_PATTERNS"]

_B = r"(?<![\w'!?])"  # identifier start boundary
_E = r"(?![\w'!?])"  # identifier end boundary

#: ``(construct, regex, where)``; ``where`` is ``"all"`` or ``"proofs"``. Matched on comment-free code.
BANNED_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (name, re.compile(rx), where)
    for name, rx, where in [
        ("sorry", _B + r"sorry" + _E, "all"),
        ("admit", _B + r"admit" + _E, "all"),
        ("axiom", _B + r"axiom" + _E, "all"),
        ("native_decide", _B + r"native_decide" + _E, "all"),
        ("implemented_by", _B + r"implemented_by" + _E, "all"),
        ("extern", _B + r"extern" + _E, "all"),
        ("unsafe", _B + r"unsafe" + _E, "all"),
        ("partial", _B + r"partial" + _E, "all"),
        ("set_option debug", _B + r"set_option\s+debug\.", "all"),
        ("skipKernelTC", r"skipKernelTC" + _E, "all"),
        ("decide +native", _B + r"decide\s*\+\s*native" + _E, "all"),
        ("native := true", _B + r"native\s*:=\s*true" + _E, "all"),
        ("ofReduceBool", r"(?<![\w'!?])(?:Lean\.)?ofReduce(?:Bool|Nat)" + _E, "all"),
        ("metaprogramming", _B + r"(?:run_cmd|run_elab|run_meta|run_tac)" + _E, "all"),
    ]
)


@dataclass(frozen=True)
class Finding:
    """One audit finding: ``construct`` names the rule (e.g. ``"sorry"``, ``"missing_docstring"``)."""

    file: str
    line: int
    column: int
    construct: str
    detail: str

    def location(self) -> str:
        """``file:line:column``."""
        return f"{self.file}:{self.line}:{self.column}"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"file": self.file, "line": self.line, "column": self.column, "construct": self.construct,
                "detail": self.detail}

    def __str__(self) -> str:
        return f"{self.location()}: {self.construct}: {self.detail}"


@dataclass
class AuditReport:
    """The audit of one tree: ``ok`` iff at least one file was audited and nothing was found."""

    root: str
    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    declarations: int = 0
    checked_by: str = "source audit (text, no Lean)"

    @property
    def ok(self) -> bool:
        """No finding, and some file was audited."""
        return bool(self.files) and not self.findings

    def by_construct(self) -> dict[str, int]:
        """Counts of findings per construct."""
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.construct] = counts.get(f.construct, 0) + 1
        return counts

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "ok": self.ok, "root": self.root, "checked_by": self.checked_by, "files": len(self.files),
            "declarations": self.declarations, "counts": self.by_construct(),
            "findings": [f.to_json() for f in self.findings],
        }

    def render(self) -> RenderableType:
        """A rich renderable: a summary line and a table of findings."""
        if self.ok:
            return Text(
                f"Lean source audit: ok — {len(self.files)} files, {self.declarations} declarations, "
                f"no banned construct, every declaration documented ({self.checked_by})", style="bold green")
        head = Text(
            f"Lean source audit: {len(self.findings)} finding(s) in {len(self.files)} files ({self.checked_by})"
            if self.files else f"Lean source audit: no .lean files under {self.root}/lean or {self.root}/proofs",
            style="bold red")
        table = Table(title="Findings")
        for col in ("location", "construct", "detail"):
            table.add_column(col, overflow="fold")
        for f in self.findings:
            table.add_row(f.location(), f.construct, f.detail)
        return Group(head, table)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1)


def _audit_parsed(lf: LeanFile, in_proofs: bool) -> list[Finding]:
    code = lf.source.code
    original = lf.source.original
    found: list[Finding] = []
    for construct, rx, where in BANNED_PATTERNS:
        if where == "proofs" and not in_proofs:
            continue
        for m in rx.finditer(code):
            line, col = _line_col(code, m.start())
            snippet = original.splitlines()[line - 1].strip() if original else ""
            found.append(Finding(lf.display, line, col, construct, snippet[:160]))
    for d in lf.declarations:
        if in_proofs and d.is_syntax_extension:
            found.append(Finding(lf.display, d.line, d.column, "syntax extension in proofs",
                                 f"`{d.keyword}` definitions are not allowed in proofs/"))
        if d.needs_docstring and not d.has_docstring:
            what = d.full_name or f"anonymous {d.keyword}"
            found.append(Finding(lf.display, d.line, d.column, "missing_docstring",
                                 f"{d.keyword} {what} has no /-- … -/ docstring"))
    found.sort(key=lambda f: (f.line, f.column, f.construct))
    return found


def audit_source(text: str, file: str = "<string>", *, in_proofs: bool = False) -> list[Finding]:
    """Audit Lean source text; ``in_proofs`` adds the proofs-only rules."""
    from .sources import _parse, strip_source

    src = strip_source(text)
    lf = LeanFile(path=Path(file), display=file, source=src, declarations=_parse(src, file))
    return _audit_parsed(lf, in_proofs)


def audit_file(path: Path, *, in_proofs: bool, display: str | None = None) -> list[Finding]:
    """Audit one ``.lean`` file."""
    return _audit_parsed(parse_file(path, display), in_proofs)


def audit_tree(root: Path) -> AuditReport:
    """Audit ``<root>/lean`` and ``<root>/proofs`` (see the module docstring).

    Raises `InvalidArgumentError` when ``root`` has neither directory.
    """
    base = Path(root)
    if not (base / "lean").is_dir() and not (base / "proofs").is_dir():
        raise InvalidArgumentError(
            f"root={str(base)!r} has no lean/ or proofs/ directory; pass the project root"
        )
    report = AuditReport(root=str(base))
    for sub, path in iter_lean_files(base):
        shown = path.relative_to(base).as_posix()
        lf = parse_file(path, shown)
        report.files.append(shown)
        report.declarations += len(lf.declarations)
        report.findings.extend(_audit_parsed(lf, in_proofs=(sub == "proofs")))
    return report
