"""Feedback alignment on a two-layer linear network (mirrors `lean/LearningRules/FeedbackAlignment.lean`).

`ŷ = W₂ (W₁ x)`, squared error `½ ⟪e, e⟫` with `e = ŷ - y`, and the first-layer update with a fixed
feedback matrix `B` (h × p) in place of `W₂ᵀ`: `W₁' = W₁ - η (B e) xᵀ`. Arrays are batched: `W₁`
(B, h, n), `W₂` (B, p, h), `B` (B, h, p), `x` (B, n), `y` (B, p), `eta` (B,) or scalar. The Lean
name `faStep` is kept verbatim.
"""

from __future__ import annotations

from typing import Any

from ..backend import Backend, backend_of, check_finite, check_positive, check_shapes

__all__ = ["forward", "error", "loss", "faStep", "outer", "matDot", "bpGrad", "bpStep", "faDir", "validate"]


def validate(eta: Any, B: Any, W1: Any, W2: Any, x: Any, y: Any) -> None:
    """Check finite data, a positive step size and consistent shapes (n inputs, h hidden, p outputs)."""
    check_positive("eta", eta)
    for name, a in (("B", B), ("W1", W1), ("W2", W2), ("x", x), ("y", y)):
        check_finite(name, a)
    check_shapes(W1=(W1, ("h", "n")), W2=(W2, ("p", "h")), B=(B, ("h", "p")), x=(x, ("n",)), y=(y, ("p",)))


def forward(W1: Any, W2: Any, x: Any, bk: Backend | None = None) -> Any:
    """The output `W₂ (W₁ x)` (Lean: `FeedbackAlignment.forward W₁ W₂ x`)."""
    bk = bk or backend_of(W1, x)
    return bk.matvec(W2, bk.matvec(W1, x))


def error(W1: Any, W2: Any, x: Any, y: Any, bk: Backend | None = None) -> Any:
    """The output error `W₂ (W₁ x) - y` (Lean: `FeedbackAlignment.error W₁ W₂ x y`)."""
    bk = bk or backend_of(W1, x)
    return forward(W1, W2, x, bk) - y


def loss(W1: Any, W2: Any, x: Any, y: Any, bk: Backend | None = None) -> Any:
    """The squared error `⟪e, e⟫ / 2` (Lean: `FeedbackAlignment.loss W₁ W₂ x y`)."""
    bk = bk or backend_of(W1, x)
    e = error(W1, W2, x, y, bk)
    return bk.inner(e, e) / 2


def _eta(eta: Any) -> Any:
    return eta[..., None, None] if getattr(eta, "ndim", 0) else eta


def faStep(eta: Any, B: Any, W1: Any, W2: Any, x: Any, y: Any, bk: Backend | None = None, *,
           validate_input: bool = False) -> Any:
    """`W₁ i j - η * (B e) i * x j` (Lean: `FeedbackAlignment.faStep η B W₁ W₂ x y`)."""
    bk = bk or backend_of(W1, x)
    if validate_input:
        validate(eta, B, W1, W2, x, y)
    e = error(W1, W2, x, y, bk)
    return W1 - _eta(eta) * bk.outer(bk.matvec(B, e), x)


def outer(a: Any, x: Any, bk: Backend | None = None) -> Any:
    """The rank-one matrix `a xᵀ` (Lean: `FeedbackAlignment.outer a x`)."""
    bk = bk or backend_of(a, x)
    return bk.outer(a, x)


def matDot(A: Any, C: Any, bk: Backend | None = None) -> Any:
    """The Frobenius inner product `Σ i j, A i j * C i j` (Lean: `FeedbackAlignment.matDot A C`)."""
    bk = bk or backend_of(A, C)
    return bk.sum(bk.sum(A * C, -1), -1)


def bpGrad(W1: Any, W2: Any, x: Any, y: Any, bk: Backend | None = None) -> Any:
    """The backpropagation gradient `(W₂ᵀ e) xᵀ` of the loss in `W₁` (Lean: `FeedbackAlignment.bpGrad W₁ W₂ x y`)."""
    bk = bk or backend_of(W1, x)
    return bk.outer(bk.matvec(bk.transpose(W2), error(W1, W2, x, y, bk)), x)


def bpStep(eta: Any, W1: Any, W2: Any, x: Any, y: Any, bk: Backend | None = None) -> Any:
    """The backpropagation update `W₁ - η (W₂ᵀ e) xᵀ` (Lean: `FeedbackAlignment.bpStep η W₁ W₂ x y`; it is
    feedback alignment with `B = W₂ᵀ`)."""
    bk = bk or backend_of(W1, x)
    return W1 - _eta(eta) * bpGrad(W1, W2, x, y, bk)


def faDir(B: Any, W1: Any, W2: Any, x: Any, y: Any, bk: Backend | None = None) -> Any:
    """The feedback-alignment direction `(B e) xᵀ` (Lean: `FeedbackAlignment.faDir B W₁ W₂ x y`)."""
    bk = bk or backend_of(W1, x)
    return bk.outer(bk.matvec(B, error(W1, W2, x, y, bk)), x)
