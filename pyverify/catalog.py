"""The invariant catalog: the single registry, on the Python side, of every spec `Prop` in `lean/`.

An `Entry` pairs a Lean statement (`lean_spec`) and its proof (`lean_proof`) with a numeric version:

* `sample(rng, n)` returns `Batch`es of instances that satisfy every hypothesis (exact `QArray` data,
  so float and exact checks see the same instances, and edge cases are hit on purpose);
* `hypotheses` and `conclusion` are vectorized predicates, written as `Relation`s (``lhs op rhs``)
  over backend arrays, evaluated exactly or with the entry's float `Tolerance`;
* `necessity` maps a hypothesis name to a sampler that drops that hypothesis (used by
  `pyverify check --necessity` to find concrete counterexamples in exact arithmetic).

Rule modules contribute entries as ``ENTRIES`` in ``pyverify/invariants/<rule>.py``; the catalog
collects them all.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Literal, Mapping, Sequence

import numpy as np

from .backend import Backend, QArray
from .errors import InvalidArgumentError, UnknownNameError

__all__ = [
    "Kind",
    "KINDS",
    "Relation",
    "Hypothesis",
    "Demonstration",
    "Tolerance",
    "Batch",
    "Entry",
    "Sampler",
    "catalog",
    "get_entry",
    "entries_for",
    "rules",
]

Kind = Literal["improvement", "convergence", "bound", "identity", "other"]
KINDS: tuple[str, ...] = ("improvement", "convergence", "bound", "identity", "other")
OPS: tuple[str, ...] = ("<=", "<", "==", "!=", ">=", ">")


@dataclass(frozen=True)
class Relation:
    """A vectorized comparison ``lhs op rhs`` (arrays broadcast over the batch axis)."""

    lhs: Any
    op: str
    rhs: Any

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise InvalidArgumentError(f"op={self.op!r} is not one of {OPS}")


@dataclass(frozen=True)
class Tolerance:
    """Float-mode tolerance: a relation holds if it holds up to ``atol + rtol * scale``.

    `scale` is the larger magnitude of the two sides (at least 1). Exact mode uses no tolerance.
    """

    rtol: float = 1e-9
    atol: float = 1e-12

    def for_mode(self, mode: str) -> "Tolerance":
        """Loosen for float32 (about 7 significant digits)."""
        if mode == "float32":
            return Tolerance(rtol=max(self.rtol, 1e-4), atol=max(self.atol, 1e-5))
        return self


@dataclass(frozen=True)
class Hypothesis:
    """One named hypothesis of a property; `name` matches the Lean structure field where there is one.

    `sampled` is True when `relations` test the Lean hypothesis only at the points the proof uses (a
    smoothness bound along `v = g`, a lower bound at the iterates): an instance can pass them and still
    violate the hypothesis, so graders must not trust them on an instance they did not build. `text` then
    says where it is checked. A full check (an exact symmetry test, a zero sum of squares, exact pivots, a
    witness that implies the hypothesis) leaves it False.
    """

    name: str
    text: str
    relations: Callable[[Mapping[str, Any], Backend], Sequence[Relation]]
    sampled: bool = False


@dataclass(frozen=True)
class Demonstration:
    """A necessity demonstration that is not "drop one hypothesis, keep the rest".

    For claims a naive reading would make but no theorem states (e.g. a plain contraction of Oja's
    norm), or for hypotheses that others already imply (FA's alignment under its step bound).
    `find(seed)` searches in exact arithmetic and returns the counterexample, or None.
    """

    name: str
    text: str
    find: Callable[[int], dict[str, Any] | None]


@dataclass
class Batch:
    """Instances with a common shape: named exact arrays with a leading batch axis of length `size`.

    `label` says which region of the instance space the batch covers (e.g. ``"dim=64, η near 2/L"``).
    `meta` holds non-array parameters shared by the batch (e.g. a dimension).
    """

    data: dict[str, QArray]
    label: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def size(self) -> int:
        first = next(iter(self.data.values()))
        return int(first.shape[0])

    def to(self, bk: Backend) -> dict[str, Any]:
        """The instances as backend arrays."""
        return {k: bk.from_q(v) for k, v in self.data.items()}

    def instance(self, i: int) -> dict[str, Any]:
        """Instance `i` as JSON-ready nested lists of rational strings."""
        return {k: v[i].to_strings() for k, v in self.data.items()}

    def take(self, idx: Any) -> "Batch":
        """The sub-batch at the given batch indices."""
        return Batch({k: v[idx] for k, v in self.data.items()}, self.label, dict(self.meta))


Sampler = Callable[[np.random.Generator, int], list[Batch]]


@dataclass(frozen=True)
class Entry:
    """One catalog entry: a Lean spec `Prop`, its proof, and its numeric cross-check."""

    id: str
    rule: str
    kind: Kind
    lean_spec: str
    lean_proof: str
    statement: str
    hypotheses: tuple[Hypothesis, ...]
    conclusion: Callable[[Mapping[str, Any], Backend], Sequence[Relation]]
    sample: Sampler
    necessity: Mapping[str, Sampler] = field(default_factory=dict)
    demonstrations: tuple[Demonstration, ...] = ()
    tolerance: Tolerance = Tolerance()
    exact: bool = True
    float_only_reason: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidArgumentError(f"entry {self.id}: kind={self.kind!r} is not one of {KINDS}")
        names = {h.name for h in self.hypotheses}
        unknown = set(self.necessity) - names
        if unknown:
            raise InvalidArgumentError(f"entry {self.id}: necessity names unknown hypotheses {sorted(unknown)}")
        if not self.exact and not self.float_only_reason:
            raise InvalidArgumentError(f"entry {self.id}: a float-only entry must say why (float_only_reason)")

    def strategy(self) -> Any:
        """A hypothesis strategy of single-instance `Batch`es satisfying the hypotheses."""
        from .strategies import entry_instances

        return entry_instances(self)

    def summary(self) -> dict[str, Any]:
        """The JSON form used by `pyverify catalog --json`."""
        return {
            "id": self.id,
            "rule": self.rule,
            "kind": self.kind,
            "lean_spec": self.lean_spec,
            "lean_proof": self.lean_proof,
            "statement": self.statement,
            "hypotheses": [{"name": h.name, "text": h.text} for h in self.hypotheses],
            "exact": self.exact,
            "necessity": sorted(self.necessity),
            "demonstrations": [{"name": d.name, "text": d.text} for d in self.demonstrations],
        }


_CATALOG: dict[str, Entry] | None = None


def _load() -> dict[str, Entry]:
    from . import invariants

    found: dict[str, Entry] = {}
    for mod in sorted(pkgutil.iter_modules(invariants.__path__), key=lambda m: m.name):
        if mod.name.startswith("_"):
            continue
        module = importlib.import_module(f"{invariants.__name__}.{mod.name}")
        for entry in getattr(module, "ENTRIES", []):
            if entry.id in found:
                raise InvalidArgumentError(f"duplicate catalog id {entry.id!r} (in {mod.name})")
            found[entry.id] = entry
    return found


def catalog() -> list[Entry]:
    """Every catalog entry, sorted by rule then id."""
    global _CATALOG
    if _CATALOG is None:
        _CATALOG = _load()
    return sorted(_CATALOG.values(), key=lambda e: (e.rule, e.id))


def rules() -> list[str]:
    """The rule names that have entries."""
    return sorted({e.rule for e in catalog()})


def get_entry(entry_id: str) -> Entry:
    """The entry with this id; `UnknownNameError` lists the valid ids otherwise."""
    for e in catalog():
        if e.id == entry_id:
            return e
    raise UnknownNameError(
        f"unknown catalog id {entry_id!r}; run `pyverify catalog` to list ids (e.g. {catalog()[0].id})"
    )


def entries_for(rule: str | None = None, entry_id: str | None = None) -> list[Entry]:
    """The entries selected by rule and/or id (all when both are None)."""
    selected = catalog()
    if rule is not None:
        if rule not in rules():
            raise UnknownNameError(f"unknown rule {rule!r}; known rules: {', '.join(rules())}")
        selected = [e for e in selected if e.rule == rule]
    if entry_id is not None:
        selected = [e for e in selected if e.id == get_entry(entry_id).id]
    return selected


def iter_batches(entry: Entry, rng: np.random.Generator, n: int) -> Iterator[Batch]:
    """The sampled batches of an entry, with their sizes checked."""
    for b in entry.sample(rng, n):
        if b.size > 0:
            yield b
