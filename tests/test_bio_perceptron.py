"""Perceptron: real training on separable data against Novikoff's bound, backends, bad input."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyverify.backend import QArray, get_backend, to_fraction_array
from pyverify.errors import InvalidArgumentError, NonFiniteError, ShapeError
from pyverify.invariants import perceptron as inv
from pyverify.rules import perceptron as pc


@st.composite
def separable(draw: Any, *, max_dim: int = 6, max_m: int = 8) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Integer data separated by an integer u with margin ≥ 1 (u_0 = 1, x_0 solved for the margin)."""
    n = draw(st.integers(1, max_dim))
    m = draw(st.integers(1, max_m))
    u = np.array([1] + draw(st.lists(st.integers(-3, 3), min_size=n - 1, max_size=n - 1)), dtype=np.int64)
    xs = np.array(draw(st.lists(st.lists(st.integers(-4, 4), min_size=n, max_size=n), min_size=m, max_size=m)),
                  dtype=np.int64)
    ys = np.array(draw(st.lists(st.sampled_from([-1, 1]), min_size=m, max_size=m)), dtype=np.int64)
    t = np.array(draw(st.lists(st.integers(1, 3), min_size=m, max_size=m)), dtype=np.int64)
    xs[:, 0] = ys * t - xs[:, 1:] @ u[1:]
    return xs, ys, u


