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
