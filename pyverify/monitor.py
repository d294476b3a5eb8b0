"""Training-time monitors: check a torch training loop against the proved descent conditions.

`DescentMonitor` wraps a `torch.optim.SGD` optimizer (plain gradient steps only) and a closure that
returns the loss. At every step it records the loss before and after the step **on the same batch**,
the observed decrease ΔF = F(w) − F(w′) (ΔF > 0 means the loss went down, the project's convention),
the step size η, ⟪g, g⟫, and whether the descent bound

    F(w′) ≤ F(w) − η (1 − L η / 2) ⟪g, g⟫          (Lean: `GradientDescent.descent_bound`)

held with L the most recent **local** curvature estimate. Every `sharpness_every` steps it estimates the
sharpness (the largest Hessian eigenvalue at the current weights) by Lanczos iteration on Hessian-vector
products (double backward through torch autograd), and it flags the steps where η·sharpness ≥ 2, where the
proved guarantee (`GradientDescent.improves`: 0 < η, ηL < 2 ⇒ ΔF > 0) no longer applies.

## What is a theorem and what is an empirical check

The descent bound and the improvement property are theorems for an L-smooth F with L a **global**
smoothness constant (proofs written in `proofs/`, not kernel-checked in this environment; their
algebraic core is checked by sympy and the statements by exact rational arithmetic on sampled
quadratics). The monitor has no global L for a neural network: it uses the top Hessian eigenvalue at one
point, so `bound_held` is an **empirical check** measured in floating point, not an instance of the
theorem. Two cases where it *is* an instance: a quadratic loss (a linear model with squared error), whose
Hessian is constant, so the sharpness is the global L; the tests use exactly that.

## Optimizers covered

* `torch.optim.SGD` with `momentum=0`, `weight_decay=0`, `nesterov=False`, `maximize=False`, and one
  step size for every parameter group: the step is w′ = w − η ∇F(w), a gradient-descent step.
  With the full data set as the batch this is the setting of `gradient_descent.descent_bound` /
  `gradient_descent.improves`; with a mini-batch the same bound is about the **batch** loss (before and
  after on the same batch), not the expected loss of `sgd.expected_descent`, which the monitor does not
  check.
* Anything else (momentum, Adam, weight decay, per-group step sizes) is rejected with an error: no theorem
  in this library covers those steps.

Records are kept as `StepRecord` dataclasses and, with `path`, written as JSON lines as they complete.
torch is an optional dependency (``pip install -e ".[torch]"``) imported lazily.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterator, Sequence

import numpy as np

from .errors import InvalidArgumentError, MissingDependencyError, NonFiniteError

__all__ = [
    "StepRecord",
    "DescentMonitor",
    "UnsupportedOptimizerError",
    "top_hessian_eigenvalue",
    "lanczos_top_eigenvalue",
    "fd_top_hessian_eigenvalue",
    "HVP_METHODS",
    "load_records",
    "COVERED_OPTIMIZERS",
]

#: Optimizer → the theorems whose hypotheses its step can meet (catalog ids).
COVERED_OPTIMIZERS: dict[str, tuple[str, ...]] = {
    "torch.optim.SGD(momentum=0, weight_decay=0, nesterov=False, maximize=False), one lr": (
        "gradient_descent.descent_bound",
        "gradient_descent.improves",
    ),
}

CURVATURE_NOTE = (
    "L is the latest local sharpness estimate (top Hessian eigenvalue by Lanczos at one point), not a global "
    "smoothness constant: bound_held is an empirical float check, a theorem instance only for quadratic losses"
)


#: How the monitor computes Hessian-vector products for the sharpness (see `DescentMonitor`).
HVP_METHODS: tuple[str, ...] = ("autograd", "finite_difference")


class UnsupportedOptimizerError(InvalidArgumentError):
    """The optimizer's step is not a plain gradient step, so no proved property covers it."""


