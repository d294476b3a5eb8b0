"""The catalog↔Lean consistency check (Python only, no Lean needed).

`check_consistency` parses ``<root>/lean`` and ``<root>/proofs`` with `pyverify.lean.sources` and compares
them with the invariant catalog (`pyverify.catalog.catalog`). Each problem has a ``kind``:

* ``spec_missing`` — an entry's ``lean_spec`` is declared nowhere in ``lean/``;
* ``spec_not_prop`` — it is declared, but not as ``def … : Prop``;
* ``proof_missing`` — an entry's ``lean_proof`` is not declared as a ``theorem`` in ``proofs/`` (the message
  says where the name *is* declared, if anywhere);
* ``proof_wrong_statement`` — the theorem's stated type is not the spec constant (``theorem foo :
  LearningRules.R.foo_spec``, the name written in full or relative to the theorem's namespace);
* ``proof_name_mismatch`` — ``lean_proof`` is not ``lean_spec`` without its ``_spec`` suffix (the naming
  contract of docs/CONTRACTS.md);
* ``proof_not_mirrored`` — the proof is not in the file that mirrors the spec's file
  (``lean/LearningRules/R.lean`` ↔ ``proofs/LearningRulesProofs/R.lean``);
* ``spec_uncatalogued`` — a ``…_spec`` def in ``lean/`` has no catalog entry;
* ``duplicate_entry`` — two catalog entries name the same ``lean_spec`` or ``lean_proof``;
* ``duplicate_declaration`` — the same full name is declared twice in ``lean/`` + ``proofs/``.

The parse is textual (see `pyverify.lean.sources`); where a toolchain exists, ``lake build`` confirms that the
proofs elaborate against exactly these statements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..errors import InvalidArgumentError
from .sources import Declaration, iter_lean_files, parse_file

__all__ = ["Problem", "ConsistencyReport", "check_consistency", "PROBLEM_KINDS"]

PROBLEM_KINDS = (
    "spec_missing", "spec_not_prop", "proof_missing", "proof_wrong_statement", "proof_name_mismatch",
    "proof_not_mirrored", "spec_uncatalogued", "duplicate_entry", "duplicate_declaration",
)


class _EntryLike(Protocol):
    """What the check reads from a catalog entry."""

    @property
    def id(self) -> str: ...

    @property
    def lean_spec(self) -> str: ...

    @property
    def lean_proof(self) -> str: ...


@dataclass(frozen=True)
class Problem:
    """One inconsistency: its ``kind`` (one of `PROBLEM_KINDS`), the Lean name, the catalog id (if any), a
    ``file:line`` (if any) and a message that says what to fix."""

    kind: str
    name: str
    message: str
    entry_id: str | None = None
    location: str | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"kind": self.kind, "name": self.name, "entry_id": self.entry_id, "location": self.location,
                "message": self.message}

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.kind}: {self.message}"


@dataclass
class ConsistencyReport:
    """The result of `check_consistency`; ``ok`` iff there is no problem and some entry was checked."""

    root: str
    entries: int = 0
    specs: int = 0
    theorems: int = 0
    problems: list[Problem] = field(default_factory=list)
    checked_by: str = "catalog↔Lean source parse (text, no Lean)"

    @property
    def ok(self) -> bool:
        """No problem found, and at least one entry or spec was looked at."""
        return not self.problems and (self.entries > 0 or self.specs > 0)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"ok": self.ok, "root": self.root, "checked_by": self.checked_by, "entries": self.entries,
                "specs": self.specs, "theorems": self.theorems,
                "problems": [p.to_json() for p in self.problems]}

    def render(self) -> RenderableType:
        """A rich renderable: a summary line and a table of problems."""
        summary = (f"{self.entries} catalog entries, {self.specs} `_spec` defs in lean/, "
                   f"{self.theorems} theorems in proofs/ ({self.checked_by})")
        if self.ok:
            return Text(f"Catalog↔Lean consistency: ok — {summary}", style="bold green")
        table = Table(title="Problems")
        for col in ("kind", "entry", "name", "location", "message"):
            table.add_column(col, overflow="fold")
        for p in self.problems:
            table.add_row(p.kind, p.entry_id or "", p.name, p.location or "", p.message)
        return Group(Text(f"Catalog↔Lean consistency: {len(self.problems)} problem(s) — {summary}",
                          style="bold red"), table)


def _resolves_to(type_text: str | None, namespace: str, target: str) -> bool:
    """Whether the stated type ``type_text`` is the constant ``target`` (full, or relative to a prefix of
    ``namespace``)."""
    if not type_text:
        return False
    t = type_text.strip()
    while t.startswith("(") and t.endswith(")"):
        t = t[1:-1].strip()
    t = t.lstrip("@").replace("«", "").replace("»", "")
    if t.startswith("_root_."):
        return t[len("_root_."):] == target
    parts = namespace.split(".") if namespace else []
    for k in range(len(parts), -1, -1):
        prefix = ".".join(parts[:k])
        if (f"{prefix}.{t}" if prefix else t) == target:
            return True
    return False


def _mirror_stem(path: str, src_root: str) -> str | None:
    """``lean/LearningRules/GD.lean`` ↦ ``GD``; ``proofs/LearningRulesProofs/GD.lean`` ↦ ``GD``."""
    parts = Path(path).parts
    if len(parts) >= 3 and parts[0] == src_root:
        return "/".join(parts[2:])
    return None


def check_consistency(root: Path, entries: Sequence[_EntryLike] | None = None) -> ConsistencyReport:
    """Compare the catalog (default: `pyverify.catalog.catalog`) with ``<root>/lean`` and ``<root>/proofs``.

    Raises `InvalidArgumentError` when ``root`` has no ``lean/`` directory.
    """
    base = Path(root)
    if not (base / "lean").is_dir():
        raise InvalidArgumentError(f"root={str(base)!r} has no lean/ directory; pass the project root")
    if entries is None:
        from ..catalog import catalog

        chosen: Sequence[_EntryLike] = list(catalog())
    else:
        chosen = entries
    spec_decls: dict[str, list[Declaration]] = {}
    proof_decls: dict[str, list[Declaration]] = {}
    all_decls: dict[str, list[Declaration]] = {}
    for sub, path in iter_lean_files(base):
        lf = parse_file(path, path.relative_to(base).as_posix())
        for d in lf.declarations:
            if d.full_name is None:
                continue
            (spec_decls if sub == "lean" else proof_decls).setdefault(d.full_name, []).append(d)
            all_decls.setdefault(d.full_name, []).append(d)

    report = ConsistencyReport(root=str(base), entries=len(chosen))
    report.specs = sum(1 for n, ds in spec_decls.items() if n.endswith("_spec") and ds[0].keyword == "def")
    report.theorems = sum(1 for ds in proof_decls.values() if ds[0].is_theorem)
    problems = report.problems

    for name, ds in sorted(all_decls.items()):
        if len(ds) > 1:
            problems.append(Problem(
                "duplicate_declaration", name, f"{name} is declared {len(ds)} times: "
                + ", ".join(d.location() for d in ds) + "; keep one", location=ds[1].location()))

    seen_spec: dict[str, str] = {}
    seen_proof: dict[str, str] = {}
    for e in chosen:
        for table, attr in ((seen_spec, "lean_spec"), (seen_proof, "lean_proof")):
            val = getattr(e, attr)
            if val in table:
                problems.append(Problem("duplicate_entry", val,
                                        f"entries {table[val]} and {e.id} both have {attr}={val}; give each "
                                        "entry its own", entry_id=e.id))
            else:
                table[val] = e.id

        spec = spec_decls.get(e.lean_spec)
        if spec is None:
            where = all_decls.get(e.lean_spec)
            hint = f" (it is declared in {where[0].location()}, outside lean/)" if where else ""
            problems.append(Problem("spec_missing", e.lean_spec,
                                    f"entry {e.id}: lean_spec {e.lean_spec} is not declared in lean/{hint}; add "
                                    "`def … : Prop` there or fix the name in the catalog", entry_id=e.id))
        elif not spec[0].is_prop_def:
            d = spec[0]
            problems.append(Problem("spec_not_prop", e.lean_spec,
                                    f"entry {e.id}: {e.lean_spec} is a `{d.keyword}` with type "
                                    f"{d.type_text!r}, not `def … : Prop`", entry_id=e.id, location=d.location()))

        proof = proof_decls.get(e.lean_proof)
        if proof is None or not proof[0].is_theorem:
            where = all_decls.get(e.lean_proof)
            if proof is not None:
                hint = f" (it is a `{proof[0].keyword}` at {proof[0].location()})"
            elif where:
                hint = f" (it is declared at {where[0].location()}, outside proofs/)"
            else:
                hint = ""
            problems.append(Problem("proof_missing", e.lean_proof,
                                    f"entry {e.id}: lean_proof {e.lean_proof} is not a theorem in proofs/{hint}",
                                    entry_id=e.id))
        else:
            d = proof[0]
            if not _resolves_to(d.type_text, d.namespace, e.lean_spec):
                problems.append(Problem("proof_wrong_statement", e.lean_proof,
                                        f"entry {e.id}: theorem {e.lean_proof} states {d.type_text!r}, not the "
                                        f"spec {e.lean_spec}; state it as `theorem … : {e.lean_spec}`",
                                        entry_id=e.id, location=d.location()))
            if spec is not None:
                s_stem = _mirror_stem(spec[0].file, "lean")
                p_stem = _mirror_stem(d.file, "proofs")
                if s_stem is not None and p_stem is not None and s_stem != p_stem:
                    problems.append(Problem("proof_not_mirrored", e.lean_proof,
                                            f"entry {e.id}: the spec is in {spec[0].file} but the proof is in "
                                            f"{d.file}; move it to proofs/LearningRulesProofs/{s_stem}",
                                            entry_id=e.id, location=d.location()))
        if e.lean_spec.endswith("_spec") and e.lean_proof != e.lean_spec[: -len("_spec")]:
            problems.append(Problem("proof_name_mismatch", e.lean_proof,
                                    f"entry {e.id}: lean_proof {e.lean_proof} should be "
                                    f"{e.lean_spec[: -len('_spec')]} (the spec name without _spec)",
                                    entry_id=e.id))

    catalogued = {e.lean_spec for e in chosen}
    for name, ds in sorted(spec_decls.items()):
        d = ds[0]
        if d.name is not None and d.name.endswith("_spec") and d.keyword in ("def", "abbrev") \
                and name not in catalogued:
            problems.append(Problem("spec_uncatalogued", name,
                                    f"{name} has no catalog entry; add an Entry with lean_spec={name} to "
                                    "pyverify/invariants/", location=d.location()))
    return report
