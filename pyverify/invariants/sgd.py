"""Catalog entries for SGD on a finite sum (`lean/LearningRules/SGD.lean`).

Instances: `m` quadratic samples `f_i w = ½⟪w, A_i w⟫ - ⟪b_i, w⟫` (symmetric PSD integer `A_i`), with
sample gradients `grads i w = A_i w - b_i`, and the objective `F w = ½⟪w, Ā w⟫ - ⟪b̄, w⟫ + c` given
separately (Lean's `F` is any function): for `m ≥ 1`, `Ā`, `b̄` are the means and `c = 0`, so `meanGrad`
is `∇F` and `F` is `L`-smooth with `L` the Gershgorin bound of `Ā`. The expectation over the drawn
index is the exact average over `i < m`. Regions: dimensions 1, 2, 5 and 64; `m ∈ {1, 3, 6}`
(`m = 2` at dimension 64); equal sample gradients (`σ² = 0`), low and high variance, ill-conditioned
curvature; for the improvement, `η` up to just below the threshold
`L η σ² < (2 - L η) ⟪ḡ, ḡ⟫`, i.e. `η < 2⟪ḡ, ḡ⟫ / (L (σ² + ⟪ḡ, ḡ⟫))`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping, Sequence

import numpy as np

from ..backend import Backend, QArray
from ..catalog import Batch, Entry, Hypothesis, Relation
from ..rules import quadratic, sgd
from ..sampling import EDGE_DIMS, psd_matrix, rand_int, row_sum_bound
from ..vectors import VectorCase
from .gradient_descent import BIG_DIM, cell_counts

__all__ = ["ENTRIES", "VECTORS", "sgd_instances"]

REGIMES = ("plain", "ill-conditioned", "equal gradients", "high variance", "near threshold")


def sgd_instances(
    rng: np.random.Generator, n: int, *, dims: Sequence[int] = EDGE_DIMS, regimes: Sequence[str] = REGIMES,
    eta_mode: str = "any", L_scale: Fraction = Fraction(1), eta_t: Fraction | None = None, m_zero: bool = False,
    same_curvature: bool = False, m: int | None = None,
) -> list[Batch]:
    """Batches of `(As, bs, A, b, c, w, L, eta)`.

    `eta_mode`: ``any`` (η of either sign, large or small: the descent inequality claims all),
    ``threshold`` (`0 < η` below the improvement threshold, near it in the ``near threshold`` regime),
    ``over`` (η twice the threshold, capped below `2/L`, breaking only the threshold). `eta_t` fixes
    `η = eta_t / L`. `L_scale` scales the claimed smoothness constant. `m_zero` gives `m = 0` samples and
    the constant objective `F = -1`. `same_curvature` makes all `A_i` equal to `a I` (`L` exact). `m`
    fixes the number of samples.
    """
    m_fixed = m
    out: list[Batch] = []
    cells = [(d, r) for d in dims for r in regimes]
    for (dim, regime), k in zip(cells, cell_counts(n, dims, len(regimes))):
        if k == 0:
            continue
        m = 0 if m_zero else (m_fixed if m_fixed is not None else
                              (2 if dim >= BIG_DIM else int(rng.choice([1, 3, 6]))))
        if regime == "equal gradients" and m:
            m = max(m, 2)
        if same_curvature:
            As = np.broadcast_to(np.eye(dim, dtype=np.int64) * rand_int(rng, (k, 1, 1, 1), 1, 4), (k, m, dim, dim)).copy()
        else:
            As = psd_matrix(rng, k * max(m, 1), dim, spread=10 if regime == "ill-conditioned" else 1)
            As = (As + np.eye(dim, dtype=np.int64) * (dim == 1))[: k * m].reshape(k, m, dim, dim)
        spread = 40 if regime == "high variance" else 6
        bs = rand_int(rng, (k, m, dim), -spread, spread)
        w = rand_int(rng, (k, dim), -10, 10)
        wden = 4
        if regime == "equal gradients" and m:
            As[:] = As[:, :1]
            bs[:] = bs[:, :1]
        if m_zero:
            A_num, A_den = np.zeros((k, dim, dim), dtype=np.int64), 1
            b_num, b_den = np.zeros((k, dim), dtype=np.int64), 1
            c = [Fraction(-1)] * k
            L = [Fraction(0)] * k
        else:
            A_num, A_den = As.sum(axis=1), m
            b_num, b_den = None, m
            c = [Fraction(0)] * k
            L = [Fraction(int(v), m) * L_scale for v in row_sum_bound(A_num)]
        # exact ḡ and σ² at w, for the step-size choice
        Ff = lambda a: np.array(a, dtype=object)  # noqa: E731
        etas = []
        if eta_mode == "any" or eta_t is not None:
            for i in range(k):
                Lv = L[i]
                if eta_t is not None:
                    etas.append(eta_t / Lv if Lv > 0 else eta_t)
                else:
                    etas.append(Fraction(int(rng.integers(-20, 60)), 10) / (Lv if Lv > 0 else 1))
        Gi = np.einsum("bmij,bj->bmi", As, w)  # A_i w * wden
        G = [[[Fraction(int(Gi[i, j, r]), wden) - int(bs[i, j, r]) for r in range(dim)] for j in range(m)]
             for i in range(k)] if not etas else []
        for i in range(k if not etas else 0):
            gbar = [sum((G[i][j][r] for j in range(m)), Fraction(0)) / m if m else Fraction(0) for r in range(dim)]
            g2 = sum((v * v for v in gbar), Fraction(0))
            if g2 == 0 and m and dim and eta_mode != "any":
                # move every b_i by -1 in coordinate 0, so that ḡ gains +1 there (σ² is unchanged)
                bs[i, :, 0] -= 1
                for j in range(m):
                    G[i][j][0] += 1
                gbar[0] += 1
                g2 = sum((v * v for v in gbar), Fraction(0))
            s2 = (sum((sum(((G[i][j][r] - gbar[r]) ** 2 for r in range(dim)), Fraction(0)) for j in range(m)),
                      Fraction(0)) / m) if m else Fraction(0)
            Lv = L[i]
            if eta_t is not None:
                etas.append(eta_t / Lv if Lv > 0 else eta_t)
            elif eta_mode == "any":
                etas.append(Fraction(int(rng.integers(-20, 60)), 10) / (Lv if Lv > 0 else 1))
            else:
                thr = 2 * g2 / (Lv * (s2 + g2)) if Lv > 0 and g2 > 0 else Fraction(1)
                if eta_mode == "over":
                    etas.append(min(2 * thr, Fraction(1999, 1000) / Lv) if Lv > 0 else 2 * thr)
                elif regime == "near threshold":
                    etas.append(thr * Fraction(999, 1000))
                else:
                    etas.append(thr * Fraction(int(rng.integers(1, 100)), 100))
        del Ff
        if not m_zero:
            b_num = bs.sum(axis=1)
        obj = lambda vals: QArray.of(np.array(vals, dtype=object))  # noqa: E731
        out.append(Batch(
            {"As": QArray.of(As), "bs": QArray.of(bs), "A": QArray.of(A_num, A_den), "b": QArray.of(b_num, b_den),
             "c": obj(c), "w": QArray.of(w, wden), "L": obj(L), "eta": obj(etas)},
            label=f"dim={dim}, m={m}, {regime}", meta={"dim": dim, "m": m},
        ))
    return out


_CACHE: dict[tuple[int, str], tuple[Any, Any]] = {}


def _grads(x: Mapping[str, Any], bk: Backend) -> Any:
    """`w ↦ (A_i w - b_i)_i`, shape (B, m, n); the value at `x["w"]` is cached per instance dict (the
    cache holds `w`, so an id cannot be reused while its entry lives)."""
    def grads(w: Any) -> Any:
        key = (id(x), bk.mode)
        hit = _CACHE.get(key)
        if w is x["w"] and hit is not None and hit[0] is w:
            return hit[1]
        G = (x["As"] @ w[..., None, :, None])[..., 0] - x["bs"]
        if w is x["w"]:
            if len(_CACHE) > 16:
                _CACHE.clear()
            _CACHE[key] = (w, G)
        return G
    return grads


def _F(x: Mapping[str, Any], bk: Backend) -> Any:
    """`F` on points of shape (B, n) or (B, m, n)."""
    def F(w: Any) -> Any:
        if w.ndim == 3:
            A, b, c = x["A"][:, None], x["b"][:, None], x["c"][:, None]
        else:
            A, b, c = x["A"], x["b"], x["c"]
        return quadratic.loss(A, b, w, bk) + c
    return F


def _parts(x: Mapping[str, Any], bk: Backend) -> tuple[Any, Any, Any, Any]:
    grads = _grads(x, bk)
    g = sgd.mean_grad(grads, x["w"], bk, validate=False)
    s2 = sgd.variance(grads, x["w"], bk, validate=False)
    EF = sgd.expected_loss(_F(x, bk), grads, x["eta"], x["w"], bk, validate=False)
    return g, s2, EF, _F(x, bk)(x["w"])


def _smooth(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    """IsLSmooth F meanGrad L along the directions the proof uses: the sample gradients."""
    G = _grads(x, bk)(x["w"])
    if G.shape[-2] == 0:
        return [Relation(0, "<=", x["L"])]
    AG = (x["A"][:, None] @ G[..., None])[..., 0]
    return [Relation(0, "<=", x["L"]), Relation(bk.inner(G, AG), "<=", x["L"][..., None] * bk.inner(G, G))]


def _m(x: Mapping[str, Any]) -> Any:
    return np.full(np.shape(x["w"])[0], x["As"].shape[1], dtype=np.int64)


SMOOTH = Hypothesis("smooth", "F is L-smooth with gradient map meanGrad (checked: 0 ≤ L and ⟪v, Ā v⟫ ≤ L⟪v, v⟫ "
                              "for every sample gradient v; L ≥ Gershgorin bound of Ā)", _smooth, sampled=True)
M_POS = Hypothesis("m_pos", "0 < m", lambda x, bk: [Relation(0, "<", _m(x))])
STEP_POS = Hypothesis("step_pos", "0 < η", lambda x, bk: [Relation(0, "<", x["eta"])])
STEP_LT = Hypothesis("step_mul_lt_two", "η L < 2", lambda x, bk: [Relation(x["eta"] * x["L"], "<", 2)])


def _threshold(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    g, s2, _, _ = _parts(x, bk)
    return [Relation(x["L"] * x["eta"] * s2, "<", (2 - x["L"] * x["eta"]) * bk.inner(g, g))]


THRESHOLD = Hypothesis("variance_small", "L η σ² < (2 - L η) ⟪ḡ, ḡ⟫", _threshold)


def _descent(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    g, s2, EF, F0 = _parts(x, bk)
    L, eta = x["L"], x["eta"]
    return [Relation(EF, "<=", F0 - eta * (1 - L * eta / 2) * bk.inner(g, g) + L * eta * eta * s2 / 2)]


def _improves(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    _, _, EF, F0 = _parts(x, bk)
    return [Relation(EF, "<", F0)]


_SMALL = (1, 2)

ENTRIES = [
    Entry(
        id="sgd.expected_descent", rule="sgd", kind="bound",
        lean_spec="LearningRules.SGD.expected_descent_spec", lean_proof="LearningRules.SGD.expected_descent",
        statement="For F L-smooth with gradient meanGrad and m ≥ 1: E[F w'] ≤ F w - η(1 - Lη/2)⟪ḡ, ḡ⟫ + Lη²σ²/2 "
                  "(any η; the expectation is the exact average over the m samples).",
        hypotheses=(SMOOTH, M_POS), conclusion=_descent,
        sample=lambda rng, n: sgd_instances(rng, n, eta_mode="any"),
        necessity={"smooth": lambda rng, n: sgd_instances(rng, n, dims=_SMALL, regimes=("plain",),
                                                          L_scale=Fraction(1, 8), eta_t=Fraction(19, 10)),
                   "m_pos": lambda rng, n: sgd_instances(rng, n, dims=_SMALL, regimes=("plain",), m_zero=True)},
        notes="The m_pos counterexample uses Lean's convention 1/0 = 0: with m = 0 the expected loss, ḡ and σ² "
              "are 0, and a constant F = -1 (smooth for any L ≥ 0) violates 0 ≤ F w.",
    ),
    Entry(
        id="sgd.expected_improves", rule="sgd", kind="improvement",
        lean_spec="LearningRules.SGD.expected_improves_spec", lean_proof="LearningRules.SGD.expected_improves",
        statement="For 0 < η, ηL < 2, m ≥ 1 and Lησ² < (2 - Lη)⟪ḡ, ḡ⟫, one SGD step lowers F in expectation.",
        hypotheses=(SMOOTH, STEP_POS, STEP_LT, M_POS, THRESHOLD), conclusion=_improves,
        sample=lambda rng, n: sgd_instances(rng, n, eta_mode="threshold"),
        necessity={"smooth": lambda rng, n: sgd_instances(rng, n, dims=_SMALL, regimes=("equal gradients",),
                                                          L_scale=Fraction(1, 8), eta_t=Fraction(19, 10)),
                   "step_pos": lambda rng, n: sgd_instances(rng, n, dims=_SMALL, regimes=("plain",),
                                                            eta_t=Fraction(0)),
                   "variance_small": lambda rng, n: sgd_instances(rng, n, dims=(1,), regimes=("high variance",),
                                                                  eta_mode="over", same_curvature=True)},
        notes="No counterexample can exist for step_mul_lt_two or m_pos: the threshold implies both (for ηL ≥ 2 "
              "its right side is ≤ 0 ≤ its left side; for m = 0 both sides are 0).",
    ),
]

# Lean: samples `f_i w = ½⟪w, A w⟫ - ⟪B i, w⟫` with a shared `A` and the rows `B i`, so that
# `grads = fun i w => Quadratic.grad A (B i) w` (a `Mat K m n` is `Fin m → Vec K n` by definition).
_GR = "(fun i w => LearningRules.Quadratic.grad {A} ({B} i) w)"


def _vgrads(a: Mapping[str, Any]) -> Any:
    return lambda w: (a["A"][:, None] @ w[:, None, :, None])[..., 0] - a["B"]


_V1 = {"A": [["2", "1"], ["1", "3"]], "B": [["1", "0"], ["-1", "2"], ["0", "1/2"]], "w": ["1/2", "-1"], "eta": "1/4"}
_V2 = {"A": [["3/2"]], "B": [["1"], ["-2/3"]], "w": ["2"], "eta": "1/3"}


def _sgd_vectors(tag: str, args: dict[str, Any]) -> list[VectorCase]:
    return [
        VectorCase("sgd", f"meanGrad.{tag}", f"LearningRules.SGD.meanGrad {_GR} {{w}}", args,
                   lambda a, bk: sgd.mean_grad(_vgrads(a), a["w"], bk)),
        VectorCase("sgd", f"variance.{tag}", f"LearningRules.SGD.variance {_GR} {{w}}", args,
                   lambda a, bk: sgd.variance(_vgrads(a), a["w"], bk)),
        VectorCase("sgd", f"step1.{tag}", f"LearningRules.SGD.step {_GR} {{eta}} (1 : Fin {len(args['B'])}) {{w}}", args,
                   lambda a, bk: sgd.step(_vgrads(a), a["eta"], 1, a["w"], bk)),
        VectorCase("sgd", f"expectedLoss.{tag}",
                   f"LearningRules.SGD.expectedLoss (LearningRules.Quadratic.loss {{A}} {{bbar}}) {_GR} {{eta}} {{w}}",
                   {**args, "bbar": [str(sum((Fraction(r[j]) for r in args["B"]), Fraction(0)) / len(args["B"]))
                                     for j in range(len(args["w"]))]},
                   lambda a, bk: sgd.expected_loss(lambda W: quadratic.loss(a["A"][:, None], a["bbar"][:, None], W, bk),
                                                   _vgrads(a), a["eta"], a["w"], bk)),
    ]


VECTORS: list[VectorCase] = [*_sgd_vectors("m3", _V1), *_sgd_vectors("m2", _V2)]
