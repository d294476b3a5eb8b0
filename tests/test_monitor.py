"""The training monitor: sharpness on known quadratics, the descent bound where it is a theorem, flags, bad input."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

torch = pytest.importorskip("torch", reason="the monitor needs torch: pip install -e \".[torch]\"")

from pyverify.errors import InvalidArgumentError, NonFiniteError  # noqa: E402
from pyverify.monitor import (  # noqa: E402
    DescentMonitor,
    StepRecord,
    UnsupportedOptimizerError,
    lanczos_top_eigenvalue,
    load_records,
    top_hessian_eigenvalue,
)


def _spd(n: int, seed: int, top: float | None = None) -> np.ndarray:
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    ev = rng.uniform(0.1, 3.0, n)
    if top is not None:
        ev = ev / ev.max() * top
    return (Q * ev) @ Q.T


def _quadratic(A: np.ndarray, b: np.ndarray, w0: np.ndarray) -> tuple[Any, Any]:
    w = torch.nn.Parameter(torch.tensor(w0, dtype=torch.float64))
    At, bt = torch.tensor(A), torch.tensor(b)

    def F() -> Any:
        return 0.5 * w @ (At @ w) - bt @ w

    return w, F


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 12), seed=st.integers(0, 10_000))
def test_sharpness_of_a_quadratic_matches_its_top_eigenvalue(n: int, seed: int) -> None:
    A = _spd(n, seed)
    w, F = _quadratic(A, np.ones(n), np.zeros(n))
    est, vec = top_hessian_eigenvalue(F(), [w], iters=n + 2, generator=torch.Generator().manual_seed(seed))
    exact = float(np.linalg.eigvalsh(A)[-1])
    assert abs(est - exact) <= 1e-6 * max(1.0, abs(exact))
    # the Ritz vector is an eigenvector: A v = λ v
    v = vec.numpy()
    assert np.allclose(A @ v, exact * v, atol=1e-6)


def test_lanczos_finds_the_algebraic_top_eigenvalue_of_an_indefinite_matrix() -> None:
    M = torch.tensor(np.diag([-10.0, 1.0, 2.5]))
    est, _ = lanczos_top_eigenvalue(lambda v: M @ v, torch.ones(3, dtype=torch.float64), 5)
    assert est == pytest.approx(2.5, abs=1e-12)  # not the largest magnitude (-10)


def test_monitor_on_a_linear_model_meets_the_descent_bound_at_every_step(tmp_path: Path) -> None:
    # least squares with a linear model: F is quadratic, the Hessian XᵀX/N is constant, so the sharpness is
    # the global smoothness constant and every step is an instance of GradientDescent.descent_bound.
    g = torch.Generator().manual_seed(0)
    X = torch.randn(64, 5, generator=g, dtype=torch.float64)
    y = torch.randn(64, generator=g, dtype=torch.float64)
    lin = torch.nn.Linear(5, 1, dtype=torch.float64)
    L = float(torch.linalg.eigvalsh(torch.cat([X, torch.ones(64, 1, dtype=torch.float64)], 1).T
                                    @ torch.cat([X, torch.ones(64, 1, dtype=torch.float64)], 1) / 64)[-1])
    opt = torch.optim.SGD(lin.parameters(), lr=1.5 / L)  # ηL = 1.5 < 2
    mon = DescentMonitor(opt, lambda: 0.5 * ((lin(X).squeeze(1) - y) ** 2).mean(), sharpness_every=5,
                         lanczos_iters=10, path=tmp_path / "lin.jsonl")
    for _ in range(40):
        mon.step()
    recs = mon.close()
    assert len(recs) == 40
    assert all(r.bound_held is True for r in recs)
    # GradientDescent.improves (g ≠ 0); once converged, ΔF is rounding noise, so only where η⟪g, g⟫ is visible
    moving = [r for r in recs if r.lr * r.grad_sq > 1e-9]
    assert len(moving) >= 10 and all(r.delta_f is not None and r.delta_f > 0 for r in moving)
    assert not any(r.beyond_guarantee for r in recs) and mon.flagged_steps() == []
    est = [r.sharpness for r in recs if r.sharpness is not None]
    assert len(est) == 8 and all(abs(s - L) <= 1e-6 * L for s in est)
    # the bound's right side is the formula, with the estimate as L
    r = recs[3]
    assert r.bound_rhs == pytest.approx(r.loss_before - r.lr * (1 - r.curvature * r.lr / 2) * r.grad_sq, rel=1e-12)
    assert r.loss_after == recs[4].loss_before  # same batch, same weights
    # the JSON lines round-trip to the same records
    assert load_records(tmp_path / "lin.jsonl") == recs
    assert json.loads((tmp_path / "lin.jsonl").read_text().splitlines()[0])["step"] == 0


def test_a_step_size_above_two_over_L_is_flagged_and_the_loss_rises() -> None:
    A = np.diag([4.0, 1.0])  # L = 4, 2/L = 0.5
    w, F = _quadratic(A, np.zeros(2), np.array([1.0, 1.0]))
    opt = torch.optim.SGD([w], lr=0.6)  # ηL = 2.4 ≥ 2
    mon = DescentMonitor(opt, F, sharpness_every=3, lanczos_iters=4, full_batch=True)
    for _ in range(12):
        mon.step()
    recs = mon.close()
    assert mon.flagged_steps() == list(range(12))
    assert all(r.eta_sharpness == pytest.approx(2.4, rel=1e-9) for r in recs)
    # the guarantee is gone and so is the improvement: along the top eigenvector the error grows by |1 - 2.4|
    assert any(r.delta_f is not None and r.delta_f <= 0 for r in recs)
    # the descent bound is still a theorem (it holds for any η); with L exact it holds here too
    assert all(r.bound_held for r in recs)
    assert mon.summary()["flagged_eta_sharpness_ge_2"] == 12


def test_the_bound_check_can_fail_when_the_curvature_estimate_is_too_small() -> None:
    # one Lanczos iteration from a start vector orthogonal to the top eigenvector under-estimates L;
    # the per-step check is then an empirical check that can (and does) fail: it is not a tautology.
    A = np.diag([10.0, 1.0])
    w, F = _quadratic(A, np.zeros(2), np.array([1.0, 0.0]))
    opt = torch.optim.SGD([w], lr=0.15)  # ηL = 1.5: GD itself is fine
    mon = DescentMonitor(opt, F, sharpness_every=100, lanczos_iters=1, seed=0)
    mon._vec = torch.tensor([0.0, 1.0], dtype=torch.float64)  # a warm start in the wrong eigenspace
    mon.step()
    rec = mon.close()[0]
    assert rec.curvature == pytest.approx(1.0)
    assert rec.bound_held is False and rec.delta_f is not None and rec.delta_f > 0


def test_nan_mid_training_is_recorded_not_raised() -> None:
    w = torch.nn.Parameter(torch.tensor([1.0, -1.0], dtype=torch.float64))
    calls = {"n": 0}

    def F() -> Any:
        calls["n"] += 1
        loss = (w * w).sum()
        return loss * float("nan") if calls["n"] == 4 else loss

    mon = DescentMonitor(torch.optim.SGD([w], lr=0.1), F, sharpness_every=2, lanczos_iters=2)
    for _ in range(4):
        mon.step()
    recs = mon.close()
    assert mon.nonfinite_steps() == [1]  # the 4th call is the loss *after* step 1
    assert recs[1].nonfinite == "loss_after" and recs[1].delta_f is None and recs[1].bound_held is None
    assert all(r.nonfinite is None for r in recs if r.step != 1)


def test_nan_gradient_mid_training_skips_the_step() -> None:
    w = torch.nn.Parameter(torch.tensor([1.0], dtype=torch.float64))
    calls = {"n": 0}

    def F() -> Any:
        calls["n"] += 1
        return (w * w).sum() + (torch.sqrt(w - w).sum() if calls["n"] >= 3 else 0)  # finite loss, NaN gradient

    mon = DescentMonitor(torch.optim.SGD([w], lr=0.1), F, sharpness_every=1, lanczos_iters=1, full_batch=True)
    before = None
    for k in range(3):
        if k == 2:
            before = w.detach().clone()
        mon.step()
    recs = mon.close()
    assert recs[1].nonfinite is None and recs[2].nonfinite == "gradient" and mon.nonfinite_steps() == [2]
    assert before is not None and torch.equal(w.detach(), before)  # no step was taken on a NaN gradient


@pytest.mark.parametrize(
    "make_opt, match",
    [
        (lambda p: torch.optim.Adam(p, lr=0.1), "Adam is not covered"),
        (lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9), "momentum=0.9"),
        (lambda p: torch.optim.SGD(p, lr=0.1, weight_decay=1e-3), "weight_decay"),
        (lambda p: torch.optim.SGD([{"params": p[:1], "lr": 0.1}, {"params": p[1:], "lr": 0.2}]), "one lr"),
    ],
)
def test_uncovered_optimizers_are_rejected_with_the_fix(make_opt: Any, match: str) -> None:
    ps = [torch.nn.Parameter(torch.ones(2)), torch.nn.Parameter(torch.ones(2))]
    with pytest.raises(UnsupportedOptimizerError, match=match):
        DescentMonitor(make_opt(ps), lambda: sum((p * p).sum() for p in ps))


def test_bad_input_raises_one_clear_error() -> None:
    w = torch.nn.Parameter(torch.ones(3, dtype=torch.float64))
    opt = torch.optim.SGD([w], lr=0.1)
    for k in (0, -1):
        with pytest.raises(InvalidArgumentError, match="sharpness_every"):
            DescentMonitor(opt, lambda: (w * w).sum(), sharpness_every=k)
    with pytest.raises(InvalidArgumentError, match=r"shape \(3,\).*\.mean\(\)"):
        DescentMonitor(opt, lambda: w * w).step()
    with pytest.raises(InvalidArgumentError, match="not a tensor"):
        DescentMonitor(opt, lambda: float((w * w).sum().detach())).step()
    with pytest.raises(NonFiniteError, match="first step"):
        DescentMonitor(opt, lambda: (w * w).sum() * float("inf")).step()
    with pytest.raises(NonFiniteError, match="gradient at the first step"):
        DescentMonitor(opt, lambda: (w * w).sum() + torch.sqrt(w - w).sum()).step()
    assert torch.equal(w.detach(), torch.ones(3, dtype=torch.float64))  # nothing stepped
    with pytest.raises(InvalidArgumentError, match="not a file"):
        load_records("/nonexistent/records.jsonl")


def test_records_are_dataclasses_with_json_form() -> None:
    w = torch.nn.Parameter(torch.ones(2, dtype=torch.float64))
    with DescentMonitor(torch.optim.SGD([w], lr=0.25), lambda: (w * w).sum()) as mon:
        mon.step()
    (r,) = mon.records
    assert isinstance(r, StepRecord) and StepRecord(**r.to_json()) == r
    # F = ⟪w, w⟫, g = 2w: F(w′) = (1 − 2η)²·2 = 0.5, ⟪g, g⟫ = 8, sharpness 2 exactly
    assert (r.loss_before, r.loss_after) == (2.0, 0.5)
    # ⟪g, g⟫ is summed from per-tensor norms (one torch operation per step): exact up to the last bits
    assert r.grad_sq == pytest.approx(8.0, rel=4 * torch.finfo(torch.float64).eps)
    assert r.sharpness == pytest.approx(2.0) and math.isclose(r.delta_f or 0, 1.5)


def test_a_learning_rate_schedule_is_followed_step_by_step() -> None:
    # F = ⟪w, w⟫ (L = 2) with η halved every step from 1.2: η·L = 2.4, 1.2, 0.6, … — the first step is flagged
    # (beyond the proved condition, and the loss does not go down), the later ones are not and descend
    w = torch.nn.Parameter(torch.ones(2, dtype=torch.float64))
    opt = torch.optim.SGD([w], lr=1.2)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
    mon = DescentMonitor(opt, lambda: (w * w).sum(), sharpness_every=1, lanczos_iters=2)
    for _ in range(4):
        mon.step()
        sched.step()
    rs = mon.close()
    assert [r.lr for r in rs] == [1.2, 0.6, 0.3, 0.15]
    assert [r.eta_sharpness for r in rs] == pytest.approx([2.4, 1.2, 0.6, 0.3])
    assert mon.flagged_steps() == [0] and rs[0].delta_f is not None and rs[0].delta_f <= 0
    assert all(r.delta_f is not None and r.delta_f > 0 and r.bound_held for r in rs[1:])
    mon2 = DescentMonitor(opt, lambda: (w * w).sum())
    opt.param_groups[0]["momentum"] = 0.9  # changed by hand mid-training: no longer a plain gradient step
    with pytest.raises(UnsupportedOptimizerError, match="momentum"):
        mon2.step()


def test_p5_benchmark_reports_both_sides_and_asserts_no_timing() -> None:
    pytest.importorskip("sklearn", reason="P5 uses the digits data: pip install -e \".[report]\"")
    from pyverify.benchmarks.p5_monitor_overhead import measure

    res = measure(40, repeats=1)  # the same code as `pyverify bench --name P5`, shortened
    d = res.to_json()
    assert d["steps"] == 40 and d["sharpness_every"] == 20 and res.name == "P5 monitor"
    assert d["plain_s"] > 0 and d["monitored_s"] > 0 and d["no_sharpness_s"] > 0
    assert res.ratio == pytest.approx(d["monitored_s"] / d["plain_s"])
    assert res.met == (res.ratio <= 1.10)  # reported, never asserted as a timing target


@settings(max_examples=15, deadline=None)
@given(n=st.integers(1, 10), seed=st.integers(0, 10_000))
def test_finite_difference_sharpness_of_a_quadratic_matches_and_restores_the_weights(n: int, seed: int) -> None:
    from pyverify.monitor import fd_top_hessian_eigenvalue

    A = _spd(n, seed)
    w, F = _quadratic(A, np.ones(n), np.random.default_rng(seed).standard_normal(n))
    before = w.detach().clone()
    (g,) = torch.autograd.grad(F(), [w])
    est, _ = fd_top_hessian_eigenvalue(F, [w], [g], iters=n + 2, generator=torch.Generator().manual_seed(seed))
    exact = float(np.linalg.eigvalsh(A)[-1])
    assert abs(est - exact) <= 1e-6 * max(1.0, abs(exact))  # a quadratic's gradient is linear: only rounding
    assert torch.equal(w.detach(), before)  # the shifted evaluations leave the weights bit-for-bit as they were


@settings(max_examples=15, deadline=None)
@given(n=st.integers(1, 8), seed=st.integers(0, 10_000))
def test_one_finite_difference_iteration_is_the_rayleigh_quotient_and_one_power_step(n: int, seed: int) -> None:
    # the warm path (one product, in place) against the exact arithmetic it stands for on a quadratic
    from pyverify.monitor import fd_top_hessian_eigenvalue

    A = _spd(n, seed)
    w, F = _quadratic(A, np.ones(n), np.random.default_rng(seed).standard_normal(n))
    (g,) = torch.autograd.grad(F(), [w])
    v0 = torch.tensor(np.random.default_rng(seed + 1).standard_normal(n), dtype=torch.float64)
    est, vec = fd_top_hessian_eigenvalue(F, [w], [g], iters=1, v0=3.0 * v0)
    x = v0.numpy()
    assert est == pytest.approx(float(x @ A @ x / (x @ x)), rel=1e-6, abs=1e-9)
    ax = A @ x
    np.testing.assert_allclose(vec.numpy(), ax / np.linalg.norm(ax), rtol=0, atol=1e-6)


def test_cheap_setting_one_warm_iteration_is_power_iteration_and_converges() -> None:
    # one HVP per estimate: the estimate is the Rayleigh quotient of the previous vector, which advances one
    # power step per estimate; on a fixed quadratic with λ₂/λ₁ = 1/2 it must approach λ₁ = 4 from below
    A = np.diag([4.0, 2.0, 1.0])
    w, F = _quadratic(A, np.zeros(3), np.array([1.0, 1.0, 1.0]))
    mon = DescentMonitor(torch.optim.SGD([w], lr=0.01), F, sharpness_every=1, lanczos_iters=1, warm_iters=1,
                         hvp="finite_difference", full_batch=True, seed=3)
    for _ in range(30):
        mon.step()
    est = [r.sharpness for r in mon.close() if r.sharpness is not None]
    assert len(est) == 30 and all(s <= 4.0 + 1e-6 for s in est)
    assert abs(est[-1] - 4.0) < 1e-6 and abs(est[-1] - 4.0) < abs(est[1] - 4.0)


def test_monitor_with_finite_difference_hvps_on_a_linear_model_meets_the_bound() -> None:
    g = torch.Generator().manual_seed(1)
    X = torch.randn(50, 4, generator=g, dtype=torch.float64)
    y = torch.randn(50, generator=g, dtype=torch.float64)
    lin = torch.nn.Linear(4, 1, dtype=torch.float64)
    Xb = torch.cat([X, torch.ones(50, 1, dtype=torch.float64)], 1)
    L = float(torch.linalg.eigvalsh(Xb.T @ Xb / 50)[-1])
    mon = DescentMonitor(torch.optim.SGD(lin.parameters(), lr=1.2 / L),
                         lambda: 0.5 * ((lin(X).squeeze(1) - y) ** 2).mean(), sharpness_every=4, lanczos_iters=8,
                         warm_iters=2, hvp="finite_difference", full_batch=True)
    for _ in range(20):
        mon.step()
    recs = mon.close()
    est = [r.sharpness for r in recs if r.sharpness is not None]
    assert len(est) == 5 and all(abs(s - L) <= 1e-6 * L for s in est)
    assert all(r.bound_held is True for r in recs) and mon.flagged_steps() == []


def test_no_sharpness_option_and_bad_hvp_name() -> None:
    w = torch.nn.Parameter(torch.ones(2, dtype=torch.float64))
    mon = DescentMonitor(torch.optim.SGD([w], lr=0.1), lambda: (w * w).sum(), sharpness_every=None)
    for _ in range(3):
        mon.step()
    recs = mon.close()
    assert all(r.sharpness is None and r.curvature is None and r.bound_held is None for r in recs)
    assert [r.delta_f is not None and r.delta_f > 0 for r in recs] == [True] * 3
    with pytest.raises(InvalidArgumentError, match="hvp='newton' is not one of"):
        DescentMonitor(torch.optim.SGD([w], lr=0.1), lambda: (w * w).sum(), hvp="newton")
