"""Behaviour and bad-input tests of the optimization-family rules (float, exact and torch)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from pyverify.backend import get_backend, to_fraction_array
from pyverify.errors import InvalidArgumentError, NonFiniteError, ShapeError
from pyverify.rules import ewc, lms, quadratic, sgd
from pyverify.rules import gradient_descent as gd
from pyverify.rules import predictive_coding as pc


def _q(values: object) -> np.ndarray:
    return get_backend("exact").asarray(values)


def _fr(x: object) -> list[Fraction]:
    return list(to_fraction_array(np.asarray(x, dtype=object)).reshape(-1))


# -- behaviour ---------------------------------------------------------------------------------
def test_lms_step_matches_hand_computation_exactly() -> None:
    w1 = lms.step(_q([Fraction(3, 4)]), _q([[1, 2]]), _q([1]), _q([[0, 0]]))
    assert _fr(w1) == [Fraction(3, 4), Fraction(3, 2)]


def test_lms_error_becomes_zero_for_normalised_step() -> None:
    x, y, w = _q([[1, 2, 2]]), _q([5]), _q([[1, 0, -1]])
    w1 = lms.step(_q([Fraction(1, 9)]), x, y, w)
    assert lms.error(x, y, w1)[0] == 0


def test_rules_agree_across_float_exact_and_torch() -> None:
    pytest.importorskip("torch", reason="torch is an optional extra: pip install 'pyverify[torch]'")
    rng = np.random.default_rng(1)
    W = rng.integers(-3, 4, size=(4, 3, 2)).astype(float)
    args = (W, np.full(4, 0.5), rng.normal(size=(4, 2)), rng.normal(size=(4, 3)), rng.normal(size=(4, 2)))
    f = pc.energy(*args)
    t = pc.energy(*[get_backend("torch").asarray(a) for a in args]).numpy()
    e = pc.energy(*[get_backend("exact").asarray(a.tolist()) for a in args])
    np.testing.assert_allclose(f, t, rtol=1e-12)
    np.testing.assert_allclose(f, np.array([float(v.p) / float(v.q) for v in e]), rtol=1e-12)


def test_ewc_penalty_and_gradient_are_consistent() -> None:
    lam, fisher, ws, w = _q([Fraction(3, 2)]), _q([[Fraction(1, 2), 2]]), _q([[1, -1]]), _q([[3, Fraction(1, 3)]])
    assert _fr(ewc.penalty(lam, fisher, ws, w)) == [Fraction(25, 6)]
    assert _fr(ewc.penalty_grad(lam, fisher, ws, w)) == [Fraction(3, 2), Fraction(4)]


def test_pc_gradient_vanishes_at_constructed_fixed_point() -> None:
    W, x, mu, lam = _q([[[1, 2], [0, 1]]]), _q([[1, 1]]), _q([[0, 1]]), _q([2])
    back = (W[0].T @ (x[0] - W[0] @ mu[0]))
    mu0 = _q([[mu[0, j] - back[j] / 2 for j in range(2)]])
    assert all(v == 0 for v in pc.grad(W, lam, mu0, x, mu)[0])


def test_sgd_mean_and_variance_follow_bias_variance_identity() -> None:
    G = _q([[[1, 2], [3, -1], [Fraction(1, 2), 0]]])
    grads = lambda w: G  # noqa: E731
    w = _q([[0, 0]])
    gbar, s2 = sgd.mean_grad(grads, w), sgd.variance(grads, w)
    mean_sq = sum(G[0, i] @ G[0, i] for i in range(3)) / 3
    assert mean_sq == gbar[0] @ gbar[0] + s2[0]


def test_sgd_with_no_samples_follows_lean_division_by_zero() -> None:
    G = get_backend("exact").asarray(np.empty((1, 0, 2), dtype=object))
    w = _q([[1, 2]])
    assert _fr(sgd.mean_grad(lambda v: G, w)) == [0, 0]
    assert _fr(sgd.variance(lambda v: G, w)) == [0]


def test_gd_step_decreases_quadratic() -> None:
    A, b, w = np.array([[[2.0, 0.0], [0.0, 1.0]]]), np.array([[1.0, 1.0]]), np.array([[3.0, -2.0]])
    w1 = gd.step(lambda v: quadratic.grad(A, b, v), np.array([0.25]), w)
    assert quadratic.loss(A, b, w1)[0] < quadratic.loss(A, b, w)[0]


# -- bad input ---------------------------------------------------------------------------------
@pytest.mark.parametrize("call, arg", [
    (lambda: lms.step(np.array([0.1]), np.array([[np.nan, 1.0]]), np.array([1.0]), np.zeros((1, 2))), "x"),
    (lambda: ewc.penalty(np.array([1.0]), np.ones((1, 2)), np.zeros((1, 2)), np.array([[np.inf, 0.0]])), "w"),
    (lambda: pc.energy(np.ones((1, 2, 2)), np.array([np.nan]), np.zeros((1, 2)), np.zeros((1, 2)), np.zeros((1, 2))), "lam"),
    (lambda: gd.step(lambda v: v, np.array([0.1]), np.array([[np.nan]])), "w"),
])
def test_non_finite_input_is_rejected_naming_the_argument(call: object, arg: str) -> None:
    with pytest.raises(NonFiniteError, match=rf"^{arg} .*pass finite numbers"):
        call()  # type: ignore[operator]


@pytest.mark.parametrize("call, arg", [
    (lambda: lms.step(np.array([0.0]), np.ones((1, 2)), np.array([1.0]), np.zeros((1, 2))), "eta"),
    (lambda: pc.step(np.array([-1.0]), np.ones((1, 2, 2)), np.array([1.0]), np.zeros((1, 2)), np.zeros((1, 2)), np.zeros((1, 2))), "gamma"),
    (lambda: ewc.step(lambda v: v, np.array([1.0]), np.ones((1, 2)), np.zeros((1, 2)), np.array([-0.5]), np.zeros((1, 2))), "eta"),
    (lambda: sgd.step(lambda v: np.ones((1, 3, 2)), np.array([0.0]), 0, np.zeros((1, 2))), "eta"),
    (lambda: gd.step(lambda v: v, np.array([-0.1]), np.ones((1, 2))), "eta"),
])
def test_non_positive_step_size_is_rejected_with_the_fix(call: object, arg: str) -> None:
    with pytest.raises(InvalidArgumentError, match=rf"^{arg}=.* must be positive; pass a value > 0"):
        call()  # type: ignore[operator]


@pytest.mark.parametrize("call, arg", [
    (lambda: lms.error(np.ones((1, 3)), np.array([1.0]), np.zeros((1, 2))), "w"),
    (lambda: ewc.penalty(np.array([1.0]), np.ones((1, 3)), np.zeros((1, 2)), np.zeros((1, 2))), "wstar"),
    (lambda: pc.grad(np.ones((1, 3, 2)), np.array([1.0]), np.zeros((1, 2)), np.zeros((1, 2)), np.zeros((1, 2))), "x"),
    (lambda: sgd.mean_grad(lambda v: np.ones((1, 3, 4)), np.zeros((1, 2))), "grads"),
])
def test_mismatched_shapes_are_rejected_naming_the_argument(call: object, arg: str) -> None:
    with pytest.raises(ShapeError, match=rf"{arg}.*(make the shapes agree|expected)"):
        call()  # type: ignore[operator]


def test_sgd_rejects_an_index_out_of_range() -> None:
    with pytest.raises(InvalidArgumentError, match=r"i=3 is not a sample index; pass 0 <= i < m = 3"):
        sgd.step(lambda v: np.ones((1, 3, 2)), np.array([0.1]), 3, np.zeros((1, 2)))


@pytest.mark.parametrize("arg, call", [
    ("fisher", lambda: ewc.penalty(np.array([1.0]), np.array([[-1.0, 1.0]]), np.zeros((1, 2)), np.ones((1, 2)))),
    ("lam", lambda: ewc.penalty(np.array([-1.0]), np.ones((1, 2)), np.zeros((1, 2)), np.ones((1, 2)))),
])
def test_ewc_rejects_negative_fisher_or_strength(arg: str, call: object) -> None:
    with pytest.raises(InvalidArgumentError, match=rf"^{arg} .*must be >= 0"):
        call()  # type: ignore[operator]


@pytest.mark.parametrize("A", [
    np.array([[1.0, 2.0], [2.0, 1.0]]),            # symmetric, eigenvalue -1
    np.array([[1.0, 1.0], [0.0, 1.0]]),            # not symmetric
    [[Fraction(1), Fraction(0)], [Fraction(0), Fraction(-1, 10**9)]],  # exactly, barely indefinite
])
def test_psd_constructor_rejects_non_psd_curvature(A: object) -> None:
    arr = A if isinstance(A, np.ndarray) else get_backend("exact").asarray(A)
    with pytest.raises(InvalidArgumentError, match=r"^A is not symmetric positive semi-definite; pass A = M Mᵀ"):
        quadratic.psd_matrix(arr)


def test_psd_constructor_accepts_psd_and_rejects_nan() -> None:
    M = np.array([[1.0, 2.0], [0.0, 1.0]])
    assert quadratic.psd_matrix(M @ M.T) is not None
    with pytest.raises(NonFiniteError, match=r"^A holds NaN"):
        quadratic.psd_matrix(np.array([[np.nan, 0.0], [0.0, 1.0]]))
    with pytest.raises(ShapeError, match=r"^A has size 3"):
        quadratic.psd_matrix(np.ones((2, 3)))
