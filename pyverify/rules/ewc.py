"""Elastic weight consolidation (mirrors `lean/LearningRules/EWC.lean`).

`penalty w = lam / 2 * Σ_i fisher_i (w_i - wstar_i)²` anchors the weights to the old task's optimum
`wstar`, weighted by the diagonal Fisher information; `total_loss = Lnew + penalty`. Arrays are batched:
`fisher`, `wstar`, `w` have shape (B, n), `lam` and `eta` shape (B,) or are scalars. The new-task loss
and its gradient are callables on (B, n) arrays.

Lean names: `penalty` ↔ `EWC.penalty`, `total_loss` ↔ `EWC.totalLoss`, `penalty_grad` ↔
`EWC.penaltyGrad`, `total_grad` ↔ `EWC.totalGrad`, `step` ↔ `GradientDescent.step (EWC.totalGrad …) η`,
`diag_quad` ↔ `EWC.diagQuad` (the quadratic old loss with diagonal Hessian of `EWC.joint_objective_spec`).
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from ..backend import Backend, backend_of, check_finite, check_positive, check_shapes, col
from ..errors import InvalidArgumentError

__all__ = ["penalty", "penalty_grad", "total_loss", "total_grad", "step", "diag_quad", "LEAN_NAMES"]

LEAN_NAMES: dict[str, str] = {
    "penalty": "LearningRules.EWC.penalty",
    "penalty_grad": "LearningRules.EWC.penaltyGrad",
    "total_loss": "LearningRules.EWC.totalLoss",
    "total_grad": "LearningRules.EWC.totalGrad",
    "step": "LearningRules.GradientDescent.step",
    "diag_quad": "LearningRules.EWC.diagQuad",
}

VecFn = Callable[[Any], Any]



def _validate(lam: Any, fisher: Any, wstar: Any, w: Any) -> None:
    for name, arr in (("lam", lam), ("fisher", fisher), ("wstar", wstar), ("w", w)):
        check_finite(name, arr)
    check_shapes(fisher=(fisher, ("n",)), wstar=(wstar, ("n",)), w=(w, ("n",)))
    f = fisher.detach().cpu().numpy() if hasattr(fisher, "detach") else fisher
    if not np.all(np.asarray(f) >= 0):
        raise InvalidArgumentError("fisher has a negative entry; the Fisher diagonal must be >= 0 (pass squared gradients)")
    lm = lam.detach().cpu().numpy() if hasattr(lam, "detach") else lam
    if not np.all(np.asarray(lm) >= 0):
        raise InvalidArgumentError("lam is negative; the EWC strength must be >= 0")


def penalty(lam: Any, fisher: Any, wstar: Any, w: Any, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """`lam / 2 * Σ_i fisher_i (w_i - wstar_i)²` per instance (Lean: `EWC.penalty lam fisher wstar w`)."""
    bk = bk or backend_of(fisher, w)
    if validate:
        _validate(lam, fisher, wstar, w)
    d = w - wstar
    return lam / 2 * bk.sum(fisher * d * d, axis=-1)


def penalty_grad(lam: Any, fisher: Any, wstar: Any, w: Any, bk: Backend | None = None, *, validate: bool = True) -> Any:
    """The penalty's gradient `i ↦ lam * fisher_i * (w_i - wstar_i)` (Lean: `EWC.penaltyGrad`)."""
    if validate:
        _validate(lam, fisher, wstar, w)
    return col(lam) * fisher * (w - wstar)


def total_loss(Lnew: VecFn, lam: Any, fisher: Any, wstar: Any, w: Any, bk: Backend | None = None,
               *, validate: bool = True) -> Any:
    """`Lnew w + penalty lam fisher wstar w` (Lean: `EWC.totalLoss Lnew lam fisher wstar w`)."""
    return Lnew(w) + penalty(lam, fisher, wstar, w, bk, validate=validate)


def total_grad(gnew: VecFn, lam: Any, fisher: Any, wstar: Any, w: Any, bk: Backend | None = None,
               *, validate: bool = True) -> Any:
    """`gnew w + penaltyGrad lam fisher wstar w` (Lean: `EWC.totalGrad gnew lam fisher wstar w`)."""
    return gnew(w) + penalty_grad(lam, fisher, wstar, w, bk, validate=validate)


def step(gnew: VecFn, lam: Any, fisher: Any, wstar: Any, eta: Any, w: Any, bk: Backend | None = None,
         *, validate: bool = True) -> Any:
    """One gradient step on the total loss, `w - η • totalGrad w`
    (Lean: `GradientDescent.step (EWC.totalGrad gnew lam fisher wstar) η w`)."""
    if validate:
        _validate(lam, fisher, wstar, w)
        check_positive("eta", eta)
    return w - col(eta) * total_grad(gnew, lam, fisher, wstar, w, bk, validate=False)


def diag_quad(h: Any, g: Any, c: Any, w: Any, bk: Backend | None = None) -> Any:
    """`(Σ_i h_i w_i w_i) / 2 - ⟪g, w⟫ + c` per instance: a quadratic with diagonal Hessian `h`
    (Lean: `EWC.diagQuad h g c w`). No sign condition on `h`."""
    bk = bk or backend_of(h, w)
    check_shapes(h=(h, ("n",)), g=(g, ("n",)), w=(w, ("n",)))
    return bk.sum(h * w * w, axis=-1) / 2 - bk.inner(g, w) + c
