"""What the tasks need from the Lean sources: spec statements in `lean/`, reference theorems in `proofs/`.

A thin layer over `pyverify.lean.sources`, the one Lean source parser (no Lean needed): it looks up a
spec's declaration (source text and docstring as written), the definitions that spec refers to, the
`proofs/` file of a reference theorem and the natural-number binders of a spec.

Used by the `prove` family (the statement shown to an agent is the spec's own source text) and by the
LeanDojo bridge (the proofs file that holds a reference theorem).
"""

from __future__ import annotations

import re

from ..errors import InvalidArgumentError
from ..lean.sources import Declaration, project_root, scan_declarations

__all__ = ["spec_decls", "proof_decls", "spec_source", "spec_context", "proof_file", "nat_binders"]

_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_'!?]*(?:\.[A-Za-z_][A-Za-z0-9_'!?]*)*")


def spec_decls() -> tuple[Declaration, ...]:
    """Every named declaration in `lean/` (parsed once per process)."""
    return tuple(d for d in scan_declarations(project_root(), "lean") if d.full_name is not None)


def proof_decls() -> tuple[Declaration, ...]:
    """Every named declaration in `proofs/` (parsed once per process)."""
    return tuple(d for d in scan_declarations(project_root(), "proofs") if d.full_name is not None)


def spec_source(lean_spec: str) -> Declaration:
    """The declaration of a spec Prop such as `LearningRules.GradientDescent.improves_spec`."""
    for d in spec_decls():
        if d.full_name == lean_spec:
            return d
    raise InvalidArgumentError(
        f"lean_spec={lean_spec!r} is not declared in lean/; add `def {lean_spec.rpartition('.')[2]} : Prop := …` "
        "to the rule's spec file or fix the catalog entry"
    )


def _is_prefix(ns: str, of: str) -> bool:
    if not ns:
        return True
    a, b = ns.split("."), of.split(".")
    return a == b[: len(a)]


def spec_context(spec: Declaration, depth: int = 2, limit: int = 12) -> list[Declaration]:
    """The non-spec declarations the spec refers to (resolved against its namespace), `depth` levels deep."""
    by_suffix: dict[str, list[Declaration]] = {}
    for d in spec_decls():
        if d.keyword == "theorem" or (d.short_name or "").endswith("_spec"):
            continue
        parts = (d.full_name or "").split(".")
        for k in range(1, len(parts) + 1):
            by_suffix.setdefault(".".join(parts[-k:]), []).append(d)
    found: list[Declaration] = []
    frontier = [spec]
    for _ in range(depth):
        nxt: list[Declaration] = []
        for src in frontier:
            for tok in _TOKEN.findall(src.text):
                for cand in by_suffix.get(tok, []):
                    full = cand.full_name or ""
                    qualifier = full[: len(full) - len(tok)].rstrip(".")
                    if cand in found or cand == spec or not _is_prefix(qualifier, spec.namespace):
                        continue
                    found.append(cand)
                    nxt.append(cand)
        frontier = nxt
    return found[:limit]


def proof_file(lean_proof: str) -> str | None:
    """The proofs/ file (relative to the project root) declaring `theorem <lean_proof>`, or None."""
    for d in proof_decls():
        if d.full_name == lean_proof and d.is_theorem:
            return d.file
    return None


_NAT_GROUP = re.compile(r"\(([^():]+):\s*(?:Nat|ℕ)\s*\)")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def nat_binders(spec: Declaration) -> set[str]:
    """Names bound as natural numbers in the spec (`(k : Nat)`), with subscripts as ASCII digits."""
    names: set[str] = set()
    for group in _NAT_GROUP.findall(spec.text):
        for name in group.split():
            names.add(name.translate(_SUBSCRIPTS))
    return names
