"""Catalog entries for the perceptron and Novikoff's bound (`lean/LearningRules/Perceptron.lean`).

Instances are separable data sets built exactly: an integer direction `u`, integer inputs `x_i`,
labels `y_i = sign ⟪u, x_i⟫`, with the tight margin `γ = min_i y_i ⟪u, x_i⟫ > 0` and the tight
squared radius `R2 = max_i ⟪x_i, x_i⟫`. Regions: dimensions 1, 2, 5 and 64; wide margins (inputs
pushed along `u`), thin margins (γ = 1 against a large `R2 ⟪u, u⟫`, so many mistakes) and tiny inputs
(everything divided by 2¹⁰, dyadic so that float64 sees the same numbers). Mistake sequences come
from real perceptron training on the data (recorded in integer arithmetic), and the convergence entry
runs `train` itself in the checked backend and compares its update count with Novikoff's bound
`k γ² ≤ R2 ⟪u, u⟫` — in exact mode with no rounding at all. The termination entry runs `train` with
fuel just beyond that bound (`R2 ⟪u, u⟫ < fuel γ²`) and checks that the weights it returns classify
every sample correctly.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

import numpy as np

from ..backend import Backend, QArray, as_float_array
from ..vectors import VectorCase
from ..catalog import Batch, Entry, Hypothesis, Relation
from ..rules import perceptron as pc
from ..sampling import rand_int, split_counts

__all__ = ["ENTRIES", "VECTORS", "separable_data", "mistake_runs"]

DIMS = (1, 2, 5, 64)
REGIMES = ("wide", "thin", "tiny")
TINY_DEN = 2**10


def _one_dataset(rng: np.random.Generator, n: int, m: int, regime: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Integer (xs, ys, u) with y_i ⟪u, x_i⟫ ≥ 1 for every i.

    ``wide``: inputs pushed along `u` (margin at least ⟪u, u⟫, few mistakes); ``thin`` and ``tiny``:
    margins exactly 1, 2 or 3 (u_0 = 1 and x_0 solved for), so γ is small against R2 ⟪u, u⟫ and
    training makes many mistakes.
    """
    u = rand_int(rng, (n,), -3, 3)
    xs = rand_int(rng, (m, n), -4, 4)
    if regime == "wide":
        if not u.any():
            u[0] = 1
        ys = np.where(xs @ u >= 0, 1, -1).astype(np.int64)
        xs = xs + ys[:, None] * u[None, :]
    else:
        u[0] = 1
        ys = rng.choice(np.array([-1, 1], dtype=np.int64), size=m)
        t = rand_int(rng, (m,), 1, 3)
        xs[:, 0] = ys * t - xs[:, 1:] @ u[1:]
    return xs, ys, u


def _simulate(xs: np.ndarray, ys: np.ndarray, max_passes: int) -> tuple[list[int], int]:
    """Integer perceptron training from 0: the indices of the mistake updates and the passes used."""
    w = np.zeros(xs.shape[1], dtype=object)
    seq: list[int] = []
    for p in range(max_passes):
        clean = True
        for i in range(xs.shape[0]):
            if ys[i] * int(np.dot(w, xs[i])) <= 0:
                w = w + ys[i] * xs[i].astype(object)
                seq.append(i)
                clean = False
        if clean:
            return seq, p + 1
    return seq, max_passes


def separable_data(
    rng: np.random.Generator, n: int, *, dims: tuple[int, ...] = DIMS, m: int = 8, max_passes: int = 40,
) -> list[dict[str, Any]]:
    """Per-cell lists of instances: dicts with integer data, the denominator and the mistake sequence."""
    cells = [(d, r) for d in dims for r in REGIMES]
    out: list[dict[str, Any]] = []
    for (dim, regime), k in zip(cells, split_counts(n, len(cells))):
        insts = []
        for _ in range(k):
            xs, ys, u = _one_dataset(rng, dim, m, regime)
            seq, passes = _simulate(xs, ys, max_passes)
            margin = int((ys * (xs @ u)).min())
            r2 = int((xs * xs).sum(axis=1).max())
            insts.append({"xs": xs, "ys": ys, "u": u, "margin": margin, "r2": r2, "seq": seq, "passes": passes})
        out.append({"dim": dim, "regime": regime, "den": TINY_DEN if regime == "tiny" else 1, "insts": insts})
    return out


