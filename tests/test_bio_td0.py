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


def test_sampled_step_changes_only_the_visited_state() -> None:
    bk = get_backend("exact")
    V = bk.asarray([[1, 2, -3]])
    out = td0.sampled_step(bk.const(1, 2), bk.const(1), bk.const(9, 10), 2, 0, V, bk)
    # V(2) ← -3 + 1/2 (1 + 9/10 · 1 - (-3)) = -3 + 49/20
    assert out.tolist() == [[bk.const(1), bk.const(2), bk.const(-11, 20)]]
    with pytest.raises(InvalidArgumentError, match="s="):
        td0.sampled_step(1, 1, 1, 3, 0, V, bk)


def test_weighted_step_with_unit_weights_is_the_synchronous_step() -> None:
    bk = get_backend("exact")
    for b in inv.mrp_instances(np.random.default_rng(3), 12, dims=(1, 2, 5)):
        x = b.to(bk)
        ones = bk.asarray(np.ones(x["V"].shape, dtype=np.int64))
        a = (x["alpha"], ones, x["r"], x["gamma"], x["P"], x["V"], bk)
        assert np.all(td0.weighted_step(*a) == td0.step(x["alpha"], x["r"], x["gamma"], x["P"], x["V"], bk))


def test_sampled_expectation_needs_no_nonnegativity() -> None:
    bk = get_backend("exact")
    e = next(e for e in inv.ENTRIES if e.id == "td0.sampled_expectation")
    b = [b for b in inv.sampled_instances(np.random.default_rng(4), 24) if "signed" in b.label and b.meta["dim"] > 1][0]
    x = b.to(bk)
    assert np.any(x["P"] < 0)
    for rel in e.conclusion(x, bk):
        assert np.all(rel.lhs == rel.rhs)


def test_stationary_chains_include_non_reversible_and_transient_ones() -> None:
    bk = get_backend("exact")
    seen_nonrev = seen_transient = False
    for b in inv.stationary_instances(np.random.default_rng(5), 64):
        x = b.to(bk)
        assert np.all(td0.is_stationary(x["d"], x["P"], bk) == 0)
        assert bool(np.all(td0.is_row_stochastic(x["P"], bk)))
        flow = x["d"][..., :, None] * x["P"]  # d_i P_ij; reversible iff symmetric
        seen_nonrev |= bool(np.any(flow != bk.transpose(flow)))
        seen_transient |= bool(np.any(x["d"] == 0))
    assert seen_nonrev and seen_transient


def test_key_lemma_is_tight_at_gamma_one_on_constants() -> None:
    # v constant: P v = v, so ⟪v, D(γP - I)v⟫ = -(1 - γ)‖v‖²_D exactly
    bk = get_backend("exact")
    b = inv.stationary_instances(np.random.default_rng(6), 8, dims=(3,))[0]
    x = b.to(bk)
    v = bk.asarray(np.full(x["v"].shape, 2, dtype=np.int64))
    lhs = bk.inner(v, td0.diag_mul(x["d"], x["gamma"][:, None] * bk.matvec(x["P"], v) - v, bk))
    assert np.all(lhs == -(1 - x["gamma"]) * td0.d_norm_sq(x["d"], v, bk))


def test_linear_fixed_point_is_exact_and_not_always_realizable() -> None:
    bk = get_backend("exact")
    seen_unrealizable = False
    for b in inv.linear_instances(np.random.default_rng(7), 40):
        x = b.to(bk)
        A = td0.lin_a(x["Phi"], x["d"], x["gamma"], x["P"], bk)
        assert np.all(bk.matvec(A, x["thetastar"]) + td0.lin_b(x["Phi"], x["d"], x["r"], bk) == 0)
        # the value Φθ* satisfies the Bellman equation only in the realizable case
        vs = bk.matvec(x["Phi"], x["thetastar"])
        seen_unrealizable |= bool(np.any(td0.bellman(x["r"], x["gamma"], x["P"], vs, bk) != vs))
    assert seen_unrealizable


def test_linear_step_is_alpha_times_a_error() -> None:
    bk = get_backend("exact")
    b = inv.linear_instances(np.random.default_rng(8), 12, dims=(3,))[0]
    x = b.to(bk)
    A = td0.lin_a(x["Phi"], x["d"], x["gamma"], x["P"], bk)
    step = td0.lin_step(x["alpha"], x["Phi"], x["d"], x["r"], x["gamma"], x["P"], x["theta"], bk)
    assert np.all(step - x["theta"] == x["alpha"][:, None] * bk.matvec(A, x["theta"] - x["thetastar"]))


def test_expected_sampled_step_is_the_literal_double_sum() -> None:
    bk = get_backend("exact")
    for b in inv.sampled_instances(np.random.default_rng(9), 24, dims=(1, 3, 4)):
        x = b.to(bk)
        n = x["V"].shape[-1]
        literal = sum(
            x["d"][:, s, None] * x["P"][:, s, s2, None]
            * td0.sampled_step(x["alpha"], x["r"][:, s], x["gamma"], s, s2, x["V"], bk)
            for s in range(n) for s2 in range(n)
        )
        got = td0.expected_sampled_step(x["alpha"], x["d"], x["r"], x["gamma"], x["P"], x["V"], bk)
        assert np.all(got == literal)
