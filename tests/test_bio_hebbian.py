"""Hebbian learning: ascent, unbounded growth, backends, bad input."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from pyverify.backend import QArray, get_backend
from pyverify.errors import InvalidArgumentError, NonFiniteError, ShapeError
from pyverify.rules import hebbian as hb

vec = arrays(np.float64, 4, elements=st.floats(-3, 3))


@settings(max_examples=60, deadline=None)
@given(vec, vec, st.floats(1e-3, 2.0))
def test_step_increases_objective_when_output_nonzero(x: np.ndarray, w: np.ndarray, eta: float) -> None:
    y = float(x @ w)
    s = float(x @ x)
    if abs(y) < 1e-3 or s < 1e-3:
        return  # the float increment would be below rounding; exact mode decides these (catalog)
    X, W = x[None], w[None]
    after = hb.objective(X, hb.step(np.array([eta]), X, W, validate_input=True))[0]
    before = hb.objective(X, W)[0]
    assert after > before
    assert after - before == pytest.approx(eta * y * y * s + eta**2 * y * y * s * s / 2, rel=1e-9)


def test_weights_grow_without_bound_geometrically() -> None:
    bk = get_backend("exact")
    x = bk.from_q(QArray.of(np.array([[1, 2, 0]]), 4))
    w = bk.from_q(QArray.of(np.array([[1, 0, 1]]), 8))
    eta = bk.from_q(QArray.of(np.array([1])))
    ws = hb.iterate(40, eta, x, w, bk)
    norms = [bk.inner(v, v)[0] for v in ws]
    assert all(a < b for a, b in zip(norms, norms[1:]))
    g = 1 + eta[0] * bk.inner(x, x)[0]
    y0 = bk.inner(w, x)[0]
    assert norms[-1] * bk.inner(x, x)[0] >= g ** 80 * y0 * y0
    assert norms[-1] > 10**6


def test_backends_agree_on_averaged_step() -> None:
    q = {"eta": QArray.of(np.array([3]), 7), "C": QArray.of(np.array([[[2, 1], [1, 2]]])), "w": QArray.of(np.array([[1, -2]]), 3)}
    outs = {}
    for mode in ("float64", "exact", "torch"):
        if mode == "torch":
            pytest.importorskip("torch")
        bk = get_backend(mode)
        a = {k: bk.from_q(v) for k, v in q.items()}
        out = hb.stepC(a["eta"], a["C"], a["w"], bk)
        outs[mode] = np.array([float(v) for v in np.asarray(out.tolist() if mode == "torch" else out, dtype=object).ravel()])
    assert np.allclose(outs["float64"], outs["exact"]) and np.allclose(outs["torch"], outs["exact"])


@pytest.mark.parametrize(
    "eta, x, w, exc, needle",
    [
        ([0.0], [[1.0, 2.0]], [[1.0, 1.0]], InvalidArgumentError, "eta"),
        ([-0.5], [[1.0, 2.0]], [[1.0, 1.0]], InvalidArgumentError, "eta"),
        ([0.1], [[np.inf, 2.0]], [[1.0, 1.0]], NonFiniteError, "x"),
        ([0.1], [[1.0, 2.0]], [[1.0, 1.0, 1.0]], ShapeError, "w"),
    ],
)
def test_bad_input_names_the_argument(eta: Any, x: Any, w: Any, exc: type, needle: str) -> None:
    with pytest.raises(exc, match=needle):
        hb.step(np.array(eta), np.array(x), np.array(w), validate_input=True)


def test_averaged_step_validation_names_C() -> None:
    with pytest.raises(NonFiniteError, match="C"):
        hb.stepC(np.array([0.1]), np.array([[[np.nan, 0.0], [0.0, 1.0]]]), np.array([[1.0, 1.0]]), validate_input=True)


def test_repeated_averaged_steps_are_power_iteration_toward_the_top_eigenvalue() -> None:
    """`rayleigh`: the Rayleigh quotient never decreases along w ↦ w + ηCw and tends to λ_max (float)."""
    rng = np.random.default_rng(5)
    M = rng.normal(size=(4, 4))
    C = (M @ M.T)[None]
    w = rng.normal(size=(1, 4))
    lam_max = float(np.linalg.eigvalsh(C[0])[-1])
    prev = -np.inf
    for _ in range(200):
        r = float((w @ C[0] @ w[0])[0] / (w @ w[0])[0])
        assert r >= prev - 1e-9
        prev = r
        w = hb.stepC(np.array([0.5]), C, w)
        w = w / np.linalg.norm(w)
    assert abs(prev - lam_max) < 1e-6 * lam_max