def _torch() -> Any:
    try:
        import torch
    except ImportError as exc:  # pragma: no cover - torch is installed in CI
        raise MissingDependencyError(
            "pyverify.monitor needs torch: pip install -e \".[torch]\" (pins torch==2.13.0, a CPU build)"
        ) from exc
    return torch


@dataclass(frozen=True)
class StepRecord:
    """One monitored step. Losses are measured on the same batch before and after the step.

    `delta_f` = `loss_before` − `loss_after` (> 0: the loss went down). `curvature` is the local estimate L
    used in `bound_rhs` = F(w) − η(1 − Lη/2)⟪g, g⟫ (see `CURVATURE_NOTE`; `curvature_step` says at which step it
    was estimated). `sharpness` is set only at the steps where it was estimated. `beyond_guarantee` is
    η·L ≥ 2 with the same L: the proved improvement condition ηL < 2 does not apply. `nonfinite` names what
    was NaN/inf at this step ("loss", "gradient", "loss_after"); then the optimizer step was skipped or the
    record's comparisons are `None`. `lr` is the step size the optimizer had at this step (a scheduler's
    changes are followed). `grad_sq` is ⟪g, g⟫ summed from the per-tensor norms (one torch operation per
    step), so it may differ from a dot product in the last bits.
    """

    step: int
    lr: float
    loss_before: float
    loss_after: float | None
    delta_f: float | None
    grad_sq: float
    curvature: float | None
    curvature_step: int | None
    sharpness: float | None
    eta_sharpness: float | None
    beyond_guarantee: bool | None
    bound_rhs: float | None
    bound_held: bool | None
    nonfinite: str | None = None
    checked_by: str = "float sampling (empirical, local curvature)"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def load_records(path: str | Path) -> list[StepRecord]:
    """Read the JSON lines a `DescentMonitor` wrote back into `StepRecord`s."""
    p = Path(path)
    if not p.is_file():
        raise InvalidArgumentError(f"path={str(p)!r} is not a file; pass the JSON-lines file the monitor wrote")
    out = []
    for k, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(StepRecord(**json.loads(line)))
        except (ValueError, TypeError) as exc:
            raise InvalidArgumentError(f"{p}:{k} is not a monitor record ({exc}); was it written by DescentMonitor?") from exc
    return out


# -- Lanczos on Hessian-vector products ---------------------------------------------------------------
def lanczos_top_eigenvalue(
    matvec: Callable[[Any], Any], v0: Any, iters: int, *, tol: float = 1e-12
) -> tuple[float, Any]:
    """The largest eigenvalue of the symmetric operator `matvec` and its Ritz vector.

    Lanczos with full reorthogonalisation, started from `v0` (a 1-D torch tensor). After `m` iterations the
    estimate is the top eigenvalue of the m×m tridiagonal matrix: a lower bound of the true top eigenvalue,
    exact (up to rounding) once m reaches the dimension of the Krylov space (it stops early on breakdown).
    With `iters=1` the estimate is the Rayleigh quotient ⟪v0, A v0⟫/⟪v0, v0⟫ and the returned vector is one
    power-iteration step A v0/‖A v0‖, so warm-starting from it repeatedly is power iteration (which converges
    to the eigenvalue of largest magnitude: fine for a Hessian whose negative eigenvalues are smaller in
    magnitude than its top one, as is typical in training; use more iterations otherwise).
    """
    torch = _torch()
    if iters < 1:
        raise InvalidArgumentError(f"iters={iters} must be ≥ 1; pass the number of Lanczos iterations")
    nrm = float(torch.linalg.vector_norm(v0))
    if not math.isfinite(nrm) or nrm == 0.0:
        raise InvalidArgumentError("v0 must be a finite non-zero vector; pass a random start vector")
    if iters == 1:
        # one matvec (the warm path, once per estimate): the estimate is the Rayleigh quotient of v0, and the
        # vector returned is one power-iteration step H v0 / ‖H v0‖ (not v0 itself), so that repeated warm
        # starts keep converging to the top eigenvector
        q = v0 / nrm
        hv = matvec(q)
        a1 = float(torch.dot(hv, q))
        hn = float(torch.linalg.vector_norm(hv))
        return a1, (hv / hn if math.isfinite(hn) and hn > 0 else q)
    Q = [v0 / nrm]
    alphas: list[float] = []
    betas: list[float] = []
    for j in range(iters):
        w = matvec(Q[j])
        a = float(torch.dot(w, Q[j]))
        alphas.append(a)
        w = w - a * Q[j] - (betas[-1] * Q[j - 1] if j > 0 else 0.0)
        for q in Q:  # full reorthogonalisation (twice is enough)
            w = w - torch.dot(w, q) * q
        for q in Q:
            w = w - torch.dot(w, q) * q
        b = float(torch.linalg.vector_norm(w))
        scale = max(abs(x) for x in alphas) if alphas else 1.0
        if j == iters - 1 or not math.isfinite(b) or b <= tol * max(scale, 1e-300):
            break
        betas.append(b)
        Q.append(w / b)
    m = len(alphas)
    T = np.diag(np.asarray(alphas, dtype=np.float64))
    if m > 1:
        off = np.asarray(betas[: m - 1], dtype=np.float64)
        T += np.diag(off, 1) + np.diag(off, -1)
    evals, evecs = np.linalg.eigh(T)
    coeff = evecs[:, -1]
    vec = sum(float(c) * q for c, q in zip(coeff, Q[:m]))
    return float(evals[-1]), vec


