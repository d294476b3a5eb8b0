"""Weight/node perturbation: exact direction sets, unbiasedness, variance growth, bad input."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from pyverify.backend import QArray, get_backend
from pyverify.errors import InvalidArgumentError, NonFiniteError
from pyverify.invariants import perturbation as inv
from pyverify.rules import perturbation as pt


@pytest.mark.parametrize("n", range(1, pt.MAX_RADEMACHER_DIM + 1))
def test_rademacher_set_has_identity_second_moment_exactly(n: int) -> None:
    bk = get_backend("exact")
    D = bk.from_q(QArray.of(pt.rademacher_set(n)[None]))
    assert D.shape == (1, 2**n, n)
    M = pt.second_moment(D, bk)[0]
    assert all(M[i, j] == (1 if i == j else 0) for i in range(n) for j in range(n))


@pytest.mark.parametrize("n", [1, 3, 64])
def test_coordinate_set_has_second_moment_identity_over_n(n: int) -> None:
    bk = get_backend("exact")
    M = pt.second_moment(bk.from_q(QArray.of(pt.coordinate_set(n)[None])), bk)[0]
    assert all(M[i, j] == (bk.const(1, n) if i == j else 0) for i in range(n) for j in range(n))


@pytest.mark.parametrize("n", [0, 11])
def test_rademacher_set_rejects_unenumerable_sizes(n: int) -> None:
    with pytest.raises(InvalidArgumentError, match="coordinate set"):
        pt.rademacher_set(n)


def test_one_and_two_point_means_are_unbiased_over_rademacher_exactly() -> None:
    bk = get_backend("exact")
    A = bk.from_q(QArray.of(np.array([[[3, 1, 0], [1, 2, -1], [0, -1, 5]]])))
    b = bk.from_q(QArray.of(np.array([[1, 0, -2]]), 3))
    w = bk.from_q(QArray.of(np.array([[2, -1, 1]]), 5))
    s = bk.from_q(QArray.of(np.array([7]), 3))
    F = pt.quadratic_objective(A, b, bk)
    g = bk.matvec(A, w) - b
    two = pt.average(pt.twoPoint(F, s, w, bk.from_q(QArray.of(pt.rademacher_set(3)[None])), bk), bk)
    one = pt.pmAverage(bk.from_q(QArray.of(pt.rademacher_half(3)[None])), lambda h: pt.onePoint(F, s, w, h, bk), bk)
    assert (two == g).all() and (one == g).all()
    # a single one-point estimate is biased by its σ term; only the symmetric average cancels it
    single = pt.onePoint(F, s, w, bk.from_q(QArray.of(np.array([[1, 1, 1]]))), bk)
    assert not (single == bk.inner(g, bk.from_q(QArray.of(np.array([[1, 1, 1]]))))[..., None]).all()


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, 3, elements=st.floats(-4, 4)), arrays(np.float64, 3, elements=st.floats(-4, 4)),
       st.floats(1e-3, 10))
def test_two_point_is_the_directional_derivative_on_quadratics(w: np.ndarray, xi: np.ndarray, sigma: float) -> None:
    A = np.array([[[2.0, 0.5, 0.0], [0.5, 1.0, 0.2], [0.0, 0.2, 3.0]]])
    b = np.array([[1.0, -1.0, 0.5]])
    F = pt.quadratic_objective(A, b)
    est = pt.twoPoint(F, np.array([sigma]), w[None], xi[None], validate=True)
    g = A[0] @ w - b[0]
    scale = 1 + np.abs(g).sum() * np.abs(xi).sum() ** 2 * (1 + sigma)
    assert np.allclose(est[0], (g @ xi) * xi, atol=1e-9 * scale)


def test_variance_table_grows_with_dimension_and_fa_is_biased_not_noisy() -> None:
    rows = inv.estimator_variance_table(dims=(2, 4, 8, 16, 32))
    assert [r["dim"] for r in rows] == [2, 4, 8, 16, 32]
    for key in ("two_point_rademacher", "two_point_coordinate", "one_point_coordinate"):
        vals = [r[key] for r in rows]
        assert all(a < b for a, b in zip(vals, vals[1:])), key
    assert all(r["one_point_coordinate"] >= r["two_point_coordinate"] for r in rows)
    assert all(r["feedback_alignment_variance"] == 0 and r["feedback_alignment_bias"] > 0 for r in rows)
    assert rows[0]["two_point_rademacher_source"] == "enumerated"


def test_sigma_zero_is_rejected_when_validating_and_zero_in_lean_semantics() -> None:
    F = pt.quadratic_objective(np.eye(2)[None], np.zeros((1, 2)))
    with pytest.raises(InvalidArgumentError, match="sigma"):
        pt.twoPoint(F, np.array([0.0]), np.ones((1, 2)), np.ones((1, 2)), validate=True)
    assert np.all(pt.twoPoint(F, np.array([0.0]), np.ones((1, 2)), np.ones((1, 2))) == 0)  # Lean: a / 0 = 0


def test_nan_weights_are_rejected() -> None:
    F = pt.quadratic_objective(np.eye(2)[None], np.zeros((1, 2)))
    with pytest.raises(NonFiniteError, match="w"):
        pt.onePoint(F, np.array([0.1]), np.array([[np.nan, 0.0]]), np.ones((1, 2)), validate=True)


def test_node_step_matches_outer_product_update() -> None:
    bk = get_backend("exact")
    A = bk.from_q(QArray.of(np.array([[[2, 1], [1, 2]]])))
    b = bk.from_q(QArray.of(np.array([[1, 1]])))
    W = bk.from_q(QArray.of(np.array([[[1, 0, 2], [0, 1, -1]]]), 2))
    x = bk.from_q(QArray.of(np.array([[1, 2, 3]])))
    xi = bk.from_q(QArray.of(np.array([[1, -1]])))
    eta, s = bk.from_q(QArray.of(np.array([1]), 4)), bk.from_q(QArray.of(np.array([1]), 8))
    W1 = pt.nodeStep(pt.quadratic_objective(A, b, bk), s, eta, W, x, xi, bk)
    g = bk.matvec(A, bk.matvec(W, x)) - b
    want = W - eta[0] * bk.outer(bk.inner(g, xi)[..., None] * xi, x)
    assert (W1 == want).all()


def _exact(a: Any, den: int = 1) -> Any:
    return get_backend("exact").from_q(QArray.of(np.asarray(a)[None], den))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=9, max_size=9), st.lists(st.integers(-6, 6), min_size=9, max_size=9),
       st.integers(-8, 8).filter(lambda v: v != 0))
def test_one_point_is_the_exact_taylor_expansion_on_quadratics(a: list[int], v: list[int], s: int) -> None:
    bk = get_backend("exact")
    S = np.array(a).reshape(3, 3)
    A, b, w, xi = _exact(S + S.T), _exact(v[:3], 2), _exact(v[3:6], 3), _exact(v[6:])
    sigma = _exact(s, 4)
    est = pt.onePoint(pt.quadratic_objective(A, b, bk), sigma, w, xi, bk)
    coef = bk.inner(bk.matvec(A, w) - b, xi) + sigma / 2 * bk.inner(xi, bk.matvec(A, xi))
    assert (est == coef[..., None] * xi).all()


def test_one_point_taylor_expansion_needs_a_symmetric_matrix() -> None:
    bk = get_backend("exact")
    A, b, w, xi, sigma = _exact([[1, 2], [0, 1]]), _exact([0, 0]), _exact([1, 0]), _exact([0, 1]), _exact(1)
    est = pt.onePoint(pt.quadratic_objective(A, b, bk), sigma, w, xi, bk)
    coef = bk.inner(bk.matvec(A, w) - b, xi) + sigma / 2 * bk.inner(xi, bk.matvec(A, xi))
    assert not (est == coef[..., None] * xi).all()  # F sees (A + Aᵀ)/2, the claim uses A w - b


def _one_point_stats(D: np.ndarray, c: Fraction) -> tuple[bool, Any, Any, Any]:
    """(mean == c g, variance, closed form of one_point_variance_spec, two-point variance) on a fixed quadratic."""
    bk = get_backend("exact")
    A, b, w, s = _exact([[3, 1, 0], [1, 2, -1], [0, -1, 5]]), _exact([1, 0, -2], 3), _exact([2, -1, 1], 5), _exact(7, 3)
    F = pt.quadratic_objective(A, b, bk)
    dirs = _exact(D)
    g = bk.matvec(A, w) - b
    est = pt.onePoint(F, s, w, dirs, bk)
    gx = bk.sum(g[..., None, :] * dirs, axis=-1)
    q = bk.sum(dirs * (dirs @ bk.transpose(A)), axis=-1)
    a = gx + s[..., None] / 2 * q
    m = D.shape[0]
    closed = bk.sum(a * a * bk.sum(dirs * dirs, axis=-1), axis=-1) / m - bk.const(c.numerator, c.denominator) ** 2 * bk.inner(g, g)
    mean_ok = bool((pt.average(est, bk) == bk.const(c.numerator, c.denominator) * g).all())
    return mean_ok, pt.variance(est, bk)[0], closed[0], pt.variance(pt.twoPoint(F, s, w, dirs, bk), bk)[0]


@pytest.mark.parametrize("kind", ["rademacher", "coordinate"])
def test_one_point_variance_closed_form_on_symmetric_sets_and_extra_noise(kind: str) -> None:
    D, c = (pt.rademacher_set(3), Fraction(1)) if kind == "rademacher" else (pt.coordinate_set(3), Fraction(1, 3))
    mean_ok, var, closed, two = _one_point_stats(D, c)
    assert mean_ok and var == closed
    assert var > two  # the σ/2 ⟪ξ, Aξ⟫ term adds variance but no bias


def test_one_point_variance_closed_form_fails_on_the_one_sided_basis() -> None:
    mean_ok, var, closed, _ = _one_point_stats(pt.coordinate_half(3), Fraction(1, 3))  # CubicMomentZero fails
    assert not mean_ok and var != closed


def test_one_point_variance_catalog_entry_names_its_hypotheses() -> None:
    entry = next(e for e in inv.ENTRIES if e.id == "perturbation.one_point_variance")
    assert [h.name for h in entry.hypotheses] == ["m_pos", "second_moment", "cubic_moment_zero", "symm", "sigma_ne_zero"]
    assert set(entry.necessity) == {"second_moment", "cubic_moment_zero", "symm", "sigma_ne_zero"}
    assert entry.lean_spec == "LearningRules.Perturbation.one_point_variance_spec"


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 8), st.data())
def test_rademacher_estimator_mean_square_is_n_times_squared_norm(n: int, data: Any) -> None:
    g = data.draw(arrays(np.float64, n, elements=st.floats(-5, 5)))
    est = pt.rademacherEstimate(g[None], pt.rademacher_set(n)[None].astype(np.float64))
    second = pt.listMean((est * est).sum(axis=-1))
    assert np.isclose(second[0], n * (g @ g), rtol=1e-12, atol=1e-12)
    # unbiased, so the variance is (n - 1)⟪g, g⟫
    mean = est.mean(axis=-2)[0]
    assert np.allclose(mean, g, atol=1e-12)
    assert np.isclose(second[0] - mean @ mean, (n - 1) * (g @ g), rtol=1e-9, atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.floats(0.01, 1.99), st.data())
def test_perturbation_sgd_descends_in_expectation_below_two_over_L_n(n: int, t: float, data: Any) -> None:
    M = data.draw(arrays(np.float64, (n, n), elements=st.floats(-2, 2)))
    A = M @ M.T + np.eye(n)
    w = data.draw(arrays(np.float64, n, elements=st.floats(-3, 3)))
    b = A @ w + 1.0  # ∇F w = -1 ≠ 0
    L = np.abs(A).sum(axis=-1).max()
    eta = t / (L * n)
    F = pt.quadratic_objective(A[None], b[None])
    g = (A @ w - b)[None]
    mean = pt.sgdExpectedLoss(F, g, np.array([eta]), w[None], pt.rademacher_set(n)[None].astype(np.float64))
    F0 = F(w[None])
    bound = pt.sgd_expected_descent_rhs(F0, eta, L, n, g)
    scale = 1 + abs(F0[0])
    assert mean[0] <= bound[0] + 1e-9 * scale
    assert mean[0] < F0[0]


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_perturbation_sgd_step_bound_is_tight_on_isotropic_quadratics_exactly(n: int) -> None:
    # A = a I, L = a: E F(w - η ĝ) = F w - η(1 - aηn/2)⟪g, g⟫, so η = 2/(a n) leaves the expected loss unchanged
    bk = get_backend("exact")
    a = 3
    A = bk.from_q(QArray.of((a * np.eye(n, dtype=np.int64))[None]))
    b = bk.from_q(QArray.of(np.arange(1, n + 1)[None], 2))
    w = bk.from_q(QArray.of(np.ones((1, n), dtype=np.int64)))
    F = pt.quadratic_objective(A, b, bk)
    g = bk.matvec(A, w) - b
    dirs = bk.from_q(QArray.of(pt.rademacher_set(n)[None]))
    at_bound = bk.from_q(QArray.of(np.array([Fraction(2, a * n)], dtype=object)))
    assert pt.sgdExpectedLoss(F, g, at_bound, w, dirs, bk)[0] == F(w)[0]
    gd_step = bk.from_q(QArray.of(np.array([Fraction(1, a)], dtype=object)))  # fine for GD, too large here if n > 2
    moved = pt.sgdExpectedLoss(F, g, gd_step, w, dirs, bk)[0]
    assert (moved > F(w)[0]) == (n > 2) and (moved == F(w)[0]) == (n == 2)


def test_estimator_helpers_reject_bad_shapes_and_average_empty_families_to_zero() -> None:
    with pytest.raises(InvalidArgumentError, match="pass g"):
        pt.rademacherEstimate(np.zeros((1, 2)), np.zeros((1, 4, 3)))
    with pytest.raises(InvalidArgumentError, match="direction set"):
        pt.sgdExpectedLoss(lambda v: v.sum(axis=-1), np.zeros((1, 2)), np.ones(1), np.zeros((1, 2)), np.zeros((1, 2)))
    assert pt.listMean(np.zeros((1, 0)))[0] == 0
