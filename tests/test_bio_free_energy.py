"""Free energy: float log checks, exact log-free steps, validation of distributions."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from pyverify.backend import QArray, get_backend
from pyverify.errors import InvalidArgumentError
from pyverify.invariants import free_energy as inv
from pyverify.rules import free_energy as fe

weights = arrays(np.float64, 5, elements=st.floats(1e-3, 10))


def test_exact_log_free_steps_hold() -> None:
    rep = inv.exact_log_free_checks(samples=120, seed=3)
    assert rep["failures"] == []
    assert all(v == rep["instances"] for v in rep["held"].values()) and rep["instances"] > 0


@settings(max_examples=60, deadline=None)
@given(weights, weights)
def test_free_energy_minus_kl_to_posterior_is_surprise(wq: np.ndarray, wj: np.ndarray) -> None:
    q = (wq / wq.sum())[None]
    pxz = wj[None]
    F = fe.freeEnergy(q, pxz, validate=True)[0]
    post = fe.posterior(pxz)
    ev = fe.evidence(pxz)[0]
    assert F == pytest.approx(fe.kl(q, post)[0] - np.log(ev), rel=1e-9, abs=1e-9)
    assert F >= -np.log(ev) - 1e-12


def test_exact_mode_has_no_log() -> None:
    bk = get_backend("exact")
    q = bk.from_q(QArray.of(np.array([[1, 1]]), 2))
    with pytest.raises(InvalidArgumentError, match="float mode"):
        fe.kl(q, q, bk)
    assert fe.posterior(q, bk)[0, 0] == bk.const(1, 2)  # the log-free parts run exactly


@pytest.mark.parametrize(
    "q, needle",
    [([[0.5, 0.6]], "sum to 1"), ([[1.5, -0.5]], "full support"), ([[np.nan, 1.0]], "q")],
)
def test_bad_distributions_are_rejected(q: list[list[float]], needle: str) -> None:
    with pytest.raises(InvalidArgumentError, match=needle):
        fe.kl(np.array(q), np.array([[0.5, 0.5]]), validate=True)


def test_non_positive_joint_is_rejected() -> None:
    with pytest.raises(InvalidArgumentError, match="pxz"):
        fe.freeEnergy(np.array([[0.5, 0.5]]), np.array([[0.2, 0.0]]), validate=True)


def test_valuation_is_an_exact_logarithm_homomorphism() -> None:
    from fractions import Fraction

    a, b = Fraction(12, 35), Fraction(49, 18)
    for p in (2, 3, 5, 7):
        assert inv.valuation(a * b, p) == inv.valuation(a, p) + inv.valuation(b, p)
        assert inv.valuation(Fraction(1), p) == 0
    with pytest.raises(ValueError, match="nonzero"):
        inv.valuation(Fraction(0), 2)


def test_decomposition_with_valuation_log_fails_when_q_is_not_normalised() -> None:
    from fractions import Fraction

    q = [Fraction(1, 4), Fraction(1, 4)]  # Σ q = 1/2: F = KL - (Σ q) log p(x), not KL - log p(x)
    assert not inv._decomposition_valuation(q, [Fraction(1, 8), Fraction(1, 8)])
    assert inv._decomposition_valuation([Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 8), Fraction(1, 24)])