def _flat(ts: Sequence[Any]) -> Any:
    torch = _torch()
    return torch.cat([t.reshape(-1) for t in ts])


def _unflat(v: Any, like: Sequence[Any]) -> list[Any]:
    out, i = [], 0
    for p in like:
        n = p.numel()
        out.append(v[i:i + n].view_as(p))
        i += n
    return out


def top_hessian_eigenvalue(
    loss: Any, params: Sequence[Any], *, iters: int = 20, v0: Any = None, grads: Sequence[Any] | None = None,
    generator: Any = None,
) -> tuple[float, Any]:
    """The largest Hessian eigenvalue of the scalar `loss` w.r.t. `params` (Lanczos on Hessian-vector products).

    `grads`, if given, must be `torch.autograd.grad(loss, params, create_graph=True)`; it is reused for
    every Hessian-vector product. `v0` warm-starts the iteration (e.g. the previous top eigenvector).
    Returns the estimate and its (flattened) Ritz vector.
    """
    torch = _torch()
    params = list(params)
    if grads is None:
        grads = torch.autograd.grad(loss, params, create_graph=True)
    gflat = _flat(grads)
    if not gflat.requires_grad:
        raise InvalidArgumentError("the gradient has no graph: compute it with create_graph=True (or pass grads=None)")

    def hvp(v: Any) -> Any:
        hv = torch.autograd.grad(gflat, params, grad_outputs=v, retain_graph=True, allow_unused=True)
        return _flat([h if h is not None else torch.zeros_like(p) for h, p in zip(hv, params)]).detach()

    if v0 is None:
        v0 = torch.randn(gflat.numel(), dtype=gflat.dtype, device=gflat.device, generator=generator)
    return lanczos_top_eigenvalue(hvp, v0.detach(), iters)