@settings(max_examples=25, deadline=None)
@given(separable(max_dim=4, max_m=6))
def test_training_converges_within_novikoff_bound_exactly(data: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
    xs, ys, u = data
    bk = get_backend("exact")
    gamma = Fraction(int((ys * (xs @ u)).min()))
    r2 = Fraction(int((xs * xs).sum(axis=1).max()))
    uu = int(u @ u)
    bound = r2 * uu / (gamma * gamma)
    fuel = int(bound) + 2  # every pass before convergence makes at least one update
    X, Y = bk.from_q(QArray.of(xs[None])), bk.from_q(QArray.of(ys[None]))
    w, count = pc.train(fuel, X, Y, bk.zeros_like(bk.from_q(QArray.of(u[None]))), bk)
    k = to_fraction_array(count)[0]
    assert k * gamma * gamma <= r2 * uu  # Novikoff, exact
    assert not any(pc.is_mistake(X[:, i], Y[:, i], w, bk)[0] for i in range(xs.shape[0]))  # converged


def test_backends_count_the_same_updates() -> None:
    rng = np.random.default_rng(3)
    cell = inv.separable_data(rng, 12, dims=(5,))[1]  # thin margins: many updates
    xs = np.stack([i["xs"] for i in cell["insts"]])
    ys = np.stack([i["ys"] for i in cell["insts"]])
    counts = {}
    for mode in ("float64", "exact", "torch"):
        pytest.importorskip("torch") if mode == "torch" else None
        bk = get_backend(mode)
        X, Y = bk.from_q(QArray.of(xs)), bk.from_q(QArray.of(ys))
        _, c = pc.train(10, X, Y, bk.zeros_like(X[:, 0]), bk)
        counts[mode] = [int(float(v)) for v in np.asarray(c.tolist() if hasattr(c, "tolist") else c, dtype=object)]
    assert counts["float64"] == counts["exact"] == counts["torch"]
    assert max(counts["exact"]) > 1


def test_non_separable_data_never_stops_updating() -> None:
    bk = get_backend("exact")
    X = bk.from_q(QArray.of(np.array([[[1, 1], [1, 1]]])))
    Y = bk.from_q(QArray.of(np.array([[1, -1]])))
    _, c5 = pc.train(5, X, Y, bk.zeros_like(X[:, 0]), bk)
    _, c50 = pc.train(50, X, Y, bk.zeros_like(X[:, 0]), bk)
    assert c50[0] >= 10 * c5[0] > 0


def test_run_on_one_hot_sequence_matches_repeated_update() -> None:
    bk = get_backend("exact")
    xs = bk.from_q(QArray.of(np.array([[[1, 2], [3, -1]]]), 2))
    ys = bk.from_q(QArray.of(np.array([[1, -1]])))
    S = bk.from_q(QArray.of(np.array([[[0, 1], [1, 0], [0, 1]]])))
    w = pc.run(xs, ys, S, bk.zeros_like(xs[:, 0]), bk)
    want = -2 * xs[:, 1] + xs[:, 0]
    assert (w == want).all()


@pytest.mark.parametrize(
    "xs, ys, w, fuel, exc, needle",
    [
        ([[[1.0, 2.0]]], [[2.0]], [[0.0, 0.0]], 1, InvalidArgumentError, "ys"),
        ([[[np.nan, 2.0]]], [[1.0]], [[0.0, 0.0]], 1, NonFiniteError, "xs"),
        ([[[1.0, 2.0]]], [[1.0]], [[0.0, 0.0, 0.0]], 1, ShapeError, "w"),
        ([[[1.0, 2.0]]], [[1.0]], [[0.0, 0.0]], -1, InvalidArgumentError, "fuel"),
    ],
)
def test_bad_input_names_the_argument(xs: Any, ys: Any, w: Any, fuel: int, exc: type, needle: str) -> None:
    with pytest.raises(exc, match=needle):
        pc.train(fuel, np.array(xs), np.array(ys), np.array(w))


def test_convergence_entry_runs_real_training_with_fuel_to_convergence() -> None:
    batches = inv.training_sets(np.random.default_rng(0), 24)
    assert any(b.meta["fuel"] > 2 for b in batches)  # some data needs several passes
    assert {b.meta["dim"] for b in batches} >= {1, 64}


def _train_all_passes(fuel: int, xs: Any, ys: Any, w: Any, bk: Any) -> tuple[Any, Any]:
    """`train` without the early stop: every one of the `fuel` passes is run."""
    count = bk.sum(bk.zeros_like(ys), axis=-1)
    for _ in range(fuel):
        for i in range(xs.shape[-2]):
            w, count = pc.visit(xs, ys, w, count, i, bk)
    return w, count


@settings(max_examples=20, deadline=None)
@given(separable(max_dim=4, max_m=6), st.integers(0, 12))
def test_early_stop_equals_all_passes(data: tuple[np.ndarray, np.ndarray, np.ndarray], fuel: int) -> None:
    xs, ys, _ = data
    bk = get_backend("exact")
    X, Y = bk.from_q(QArray.of(xs[None])), bk.from_q(QArray.of(ys[None]))
    w0 = bk.zeros_like(X[:, 0, :])
    w1, c1 = pc.train(fuel, X, Y, w0, bk)
    w2, c2 = _train_all_passes(fuel, X, Y, w0, bk)
    assert to_fraction_array(w1).tolist() == to_fraction_array(w2).tolist()
    assert to_fraction_array(c1).tolist() == to_fraction_array(c2).tolist()


@settings(max_examples=25, deadline=None)
@given(separable(max_dim=4, max_m=6))
def test_fuel_beyond_novikoff_bound_separates_exactly(data: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
    xs, ys, u = data
    bk = get_backend("exact")
    gamma = Fraction(int((ys * (xs @ u)).min()))
    r2 = Fraction(int((xs * xs).sum(axis=1).max()))
    fuel = int(r2 * int(u @ u) / (gamma * gamma)) + 1
    X, Y = bk.from_q(QArray.of(xs[None])), bk.from_q(QArray.of(ys[None]))
    w, _ = pc.train(fuel, X, Y, bk.zeros_like(X[:, 0, :]), bk)
    margins = to_fraction_array(Y * bk.matvec(X, w))[0]
    assert all(v > 0 for v in margins)


def test_termination_necessity_samplers_need_several_passes() -> None:
    for relax in ("labels", "margin_pos", "bounded", "fuel"):
        for b in inv.termination_sets(np.random.default_rng(1), 24, dims=(1, 2), relax=relax):
            assert b.meta["fuel"] == 1
