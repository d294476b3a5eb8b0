"""Differential test vectors: exact rational inputs and outputs shared by Python and Lean.

Each rule's invariants module declares ``VECTORS: list[VectorCase]``: a Lean expression template, exact
inputs, and the Python function computing the same value. From them:

* ``python -m pyverify.vectors --write`` writes ``tests/vectors/<rule>.json`` (inputs and outputs as
  rational strings such as ``"3/7"``) and renders every case as one ``#guard`` line of the single
  generated Lean file ``proofs/LearningRulesProofs/Vectors.lean``, so that ``lake build`` evaluates
  the Lean definitions on the same inputs and fails if any value differs;
* ``python -m pyverify.vectors --check`` (and the tests) recomputes every JSON output in exact
  rational arithmetic (python-flint `fmpq` and `fractions.Fraction`, which must agree), and checks that
  the Lean file on disk is exactly the rendering of the JSON files.

What checks what: Python's agreement is checked here, in exact arithmetic; Lean's agreement only by
``lake build`` (Lean's `#guard` uses the compiled evaluator, not the kernel).
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from .backend import Backend, get_backend, to_fraction_array
from .errors import InvalidArgumentError

__all__ = [
    "VectorCase",
    "VectorReport",
    "collect",
    "lean_literal",
    "lean_scalar",
    "render_expr",
    "guard_line",
    "compute_output",
    "render_json",
    "render_lean",
    "write_vectors",
    "check_vectors",
    "LEAN_FILE",
    "JSON_DIR",
]

#: The generated Lean file, relative to the project root.
LEAN_FILE = Path("proofs/LearningRulesProofs/Vectors.lean")
#: The folder of the data files, relative to the project root.
JSON_DIR = Path("tests/vectors")

Value = Any  # Fraction | list[Fraction] | list[list[Fraction]]


@dataclass(frozen=True)
class VectorCase:
    """One differential test vector.

    `lean` is a Lean term template with ``{name}`` placeholders for the inputs (rendered as typed Lean
    literals by `lean_literal`); `inputs` maps names to exact values (a `Fraction`, a list of them for a
    vector, a list of lists for a matrix given by rows); `compute(arrays, bk)` evaluates the same thing
    with the Python rule on batch-of-one backend arrays and returns a (1,) or (1, n) array.
    """

    rule: str
    name: str
    lean: str
    inputs: Mapping[str, Value]
    compute: Callable[[dict[str, Any], Backend], Any] = field(compare=False)

    @property
    def key(self) -> str:
        return f"{self.rule}.{self.name}"


# -- values -----------------------------------------------------------------------------------
def _frac(v: Any) -> Fraction:
    if isinstance(v, Fraction):
        return v
    if isinstance(v, (int, np.integer)):
        return Fraction(int(v))
    if isinstance(v, str):
        return Fraction(v)
    raise InvalidArgumentError(f"vector value {v!r} is not exact; pass ints, Fractions or 'p/q' strings")


def _norm(v: Value) -> Value:
    if isinstance(v, (list, tuple)):
        return [_norm(x) for x in v]
    return _frac(v)


def _to_str(v: Value) -> Any:
    if isinstance(v, list):
        return [_to_str(x) for x in v]
    return str(v)


def lean_scalar(f: Fraction) -> str:
    """A rational as a Lean term of type `Rat`-context: ``3/7``, ``-2``."""
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def lean_literal(v: Value) -> str:
    """The Lean literal of an input: ``(3/7 : Rat)``, a `Vec.ofList` or a `Mat.ofRows`."""
    v = _norm(v)
    if isinstance(v, list):
        if not v:
            raise InvalidArgumentError("empty vectors have no test vectors; pass at least one coordinate")
        if isinstance(v[0], list):
            ncols = len(v[0])
            if any(len(r) != ncols for r in v) or ncols == 0:
                raise InvalidArgumentError("matrix rows must be non-empty and of equal length")
            rows = ", ".join("[" + ", ".join(lean_scalar(x) for x in r) + "]" for r in v)
            return f"(LearningRules.Mat.ofRows ([{rows}] : List (List Rat)) {ncols})"
        return "(LearningRules.Vec.ofList ([" + ", ".join(lean_scalar(x) for x in v) + "] : List Rat))"
    return f"({lean_scalar(v)} : Rat)"


def _as_array(v: Value, bk: Backend) -> Any:
    arr = np.array(_norm(v), dtype=object)
    return bk.asarray(arr[None, ...])


def compute_output(case: VectorCase, inputs: Mapping[str, Value] | None = None) -> Value:
    """The exact output of `case` on `inputs` (default: its own), agreed by fmpq and Fraction arithmetic."""
    ins = case.inputs if inputs is None else inputs
    results = []
    for mode in ("exact", "exact-fraction"):
        bk = get_backend(mode)
        out = case.compute({k: _as_array(v, bk) for k, v in ins.items()}, bk)
        arr = to_fraction_array(np.asarray(out, dtype=object))
        if arr.ndim == 0 or arr.shape[0] != 1:
            raise InvalidArgumentError(f"vector {case.key}: compute must return a batch of one, got shape {arr.shape}")
        results.append(arr[0].tolist() if arr.ndim > 1 else arr[0])
    if results[0] != results[1]:
        raise InvalidArgumentError(f"vector {case.key}: fmpq and Fraction arithmetic disagree ({results})")
    return results[0]


def render_expr(case: VectorCase, inputs: Mapping[str, Value] | None = None) -> str:
    """The case's Lean term with its inputs filled in."""
    ins = case.inputs if inputs is None else inputs
    try:
        return case.lean.format(**{k: lean_literal(v) for k, v in ins.items()})
    except KeyError as exc:
        raise InvalidArgumentError(f"vector {case.key}: template names unknown input {exc}") from exc