class _FdHvp:
    """Finite-difference Hessian-vector products at the current parameters, with buffers kept between calls.

    H v ≈ (∇F(w + εv) − ∇F(w)) / ε for a unit vector v: the parameters are saved, moved by εv, the closure's
    gradient is taken there, and the parameters are copied back bit-for-bit. `v` holds the current unit vector
    (after an estimate, its Ritz vector). The flat vectors and the parameter-shaped views into them are allocated
    once, so a product is a forward and a backward pass plus a few whole-list torch operations: the monitor's warm
    estimate runs one product every `sharpness_every` steps, where each small tensor operation is slow (the
    training step between two estimates has pushed its code and data out of the caches).
    """

    def __init__(self, closure: Callable[[], Any], params: Sequence[Any]) -> None:
        torch = _torch()
        self.closure = closure
        self.params = list(params)
        p0 = self.params[0]
        n = sum(p.numel() for p in self.params)
        self._saved = [torch.empty_like(p, requires_grad=False) for p in self.params]
        self.v, self._g0, self._h = (torch.empty(n, dtype=p0.dtype, device=p0.device) for _ in range(3))
        self._v_views, self._g0_views, self._h_views = (_unflat(x, self.params) for x in (self.v, self._g0, self._h))
        self.eps = 0.0
        self.started = False  # whether `v` holds the Ritz vector of an earlier estimate

    def set_point(self, grads: Sequence[Any], eps: float | None = None) -> None:
        """Fix ∇F(w) (`grads`, the gradient at the current parameters) and the step ε.

        ε defaults to √u · max(1, ‖w‖), u the unit roundoff of the parameters' dtype: the error of a forward
        difference is O(ε) from the third derivative plus O(u‖∇F‖/ε) from rounding.
        """
        torch = _torch()
        with torch.no_grad():
            torch._foreach_copy_(self._g0_views, [g.detach() for g in grads])
            if eps is None:
                wn = math.sqrt(sum(float(x) ** 2 for x in torch._foreach_norm(self.params)))
                eps = math.sqrt(float(torch.finfo(self.params[0].dtype).eps)) * max(1.0, wn)
        if not (math.isfinite(eps) and eps > 0):
            raise InvalidArgumentError(f"eps={eps!r} must be a finite positive number; pass eps=None for the default")
        self.eps = float(eps)

    def _difference(self) -> Any:
        """∇F(w + ε v) − ∇F(w) ≈ ε H v, in a buffer that the next call overwrites."""
        torch = _torch()
        params = self.params
        with torch.no_grad():
            torch._foreach_copy_(self._saved, params)
            torch._foreach_add_(params, self._v_views, alpha=self.eps)
        try:
            with torch.enable_grad():
                g1 = torch.autograd.grad(self.closure(), params, allow_unused=True)
        finally:
            with torch.no_grad():
                torch._foreach_copy_(params, self._saved)
        with torch.no_grad():
            torch._foreach_copy_(self._h_views, [g if g is not None else torch.zeros_like(p) for g, p in zip(g1, params)])
            return self._h.sub_(self._g0)

    def __call__(self, v: Any) -> Any:
        """H v for a unit vector `v`, as a new tensor (the operator that Lanczos iterates)."""
        self.v.copy_(v)
        return self._difference() / self.eps

    def power_step(self) -> float:
        """The Rayleigh quotient ⟪v, H v⟫ of the unit vector `v`; then `v` ← H v / ‖H v‖ (one power-iteration step)
        in place. One product: what `lanczos_top_eigenvalue` does with one iteration, in fewer operations."""
        torch = _torch()
        h = self._difference()
        est = float(torch.dot(h, self.v)) / self.eps
        hn = float(torch.linalg.vector_norm(h))
        if math.isfinite(hn) and hn > 0:
            torch.div(h, hn, out=self.v)
        return est

    def estimate(self, iters: int, v0: Any = None, generator: Any = None) -> float:
        """The top eigenvalue by `iters` Lanczos iterations, started from `v0`, else from `v` (the previous Ritz
        vector) when there is one, else from a random vector; leaves the unit Ritz vector in `v`."""
        torch = _torch()
        if iters < 1:
            raise InvalidArgumentError(f"iters={iters} must be ≥ 1; pass the number of Lanczos iterations")
        if v0 is None and not self.started:
            v0 = torch.randn(self.v.numel(), dtype=self.v.dtype, device=self.v.device, generator=generator)
        if v0 is not None:
            nrm = float(torch.linalg.vector_norm(v0))
            if not math.isfinite(nrm) or nrm == 0.0:
                raise InvalidArgumentError("v0 must be a finite non-zero vector; pass a random start vector")
            torch.div(v0.detach(), nrm, out=self.v)
        self.started = True
        if iters == 1:
            return self.power_step()
        est, vec = lanczos_top_eigenvalue(self, self.v.clone(), iters)
        self.v.copy_(vec)
        return est


