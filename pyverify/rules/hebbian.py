"""Plain Hebbian learning for a linear neuron (mirrors `lean/LearningRules/Hebbian.lean`).

Arrays are batched: inputs `x` and weights `w` have shape (B, n), correlation matrices `C` shape
(B, n, n), step sizes `eta` shape (B,) or scalar. The Lean names `objectiveC` and `stepC` are kept
verbatim so that the Python and Lean sides read alike.
"""

from __future__ import annotations

from typing import Any

from ..backend import Backend, backend_of, check_finite, check_positive, check_shapes, col

__all__ = ["output", "step", "objective", "objectiveC", "stepC", "iterate", "validate"]



def validate(eta: Any, x: Any, w: Any, *, C: Any = None) -> None:
    """Check finite data, a positive step size and matching shapes (`x`/`w`: (B, n), `C`: (B, n, n))."""
    check_positive("eta", eta)
    check_finite("w", w)
    if C is None:
        check_finite("x", x)
        check_shapes(x=(x, ("n",)), w=(w, ("n",)))
    else:
        check_finite("C", C)
        check_shapes(C=(C, ("n", "n")), w=(w, ("n",)))


def output(x: Any, w: Any, bk: Backend | None = None) -> Any:
    """The neuron's output `⟪w, x⟫` (Lean: `Hebbian.output x w`)."""
    bk = bk or backend_of(w, x)
    return bk.inner(w, x)


def step(eta: Any, x: Any, w: Any, bk: Backend | None = None, *, validate_input: bool = False) -> Any:
    """One Hebbian step `w + (η ⟪w, x⟫) • x` (Lean: `Hebbian.step η x w`)."""
    bk = bk or backend_of(w, x)
    if validate_input:
        validate(eta, x, w)
    return w + (col(eta) * output(x, w, bk)[..., None]) * x


def objective(x: Any, w: Any, bk: Backend | None = None) -> Any:
    """The single-example objective `⟪w, x⟫² / 2` (ascended; Lean: `Hebbian.objective x w`)."""
    bk = bk or backend_of(w, x)
    y = output(x, w, bk)
    return y * y / 2


def objectiveC(C: Any, w: Any, bk: Backend | None = None) -> Any:
    """The data-set objective `⟪w, C w⟫ / 2` (Lean: `Hebbian.objectiveC C w`)."""
    bk = bk or backend_of(w, C)
    return bk.inner(w, bk.matvec(C, w)) / 2


def stepC(eta: Any, C: Any, w: Any, bk: Backend | None = None, *, validate_input: bool = False) -> Any:
    """The averaged Hebbian step `w + η • C w` (Lean: `Hebbian.stepC η C w`)."""
    bk = bk or backend_of(w, C)
    if validate_input:
        validate(eta, None, w, C=C)
    return w + col(eta) * bk.matvec(C, w)


def iterate(k: int, eta: Any, x: Any, w: Any, bk: Backend | None = None) -> list[Any]:
    """`[w, step w, …, step^k w]` on one input per instance (Lean: `iterate (Hebbian.step η x) k w`)."""
    bk = bk or backend_of(w, x)
    out = [w]
    for _ in range(k):
        out.append(step(eta, x, out[-1], bk))
    return out