def guard_line(expr: str, output: Value) -> str:
    """One `#guard` comparing a Lean term with the expected value."""
    out = _norm(output)
    if isinstance(out, list):
        if out and isinstance(out[0], list):
            raise InvalidArgumentError("matrix-valued outputs are not supported; compare rows separately")
        lst = "[" + ", ".join(lean_scalar(x) for x in out) + "]"
        return f"#guard LearningRules.Vec.toList ({expr}) == ({lst} : List Rat)"
    return f"#guard ({expr}) == ({lean_scalar(out)} : Rat)"


# -- collection -------------------------------------------------------------------------------
def collect() -> dict[str, list[VectorCase]]:
    """Every `VECTORS` list of `pyverify.invariants.*`, grouped by rule (in declaration order)."""
    from . import invariants

    by_rule: dict[str, list[VectorCase]] = {}
    seen: set[str] = set()
    for mod in sorted(pkgutil.iter_modules(invariants.__path__), key=lambda m: m.name):
        if mod.name.startswith("_"):
            continue
        module = importlib.import_module(f"{invariants.__name__}.{mod.name}")
        for case in getattr(module, "VECTORS", []):
            if case.key in seen:
                raise InvalidArgumentError(f"duplicate test vector {case.key!r} (in {mod.name})")
            seen.add(case.key)
            by_rule.setdefault(case.rule, []).append(case)
    return by_rule


def render_json(rule: str, cases: Sequence[VectorCase]) -> dict[str, Any]:
    """The data file of one rule: cases with rendered Lean terms, inputs and outputs as strings."""
    return {
        "rule": rule,
        "generated_by": "python -m pyverify.vectors --write",
        "cases": [
            {"name": c.name, "lean": render_expr(c), "inputs": {k: _to_str(_norm(v)) for k, v in c.inputs.items()},
             "output": _to_str(compute_output(c))}
            for c in cases
        ],
    }


LEAN_HEADER = """import LearningRules

/-!
# Differential test vectors

Generated by `python -m pyverify.vectors --write` from `tests/vectors/*.json`; do not edit by hand.

Each `#guard` evaluates a Lean definition of the spec library on exact rational inputs and compares
it with the value the Python implementation (`pyverify/rules/`) computes in exact rational
arithmetic, so that `lake build` fails when Lean and Python compute different things.

## Implementation notes

`#guard` runs Lean's evaluator, not the kernel: it confirms that the definitions compute these
values, and proves nothing. The test `tests/test_vectors.py` keeps this file and the data files in
sync.
-/
"""