def fd_top_hessian_eigenvalue(
    closure: Callable[[], Any], params: Sequence[Any], grads: Sequence[Any], *, iters: int = 20, v0: Any = None,
    generator: Any = None, eps: float | None = None,
) -> tuple[float, Any]:
    """The top Hessian eigenvalue by Lanczos on **finite-difference** Hessian-vector products.

    H v ≈ (∇F(w + εv) − ∇F(w)) / ε with `grads` = ∇F(w) already computed (the gradient the optimizer step
    needs anyway), so each iteration costs one extra gradient evaluation (a forward and a backward pass of
    `closure`, no double backward). The error is O(ε) from the third derivative plus O(u‖∇F‖/ε) rounding
    (ε = √u·max(1, ‖w‖) by default, u the dtype's unit roundoff); for a quadratic F the first term is zero.
    `closure()` must evaluate the same loss as the one `grads` came from. The parameters are restored
    bit-for-bit afterwards. Returns the estimate and its unit Ritz vector (see `lanczos_top_eigenvalue`).
    """
    hvp = _FdHvp(closure, params)
    hvp.set_point(grads, eps)
    est = hvp.estimate(iters, v0, generator)
    return est, hvp.v.clone()


# -- the monitor -----------------------------------------------------------------------------------
def _check_optimizer(optimizer: Any) -> float:
    torch = _torch()
    if not isinstance(optimizer, torch.optim.Optimizer):
        raise UnsupportedOptimizerError(
            f"optimizer={type(optimizer).__name__} is not a torch.optim.Optimizer; pass torch.optim.SGD(params, lr=...)"
        )
    if type(optimizer) is not torch.optim.SGD:
        raise UnsupportedOptimizerError(
            f"optimizer={type(optimizer).__name__} is not covered: the proved descent bound is about plain gradient "
            "steps w - lr * grad; use torch.optim.SGD(params, lr=..., momentum=0, weight_decay=0)"
        )
    return _step_size(optimizer)


def _step_size(optimizer: Any) -> float:
    """The one step size of a plain-gradient SGD; read at every step, so that a learning-rate scheduler's
    changes (or an option changed by hand) are seen."""
    lrs = set()
    for k, g in enumerate(optimizer.param_groups):
        for key, ok in (("momentum", 0), ("weight_decay", 0), ("nesterov", False), ("maximize", False)):
            if g.get(key, ok) != ok:
                raise UnsupportedOptimizerError(
                    f"SGD param group {k} has {key}={g.get(key)!r}; only {key}={ok!r} gives a plain gradient step "
                    f"covered by gradient_descent.descent_bound; construct SGD with {key}={ok!r}"
                )
        lr = g["lr"]
        lr = float(lr.item()) if hasattr(lr, "item") else float(lr)
        if not (math.isfinite(lr) and lr > 0):
            raise InvalidArgumentError(f"lr={lr} must be a finite positive step size; pass SGD(params, lr=0.1)")
        lrs.add(lr)
    if len(lrs) != 1:
        raise UnsupportedOptimizerError(
            f"the parameter groups have different step sizes {sorted(lrs)}; the descent bound is about one step "
            "size η for all weights: use one lr"
        )
    return lrs.pop()


@dataclass
class _Pending:
    step: int
    lr: float
    loss_before: float
    grad_sq: float
    curvature: float | None
    curvature_step: int | None
    sharpness: float | None


