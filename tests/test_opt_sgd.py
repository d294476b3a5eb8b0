"""Behaviour of SGD's multi-step expectations: exact sample-path averages and the minibatch variance."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyverify.backend import get_backend, to_fraction_array
from pyverify.catalog import get_entry
from pyverify.checking import check_entry
from pyverify.errors import InvalidArgumentError
from pyverify.rules import sgd

BK = get_backend("exact")
SETTINGS = settings(max_examples=25, deadline=None)


def _fr(x: object) -> list[Fraction]:
    return list(to_fraction_array(np.asarray(x, dtype=object)).reshape(-1))


@st.composite
def samples(draw: Any, *, max_m: int = 3, max_n: int = 3) -> np.ndarray:
    """`m` sample gradients in dimension `n` (batch of one), small integers over 2."""
    m = draw(st.integers(1, max_m))
    n = draw(st.integers(1, max_n))
    vals = draw(st.lists(st.integers(-6, 6), min_size=m * n, max_size=m * n))
    return BK.asarray(np.array([Fraction(v, 2) for v in vals], dtype=object).reshape(1, m, n))


@st.composite
def linear_oracles(draw: Any) -> tuple[Any, Any, Any, Any]:
    """`(grads, eta, w, gbar)`: samples `g_i(w) = a w - c_i` (a scalar curvature `a`), a step and a start."""
    G = draw(samples())
    m, n = G.shape[1], G.shape[2]
    a = BK.const(draw(st.integers(0, 4)), 2)
    eta = BK.asarray([Fraction(draw(st.integers(1, 8)), 8)])
    w = BK.asarray(np.array([Fraction(v, 3) for v in draw(st.lists(st.integers(-5, 5), min_size=n, max_size=n))],
                            dtype=object).reshape(1, n))

    def grads(W: Any) -> Any:
        # W: (1, P, n) -> (1, P, m, n); (1, n) -> (1, m, n)
        return a * W[..., None, :] - (G[:, None] if W.ndim == 3 else G)

    return grads, eta, w, a


def _sq(W: Any) -> Any:
    return BK.inner(W, W)


@SETTINGS
@given(samples(), st.integers(1, 4))
def test_minibatch_variance_is_the_sample_variance_over_the_batch_size(G: Any, b: int) -> None:
    w = BK.zeros_like(G[:, 0, :])
    lhs = sgd.minibatch_variance(lambda v: G, w, b, BK)
    assert _fr(lhs) == [x / b for x in _fr(sgd.variance(lambda v: G, w, BK))]


@SETTINGS
@given(samples(), st.integers(0, 4))
def test_draw_sums_enumerate_every_tuple_with_mean_b_times_the_mean_gradient(G: Any, b: int) -> None:
    S = sgd.draw_sums(G, b, BK)
    m = G.shape[1]
    assert S.shape == (1, m ** b, G.shape[2])
    gbar = sgd.mean_grad(lambda v: G, BK.zeros_like(G[:, 0, :]), BK)
    assert _fr(BK.mean(S, axis=-2)) == [b * x for x in _fr(gbar)]


def test_minibatch_variance_follows_lean_at_the_edges() -> None:
    G = BK.asarray([[[1, 2], [3, -1], [0, 0]]])
    w = BK.asarray([[0, 0]])
    gbar = sgd.mean_grad(lambda v: G, w, BK)
    # batch 0: one empty tuple, mean (1/0) • 0 = 0, so the value is ⟪ḡ, ḡ⟫
    assert _fr(sgd.minibatch_variance(lambda v: G, w, 0, BK)) == _fr(BK.inner(gbar, gbar))
    # no samples: every average is (1/0) Σ_∅ = 0
    E = BK.asarray(np.zeros((1, 0, 2), dtype=object))
    assert _fr(sgd.minibatch_variance(lambda v: E, w, 2, BK)) == [0]


@SETTINGS
@given(linear_oracles(), st.integers(0, 2))
def test_path_mean_recurses_on_the_last_step_like_lean(orc: Any, k: int) -> None:
    grads, eta, w, _ = orc
    # Lean: pathMean (k + 1) f w = pathMean k (fun v => expectedLoss f grads η v) w
    def expected_sq(V: Any) -> Any:  # (1, P, n) -> (1, P): the mean of f over one more step from each point
        return BK.mean(_sq(V[..., None, :] - eta[:, None, None, None] * grads(V)), axis=-1)

    assert _fr(sgd.path_mean(_sq, grads, eta, w, k + 1, BK)) == _fr(sgd.path_mean(expected_sq, grads, eta, w, k, BK))


@SETTINGS
@given(linear_oracles(), st.integers(0, 3), st.integers(-3, 3), st.integers(-3, 3))
def test_path_mean_is_affine_and_monotone_in_the_function(orc: Any, k: int, a: int, c: int) -> None:
    grads, eta, w, _ = orc
    f = lambda W: BK.sum(W, axis=-1)  # noqa: E731
    lhs = sgd.path_mean(lambda W: f(W) - a * _sq(W) + c, grads, eta, w, k, BK)
    rhs = sgd.path_mean(f, grads, eta, w, k, BK) - a * sgd.path_mean(_sq, grads, eta, w, k, BK) + c
    assert _fr(lhs) == _fr(rhs)
    assert _fr(sgd.path_mean(_sq, grads, eta, w, k, BK))[0] >= 0


@SETTINGS
@given(linear_oracles(), st.integers(1, 3))
def test_path_mean_of_the_mean_step_is_a_gradient_step_for_linear_gradients(orc: Any, k: int) -> None:
    grads, eta, w, _ = orc
    # for gradients linear in w the mean iterate follows gradient descent with the mean gradient
    W = sgd.path_iterates(grads, eta, w, k, BK)
    v = w
    for _ in range(k):
        v = v - eta[:, None] * sgd.mean_grad(grads, v, BK)
    assert _fr(BK.mean(W, axis=-2)) == _fr(v)


def test_path_enumeration_refuses_bad_counts() -> None:
    G = BK.asarray([[[1], [2], [3]]])
    grads = lambda W: np.broadcast_to(G[:, None], W.shape[:-1] + (3, 1))  # noqa: E731
    with pytest.raises(InvalidArgumentError, match="MAX_PATHS"):
        sgd.path_iterates(grads, BK.asarray([Fraction(1, 2)]), BK.asarray([[0]]), 20, BK)
    with pytest.raises(InvalidArgumentError, match="natural number"):
        sgd.path_iterates(grads, BK.asarray([Fraction(1, 2)]), BK.asarray([[0]]), -1, BK)
    with pytest.raises(InvalidArgumentError, match="b="):
        sgd.draw_sums(G, 99, BK)


@pytest.mark.parametrize("eid", ["sgd.nonconvex_rate", "sgd.minibatch_variance"])
def test_new_sgd_entries_hold_exactly_on_their_samples(eid: str) -> None:
    result = check_entry(get_entry(eid), "exact", samples=12, seed=3)
    assert result.status == "held", result


def test_nonconvex_rate_is_tight_for_one_exact_step() -> None:
    """Dimension 1, F = w²/2 (L = 1), η = 1/L, no noise, T = 1: the bound 2(F w₀ - F*)/η equals ⟪g₀, g₀⟫."""
    from pyverify.backend import QArray
    from pyverify.catalog import Batch

    entry = get_entry("sgd.nonconvex_rate")
    one = lambda v: QArray.of(np.array([v], dtype=object))  # noqa: E731
    x = Batch({"As": QArray.of(np.array([[[[1]]]])), "bs": QArray.of(np.array([[[0]]])),
               "A": QArray.of(np.array([[[1]]])), "b": QArray.of(np.array([[0]])), "w": QArray.of(np.array([[3]])),
               "L": one(Fraction(1)), "eta": one(Fraction(1)), "sigma2": one(Fraction(0)), "Fstar": one(Fraction(0)),
               "T": QArray.of(np.array([1]))}).to(BK)
    (rel,) = entry.conclusion(x, BK)
    assert _fr(rel.lhs) == _fr(rel.rhs) == [9]