def render_lean(data: Mapping[str, Mapping[str, Any]]) -> str:
    """The Lean file for the data files `data` (rule → JSON document), rules in sorted order."""
    parts = [LEAN_HEADER]
    for rule in sorted(data):
        parts.append(f"\n-- {rule}: {JSON_DIR.as_posix()}/{rule}.json\n")
        for c in data[rule]["cases"]:
            parts.append(guard_line(c["lean"], c["output"]) + "\n")
    return "".join(parts)


def _root(root: Path | None) -> Path:
    from .lean.sources import project_root

    return root if root is not None else project_root()


def write_vectors(root: Path | None = None) -> list[Path]:
    """Regenerate every `tests/vectors/<rule>.json` and the Lean file; returns the paths written."""
    base = _root(root)
    data = {rule: render_json(rule, cases) for rule, cases in collect().items()}
    (base / JSON_DIR).mkdir(parents=True, exist_ok=True)
    written = []
    for rule, doc in sorted(data.items()):
        p = base / JSON_DIR / f"{rule}.json"
        p.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        written.append(p)
    lean = base / LEAN_FILE
    lean.write_text(render_lean(data), encoding="utf-8")
    written.append(lean)
    return written


@dataclass
class VectorReport:
    """The outcome of `check_vectors`: the cases checked and every problem found."""

    cases: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "cases": self.cases, "problems": self.problems,
                "checked_by": "exact rational arithmetic (fmpq and Fraction); Lean side only by lake build"}


def check_vectors(root: Path | None = None) -> VectorReport:
    """Check the data files against the Python rules and the Lean file against the data files."""
    base = _root(root)
    report = VectorReport()
    data: dict[str, Any] = {}
    collected = collect()
    for rule, cases in sorted(collected.items()):
        p = base / JSON_DIR / f"{rule}.json"
        if not p.is_file():
            report.problems.append(f"{p} is missing; run `python -m pyverify.vectors --write`")
            continue
        doc = json.loads(p.read_text(encoding="utf-8"))
        data[rule] = doc
        stored = {c["name"]: c for c in doc.get("cases", [])}
        declared = {c.name: c for c in cases}
        for name in sorted(set(stored) ^ set(declared)):
            where = "the data file" if name in stored else "VECTORS"
            report.problems.append(f"{rule}.{name} is only in {where}; run `python -m pyverify.vectors --write`")
        for name in [n for n in declared if n in stored]:
            case, row = declared[name], stored[name]
            report.cases += 1
            try:
                inputs = {k: _norm(v) for k, v in row["inputs"].items()}
                if render_expr(case, inputs) != row["lean"]:
                    report.problems.append(f"{case.key}: the stored Lean term differs from the template")
                got = compute_output(case, inputs)
                if _to_str(got) != row["output"]:
                    report.problems.append(f"{case.key}: Python computes {_to_str(got)}, the data file says {row['output']}")
            except Exception as exc:  # report every broken case, not just the first
                report.problems.append(f"{case.key}: {type(exc).__name__}: {exc}")
    for p in sorted((base / JSON_DIR).glob("*.json")) if (base / JSON_DIR).is_dir() else []:
        if p.stem not in collected:
            report.problems.append(f"{p} belongs to no rule with VECTORS; delete it or declare its cases")
    lean = base / LEAN_FILE
    if not lean.is_file():
        report.problems.append(f"{lean} is missing; run `python -m pyverify.vectors --write`")
    elif set(data) == set(collected) and lean.read_text(encoding="utf-8") != render_lean(data):
        report.problems.append(f"{lean} differs from the rendering of {JSON_DIR}/*.json; run `python -m pyverify.vectors --write`")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m pyverify.vectors [--write | --check]`."""
    parser = argparse.ArgumentParser(prog="python -m pyverify.vectors", description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="regenerate the data files and the Lean file")
    group.add_argument("--check", action="store_true", help="check them (the default)")
    args = parser.parse_args(argv)
    if args.write:
        for p in write_vectors():
            print(f"wrote {p}")
        return 0
    report = check_vectors()
    print(json.dumps(report.to_json(), indent=2))
    return 0 if report.ok else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
