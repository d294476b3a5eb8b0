"""`pyverify demo edge-of-stability`: full-batch GD on a tanh MLP, monitored against the descent conditions.

Reproduces, at small scale, the behaviour reported by Cohen, Kaur, Li, Kolter and Talwalkar, *Gradient
Descent on Neural Networks Typically Occurs at the Edge of Stability* (ICLR 2021): with full-batch GD at
step size η the sharpness (top Hessian eigenvalue of the training loss) rises ("progressive sharpening")
until it reaches 2/η, then hovers near 2/η; the loss keeps decreasing over the long run although single
steps raise it. Past that point η·sharpness ≥ 2, so the proved guarantee (`gradient_descent.improves`: ηL < 2
⇒ ΔF > 0, L a *global* smoothness constant) does not apply, and the monitor flags those steps.

Set-up: scikit-learn's bundled digits data (1797 images of 8×8 pixels, no download), standardised
features, one-hot targets, squared loss ½‖f(x) − y‖² averaged over the data set, an MLP 64 → 32 → 32 → 10
with tanh activations, float32, torch's default initialisation with a fixed seed, plain GD
(`torch.optim.SGD`, no momentum), every step on the full data set. The monitor (`pyverify.monitor`)
estimates the sharpness every 20 steps with its cheap setting (`SHARPNESS`): finite-difference
Hessian-vector products, 10 Lanczos iterations cold, then one warm-started iteration per estimate (the
Rayleigh quotient of the previous vector, which advances by one power-iteration step).

Everything this demo reports is **measured in float32/float64 on this run** (float sampling, empirical):
no part of it is a theorem about neural networks. Requires the `torch` and `report` extras
(``pip install -e ".[torch,report]"``).
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from .errors import InvalidArgumentError, MissingDependencyError
from .monitor import DescentMonitor, StepRecord

__all__ = ["EosRun", "EosResult", "run_edge_of_stability", "load_digits_tensors", "make_mlp", "DEFAULT_STEP_SIZES",
           "PAPER", "SHARPNESS"]

DEFAULT_STEP_SIZES: tuple[float, ...] = (0.1, 0.3, 0.5)
#: The monitor's sharpness options in the demo and in `pyverify bench --name P5` (see `DescentMonitor`).
SHARPNESS: dict[str, Any] = {"hvp": "finite_difference", "lanczos_iters": 10, "warm_iters": 1}
PAPER = ("Cohen, Kaur, Li, Kolter, Talwalkar: Gradient Descent on Neural Networks Typically Occurs at the Edge "
         "of Stability, ICLR 2021")


def _need(mod: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(mod)
    except ImportError as exc:
        raise MissingDependencyError(f"the edge-of-stability demo needs {mod}: pip install -e \".[{extra}]\"") from exc


def load_digits_tensors(n: int | None = None) -> tuple[Any, Any]:
    """scikit-learn's bundled digits (no download): standardised inputs (N, 64), one-hot targets (N, 10), float32."""
    torch = _need("torch", "torch")
    datasets = _need("sklearn.datasets", "report")
    X, y = datasets.load_digits(return_X_y=True)
    if n is not None:
        if n < 10:
            raise InvalidArgumentError(f"n={n} is too small; pass n ≥ 10 samples (or None for all 1797)")
        X, y = X[:n], y[:n]
    X = (X - X.mean(0)) / (X.std(0) + 1e-8)
    Xt = torch.tensor(X, dtype=torch.float32)
    Yt = torch.nn.functional.one_hot(torch.tensor(y), 10).to(torch.float32)
    return Xt, Yt


def make_mlp(seed: int = 0, width: int = 32) -> Any:
    """The tanh MLP 64 → width → width → 10 with torch's default initialisation under `seed`."""
    torch = _need("torch", "torch")
    torch.manual_seed(seed)
    nn = torch.nn
    return nn.Sequential(nn.Linear(64, width), nn.Tanh(), nn.Linear(width, width), nn.Tanh(), nn.Linear(width, 10))