def _data_batch(cell: dict[str, Any], insts: list[dict[str, Any]], *, label: str, gamma_shift: Fraction = Fraction(0),
                label_scale: list[int] | None = None, r2_zero: bool = False) -> dict[str, QArray]:
    den = cell["den"]
    scale = label_scale or [1] * len(insts)
    xs = np.stack([i["xs"] for i in insts])
    ys = np.stack([i["ys"] * c for i, c in zip(insts, scale)])
    u = np.stack([i["u"] for i in insts])
    gam = np.array([Fraction(i["margin"] * c, den) + gamma_shift for i, c in zip(insts, scale)], dtype=object)
    r2 = np.array([Fraction(0) if r2_zero else Fraction(i["r2"], den * den) for i in insts], dtype=object)
    return {"xs": QArray.of(xs, den), "ys": QArray.of(ys), "u": QArray.of(u),
            "gamma": QArray.of(gam), "R2": QArray.of(r2)}


def _onehot(seqs: list[list[int]], m: int) -> QArray:
    k = len(seqs[0])
    S = np.zeros((len(seqs), k, m), dtype=np.int64)
    for b, s in enumerate(seqs):
        for t, i in enumerate(s):
            S[b, t, i] = 1
    return QArray.of(S)


def _groups(insts: list[dict[str, Any]], parts: int = 3) -> list[list[dict[str, Any]]]:
    """Split instances sorted by mistake count into a few groups (each truncated to its shortest run)."""
    srt = sorted(insts, key=lambda i: len(i["seq"]))
    out, start = [], 0
    for c in split_counts(len(srt), parts):
        out.append(srt[start:start + c])
        start += c
    return [g for g in out if g]


def mistake_runs(
    rng: np.random.Generator, n: int, *, dims: tuple[int, ...] = DIMS, relax: str | None = None,
) -> list[Batch]:
    """Batches of separable data with a sequence of mistake updates from 0 (recorded training runs).

    `relax` builds the relaxed instances of the necessity checks: ``"labels"`` (labels ±c with c
    large, margin scaled with them), ``"separable"`` (γ above the true margin), ``"margin_pos"``
    (γ very negative), ``"bounded"`` (R2 = 0, below the true radius), ``"radius_nonneg"`` (empty data set
    with R2 = -1), ``"mistakes"`` (the same sample updated on again and again).
    """
    if relax == "radius_nonneg":
        return [_empty_data(rng, n, runs=True)]
    batches: list[Batch] = []
    for cell in separable_data(rng, n, dims=dims):
        for g in _groups(cell["insts"]):
            k = len(g[0]["seq"])
            m = g[0]["xs"].shape[0]
            seqs = [i["seq"][:k] for i in g]
            scale = None
            gshift = Fraction(0)
            if relax == "labels":
                scale = []
                for i in g:
                    need = Fraction(i["r2"] * int(i["u"] @ i["u"]), k * i["margin"] ** 2)
                    c = 2
                    while c * c <= need:
                        c += 1
                    scale.append(c)
            elif relax == "separable":
                gshift = Fraction(10**6)
            elif relax == "margin_pos":
                gshift = Fraction(-10**6)
            elif relax == "mistakes":
                k = max(k, 2) * 40
                seqs = [[i["seq"][0]] * k for i in g]
            data = _data_batch(cell, g, label=cell["regime"], gamma_shift=gshift, label_scale=scale, r2_zero=relax == "bounded")
            data["S"] = _onehot(seqs, m)
            batches.append(Batch(data, label=f"dim={cell['dim']}, {cell['regime']}, k={k}",
                                 meta={"dim": cell["dim"], "k": k}))
    return batches


