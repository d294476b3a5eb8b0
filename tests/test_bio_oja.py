"""Oja's rule: the norm moves toward 1, overshoots on the sphere, bad input."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyverify.backend import get_backend
from pyverify.errors import InvalidArgumentError, NonFiniteError, ShapeError
from pyverify.invariants import oja as inv
from pyverify.rules import oja


def test_sphere_overshoot_refutes_plain_contraction_exactly() -> None:
    found = inv.sphere_overshoot(dims=(1, 2, 5, 64))
    assert {f["dim"] for f in found} >= {2, 5, 64}
    for f in found:
        assert Fraction(f["excess"]) > 0  # ⟪w', w'⟫ - 1 > 0 = |⟪w, w⟫ - 1|


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**31), st.integers(2, 8))
def test_iterates_settle_near_the_unit_sphere(seed: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(600, n))
    w = rng.normal(size=(1, n)) * 1.5 / np.sqrt(n)  # a stable regime: η ⟪x, x⟫ ⟪w, w⟫ well below 1
    for x in X:
        w = oja.step(np.array([0.02 / n]), x[None], w)
    assert abs(float(w[0] @ w[0]) - 1) < 0.2


def test_unit_vectors_are_exactly_unit() -> None:
    u = inv.unit_vectors(np.random.default_rng(0), 5, 7)
    assert all(sum(v * v for v in row) == 1 for row in u)


def test_hebb_grows_where_oja_stays_bounded() -> None:
    from pyverify.rules import hebbian as hb

    bk = get_backend("float64")
    rng = np.random.default_rng(4)
    X = rng.normal(size=(300, 3))
    w_h = w_o = np.array([[0.3, 0.1, -0.2]])
    for x in X:
        w_h = hb.step(np.array([0.05]), x[None], w_h, bk)
        w_o = oja.step(np.array([0.05]), x[None], w_o, bk)
    assert float(w_h[0] @ w_h[0]) > 1e6 and float(w_o[0] @ w_o[0]) < 2


@pytest.mark.parametrize(
    "eta, x, w, exc, needle",
    [
        ([0.0], [[1.0, 2.0]], [[1.0, 1.0]], InvalidArgumentError, "eta"),
        ([0.1], [[np.nan, 2.0]], [[1.0, 1.0]], NonFiniteError, "x"),
        ([0.1], [[1.0, 2.0]], [[1.0]], ShapeError, "w"),
    ],
)
def test_bad_input_names_the_argument(eta: Any, x: Any, w: Any, exc: type, needle: str) -> None:
    with pytest.raises(exc, match=needle):
        oja.step(np.array(eta), np.array(x), np.array(w), validate_input=True)


def test_averaged_oja_converges_to_a_unit_top_eigenvector() -> None:
    """`fixed_points`: the limit of the averaged map is a fixed point, hence a unit eigenvector (float)."""
    rng = np.random.default_rng(7)
    M = rng.normal(size=(4, 4))
    C = (M @ M.T + np.eye(4))[None]
    w = 0.1 * rng.normal(size=(1, 4))
    for _ in range(3000):
        w = oja.stepC(np.array([0.02]), C, w)
    vals, vecs = np.linalg.eigh(C[0])
    assert abs(w[0] @ w[0] - 1) < 1e-8
    assert abs(abs(w[0] @ vecs[:, -1]) - 1) < 1e-6
    assert np.allclose(oja.stepC(np.array([0.02]), C, w), w, atol=1e-9)
