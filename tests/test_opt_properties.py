"""Property tests (hypothesis) of the optimization rules on random exact and float instances."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pyverify.backend import get_backend, to_fraction_array
from pyverify.catalog import get_entry
from pyverify.rules import ewc, lms, sgd
from pyverify.strategies import entry_instances

EX = get_backend("exact")
fracs = st.fractions(min_value=-20, max_value=20, max_denominator=12)


def _fr(x: object) -> list[Fraction]:
    return list(to_fraction_array(np.asarray(x, dtype=object)).reshape(-1))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 6).flatmap(lambda n: st.tuples(st.lists(fracs, min_size=n, max_size=n),
                                                      st.lists(fracs, min_size=n, max_size=n), fracs, fracs)))
def test_lms_error_identity_on_random_exact_instances(data: tuple[list[Fraction], list[Fraction], Fraction, Fraction]) -> None:
    x, w, y, eta = data
    X, W, Y, E = EX.asarray([x]), EX.asarray([w]), EX.asarray([y]), EX.asarray([eta])
    w1 = lms.step(E, X, Y, W, validate=False)
    xx = sum(v * v for v in x)
    assert _fr(lms.error(X, Y, w1)) == [(1 - eta * xx) * _fr(lms.error(X, Y, W))[0]]


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5).flatmap(lambda n: st.tuples(st.lists(fracs, min_size=n, max_size=n),
                                                      st.lists(st.fractions(0, 9, max_denominator=5), min_size=n, max_size=n),
                                                      st.lists(fracs, min_size=n, max_size=n),
                                                      st.fractions(0, 9, max_denominator=5))))
def test_ewc_penalty_is_nonnegative_and_zero_only_at_wstar(data: tuple[list[Fraction], list[Fraction], list[Fraction], Fraction]) -> None:
    w, f, ws, lam = data
    p = _fr(ewc.penalty(EX.asarray([lam]), EX.asarray([f]), EX.asarray([ws]), EX.asarray([w])))[0]
    assert p >= 0
    if lam > 0 and all(v > 0 for v in f):
        assert (p == 0) == (w == ws)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 5), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_sgd_bias_variance_identity_exactly(m: int, n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    G = EX.asarray([[[Fraction(int(v), 3) for v in rng.integers(-9, 10, size=n)] for _ in range(m)]])
    w = EX.asarray([[0] * n])
    gbar = _fr(sgd.mean_grad(lambda v: G, w))
    s2 = _fr(sgd.variance(lambda v: G, w))[0]
    mean_sq = sum(sum(v * v for v in _fr(G[0, i])) for i in range(m)) / m
    assert mean_sq == sum(v * v for v in gbar) + s2


@settings(max_examples=25, deadline=None)
@given(entry_instances(get_entry("lms.convergence")))
def test_lms_convergence_strategy_instances_contract(batch: object) -> None:
    inst = batch.to(EX)  # type: ignore[attr-defined]
    t = _fr(inst["eta"])[0] * sum(v * v for v in _fr(inst["x"]))
    assert 0 < t < 2
    w1 = lms.step(inst["eta"], inst["x"], inst["y"], inst["w"])
    assert abs(_fr(lms.error(inst["x"], inst["y"], w1))[0]) <= abs(_fr(lms.error(inst["x"], inst["y"], inst["w"]))[0])


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 6), st.integers(1, 5), st.floats(-3.0, 6.0))
def test_sgd_expected_descent_on_logistic_losses_float_only(seed: int, m: int, n: int, t: float) -> None:
    """Logistic f_i(w) = log(1 + exp(-y_i⟪x_i, w⟫)) is L-smooth with L = (1/4) max_i ⟪x_i, x_i⟫ (float mode only)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(1, m, n))
    Y = rng.choice([-1.0, 1.0], size=(1, m))
    w = rng.normal(size=(1, n))
    L = np.array([0.25 * float((X[0] ** 2).sum(axis=1).max())])
    eta = np.array([t / L[0]])

    def F(u: np.ndarray) -> np.ndarray:  # the finite-sum objective at points (1, n) or (1, k, n)
        y = Y[:, None, :] if u.ndim == 3 else Y
        z = -y * np.einsum("bmi,b...i->b...m", X, u)
        return np.logaddexp(0.0, z).mean(axis=-1)

    def grads(u: np.ndarray) -> np.ndarray:
        s = 1.0 / (1.0 + np.exp(Y * np.einsum("bmi,bi->bm", X, u)))
        return -(Y * s)[..., None] * X

    EF = sgd.expected_loss(F, grads, eta, w, validate=False)
    g = sgd.mean_grad(grads, w)
    s2 = sgd.variance(grads, w)
    rhs = F(w) - eta * (1 - L * eta / 2) * (g * g).sum(-1) + L * eta * eta * s2 / 2
    assert EF.shape == rhs.shape == (1,)
    assert EF[0] <= rhs[0] + 1e-9 * max(1.0, abs(float(rhs[0])))