def _empty_data(rng: np.random.Generator, n: int, *, runs: bool) -> Batch:
    """A batch of empty data sets (m = 0) with R2 = -1: the only way to violate `0 ≤ R2` alone."""
    k = max(n // 8, 1)
    u = rand_int(rng, (k, 2), 1, 3)
    data = {"xs": QArray.of(np.zeros((k, 0, 2), dtype=np.int64)), "ys": QArray.of(np.zeros((k, 0), dtype=np.int64)),
            "u": QArray.of(u), "gamma": QArray.of(np.ones(k, dtype=np.int64)),
            "R2": QArray.of(-np.ones(k, dtype=np.int64))}
    if runs:
        data["S"] = QArray.of(np.zeros((k, 0, 0), dtype=np.int64))
    return Batch(data, label="m=0, R2=-1", meta={"dim": 2, "k": 0, "fuel": 1})


def training_sets(rng: np.random.Generator, n: int, *, dims: tuple[int, ...] = DIMS, relax: str | None = None) -> list[Batch]:
    """Batches of separable data for `train`, with `fuel` in `meta` (enough passes to converge).

    Relaxations as in `mistake_runs` (except ``"mistakes"``); ``"separable"`` gives non-separable data
    (a sample repeated with the opposite label) on which training never stops, with fuel beyond the bound.
    """
    if relax == "radius_nonneg":
        return [_empty_data(rng, n, runs=False)]
    batches: list[Batch] = []
    for cell in separable_data(rng, n, dims=dims):
        insts = cell["insts"]
        if not insts:
            continue
        scale = None
        gshift = Fraction(0)
        fuel = max(i["passes"] for i in insts)
        if relax == "labels":
            scale = []
            for i in insts:
                need = Fraction(i["r2"] * int(i["u"] @ i["u"]), max(len(i["seq"]), 1) * i["margin"] ** 2)
                c = 2
                while c * c <= need:
                    c += 1
                scale.append(c)
        elif relax == "separable":
            for i in insts:  # append (x_0, -y_0): no direction separates the data any more
                i["xs"] = np.concatenate([i["xs"], i["xs"][:1]])
                i["ys"] = np.concatenate([i["ys"], -i["ys"][:1]])
            bounds = [Fraction(i["r2"] * int(i["u"] @ i["u"]), i["margin"] ** 2) for i in insts]
            # every pass makes at least one update on the contradictory pair (x_0, ±y_0)
            keep = [(i, b) for i, b in zip(insts, bounds) if b < 300]
            if not keep:
                continue
            insts = [i for i, _ in keep]
            fuel = int(max(b for _, b in keep)) + 2
        elif relax == "margin_pos":
            gshift = Fraction(-10**6)
        data = _data_batch(cell, insts, label=cell["regime"], gamma_shift=gshift, label_scale=scale, r2_zero=relax == "bounded")
        batches.append(Batch(data, label=f"dim={cell['dim']}, {cell['regime']}, fuel={fuel}",
                             meta={"dim": cell["dim"], "fuel": fuel}))
    return batches


# -- hypotheses ---------------------------------------------------------------------------------
def _labels(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    ys = x["ys"]
    if ys.shape[-1] == 0:
        return []
    return [Relation((ys - 1) * (ys + 1), "==", 0)]


def _separable(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    xs, ys = x["xs"], x["ys"]
    if ys.shape[-1] == 0:
        return []
    return [Relation(x["gamma"][..., None], "<=", ys * bk.matvec(xs, x["u"]))]


def _bounded(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    xs = x["xs"]
    if xs.shape[-2] == 0:
        return []
    return [Relation(bk.sum(xs * xs, axis=-1), "<=", x["R2"][..., None])]


def _mistakes(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    S, xs, ys = x["S"], x["xs"], x["ys"]
    w = bk.zeros_like(x["u"])
    vals = []
    for t in range(S.shape[-2]):
        sel = S[..., t, :]
        xt, yt = bk.rmatvec(xs, sel), bk.inner(sel, ys)
        vals.append(yt * bk.inner(w, xt))
        w = pc.update(xt, yt, w, bk)
    if not vals:
        return []
    return [Relation(bk.stack(vals, axis=-1), "<=", 0)]


LABELS = Hypothesis("labels", "IsLabels ys: every label is 1 or -1", _labels)
SEPARABLE = Hypothesis("separable", "Separable xs ys u γ: γ ≤ y_i ⟪u, x_i⟫ for every i", _separable)
MARGIN_POS = Hypothesis("margin_pos", "0 < γ", lambda x, bk: [Relation(0, "<", x["gamma"])])
BOUNDED = Hypothesis("bounded", "Bounded xs R2: ⟪x_i, x_i⟫ ≤ R2 for every i", _bounded)
RADIUS_NONNEG = Hypothesis("radius_nonneg", "0 ≤ R2", lambda x, bk: [Relation(0, "<=", x["R2"])])
MISTAKES = Hypothesis("mistakes", "IsMistakeSeq xs ys l 0: every update is made on a mistake", _mistakes)


# -- conclusions --------------------------------------------------------------------------------
def _run(x: Mapping[str, Any], bk: Backend) -> tuple[Any, int]:
    w = pc.run(x["xs"], x["ys"], x["S"], bk.zeros_like(x["u"]), bk)
    return w, int(x["S"].shape[-2])


def _inner_growth(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    w, k = _run(x, bk)
    return [Relation(bk.const(k) * x["gamma"], "<=", bk.inner(w, x["u"]))]


def _norm_growth(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    w, k = _run(x, bk)
    return [Relation(bk.inner(w, w), "<=", bk.const(k) * x["R2"])]


def _mistake_bound(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    _, k = _run(x, bk)
    g = x["gamma"]
    return [Relation(bk.const(k) * g * g, "<=", x["R2"] * bk.inner(x["u"], x["u"]))]


def _convergence(x: Mapping[str, Any], bk: Backend, fuel: int) -> list[Relation]:
    _, count = pc.train(fuel, x["xs"], x["ys"], bk.zeros_like(x["u"]), bk, validate=False)
    g = x["gamma"]
    return [Relation(count * g * g, "<=", x["R2"] * bk.inner(x["u"], x["u"]))]


def _any_runs(rng: np.random.Generator, n: int, *, relax: str | None = None) -> list[Batch]:
    """Index sequences that need not be mistakes (random indices; `relax="separable"`: γ too large and
    the run repeats the sample of least margin)."""
    out = []
    for b in mistake_runs(rng, n):
        m = b.data["xs"].shape[1]
        k = max(int(b.meta["k"]), 1) + int(rng.integers(0, 6))
        B = b.size
        gam = b.data["gamma"]
        if relax == "separable":
            xs = b.data["xs"].fractions()
            ys = b.data["ys"].fractions()
            u = b.data["u"].fractions()
            marg = np.array([[ys[i, j] * sum(u[i] * xs[i, j]) for j in range(m)] for i in range(B)], dtype=object)
            idx = [[int(np.argmin(marg[i].astype(float)))] * k for i in range(B)]
            gam = QArray.of(np.array([Fraction(v) + 1 for v in gam.fractions()], dtype=object))
        else:
            idx = [list(map(int, rng.integers(0, m, size=k))) for _ in range(B)]
        data = dict(b.data)
        data["gamma"] = gam
        data["S"] = _onehot(idx, m)
        out.append(Batch(data, label=b.label.rsplit(",", 1)[0] + f", any l, k={k}", meta={"dim": b.meta["dim"], "k": k}))
    return out


def _with_fuel(batches: list[Batch]) -> list[Batch]:
    """Conclusions see only arrays, so the batch's `fuel` travels as a constant array in the data."""
    for b in batches:
        b.data["fuel"] = QArray.of(np.full(b.size, int(b.meta["fuel"]), dtype=np.int64))
    return batches


def _conv_conclusion(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    fuel_arr = as_float_array(x["fuel"])
    fuel = int(fuel_arr.reshape(-1)[0]) if fuel_arr.size else 0
    return _convergence(x, bk, fuel)


def _training(relax: str | None = None) -> Any:
    return lambda rng, n: _with_fuel(training_sets(rng, n, relax=relax))


def _runs(relax: str | None = None) -> Any:
    return lambda rng, n: mistake_runs(rng, n, relax=relax)


def termination_sets(rng: np.random.Generator, n: int, *, dims: tuple[int, ...] = DIMS,
                     relax: str | None = None) -> list[Batch]:
    """Batches of separable data for `train_separates`, with `fuel` (in `meta` and in the data) beyond
    Novikoff's bound `R2 ⟪u, u⟫ / γ²` for every instance of the batch.

    `relax` drops one hypothesis, on data whose training needs at least three passes (so the weights after
    one pass do not separate yet): ``"labels"`` (labels ±c, margin scaled, fuel 1), ``"separable"`` (the
    sample `(x_0, -y_0)` appended: no direction separates; fuel beyond the original bound), ``"margin_pos"``
    (γ = -10⁶, fuel 1), ``"bounded"`` (R2 = 0, fuel 1), ``"fuel"`` (fuel 1, below the bound).
    """
    batches: list[Batch] = []
    for cell in separable_data(rng, n, dims=dims):
        insts = [dict(i) for i in cell["insts"]]
        if relax not in (None, "separable"):
            insts = [i for i in insts if i["passes"] >= 3]
        if not insts:
            continue
        scale = None
        gshift = Fraction(0)
        bounds = [Fraction(i["r2"] * int(i["u"] @ i["u"]), i["margin"] ** 2) for i in insts]
        fuel = int(max(bounds)) + 1 + int(rng.integers(0, 3))
        if relax == "labels":
            scale = []
            for b in bounds:
                c = 2
                while c * c <= b:
                    c += 1
                scale.append(c)
        elif relax == "separable":
            # training never stops on these data: keep bounds small, so that the fuel stays cheap
            keep = [(i, b) for i, b in zip(insts, bounds) if b < 200]
            if not keep:
                continue
            insts = [i for i, _ in keep]
            fuel = int(max(b for _, b in keep)) + 1
            for i in insts:
                i["xs"] = np.concatenate([i["xs"], i["xs"][:1]])
                i["ys"] = np.concatenate([i["ys"], -i["ys"][:1]])
        elif relax == "margin_pos":
            gshift = Fraction(-10**6)
        if relax in ("labels", "margin_pos", "bounded", "fuel"):
            fuel = 1
        data = _data_batch(cell, insts, label=cell["regime"], gamma_shift=gshift, label_scale=scale,
                           r2_zero=relax == "bounded")
        data["fuel"] = QArray.of(np.full(len(insts), fuel, dtype=np.int64))
        batches.append(Batch(data, label=f"dim={cell['dim']}, {cell['regime']}, fuel={fuel}"
                             + (f", drop {relax}" if relax else ""), meta={"dim": cell["dim"], "fuel": fuel}))
    return batches


def _fuel_bound(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    g = x["gamma"]
    return [Relation(x["R2"] * bk.inner(x["u"], x["u"]), "<", x["fuel"] * g * g)]


def _separates(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    fuel_arr = as_float_array(x["fuel"])
    fuel = int(fuel_arr.reshape(-1)[0]) if fuel_arr.size else 0
    if x["ys"].shape[-1] == 0:
        return []
    w, _ = pc.train(fuel, x["xs"], x["ys"], bk.zeros_like(x["u"]), bk, validate=False)
    return [Relation(x["ys"] * bk.matvec(x["xs"], w), ">", 0)]


FUEL = Hypothesis("fuel", "R2 ⟪u, u⟫ < fuel γ γ: more passes than Novikoff's bound R2 ⟪u, u⟫ / γ²", _fuel_bound)


def _terminating(relax: str | None = None) -> Any:
    return lambda rng, n: termination_sets(rng, n, relax=relax)


SMALL = (1, 2)

ENTRIES = [
    Entry(
        id="perceptron.inner_growth",
        rule="perceptron",
        kind="bound",
        lean_spec="LearningRules.Perceptron.inner_growth_spec",
        lean_proof="LearningRules.Perceptron.inner_growth",
        statement="On data separable with margin γ along u, after k updates from 0 (any indices), k γ ≤ ⟪w_k, u⟫.",
        hypotheses=(SEPARABLE,),
        conclusion=_inner_growth,
        sample=lambda rng, n: _any_runs(rng, n),
        necessity={"separable": lambda rng, n: _any_runs(rng, n, relax="separable")},
    ),
    Entry(
        id="perceptron.norm_growth",
        rule="perceptron",
        kind="bound",
        lean_spec="LearningRules.Perceptron.norm_growth_spec",
        lean_proof="LearningRules.Perceptron.norm_growth",
        statement="With labels ±1 and ⟪x_i, x_i⟫ ≤ R2, after k mistake updates from 0, ⟪w_k, w_k⟫ ≤ k R2.",
        hypotheses=(LABELS, BOUNDED, MISTAKES),
        conclusion=_norm_growth,
        sample=_runs(),
        necessity={"labels": _runs("labels"), "bounded": _runs("bounded"), "mistakes": _runs("mistakes")},
    ),
    Entry(
        id="perceptron.mistake_bound",
        rule="perceptron",
        kind="bound",
        lean_spec="LearningRules.Perceptron.mistake_bound_spec",
        lean_proof="LearningRules.Perceptron.mistake_bound",
        statement="Novikoff: k mistake updates from 0 on separable (margin γ > 0), bounded (R2) data give k γ² ≤ R2 ⟪u, u⟫.",
        hypotheses=(LABELS, SEPARABLE, MARGIN_POS, BOUNDED, RADIUS_NONNEG, MISTAKES),
        conclusion=_mistake_bound,
        sample=_runs(),
        necessity={"labels": _runs("labels"), "separable": _runs("separable"), "margin_pos": _runs("margin_pos"),
                   "bounded": _runs("bounded"), "radius_nonneg": _runs("radius_nonneg"),
                   "mistakes": _runs("mistakes")},
        notes="Mistake sequences are recorded from real perceptron training on the sampled data.",
    ),
    Entry(
        id="perceptron.convergence",
        rule="perceptron",
        kind="convergence",
        lean_spec="LearningRules.Perceptron.convergence_spec",
        lean_proof="LearningRules.Perceptron.convergence",
        statement="train fuel xs ys 0 makes `updates` mistake updates with updates·γ² ≤ R2 ⟪u, u⟫, for every fuel.",
        hypotheses=(LABELS, SEPARABLE, MARGIN_POS, BOUNDED, RADIUS_NONNEG),
        conclusion=_conv_conclusion,
        sample=_training(),
        necessity={"labels": _training("labels"), "separable": _training("separable"),
                   "margin_pos": _training("margin_pos"), "bounded": _training("bounded"),
                   "radius_nonneg": _training("radius_nonneg")},
        notes="Runs perceptron training (pyverify.rules.perceptron.train) in the checked backend, with fuel "
              "large enough to converge, and compares the update count with Novikoff's bound.",
    ),
    Entry(
        id="perceptron.train_separates",
        rule="perceptron",
        kind="convergence",
        lean_spec="LearningRules.Perceptron.train_separates_spec",
        lean_proof="LearningRules.Perceptron.train_separates",
        statement="With labels ±1, margin γ > 0 along u, ⟪x_i, x_i⟫ ≤ R2 and more than R2⟪u, u⟫/γ² passes "
                  "(R2⟪u, u⟫ < fuel γ²), train fuel xs ys 0 returns w with y_i ⟪w, x_i⟫ > 0 for every sample.",
        hypotheses=(LABELS, SEPARABLE, MARGIN_POS, BOUNDED, FUEL),
        conclusion=_separates,
        sample=_terminating(),
        necessity={"labels": _terminating("labels"), "separable": _terminating("separable"),
                   "margin_pos": _terminating("margin_pos"), "bounded": _terminating("bounded"),
                   "fuel": _terminating("fuel")},
        notes="Runs perceptron training in the checked backend with fuel just beyond Novikoff's bound for every "
              "instance of the batch, and checks that the returned weights classify every sample correctly. The "
              "statement has no hypothesis 0 ≤ R2: Bounded xs R2 implies it when there is a sample. Necessity "
              "samplers keep data that need at least three passes, so one pass (fuel 1) does not separate yet.",
    ),
]


# -- differential test vectors (Lean `#guard`s generated by `python -m pyverify.vectors --write`) ----------
def _pc_cases(name: str, xs: list[list[str]], ys: list[str], w: list[str], fuel: int) -> list[VectorCase]:
    args = {"xs": xs, "ys": ys, "w": w, "x": xs[0], "y": ys[0]}
    return [
        VectorCase("perceptron", f"{name}.update", "LearningRules.Perceptron.update {x} {y} {w}", args,
                   lambda a, bk: pc.update(a["x"], a["y"], a["w"], bk)),
        VectorCase("perceptron", f"{name}.train_weights", f"(LearningRules.Perceptron.train {fuel} {{xs}} {{ys}} {{w}}).1", args,
                   lambda a, bk: pc.train(fuel, a["xs"], a["ys"], a["w"], bk)[0]),
        VectorCase("perceptron", f"{name}.train_updates",
                   f"LearningRules.Vec.natCast (K := Rat) (LearningRules.Perceptron.train {fuel} {{xs}} {{ys}} {{w}}).2", args,
                   lambda a, bk: pc.train(fuel, a["xs"], a["ys"], a["w"], bk)[1]),
    ]


VECTORS: list[VectorCase] = [
    *_pc_cases("xor_free", [["1", "2"], ["-1", "1/2"], ["3", "-1"]], ["1", "-1", "1"], ["0", "0"], 4),
    *_pc_cases("dim1", [["2"], ["-3/2"]], ["1", "-1"], ["0"], 2),
    *_pc_cases("thin_margin", [["1", "0", "1"], ["1", "1", "-1"], ["0", "1", "1"], ["-1", "1", "0"]],
               ["1", "-1", "1", "-1"], ["1/2", "0", "0"], 6),
]