class DescentMonitor:
    """Monitor a `torch.optim.SGD` training loop against the proved descent bound (see module docstring).

    Use `monitor.step()` in place of `optimizer.step(closure)`:

        mon = DescentMonitor(opt, lambda: loss_fn(model(x), y), sharpness_every=20, path="run.jsonl")
        for _ in range(steps):
            mon.step()
        mon.close()

    `closure()` must return the scalar loss **with its graph** (do not call `backward`; the monitor computes
    the gradient itself and sets `p.grad`). With `full_batch=True` the closure must evaluate the same batch
    every call: F(w′) is then read from the next step's call instead of an extra forward pass (the last
    step's F(w′) is computed by `close()`). Otherwise the monitor evaluates the closure again under
    `torch.no_grad()` after each step. The step size is read from the optimizer at every step, so a
    learning-rate scheduler is followed; an option changed to one no theorem covers (momentum, …) raises.

    ## Sharpness: the accuracy/cost trade-off (explicit options)

    `sharpness_every=None` turns the estimates off (then `curvature` is None and `bound_held` is not checked).
    The first estimate runs `lanczos_iters` Lanczos iterations from a seeded random vector; later ones run
    `warm_iters` (default: the same) from the previous Ritz vector. Each iteration is one Hessian-vector
    product (HVP), computed as `hvp` says:

    * ``"autograd"`` (default): an exact HVP by double backward (about 3–4 gradient evaluations each on the
      demo's MLP on CPU). With enough iterations the estimate is exact up to rounding (the tests reach 1e-6 on
      quadratics).
    * ``"finite_difference"``: H v ≈ (∇F(w + εv) − ∇F(w))/ε, reusing the gradient of the step, so one extra
      forward/backward pass each (see `fd_top_hessian_eigenvalue`); exact for a quadratic up to rounding
      O(√u), u the unit roundoff, and O(ε) off otherwise.

    With `warm_iters=1` each later estimate is the Rayleigh quotient of the previous vector (a lower bound of
    the top eigenvalue), and the vector advances by one power-iteration step: cheapest, and it lags when the
    top eigenvector turns quickly. The demo and `pyverify bench --name P5` use ``hvp="finite_difference"``,
    10 cold iterations and `warm_iters=1`: a warm estimate is then one extra gradient evaluation plus a few
    whole-list tensor operations (about 1.3 plain steps inside the demo's loop, see `pyverify bench --name P5`).
    """

    def __init__(
        self,
        optimizer: Any,
        closure: Callable[[], Any],
        *,
        sharpness_every: int | None = 20,
        lanczos_iters: int = 20,
        warm_iters: int | None = None,
        hvp: str = "autograd",
        full_batch: bool = False,
        path: str | Path | None = None,
        seed: int = 0,
    ) -> None:
        torch = _torch()
        self.lr = _check_optimizer(optimizer)
        if not callable(closure):
            raise InvalidArgumentError(f"closure={closure!r} is not callable; pass a function returning the loss")
        warm_iters = lanczos_iters if warm_iters is None else warm_iters
        checks: list[tuple[str, Any]] = [("lanczos_iters", lanczos_iters), ("warm_iters", warm_iters)]
        if sharpness_every is not None:
            checks.insert(0, ("sharpness_every", sharpness_every))
        for name, val in checks:
            if isinstance(val, bool) or not isinstance(val, int) or val <= 0:
                raise InvalidArgumentError(f"{name}={val!r} must be a positive integer; pass e.g. {name}=20"
                                           + (" (or sharpness_every=None for no estimates)"
                                              if name == "sharpness_every" else ""))
        if hvp not in HVP_METHODS:
            raise InvalidArgumentError(f"hvp={hvp!r} is not one of {HVP_METHODS}; pass hvp=\"finite_difference\" "
                                       "(cheap) or hvp=\"autograd\" (exact HVPs)")
        self.hvp = hvp
        self.optimizer = optimizer
        self.closure = closure
        self.sharpness_every = sharpness_every
        self.lanczos_iters = lanczos_iters
        self.warm_iters = warm_iters
        self.full_batch = full_batch
        self.params = [p for g in optimizer.param_groups for p in g["params"] if p.requires_grad]
        if not self.params:
            raise InvalidArgumentError("the optimizer has no parameters that require grad; nothing to monitor")
        self._gen = torch.Generator(device=self.params[0].device).manual_seed(seed)
        self._tol = 64 * float(torch.finfo(self.params[0].dtype).eps) if self.params[0].is_floating_point() else 0.0
        self._records: list[StepRecord] = []
        self._pending: _Pending | None = None
        self._curv: float | None = None
        self._curv_step: int | None = None
        self._vec: Any = None
        self._fd: _FdHvp | None = None
        self._t = 0
        self._fh: IO[str] | None = None
        self.path = Path(path) if path is not None else None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = self.path.open("w", encoding="utf-8")
        self.closed = False

    # -- public views
    @property
    def records(self) -> list[StepRecord]:
        """The completed records (with `full_batch`, the last step completes at the next step or `close()`)."""
        return list(self._records)

    def flagged_steps(self) -> list[int]:
        """Steps where η·L ≥ 2 for the latest sharpness estimate L: outside the proved condition."""
        return [r.step for r in self._records if r.beyond_guarantee]

    def nonfinite_steps(self) -> list[int]:
        """Steps where the loss or the gradient was NaN/inf (recorded, training not interrupted)."""
        return [r.step for r in self._records if r.nonfinite]

    def summary(self) -> dict[str, Any]:
        """Counts over the completed records, with what checked them."""
        rs = self._records
        inside = [r for r in rs if r.beyond_guarantee is False and r.delta_f is not None]
        outside = [r for r in rs if r.beyond_guarantee and r.delta_f is not None]
        return {
            "steps": len(rs),
            "lr": self.lr,
            "sharpness_estimates": sum(r.sharpness is not None for r in rs),
            "flagged_eta_sharpness_ge_2": len(outside),
            "inside_increase_steps": sum(r.delta_f <= 0 for r in inside if r.delta_f is not None),
            "outside_increase_steps": sum(r.delta_f <= 0 for r in outside if r.delta_f is not None),
            "bound_failures": sum(r.bound_held is False for r in rs),
            "nonfinite_steps": self.nonfinite_steps(),
            "curvature_note": CURVATURE_NOTE,
        }

    # -- the step
    def _loss(self) -> Any:
        torch = _torch()
        loss = self.closure()
        if not isinstance(loss, torch.Tensor):
            raise InvalidArgumentError(
                f"closure returned {type(loss).__name__}, not a tensor; return the loss tensor itself (not loss.item())"
            )
        if loss.numel() != 1:
            raise InvalidArgumentError(
                f"closure returned a loss of shape {tuple(loss.shape)}; the descent bound is about a scalar F: "
                "reduce it with .mean() or .sum()"
            )
        return loss if loss.dim() == 0 else loss.reshape(())

    def _finish(self, pend: _Pending, after: float | None, nonfinite: str | None = None) -> None:
        tol = self._tol
        rhs = held = delta = None
        if after is not None and not math.isfinite(after):
            nonfinite, after = "loss_after", None
        if after is not None:
            delta = pend.loss_before - after
            if pend.curvature is not None:
                rhs = pend.loss_before - pend.lr * (1 - pend.curvature * pend.lr / 2) * pend.grad_sq
                scale = max(abs(pend.loss_before), abs(after), pend.lr * pend.grad_sq, 1e-30)
                held = after <= rhs + tol * scale
        es = pend.lr * pend.curvature if pend.curvature is not None else None
        rec = StepRecord(
            step=pend.step, lr=pend.lr, loss_before=pend.loss_before, loss_after=after, delta_f=delta,
            grad_sq=pend.grad_sq, curvature=pend.curvature, curvature_step=pend.curvature_step,
            sharpness=pend.sharpness, eta_sharpness=es, beyond_guarantee=None if es is None else es >= 2,
            bound_rhs=rhs, bound_held=held, nonfinite=nonfinite,
        )
        self._records.append(rec)
        if self._fh is not None:
            self._fh.write(json.dumps(rec.to_json()) + "\n")
            self._fh.flush()

    def step(self) -> float:
        """One monitored gradient step; returns F(w) before it. Raises on bad input at the first step."""
        torch = _torch()
        if self.closed:
            raise InvalidArgumentError("the monitor is closed; create a new DescentMonitor to keep training")
        t = self._t
        loss = self._loss()
        if not loss.requires_grad:
            raise InvalidArgumentError(
                "the loss does not depend on the optimizer's parameters (requires_grad=False); return the loss "
                "computed from the model, outside torch.no_grad()"
            )
        f0 = loss.item()
        self.lr = _step_size(self.optimizer)  # a scheduler may have changed it since the last step
        if self._pending is not None:  # full batch: this call's loss is the previous step's F(w')
            self._finish(self._pending, f0)
            self._pending = None
        if not math.isfinite(f0):
            if t == 0:
                raise NonFiniteError(
                    f"the loss at the first step is {f0}; check the data and the initialisation (no step was taken)"
                )
            self._finish(_Pending(t, self.lr, f0, float("nan"), self._curv, self._curv_step, None), None, "loss")
            self._t += 1
            return f0
        due = self.sharpness_every is not None and t % self.sharpness_every == 0
        exact_hvp = due and self.hvp == "autograd"
        if exact_hvp:  # the gradient with its graph, for double-backward HVPs
            grads = torch.autograd.grad(loss, self.params, create_graph=True, allow_unused=True)
            grads = tuple(g if g is not None else torch.zeros_like(p) for g, p in zip(grads, self.params))
            plain = [g.detach() for g in grads]
        else:  # as a plain training step does: backward into p.grad (cheaper than autograd.grad + assigning .grad)
            for p in self.params:
                p.grad = None
            loss.backward()
            plain = [p.grad if p.grad is not None else torch.zeros_like(p) for p in self.params]
        sharp = None
        # ⟪g, g⟫ as a sum of squared per-tensor norms: one torch operation for the whole list
        gg = sum(float(x) ** 2 for x in torch._foreach_norm(plain))
        if math.isfinite(gg) and due:
            if exact_hvp:
                sharp, self._vec = top_hessian_eigenvalue(
                    loss, self.params, iters=self.lanczos_iters if self._vec is None else self.warm_iters,
                    v0=self._vec, grads=grads, generator=self._gen,
                )
            else:  # the finite-difference operator keeps its Ritz vector between estimates
                if self._fd is None:
                    self._fd = _FdHvp(self.closure, self.params)
                self._fd.set_point(plain)
                sharp = self._fd.estimate(self.lanczos_iters if not self._fd.started else self.warm_iters,
                                          generator=self._gen)
            if math.isfinite(sharp):
                self._curv, self._curv_step = sharp, t
            else:  # start again from a random vector at the next estimate
                self._vec = None
                if self._fd is not None:
                    self._fd.started = False
        if not math.isfinite(gg):
            if t == 0:
                raise NonFiniteError(
                    "the gradient at the first step has NaN/inf entries; check the loss for log(0), division by "
                    "zero or overflow (no step was taken)"
                )
            self._finish(_Pending(t, self.lr, f0, gg, self._curv, self._curv_step, None), None, "gradient")
            self._t += 1
            return f0
        if exact_hvp:
            for p, g in zip(self.params, plain):
                p.grad = g
        self.optimizer.step()
        pend = _Pending(t, self.lr, f0, gg, self._curv, self._curv_step, sharp)
        if self.full_batch:
            self._pending = pend
        else:
            with torch.no_grad():
                after = float(self._loss())
            self._finish(pend, after)
        self._t += 1
        return f0

    def close(self) -> list[StepRecord]:
        """Complete the last record (one extra forward pass with `full_batch`), close the file, return the records."""
        torch = _torch()
        if self.closed:
            return self.records
        if self._pending is not None:
            with torch.no_grad():
                after = float(self._loss())
            self._finish(self._pending, after)
            self._pending = None
        if self._fh is not None:
            self._fh.close()
        self.closed = True
        return self.records

    def __enter__(self) -> "DescentMonitor":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __iter__(self) -> Iterator[StepRecord]:
        return iter(self._records)
