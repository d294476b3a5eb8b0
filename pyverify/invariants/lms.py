"""Catalog entries for the LMS / delta rule (`lean/LearningRules/LMS.lean`).

Single-sample instances `(x, y, w, η)` are built from the normalised step `t = η ⟪x, x⟫`, the quantity
the first four statements turn on: `t` near `0`, random in `(0, 2)`, exactly `1` (one step zeroes the
error), just below `2`; tiny errors (`⟪w, x⟫` within `10⁻⁶` of `y`); dimensions 1, 2, 5 and 64. The
identities and the "iff" are also sampled outside the convergent range (`t ∈ {-1/2, 0, 2, 5/2, 3}`),
since they claim something there too.

Data-set instances `(xs, ys, w, w⋆, μ, L, η)` for averaged LMS: integer data sets of `m` samples in
dimensions 1, 2, 5 and 64 (well-conditioned, ill-conditioned with column scales up to 2⁴, tiny inputs
divided by 2¹⁰), with `R = (1/m) Σ x_i x_iᵀ` positive definite; `μ` a dyadic just below the least
eigenvalue and `L` just above the largest ("tight", both certified exactly by LDLᵀ pivots of `R - μ I`
and `L I - R`), or `μ` halved and `L` the Gershgorin bound ("loose"); `η L` near 2, equal to 1, tiny
or random in (0, 2); `w⋆` the exact minimiser (`R w⋆ = p`), a random point (so the gap may be
negative) or `w` itself. The identities are also sampled with singular `R` (`m < n`), `m = 0` and
step sizes outside the convergent range.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from ..backend import Backend, QArray, col
from ..catalog import Batch, Entry, Hypothesis, Relation
from ..rules import lms
from ..sampling import EDGE_DIMS, rand_int
from ..vectors import VectorCase
from .feedback_alignment import psd_margin
from .gradient_descent import BIG_DIM, cell_counts, memo

__all__ = ["ENTRIES", "VECTORS", "lms_instances", "dataset_instances"]

ITERS = 6

T_INSIDE: dict[str, Callable[[np.random.Generator], Fraction]] = {
    "t random in (0,2)": lambda rng: Fraction(int(rng.integers(1, 200)), 100),
    "t near 2": lambda rng: Fraction(1999, 1000),
    "t tiny": lambda rng: Fraction(1, 1000),
    "t = 1": lambda rng: Fraction(1),
    "tiny error": lambda rng: Fraction(int(rng.integers(1, 200)), 100),
}
T_OUTSIDE: dict[str, Callable[[np.random.Generator], Fraction]] = {
    "t ≤ 0": lambda rng: Fraction(int(rng.choice([-1, 0])), 2),
    "t ≥ 2": lambda rng: Fraction(int(rng.choice([4, 5, 6])), 2),
}


def lms_instances(
    rng: np.random.Generator, n: int, *, regimes: Mapping[str, Callable[[np.random.Generator], Fraction]],
    dims: Sequence[int] = EDGE_DIMS, zero_error: bool = False,
) -> list[Batch]:
    """Batches of `(x, y, w, eta)` with `η = t / ⟪x, x⟫` for `t` drawn per regime; `x ≠ 0`."""
    out = []
    names = list(regimes)
    cells = [(d, r) for d in dims for r in names]
    for (dim, regime), k in zip(cells, cell_counts(n, dims, len(names))):
        if k == 0:
            continue
        x = rand_int(rng, (k, dim), -5, 5)
        x[np.all(x == 0, axis=1), 0] = 1
        xden = 2
        w = rand_int(rng, (k, dim), -12, 12)
        wden = 4
        wx = (w * x).sum(axis=1)  # ⟪w, x⟫ = wx / (wden * xden)
        if zero_error:
            y = QArray.of(wx, wden * xden)
        elif regime == "tiny error":
            y = QArray.of(wx * 10**6 + rng.choice([-1, 1], size=k) * wden * xden, wden * xden * 10**6)
        else:
            yn = rand_int(rng, (k,), -10, 10)
            # keep the error non-zero: yn/2 ≠ wx/8
            yn = np.where(yn * 4 == wx, yn + 1, yn)
            y = QArray.of(yn, 2)
        xx = [Fraction(int(s), xden * xden) for s in (x * x).sum(axis=1)]
        eta = [regimes[regime](rng) / s for s in xx]
        out.append(Batch({"x": QArray.of(x, xden), "y": y, "w": QArray.of(w, wden),
                          "eta": QArray.of(np.array(eta, dtype=object))},
                         label=f"dim={dim}, {regime}", meta={"dim": dim}))
    return out


def _t(x: Mapping[str, Any], bk: Backend) -> Any:
    return x["eta"] * bk.inner(x["x"], x["x"])


def _err(x: Mapping[str, Any], bk: Backend, w: Any) -> Any:
    return lms.error(x["x"], x["y"], w, bk, validate=False)


def _step(x: Mapping[str, Any], bk: Backend, w: Any) -> Any:
    return lms.step(x["eta"], x["x"], x["y"], w, bk, validate=False)


def _error_step(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    return [Relation(_err(x, bk, _step(x, bk, x["w"])), "==", (1 - _t(x, bk)) * _err(x, bk, x["w"]))]


def _iff(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    t = _t(x, bk)
    before = lms.loss(x["x"], x["y"], x["w"], bk, validate=False)
    after = lms.loss(x["x"], x["y"], _step(x, bk, x["w"]), bk, validate=False)
    decreases = np.asarray(after < before, dtype=bool) if not bk.is_torch else (after < before).numpy()
    in_range = np.asarray((0 < t) & (t < 2), dtype=bool) if not bk.is_torch else ((0 < t) & (t < 2)).numpy()
    agree = decreases == in_range
    if not bk.is_exact:
        # float rounding cannot decide a strict comparison at its boundary: within the tolerance of
        # t ∈ {0, 2} or of `after = before`, either answer is accepted (exact mode decides these)
        from ..backend import as_float_array

        tf, bf, af = as_float_array(t), as_float_array(before), as_float_array(after)
        near = (np.abs(tf) <= 1e-9) | (np.abs(tf - 2) <= 1e-9) | (np.abs(bf - af) <= 1e-9 * np.maximum(np.abs(bf), 1))
        agree = agree | near
    return [Relation(agree.astype(np.int64), "==", 1)]


def _trajectory_errors(x: Mapping[str, Any], bk: Backend) -> tuple[list[Any], Any]:
    ws = lms.iterate(x["eta"], x["x"], x["y"], x["w"], ITERS, bk, validate=False)
    return [_err(x, bk, w) for w in ws], _t(x, bk)


def _error_iterate(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    errs, t = _trajectory_errors(x, bk)
    return [Relation(errs[k], "==", (1 - t) ** k * errs[0]) for k in range(ITERS + 1)]


def _convergence(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    errs, t = _trajectory_errors(x, bk)
    rho = (1 - t) * (1 - t)
    return [Relation(rho, "<", 1)] + [
        Relation(errs[k] * errs[k], "<=", rho ** k * (errs[0] * errs[0])) for k in range(ITERS + 1)
    ]


STEP_POS = Hypothesis("step_pos", "0 < η ⟪x, x⟫", lambda x, bk: [Relation(0, "<", _t(x, bk))])
STEP_LT = Hypothesis("step_mul_lt_two", "η ⟪x, x⟫ < 2", lambda x, bk: [Relation(_t(x, bk), "<", 2)])
ERR_NE = Hypothesis("error_ne_zero", "error x y w ≠ 0",
                    lambda x, bk: [Relation(_err(x, bk, x["w"]), "!=", 0)])


def _everywhere(rng: np.random.Generator, n: int) -> list[Batch]:
    return lms_instances(rng, n, regimes={**T_INSIDE, **T_OUTSIDE, "t = 2": lambda r: Fraction(2),
                                          "t = 0": lambda r: Fraction(0)})


def _inside(rng: np.random.Generator, n: int) -> list[Batch]:
    return lms_instances(rng, n, regimes=T_INSIDE)


# -- averaged LMS on a data set ----------------------------------------------------------------------
DATA_REGIMES = ("tight", "loose", "ill-conditioned", "tiny inputs")
ETA_REGIMES: dict[str, Callable[[np.random.Generator], Fraction]] = {  # η L
    "ηL near 2": lambda rng: Fraction(1999, 1000),
    "ηL = 1": lambda rng: Fraction(1),
    "ηL tiny": lambda rng: Fraction(1, 1000),
    "ηL random": lambda rng: Fraction(int(rng.integers(1, 200)), 100),
}
DYADIC = 2**20


def _fq(M: np.ndarray) -> np.ndarray:
    return np.vectorize(Fraction, otypes=[object])(np.array(M, dtype=object))


def _psd_exact(S: np.ndarray) -> bool:
    """Whether the symmetric rational matrix `S` is positive semidefinite (exact LDLᵀ in flint rationals,
    as `psd_margin`: a negative pivot fails; a zero pivot passes only when the rest of its row is zero)."""
    import flint

    a = np.array([[flint.fmpq(v.numerator, v.denominator) for v in row] for row in S], dtype=object)
    n = a.shape[0]
    for k in range(n):
        piv = a[k, k]
        if piv < 0:
            return False
        if piv == 0:
            if any(v != 0 for v in a[k, k + 1:]):
                return False
            continue
        if k + 1 < n:
            f = a[k + 1:, k] / piv
            a[k + 1:, k:] = a[k + 1:, k:] - np.outer(f, a[k, k:])
    return True


def _solve(R: np.ndarray, p: np.ndarray) -> np.ndarray:
    """The exact solution of `R x = p` (R invertible), as Fractions."""
    import flint

    n = R.shape[0]
    A = flint.fmpq_mat(n, n, [flint.fmpq(v.numerator, v.denominator) for v in R.reshape(-1)])
    b = flint.fmpq_mat(n, 1, [flint.fmpq(v.numerator, v.denominator) for v in p])
    x = A.solve(b)
    return np.array([Fraction(int(x[i, 0].p), int(x[i, 0].q)) for i in range(n)], dtype=object)


def _gershgorin(R: np.ndarray) -> tuple[Fraction, Fraction]:
    """Exact Gershgorin bounds `(min_i R_ii - Σ_j≠i |R_ij|, max_i R_ii + Σ_j≠i |R_ij|)` on the spectrum of `R`."""
    off = [sum(abs(v) for j, v in enumerate(row) if j != i) for i, row in enumerate(R)]
    return min(R[i, i] - off[i] for i in range(len(off))), max(R[i, i] + off[i] for i in range(len(off)))


def _bounds(R: np.ndarray, tight: bool) -> tuple[Fraction, Fraction]:
    """Exact `(μ, L)` with `R - μ I` and `L I - R` positive semidefinite and `μ > 0` (R positive definite).

    In dimension ≥ `BIG_DIM` the data are diagonally dominant and the Gershgorin bounds certify both."""
    n = R.shape[0]
    glo, ghi = _gershgorin(R)
    if n >= BIG_DIM:
        return (glo if tight else glo / 2), ghi
    eye = _fq(np.eye(n, dtype=np.int64))
    ev = np.linalg.eigvalsh(R.astype(float))
    mu = Fraction(int(np.floor(ev[0] * (1 - 2**-10) * DYADIC)), DYADIC)
    if mu <= 0:
        mu = Fraction(1, DYADIC)
    while not _psd_exact(R - mu * eye):
        mu /= 2
    L = Fraction(int(np.ceil(ev[-1] * (1 + 2**-10) * DYADIC)) + 1, DYADIC)
    if not tight or L > ghi or not _psd_exact(L * eye - R):
        L = ghi
    if not tight:
        mu /= 2
    return mu, L


def _one_data(rng: np.random.Generator, dim: int, m: int, regime: str) -> np.ndarray:
    """Integer inputs `X` (m, dim) with `XᵀX` well away from singular (m ≥ dim); in dimension ≥ `BIG_DIM`,
    `X` stacks `c I` on small random rows, so that `XᵀX` is diagonally dominant."""
    scales = 2 ** np.minimum(np.arange(dim), 4) if regime == "ill-conditioned" else np.ones(dim, dtype=np.int64)
    if dim >= BIG_DIM:
        X = rand_int(rng, (m, dim), -1, 1)
        X[:dim] = 40 * np.diag(scales.astype(np.int64))
        return X
    for _ in range(20):
        X = rand_int(rng, (m, dim), -3, 3) * scales.astype(np.int64)
        ev = np.linalg.eigvalsh((X.T @ X).astype(float))
        if ev[0] > 1e-4 * max(ev[-1], 1):
            return X
    X = rand_int(rng, (m, dim), -3, 3)
    X[:dim] += 4 * np.eye(dim, dtype=np.int64)
    return X


def _top_direction(R: np.ndarray) -> np.ndarray:
    """A small integer vector close to the top eigenvector of `R` (for the necessity samplers)."""
    _, V = np.linalg.eigh(R.astype(float))
    v = V[:, -1]
    return np.round(v / np.max(np.abs(v)) * 8).astype(np.int64)


def dataset_instances(
    rng: np.random.Generator, n: int, *, dims: Sequence[int] = EDGE_DIMS, relax: str | None = None,
) -> list[Batch]:
    """Batches of `(xs, ys, w, wstar, mu, L, eta)` for the averaged-LMS rate statements.

    `relax` names the hypothesis to drop (necessity samplers): ``"mu_pos"`` (μ < 0, w the minimiser and
    w⋆ a random point, so the gap is negative and fixed), ``"lower"`` (μ = L), ``"upper"`` (L = μ below
    the least eigenvalue), ``"step_pos"`` (η = -1/L), ``"step_mul_lt_two"`` (η = 3/L); in every relaxed
    batch `w⋆` is the minimiser and `w - w⋆` leans on the top eigenvector, where the overshoot shows.
    """
    out: list[Batch] = []
    cells = [(d, r) for d in dims for r in DATA_REGIMES]
    etas = list(ETA_REGIMES)
    for (dim, regime), k in zip(cells, cell_counts(n, dims, len(DATA_REGIMES), big_cap=1)):
        if k == 0:
            continue
        m = dim + int(rng.integers(0, 4)) if dim < 8 else dim + 8
        den = 2**10 if regime == "tiny inputs" else 2
        xs, ys, ws, wst, mus, Ls, eta_l = [], [], [], [], [], [], []
        labels = set()
        for i in range(k):
            X = _one_data(rng, dim, m, regime)
            Xq = _fq(X) / den
            R = _fq(X.T @ X) / (den * den * m)
            yi = rand_int(rng, (m,), -10, 10)
            y = _fq(yi) / 2
            p = _fq(X.T @ yi) / (2 * den * m)
            mu, L = _bounds(R, tight=regime != "loose")
            er = etas[i % len(etas)]
            t = ETA_REGIMES[er](rng)
            w = _fq(rand_int(rng, (dim,), -12, 12)) / 4
            kind = ("minimiser", "random", "w")[i % 3]
            wmin = _solve(R, p)
            wstar = wmin if kind == "minimiser" else (w.copy() if kind == "w" else _fq(rand_int(rng, (dim,), -12, 12)) / 4)
            if relax is not None:
                t = Fraction(1)
                wstar = wmin
                w = wmin + _fq(_top_direction(R)) / 4 + _fq(rand_int(rng, (dim,), -1, 1)) / 16
                if relax == "mu_pos":
                    mu = -mu
                    w, wstar = wmin, _fq(rand_int(rng, (dim,), -12, 12)) / 4 + 1
                elif relax == "lower":
                    mu = L
                elif relax == "upper":
                    L = mu
                elif relax == "step_pos":
                    t = Fraction(-1)
                elif relax == "step_mul_lt_two":
                    t = Fraction(3)
            xs.append(Xq)
            ys.append(y)
            ws.append(w)
            wst.append(wstar)
            mus.append(mu)
            Ls.append(L)
            eta_l.append(t / L)
            labels.add(f"{er}, w⋆ {kind}" if relax is None else relax)
        out.append(Batch({"xs": QArray.of(np.array(xs, dtype=object)), "ys": QArray.of(np.array(ys, dtype=object)),
                          "w": QArray.of(np.array(ws, dtype=object)), "wstar": QArray.of(np.array(wst, dtype=object)),
                          "mu": QArray.of(np.array(mus, dtype=object)), "L": QArray.of(np.array(Ls, dtype=object)),
                          "eta": QArray.of(np.array(eta_l, dtype=object))},
                         label=f"dim={dim}, m={m}, {regime}" + (f", drop {relax}" if relax else ""),
                         meta={"dim": dim}))
    return out


def identity_instances(rng: np.random.Generator, n: int, *, dims: Sequence[int] = EDGE_DIMS) -> list[Batch]:
    """Batches of `(xs, ys, w, d, eta)` for the averaged-LMS identities: any data (m = 0, m = 1, m < n, m > n),
    any step size (negative, zero, beyond 2/L)."""
    out: list[Batch] = []
    sizes = ("m = 0", "m = 1", "m < n", "m > n")
    for (dim, size), k in zip([(d, s) for d in dims for s in sizes], cell_counts(n, dims, len(sizes))):
        if k == 0:
            continue
        m = {"m = 0": 0, "m = 1": 1, "m < n": max(dim // 2, 1), "m > n": dim + 3}[size]
        xs = QArray.of(rand_int(rng, (k, m, dim), -4, 4), 2)
        ys = QArray.of(rand_int(rng, (k, m), -10, 10), 3)
        w = QArray.of(rand_int(rng, (k, dim), -12, 12), 4)
        d = QArray.of(rand_int(rng, (k, dim), -6, 6), 5)
        eta = QArray.of(rand_int(rng, (k,), -20, 40), 16)
        out.append(Batch({"xs": xs, "ys": ys, "w": w, "d": d, "eta": eta}, label=f"dim={dim}, {size}",
                         meta={"dim": dim}))
    return out


def _mse(x: Mapping[str, Any], bk: Backend, w: Any) -> Any:
    return lms.mse(x["xs"], x["ys"], w, bk, validate=False)


def _corr(x: Mapping[str, Any], bk: Backend) -> Any:
    return memo(x, ("corr", bk.mode), lambda: lms.corr(x["xs"], bk))


def _eye_like(x: Mapping[str, Any], bk: Backend) -> Any:
    n = np.shape(x["w"])[-1]
    return bk.from_q(QArray.of(np.eye(n, dtype=np.int64)))


def _rho(x: Mapping[str, Any]) -> Any:
    return 1 - x["mu"] * x["eta"] * (2 - x["L"] * x["eta"])


def _lower(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    R = _corr(x, bk)
    return [Relation(psd_margin(R - x["mu"][..., None, None] * _eye_like(x, bk), bk), ">=", 0)]


def _upper(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    R = _corr(x, bk)
    return [Relation(psd_margin(x["L"][..., None, None] * _eye_like(x, bk) - R, bk), ">=", 0)]


def _avg_step_eq_gd(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    xs, ys, w, eta = x["xs"], x["ys"], x["w"], x["eta"]
    lhs = lms.avg_step(eta, xs, ys, w, bk, validate=False)
    return [Relation(lhs, "==", w - col(eta) * lms.mse_grad(xs, ys, w, bk, validate=False))]


def _mse_taylor(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    xs, ys, w, d = x["xs"], x["ys"], x["w"], x["d"]
    g = lms.mse_grad(xs, ys, w, bk, validate=False)
    rhs = _mse(x, bk, w) + bk.inner(g, d) + bk.inner(d, bk.matvec(lms.corr(xs, bk), d)) / 2
    return [Relation(_mse(x, bk, w + d), "==", rhs)]


def _avg_contraction(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    rho = _rho(x)
    ms = _mse(x, bk, x["wstar"])
    w1 = lms.avg_step(x["eta"], x["xs"], x["ys"], x["w"], bk, validate=False)
    return [Relation(rho, "<", 1), Relation(_mse(x, bk, w1) - ms, "<=", rho * (_mse(x, bk, x["w"]) - ms))]


def _avg_rate(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    rho = _rho(x)
    ms = _mse(x, bk, x["wstar"])
    ws = lms.avg_iterate(x["eta"], x["xs"], x["ys"], x["w"], ITERS, bk, validate=False)
    gap0 = _mse(x, bk, ws[0]) - ms
    return [Relation(_mse(x, bk, wk) - ms, "<=", rho ** k * gap0) for k, wk in enumerate(ws)]


MU_POS = Hypothesis("mu_pos", "0 < μ", lambda x, bk: [Relation(0, "<", x["mu"])])
LOWER = Hypothesis("lower", "∀ v, μ⟪v, v⟫ ≤ ⟪v, R v⟫ with R = corr xs (R - μI positive semidefinite, checked "
                            "exactly by LDLᵀ pivots)", _lower)
UPPER = Hypothesis("upper", "∀ v, ⟪v, R v⟫ ≤ L⟪v, v⟫ with R = corr xs (L I - R positive semidefinite, checked "
                            "exactly by LDLᵀ pivots)", _upper)
ETA_POS = Hypothesis("step_pos", "0 < η", lambda x, bk: [Relation(0, "<", x["eta"])])
ETA_LT = Hypothesis("step_mul_lt_two", "η L < 2", lambda x, bk: [Relation(x["eta"] * x["L"], "<", 2)])
DATA_HYPS = (MU_POS, LOWER, UPPER, ETA_POS, ETA_LT)


def _relaxed(relax: str) -> Callable[[np.random.Generator, int], list[Batch]]:
    return lambda rng, n: dataset_instances(rng, n, dims=(1, 2, 5), relax=relax)


DATA_NECESSITY = {h.name: _relaxed(h.name) for h in DATA_HYPS}
DATA_NOTES = ("The reference point w⋆ is arbitrary in the Lean statement (the PL inequality "
              "2μ(mse w - mse w⋆) ≤ ⟪∇F w, ∇F w⟫ holds for every w⋆), so w⋆ is sampled as the exact minimiser "
              "(the excess loss), a random point (a negative gap) and w itself. Each necessity sampler drops one "
              "hypothesis and puts w - w⋆ along the top eigenvector of R: μ < 0 with a negative fixed gap; "
              "μ = L; L = μ; η = -1/L; η = 3/L.")


ENTRIES = [
    Entry(
        id="lms.error_step",
        rule="lms",
        kind="identity",
        lean_spec="LearningRules.LMS.error_step_spec",
        lean_proof="LearningRules.LMS.error_step",
        statement="One LMS step on (x, y) multiplies the error on that sample by 1 - η⟪x, x⟫.",
        hypotheses=(),
        conclusion=_error_step,
        sample=_everywhere,
        notes="An identity with no hypotheses: sampled inside and outside 0 < η⟪x,x⟫ < 2.",
    ),
    Entry(
        id="lms.loss_decrease_iff",
        rule="lms",
        kind="improvement",
        lean_spec="LearningRules.LMS.loss_decrease_iff_spec",
        lean_proof="LearningRules.LMS.loss_decrease_iff",
        statement="For a non-zero error, one step strictly lowers the squared error iff 0 < η⟪x, x⟫ < 2.",
        hypotheses=(ERR_NE,),
        conclusion=_iff,
        sample=_everywhere,
        necessity={"error_ne_zero": lambda rng, n: lms_instances(rng, n, regimes=T_INSIDE, dims=(1, 2),
                                                                 zero_error=True)},
        notes="Both directions are sampled: η⟪x,x⟫ inside (0, 2), at 0 and 2, and beyond. Float mode accepts "
              "either answer within 1e-9 of a boundary; exact mode decides every instance.",
    ),
    Entry(
        id="lms.error_iterate",
        rule="lms",
        kind="identity",
        lean_spec="LearningRules.LMS.error_iterate_spec",
        lean_proof="LearningRules.LMS.error_iterate",
        statement=f"After k steps on the same sample the error is (1 - η⟪x, x⟫)^k times the initial one (k ≤ {ITERS}).",
        hypotheses=(),
        conclusion=_error_iterate,
        sample=_everywhere,
    ),
    Entry(
        id="lms.convergence",
        rule="lms",
        kind="convergence",
        lean_spec="LearningRules.LMS.convergence_spec",
        lean_proof="LearningRules.LMS.convergence",
        statement="For 0 < η⟪x, x⟫ < 2, ρ = (1 - η⟪x, x⟫)² < 1 and the squared error after k steps is at most "
                  f"ρ^k times the initial one (checked for k ≤ {ITERS}).",
        hypotheses=(STEP_POS, STEP_LT),
        conclusion=_convergence,
        sample=_inside,
        necessity={
            "step_pos": lambda rng, n: lms_instances(rng, n, regimes={"t ≤ 0": T_OUTSIDE["t ≤ 0"]}, dims=(1, 2)),
            "step_mul_lt_two": lambda rng, n: lms_instances(rng, n, regimes={"t ≥ 2": T_OUTSIDE["t ≥ 2"],
                                                                             "t = 2": lambda r: Fraction(2)},
                                                            dims=(1, 2)),
        },
        notes="The bound is the square of lms.error_iterate (it holds with equality); what it adds is ρ < 1 on "
              "0 < η⟪x,x⟫ < 2. It stays as the one-sample rate: for a single sample R = x xᵀ is singular when "
              "n ≥ 2, so lms.avg_rate (which needs μ⟪v,v⟫ ≤ ⟪v, R v⟫ with μ > 0) does not cover it.",
    ),
    Entry(
        id="lms.avg_step_eq_gd",
        rule="lms",
        kind="identity",
        lean_spec="LearningRules.LMS.avg_step_eq_gd_spec",
        lean_proof="LearningRules.LMS.avg_step_eq_gd",
        statement="Averaged LMS over m samples is gradient descent on the mean squared error: "
                  "avgStep η xs ys w = w - η (R w - p) with R = (1/m) Σ x_i x_iᵀ and p = (1/m) Σ y_i x_i.",
        hypotheses=(),
        conclusion=_avg_step_eq_gd,
        sample=identity_instances,
        notes="An identity with no hypotheses: sampled with m = 0, m = 1, singular R (m < n) and any step size.",
    ),
    Entry(
        id="lms.mse_taylor",
        rule="lms",
        kind="identity",
        lean_spec="LearningRules.LMS.mse_taylor_spec",
        lean_proof="LearningRules.LMS.mse_taylor",
        statement="The mean squared error is exactly quadratic with gradient R w - p and Hessian R: "
                  "mse (w + d) = mse w + ⟪R w - p, d⟫ + ⟪d, R d⟫/2.",
        hypotheses=(),
        conclusion=_mse_taylor,
        sample=identity_instances,
        notes="An identity with no hypotheses: sampled with m = 0, m = 1 and singular R (m < n).",
    ),
    Entry(
        id="lms.avg_contraction",
        rule="lms",
        kind="convergence",
        lean_spec="LearningRules.LMS.avg_contraction_spec",
        lean_proof="LearningRules.LMS.avg_contraction",
        statement="If μ⟪v,v⟫ ≤ ⟪v, R v⟫ ≤ L⟪v,v⟫ for all v (μ > 0), 0 < η and ηL < 2, one averaged LMS step gives "
                  "mse w' - mse w⋆ ≤ ρ (mse w - mse w⋆) with ρ = 1 - μη(2 - Lη) < 1, for every w⋆.",
        hypotheses=DATA_HYPS,
        conclusion=_avg_contraction,
        sample=dataset_instances,
        necessity=DATA_NECESSITY,
        notes=DATA_NOTES,
    ),
    Entry(
        id="lms.avg_rate",
        rule="lms",
        kind="convergence",
        lean_spec="LearningRules.LMS.avg_rate_spec",
        lean_proof="LearningRules.LMS.avg_rate",
        statement="Under the hypotheses of lms.avg_contraction, after k averaged LMS steps "
                  f"mse w_k - mse w⋆ ≤ ρ^k (mse w₀ - mse w⋆), ρ = 1 - μη(2 - Lη) (checked for k ≤ {ITERS}).",
        hypotheses=DATA_HYPS,
        conclusion=_avg_rate,
        sample=dataset_instances,
        necessity=DATA_NECESSITY,
        notes=DATA_NOTES + " The rate factor is ≥ 0 since μ ≤ L; the Lean proof treats n = 0 apart.",
    ),
]


def _vec_case(name: str, x: list[str], y: str, w: list[str], eta: str) -> list[VectorCase]:
    args = {"x": x, "y": y, "w": w, "eta": eta}
    return [
        VectorCase("lms", f"{name}.error", "LearningRules.LMS.error {x} {y} {w}", args,
                   lambda a, bk: lms.error(a["x"], a["y"], a["w"], bk)),
        VectorCase("lms", f"{name}.loss", "LearningRules.LMS.loss {x} {y} {w}", args,
                   lambda a, bk: lms.loss(a["x"], a["y"], a["w"], bk)),
        VectorCase("lms", f"{name}.step", "LearningRules.LMS.step {eta} {x} {y} {w}", args,
                   lambda a, bk: lms.step(a["eta"], a["x"], a["y"], a["w"], bk)),
    ]


VECTORS: list[VectorCase] = [
    *_vec_case("unit", ["1", "2"], "1", ["0", "0"], "3/4"),
    *_vec_case("normalised", ["1/2", "-3", "2"], "5/3", ["1", "1/4", "-2/7"], "4/53"),
    *_vec_case("dim1", ["-7/2"], "-1/3", ["5/6"], "1/10"),
    *_vec_case("overshoot", ["1", "1", "1", "1"], "2", ["1/2", "0", "-1", "3"], "3/5"),
]


def _avg_cases(name: str, xs: list[list[str]], ys: list[str], w: list[str], eta: str) -> list[VectorCase]:
    args = {"xs": xs, "ys": ys, "w": w, "eta": eta}
    def corr_row(j: int) -> VectorCase:
        return VectorCase("lms", f"{name}.corr_row{j}", f"(LearningRules.LMS.corr {{xs}}) {j}", args,
                          lambda a, bk: lms.corr(a["xs"], bk)[..., j, :])

    rows = [corr_row(j) for j in range(len(xs[0]))]
    return rows + [
        VectorCase("lms", f"{name}.crossCorr", "LearningRules.LMS.crossCorr {xs} {ys}", args,
                   lambda a, bk: lms.cross_corr(a["xs"], a["ys"], bk)),
        VectorCase("lms", f"{name}.mse", "LearningRules.LMS.mse {xs} {ys} {w}", args,
                   lambda a, bk: lms.mse(a["xs"], a["ys"], a["w"], bk)),
        VectorCase("lms", f"{name}.mseGrad", "LearningRules.LMS.mseGrad {xs} {ys} {w}", args,
                   lambda a, bk: lms.mse_grad(a["xs"], a["ys"], a["w"], bk)),
        VectorCase("lms", f"{name}.avgStep", "LearningRules.LMS.avgStep {eta} {xs} {ys} {w}", args,
                   lambda a, bk: lms.avg_step(a["eta"], a["xs"], a["ys"], a["w"], bk)),
    ]


VECTORS += [
    *_avg_cases("avg_small", [["1", "2"], ["-1", "1/2"], ["3", "-1"]], ["1", "-2", "1/2"], ["1/2", "-1"], "1/5"),
    *_avg_cases("avg_dim1", [["2"], ["-3/2"]], ["1", "-1"], ["0"], "1/3"),
    *_avg_cases("avg_one_sample", [["1", "1", "-1"]], ["2"], ["0", "1/3", "1"], "3/4"),
]
