"""Symbolic (sympy) checks of the algebraic core of the Lean proofs.

Each check builds, in a small generic dimension with symbolic entries, a *residual*: an expression that
is identically zero exactly when the polynomial (or rational) identity behind a proof step holds, for
example `F(w - ηg) - F(w) + η(1 - Lη/2)⟪g, g⟫ - η²/2 (⟪g, A g⟫ - L⟪g, g⟫)` for the descent lemma on a
quadratic. `sympy` decides it (`expand`, then `cancel`/`simplify` for rational expressions). This is a
second, independent check of the maths behind the Lean proof; it is not a proof of the Lean statement.

Checks live in modules ``pyverify/symbolic/<rule>.py`` and register themselves with
``@symbolic_check(rule, name, lean_spec)``; `run_symbolic_checks` imports every such module.
"""

from __future__ import annotations

import importlib
import pkgutil
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import sympy

from ..errors import InvalidArgumentError, UnknownNameError

__all__ = [
    "SymbolicCheck",
    "SymbolicResult",
    "SYMBOLIC_CHECKS",
    "symbolic_check",
    "evaluate_check",
    "run_symbolic_checks",
    "vec",
    "sym_matrix",
    "dot",
]

Residual = Any  # a sympy expression, or a list/tuple/Matrix of them


@dataclass(frozen=True)
class SymbolicCheck:
    """A registered check: `build()` returns the residual(s) that must vanish identically."""

    rule: str
    name: str
    lean_spec: str
    identity: str
    build: Callable[[], Residual]

    @property
    def key(self) -> str:
        return f"{self.rule}.{self.name}"


@dataclass(frozen=True)
class SymbolicResult:
    """The outcome of one check: `status` is ``passed``, ``failed`` (a non-zero residual) or ``error``."""

    rule: str
    name: str
    lean_spec: str
    status: str
    detail: str
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "name": self.name, "lean_spec": self.lean_spec, "status": self.status,
                "detail": self.detail, "seconds": round(self.seconds, 4), "checked_by": "sympy"}


#: Every registered check, by ``<rule>.<name>``.
SYMBOLIC_CHECKS: dict[str, SymbolicCheck] = {}


def symbolic_check(rule: str, name: str, lean_spec: str, identity: str = "") -> Callable[[Callable[[], Residual]], Callable[[], Residual]]:
    """Register a function returning residual(s) that must simplify to 0.

    `identity` says in words what is checked (defaults to the function's docstring's first line).
    """

    def deco(fn: Callable[[], Residual]) -> Callable[[], Residual]:
        key = f"{rule}.{name}"
        if key in SYMBOLIC_CHECKS and SYMBOLIC_CHECKS[key].build is not fn:
            raise InvalidArgumentError(f"duplicate symbolic check {key!r}")
        doc = (fn.__doc__ or "").strip()
        text = identity or (doc.splitlines()[0] if doc else name)
        SYMBOLIC_CHECKS[key] = SymbolicCheck(rule, name, lean_spec, text, fn)
        return fn

    return deco


def _flatten(res: Residual) -> list[Any]:
    if isinstance(res, sympy.MatrixBase):
        return list(res)
    if isinstance(res, (list, tuple)):
        out: list[Any] = []
        for r in res:
            out.extend(_flatten(r))
        return out
    return [sympy.sympify(res)]


def is_zero(expr: Any) -> bool:
    """Whether `expr` is identically zero: `expand`, then `cancel` (rational functions), then `simplify`."""
    e = sympy.expand(expr)
    if e == 0:
        return True
    e = sympy.cancel(sympy.together(e))
    if e == 0:
        return True
    return bool(sympy.simplify(e) == 0)


def evaluate_check(check: SymbolicCheck) -> SymbolicResult:
    """Run one check (also usable on an unregistered `SymbolicCheck`)."""
    t0 = time.perf_counter()
    try:
        residuals = _flatten(check.build())
        bad = [r for r in residuals if not is_zero(r)]
    except Exception as exc:  # a broken check is reported, not raised
        return SymbolicResult(check.rule, check.name, check.lean_spec, "error", f"{type(exc).__name__}: {exc}",
                              time.perf_counter() - t0)
    if bad:
        shown = sympy.factor(sympy.expand(bad[0]))
        return SymbolicResult(check.rule, check.name, check.lean_spec, "failed",
                              f"{check.identity}: residual {shown} ≠ 0 ({len(bad)} of {len(residuals)} non-zero)",
                              time.perf_counter() - t0)
    return SymbolicResult(check.rule, check.name, check.lean_spec, "passed",
                          f"{check.identity}: {len(residuals)} residual(s) simplify to 0", time.perf_counter() - t0)


def _discover() -> None:
    for mod in pkgutil.iter_modules(__path__):
        if not mod.name.startswith("_"):
            importlib.import_module(f"{__name__}.{mod.name}")


def run_symbolic_checks(rule: str | None = None) -> list[SymbolicResult]:
    """Run every registered check (of one rule, if given), sorted by rule and name."""
    _discover()
    checks: Iterable[SymbolicCheck] = sorted(SYMBOLIC_CHECKS.values(), key=lambda c: (c.rule, c.name))
    if rule is not None:
        known = sorted({c.rule for c in SYMBOLIC_CHECKS.values()})
        if rule not in known:
            raise UnknownNameError(f"no symbolic checks for rule {rule!r}; rules with checks: {', '.join(known)}")
        checks = [c for c in checks if c.rule == rule]
    return [evaluate_check(c) for c in checks]


# -- helpers for check modules -------------------------------------------------------------------
def vec(name: str, n: int) -> sympy.Matrix:
    """A column vector of `n` fresh real symbols ``name0 … name{n-1}``."""
    return sympy.Matrix(sympy.symbols(f"{name}0:{n}", real=True))


def sym_matrix(name: str, n: int, m: int | None = None, *, symmetric: bool = False) -> sympy.Matrix:
    """An `n × m` matrix of fresh symbols (symmetric when asked, then square)."""
    m = n if m is None else m
    if symmetric:
        return sympy.Matrix(n, n, lambda i, j: sympy.Symbol(f"{name}{min(i, j)}{max(i, j)}", real=True))
    return sympy.Matrix(n, m, lambda i, j: sympy.Symbol(f"{name}{i}{j}", real=True))


def dot(x: sympy.Matrix, y: sympy.Matrix) -> Any:
    """`⟪x, y⟫` of two column vectors."""
    return (x.T * y)[0, 0]