@dataclass
class EosRun:
    """One step size: the monitor's records and what they show."""

    lr: float
    records: list[StepRecord]
    seconds: float
    analysis: dict[str, Any] = field(default_factory=dict)

    def sharpness_series(self) -> tuple[list[int], list[float]]:
        pts = [(r.step, r.sharpness) for r in self.records if r.sharpness is not None]
        return [p[0] for p in pts], [float(p[1]) for p in pts if p[1] is not None]


@dataclass
class EosResult:
    """All step sizes of one demo run."""

    runs: list[EosRun]
    steps: int
    seconds: float
    config: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"paper": PAPER, "config": self.config, "steps": self.steps, "seconds": self.seconds,
                "checked_by": "float sampling (measured on this run; empirical, not a theorem)",
                "runs": [{"lr": r.lr, "seconds": r.seconds, **r.analysis} for r in self.runs]}


def analyse(records: Sequence[StepRecord], lr: float) -> dict[str, Any]:
    """What a run shows, in numbers: sharpness against 2/η, loss trend, and ΔF ≤ 0 steps inside/outside."""
    thr = 2.0 / lr
    est = [(r.step, float(r.sharpness)) for r in records if r.sharpness is not None]
    cross = next((s for s, v in est if v * lr >= 2), None)
    after = [v for s, v in est if cross is not None and s >= cross]
    first = [r for r in records if cross is None or r.step < cross]
    later = [r for r in records if cross is not None and r.step >= cross]
    losses = [r.loss_before for r in records if math.isfinite(r.loss_before)]
    w = max(1, len(losses) // 10)
    windows = [sum(losses[i:i + w]) / len(losses[i:i + w]) for i in range(0, len(losses) - w + 1, w)]

    def nonpos(rs: Sequence[StepRecord]) -> int:
        return sum(1 for r in rs if r.delta_f is not None and r.delta_f <= 0)

    out: dict[str, Any] = {
        "two_over_lr": thr,
        "sharpness_first": est[0][1] if est else None,
        "sharpness_max": max((v for _, v in est), default=None),
        "first_step_eta_sharpness_ge_2": cross,
        "sharpness_after_crossing_median": sorted(after)[len(after) // 2] if after else None,
        "sharpness_after_crossing_min": min(after) if after else None,
        "sharpness_after_crossing_max": max(after) if after else None,
        "median_over_two_over_lr": (sorted(after)[len(after) // 2] / thr) if after else None,
        "loss_first": losses[0] if losses else None,
        "loss_last": records[-1].loss_after if records else None,
        "loss_window_means": windows,
        "loss_windows_decreasing": sum(1 for a, b in zip(windows, windows[1:]) if b < a),
        "loss_windows": len(windows),
        "steps_dF_le_0_before_crossing": nonpos(first),
        "steps_dF_le_0_after_crossing": nonpos(later),
        "steps_before_crossing": len(first),
        "steps_after_crossing": len(later),
        "flagged_steps": sum(1 for r in records if r.beyond_guarantee),
        "bound_failures_inside": sum(1 for r in records if r.bound_held is False and not r.beyond_guarantee),
        "bound_failures_flagged": sum(1 for r in records if r.bound_held is False and r.beyond_guarantee),
        "nonfinite_steps": [r.step for r in records if r.nonfinite],
    }
    return out


def run_edge_of_stability(
    step_sizes: Sequence[float] = DEFAULT_STEP_SIZES,
    *,
    steps: int = 2000,
    sharpness_every: int = 20,
    seed: int = 0,
    width: int = 32,
    n_samples: int | None = None,
    out_dir: str | Path | None = None,
    progress: Callable[[float, int], None] | None = None,
    sharpness: dict[str, Any] | None = None,
) -> EosResult:
    """Train the MLP at each step size with the monitor on; with `out_dir`, write records and a summary.

    `sharpness` overrides the monitor's sharpness options (default `SHARPNESS`; e.g.
    ``{"hvp": "autograd", "lanczos_iters": 20, "warm_iters": 5}`` for exact HVPs and more iterations).
    `progress(lr, step)` is called after every step (for a progress bar). Writes
    `out_dir/eos_lr<η>.jsonl` (the monitor's records) and `out_dir/eos_summary.json`.
    """
    torch = _need("torch", "torch")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps <= 0:
        raise InvalidArgumentError(f"steps={steps!r} must be a positive integer; pass e.g. steps=2000")
    lrs = [float(s) for s in step_sizes]
    if not lrs or any(not (math.isfinite(s) and s > 0) for s in lrs):
        raise InvalidArgumentError(f"step_sizes={list(step_sizes)!r} must be finite positive numbers; pass e.g. 0.1 0.3")
    sharpness = dict(SHARPNESS if sharpness is None else sharpness)
    out = Path(out_dir) if out_dir is not None else None
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    X, Y = load_digits_tensors(n_samples)
    runs = []
    t_all = time.perf_counter()
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # the machine is shared; one thread is also the fastest for this small net
    try:
        for lr in lrs:
            model = make_mlp(seed, width)
            opt = torch.optim.SGD(model.parameters(), lr=lr)

            def closure(model: Any = model) -> Any:
                return 0.5 * ((model(X) - Y) ** 2).sum(1).mean()

            path = out / f"eos_lr{lr:g}.jsonl" if out is not None else None
            mon = DescentMonitor(opt, closure, sharpness_every=sharpness_every, full_batch=True, path=path, seed=seed,
                                 **sharpness)
            t0 = time.perf_counter()
            for k in range(steps):
                mon.step()
                if progress is not None:
                    progress(lr, k)
            recs = mon.close()
            runs.append(EosRun(lr, recs, time.perf_counter() - t0, analyse(recs, lr)))
    finally:
        torch.set_num_threads(threads)
    config = {"data": "sklearn digits (bundled), standardised, one-hot", "n_samples": int(X.shape[0]),
              "model": f"MLP 64-{width}-{width}-10 tanh, float32", "loss": "0.5*||f(x)-y||^2 averaged",
              "optimizer": "torch.optim.SGD (plain GD, full batch)", "step_sizes": lrs,
              "sharpness_every": sharpness_every, "sharpness_options": sharpness, "seed": seed}
    res = EosResult(runs, steps, time.perf_counter() - t_all, config)
    if out is not None:
        (out / "eos_summary.json").write_text(json.dumps(res.to_json(), indent=2), encoding="utf-8")
    return res


def describe(res: EosResult) -> list[str]:
    """Plain-language lines: what the run showed for each step size, and where it differs from the paper."""
    lines = []
    for r in res.runs:
        a = r.analysis
        head = f"η={r.lr:g} (2/η={a['two_over_lr']:.2f}):"
        if a["first_step_eta_sharpness_ge_2"] is None:
            lines.append(
                f"{head} sharpness {a['sharpness_first']:.2f} → max {a['sharpness_max']:.2f}, never reached 2/η in "
                f"{res.steps} steps; steps with ΔF ≤ 0: {a['steps_dF_le_0_before_crossing']} of {a['steps_before_crossing']}; "
                f"loss {a['loss_first']:.4f} → {a['loss_last']:.4f}."
            )
        else:
            lines.append(
                f"{head} sharpness {a['sharpness_first']:.2f} at step 0, η·sharpness ≥ 2 first at step "
                f"{a['first_step_eta_sharpness_ge_2']}; afterwards sharpness median {a['sharpness_after_crossing_median']:.2f} "
                f"({a['median_over_two_over_lr']:.3f}·2/η), range {a['sharpness_after_crossing_min']:.2f}–"
                f"{a['sharpness_after_crossing_max']:.2f}; steps with ΔF ≤ 0: {a['steps_dF_le_0_before_crossing']} of "
                f"{a['steps_before_crossing']} before, {a['steps_dF_le_0_after_crossing']} of {a['steps_after_crossing']} after; "
                f"loss {a['loss_first']:.4f} → {a['loss_last']:.4f} ({a['loss_windows_decreasing']} of "
                f"{a['loss_windows'] - 1} consecutive window means decreased)."
            )
    return lines
