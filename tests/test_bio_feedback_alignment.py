"""Feedback alignment: necessity of alignment, backprop as a special case, training, bad input."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from pyverify.backend import get_backend
from pyverify.errors import InvalidArgumentError, NonFiniteError, ShapeError
from pyverify.invariants import feedback_alignment as inv
from pyverify.rules import feedback_alignment as fa


def test_misaligned_feedback_increases_the_loss_for_every_step_size() -> None:
    rep = inv.misaligned_counterexample()
    assert rep["checked_by"] == "exact rational arithmetic"
    assert rep["alignment_min_pivot"].startswith("-")  # W₂ B has no positive definite symmetric part
    assert rep["steps"] and all(s["increased"] for s in rep["steps"])


def test_min_pivot_decides_positive_definiteness_exactly() -> None:
    bk = get_backend("exact")
    S = bk.asarray(np.array([[[2, 1], [1, 2]], [[1, 2], [2, 1]], [[0, 0], [0, 1]]], dtype=object))
    piv = inv.min_pivot(S, bk)
    assert piv[0] > 0 and piv[1] <= 0 and piv[2] <= 0


def test_backprop_is_feedback_alignment_with_transposed_weights() -> None:
    rng = np.random.default_rng(0)
    W1, W2 = rng.normal(size=(1, 4, 3)), rng.normal(size=(1, 2, 4))
    x, y = rng.normal(size=(1, 3)), rng.normal(size=(1, 2))
    e = fa.error(W1, W2, x, y)
    grad = np.einsum("bh,bn->bhn", np.einsum("bph,bp->bh", W2, e), x)  # ∂ loss / ∂ W₁
    assert np.allclose(fa.bpStep(np.array([0.1]), W1, W2, x, y), W1 - 0.1 * grad)
    assert np.allclose(fa.bpGrad(W1, W2, x, y), grad)
    assert np.allclose(fa.bpStep(np.array([0.1]), W1, W2, x, y),
                       fa.faStep(np.array([0.1]), np.swapaxes(W2, -1, -2), W1, W2, x, y))


def test_bpGrad_is_the_gradient_by_central_differences() -> None:
    """`bpGrad` is ∂ loss / ∂ W₁: the loss is quadratic in W₁, so central differences are exact up to rounding."""
    rng = np.random.default_rng(2)
    W1, W2 = rng.normal(size=(1, 3, 2)), rng.normal(size=(1, 2, 3))
    x, y = rng.normal(size=(1, 2)), rng.normal(size=(1, 2))
    g = fa.bpGrad(W1, W2, x, y)
    h = 1e-5
    for i in range(3):
        for j in range(2):
            D = np.zeros_like(W1)
            D[0, i, j] = h
            fd = (fa.loss(W1 + D, W2, x, y) - fa.loss(W1 - D, W2, x, y))[0] / (2 * h)
            assert abs(fd - g[0, i, j]) < 1e-7


def test_psd_margin_decides_semidefiniteness_exactly() -> None:
    bk = get_backend("exact")
    S = bk.asarray(np.array([[[1, 1], [1, 1]], [[0, 1], [1, 0]], [[0, 0], [0, 2]], [[2, 1], [1, 0]], [[-1, 0], [0, 0]]],
                            dtype=object))
    m = inv.psd_margin(S, bk)
    assert m[0] == 0 and m[2] == 0  # singular but semidefinite
    assert m[1] < 0 and m[3] < 0 and m[4] < 0


def test_alignment_bounds_of_the_sampler_are_tight_enough_to_fail_when_scaled() -> None:
    """The sampled α and β are valid, and 4α (resp. β/2) breaks them when p = 1 (α ≥ λ/2 up to 2⁻¹⁰, β ≈ λ²)."""
    bk = get_backend("exact")
    for b in inv.network_instances(np.random.default_rng(3), 8, shapes=((1, 1, 1),)):
        x = b.to(bk)
        assert all(inv.ALIGN.relations(x, bk)[0].lhs >= 0) and all(inv.GAIN.relations(x, bk)[0].lhs >= 0)
        worse = dict(x, alpha=x["alpha"] * 4, beta=x["beta"] / 2)
        assert all(inv.ALIGN.relations(worse, bk)[0].lhs < 0) and all(inv.GAIN.relations(worse, bk)[0].lhs < 0)


def test_aligned_random_feedback_trains_the_network() -> None:
    rng = np.random.default_rng(1)
    n, h, p = 5, 6, 2
    W1, W2 = rng.normal(size=(1, h, n)) * 0.3, rng.normal(size=(1, p, h))
    B = np.swapaxes(W2, -1, -2) + 0.3 * rng.normal(size=(1, h, p))
    T = rng.normal(size=(p, n))
    X = rng.normal(size=(300, n))
    first = np.mean([fa.loss(W1, W2, x[None], (T @ x)[None])[0] for x in X[:20]])
    for x in X:
        W1 = fa.faStep(np.array([0.02]), B, W1, W2, x[None], (T @ x)[None], validate_input=True)
    last = np.mean([fa.loss(W1, W2, x[None], (T @ x)[None])[0] for x in X[-20:]])
    assert last < first


@pytest.mark.parametrize(
    "change, exc, needle",
    [
        ({"eta": np.array([0.0])}, InvalidArgumentError, "eta"),
        ({"x": np.array([[np.nan, 0.0, 0.0]])}, NonFiniteError, "x"),
        ({"B": np.zeros((1, 3, 2))}, ShapeError, "B"),
    ],
)
def test_bad_input_names_the_argument(change: dict[str, Any], exc: type, needle: str) -> None:
    args = {"eta": np.array([0.1]), "B": np.zeros((1, 4, 2)), "W1": np.zeros((1, 4, 3)), "W2": np.zeros((1, 2, 4)),
            "x": np.zeros((1, 3)), "y": np.zeros((1, 2))}
    args.update(change)
    with pytest.raises(exc, match=needle):
        fa.faStep(args["eta"], args["B"], args["W1"], args["W2"], args["x"], args["y"], validate_input=True)
