"""TD(0): expected update, validation, the γ = 1 boundary, and sampled TD(0) as evidence."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyverify.backend import get_backend
from pyverify.errors import InvalidArgumentError, NonFiniteError, ShapeError
from pyverify.invariants import td0 as inv
from pyverify.rules import td0


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 6), st.floats(0, 0.99), st.floats(0.01, 1.0), st.integers(0, 2**31))
def test_expected_update_contracts_towards_the_fixed_point(n: int, gamma: float, alpha: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    P = rng.dirichlet(np.ones(n), size=n)[None]
    r = rng.normal(size=(1, n))
    g = np.array([gamma])
    Vs = td0.fixed_point(r, g, P)
    V = rng.normal(size=(1, n)) * 10
    V1 = td0.step(np.array([alpha]), r, g, P, V, validate=True)
    e0 = float(td0.sup_norm(V - Vs)[0])
    e1 = float(td0.sup_norm(V1 - Vs)[0])
    assert e1 <= (1 - alpha * (1 - gamma)) * e0 * (1 + 1e-9) + 1e-9


def test_rate_factor_is_one_at_gamma_one_no_contraction() -> None:
    bk = get_backend("exact")
    for b in inv.mrp_instances(np.random.default_rng(0), 12, gamma="one"):
        x = b.to(bk)
        rate = 1 - x["alpha"] * (1 - x["gamma"])
        assert all(v == 1 for v in rate)


@pytest.mark.parametrize(
    "kw, exc, needle",
    [
        ({"P": [[[0.5, 0.6], [0.0, 1.0]]]}, InvalidArgumentError, "P"),
        ({"P": [[[-0.5, 1.5], [0.0, 1.0]]]}, InvalidArgumentError, "P"),
        ({"gamma": [1.0]}, InvalidArgumentError, "gamma"),
        ({"gamma": [-0.1]}, InvalidArgumentError, "gamma"),
        ({"alpha": [0.0]}, InvalidArgumentError, "alpha"),
        ({"alpha": [1.5]}, InvalidArgumentError, "alpha"),
        ({"r": [[np.nan, 0.0]]}, NonFiniteError, "r"),
        ({"V": [[0.0, 0.0, 0.0]]}, ShapeError, "V"),
    ],
)
def test_bad_input_names_the_argument(kw: dict[str, Any], exc: type, needle: str) -> None:
    args = {"alpha": [0.5], "r": [[1.0, 0.0]], "gamma": [0.9], "P": [[[0.5, 0.5], [0.0, 1.0]]], "V": [[0.0, 1.0]]}
    args.update(kw)
    a = {k: np.array(v) for k, v in args.items()}
    with pytest.raises(exc, match=needle):
        td0.step(a["alpha"], a["r"], a["gamma"], a["P"], a["V"], validate=True)


def test_exact_row_stochastic_check() -> None:
    bk = get_backend("exact")
    b = inv.mrp_instances(np.random.default_rng(1), 6, dims=(5,))[0]
    assert bool(np.all(td0.is_row_stochastic(b.to(bk)["P"], bk)))
    bad = inv.mrp_instances(np.random.default_rng(1), 6, dims=(5,), stochastic=False)[0]
    assert not bool(np.any(td0.is_row_stochastic(bad.to(bk)["P"], bk)))


def test_sampled_td_evidence_runs_and_reports() -> None:
    rep = inv.sampled_td_evidence(n_mrps=5, states=4, steps=100, runs=8, seed=2)
    assert rep["checked_by"].startswith("float sampling (evidence")
    assert len(rep["mrps"]) == 5
    # the expected update obeys its (proved) bound on every MRP
    assert rep["expected_within_bound"] == 5
    # the run average is much closer to V* than the start, single runs fluctuate more than the average
    assert rep["mean_run_error_median"] < rep["e0_median"]
    assert rep["single_run_error_median"] >= rep["mean_run_error_median"]


@pytest.mark.parametrize("kw", [{"gamma": 1.0}, {"alpha": 0.0}, {"alpha": 2.0}, {"steps": 0}])
def test_sampled_td_evidence_rejects_bad_parameters(kw: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        inv.sampled_td_evidence(**kw)
