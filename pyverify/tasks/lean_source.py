"""A small reader for the Lean sources: spec statements in `lean/`, reference theorems in `proofs/`.

It needs no Lean. It reads declarations at column 0 (the house style keeps nothing indented inside
`namespace`), tracks `namespace`/`section`/`end` to build full names, and keeps each declaration's
source text together with the `/-- … -/` docstring just above it.

Used by the `prove` family (the statement shown to an agent is the spec's own source text) and by the
LeanDojo bridge (the proofs file that holds a reference theorem).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InvalidArgumentError

__all__ = ["Decl", "repo_root", "parse_file", "spec_decls", "proof_decls", "spec_source", "spec_context",
           "proof_file", "nat_binders"]

_DECL = re.compile(
    r"^(?:(?:private|protected|noncomputable|partial|@\[[^\]]*\])\s+)*"
    r"(def|theorem|lemma|structure|abbrev|class|inductive|instance|opaque)\s+([^\s:({\[]+)"
)
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_'!?]*(?:\.[A-Za-z_][A-Za-z0-9_'!?]*)*")


@dataclass(frozen=True)
class Decl:
    """One declaration: its full name, kind, file (relative to the repo root), line and source text."""

    full_name: str
    kind: str
    file: str
    line: int
    text: str
    doc: str

    @property
    def namespace(self) -> str:
        return self.full_name.rpartition(".")[0]

    @property
    def short_name(self) -> str:
        return self.full_name.rpartition(".")[2]


def repo_root() -> Path:
    """The checkout holding `lakefile.lean`: beside the package first, then the CWD and its parents."""
    here = Path(__file__).resolve().parents[2]
    for base in [here, Path.cwd(), *Path.cwd().parents]:
        if (base / "lakefile.lean").is_file() and (base / "lean").is_dir():
            return base
    raise InvalidArgumentError(
        "no lakefile.lean with a lean/ folder found beside the package or above the CWD; "
        "run from the project checkout (prove tasks need the Lean sources)"
    )


def parse_file(path: Path, root: Path) -> list[Decl]:
    """The column-0 declarations of one Lean file, with full names."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rel = path.relative_to(root).as_posix()
    stack: list[str] = []
    out: list[Decl] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if line.startswith("namespace "):
            stack.append(stripped.split()[1])
        elif line.startswith("section"):
            stack.append("")
        elif line.startswith("end") and (stripped == "end" or line.startswith("end ")):
            if stack:
                stack.pop()
        m = _DECL.match(line)
        if m:
            kind, name = m.group(1), m.group(2)
            doc_start = i
            if i > 0 and lines[i - 1].rstrip().endswith("-/"):
                j = i - 1
                while j >= 0 and not lines[j].lstrip().startswith("/--"):
                    j -= 1
                if j >= 0:
                    doc_start = j
            end = i + 1
            while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t|"):
                end += 1
            body = lines[i:end]
            while body and not body[-1].strip():
                body.pop()
            doc = "\n".join(lines[doc_start:i])
            ns = ".".join(s for s in stack if s)
            full = name[len("_root_."):] if name.startswith("_root_.") else (f"{ns}.{name}" if ns else name)
            out.append(Decl(full, kind, rel, i + 1, "\n".join(body), doc))
            i = end
            continue
        i += 1
    return out


def _scan(folder: str) -> tuple[Decl, ...]:
    root = repo_root()
    base = root / folder
    if not base.is_dir():
        return ()
    decls: list[Decl] = []
    for path in sorted(base.rglob("*.lean")):
        decls.extend(parse_file(path, root))
    return tuple(decls)


@functools.lru_cache(maxsize=1)
def spec_decls() -> tuple[Decl, ...]:
    """Every declaration in `lean/` (cached per process)."""
    return _scan("lean")


@functools.lru_cache(maxsize=1)
def proof_decls() -> tuple[Decl, ...]:
    """Every declaration in `proofs/` (cached per process)."""
    return _scan("proofs")


def spec_source(lean_spec: str) -> Decl:
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


def spec_context(spec: Decl, depth: int = 2, limit: int = 12) -> list[Decl]:
    """The non-spec declarations the spec refers to (resolved against its namespace), `depth` levels deep."""
    decls = [d for d in spec_decls() if not d.short_name.endswith("_spec") and d.kind != "theorem"]
    by_suffix: dict[str, list[Decl]] = {}
    for d in decls:
        parts = d.full_name.split(".")
        for k in range(1, len(parts) + 1):
            by_suffix.setdefault(".".join(parts[-k:]), []).append(d)
    found: list[Decl] = []
    frontier = [spec]
    for _ in range(depth):
        nxt: list[Decl] = []
        for src in frontier:
            for tok in _TOKEN.findall(src.text):
                for cand in by_suffix.get(tok, []):
                    qualifier = cand.full_name[: len(cand.full_name) - len(tok)].rstrip(".")
                    if cand in found or cand == spec or not _is_prefix(qualifier, spec.namespace):
                        continue
                    found.append(cand)
                    nxt.append(cand)
        frontier = nxt
    return found[:limit]


def proof_file(lean_proof: str) -> str | None:
    """The proofs/ file (relative to the repo root) declaring `theorem <lean_proof>`, or None."""
    for d in proof_decls():
        if d.full_name == lean_proof and d.kind in ("theorem", "lemma"):
            return d.file
    return None


_NAT_GROUP = re.compile(r"\(([^():]+):\s*(?:Nat|ℕ)\s*\)")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def nat_binders(spec: Decl) -> set[str]:
    """Names bound as natural numbers in the spec (`(k : Nat)`), with subscripts as ASCII digits."""
    names: set[str] = set()
    for group in _NAT_GROUP.findall(spec.text):
        for name in group.split():
            names.add(name.translate(_SUBSCRIPTS))
    return names
