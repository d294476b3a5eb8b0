"""What an answer to a numeric task must be, beyond the catalog's relations.

The catalog's `Hypothesis.relations` are checks on sampled instances. Most decide their Lean hypothesis
exactly on the instance (``0 < η``, ``η L < 2``, ``⟪g, g⟫ ≠ 0``). A few are weaker than the Lean
hypothesis because the sampler guarantees the rest by construction (gradient descent's ``smooth`` is
checked only along the gradient, while the sampler puts ``L`` above the Gershgorin bound). An agent's
answer is not built by the sampler, so grading uses, for those, the **full** hypothesis registered here
(`STRENGTHEN`), decided in exact rational arithmetic. Without this an agent could "refute" a theorem
with an instance that satisfies the weak check but not the real hypothesis.

Also declared here (this package must not edit the rule modules):

* `TUNABLE`: per rule (or per entry id), the instance keys that are hyperparameters for ``tune`` tasks;
  rules not listed fall back to keys named like a hyperparameter (`HYPERPARAMETER_NAMES`);
* natural-number variables: keys bound as ``Nat`` in the Lean spec (``(k : Nat)``) must be integers in
  ``[0, MAX_NAT]`` (this also keeps ``ρ ^ k`` cheap).

A new rule whose relations are weaker than its Lean hypotheses marks them ``Hypothesis(..., sampled=True)``
and adds its strengthening here. ``tests/test_tasks_grading.py`` grades every served task's reference
answer (so every registered check runs on every reference instance) and requires every necessity
counterexample to pass the full checks.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

import numpy as np

from ..catalog import Batch, Entry, Hypothesis

__all__ = ["TUNABLE", "HYPERPARAMETER_NAMES", "STRENGTHEN", "MAX_NAT", "NAT_NAMES", "tunable_keys", "strengthened",
           "sampled_only", "infer_domain", "domain_error", "exact_psd", "exact_symmetric"]

#: Largest natural number accepted for a counting variable (iteration counts, fuel, ...).
MAX_NAT = 256
#: Instance keys that count something (besides the spec's own `Nat` binders).
NAT_NAMES: tuple[str, ...] = ("T", "k", "t", "fuel", "steps", "iters", "m")

#: rule or entry id -> hyperparameter keys of its instances (an entry id wins over its rule).
TUNABLE: dict[str, tuple[str, ...]] = {
    "gradient_descent": ("eta",),
    "lms": ("eta",),
    "hebbian": ("eta",),
    "oja": ("eta",),
    "ewc": ("lam",),
    "td0": ("alpha", "gamma"),
    "learning": (),  # ρ is the rate being certified, not a hyperparameter
    "perceptron": (),  # γ is the data's margin, not a hyperparameter
}

#: Fallback for rules not in `TUNABLE`: instance keys with these names are hyperparameters.
HYPERPARAMETER_NAMES: tuple[str, ...] = ("eta", "alpha", "gamma", "lam", "lr", "beta", "mu", "tau", "step_size")

Check = Callable[[Mapping[str, Any]], str | None]


def tunable_keys(entry: Entry, keys: list[str]) -> tuple[str, ...]:
    """The hyperparameter keys of an entry's instances (in instance order)."""
    if entry.id in TUNABLE:
        wanted: tuple[str, ...] = TUNABLE[entry.id]
    elif entry.rule in TUNABLE:
        wanted = TUNABLE[entry.rule]
    else:
        wanted = HYPERPARAMETER_NAMES
    return tuple(k for k in keys if k in wanted)


# -- exact linear algebra on batch-of-one fmpq arrays -------------------------------------------
def exact_symmetric(M: Any) -> bool:
    """Whether the square matrix `M` (an (n, n) object array of rationals) is symmetric."""
    n = M.shape[0]
    return all(M[i, j] == M[j, i] for i in range(n) for j in range(i + 1, n))


def exact_psd(M: Any) -> bool:
    """Whether the symmetric matrix `M` is positive semi-definite: exact LDLᵀ pivots in rationals."""
    n = M.shape[0]
    a = [[M[i, j] for j in range(n)] for i in range(n)]
    for k in range(n):
        if a[k][k] < 0:
            return False
        if a[k][k] == 0:
            if any(a[k][j] != 0 for j in range(k + 1, n)):
                return False
            continue
        for i in range(k + 1, n):
            f = a[i][k] / a[k][k]
            if f == 0:
                continue
            for j in range(k, n):
                a[i][j] = a[i][j] - f * a[k][j]
    return True


def quadratic_smooth(A_key: str = "A", L_key: str = "L") -> Check:
    """`IsLSmooth` of `F w = ½⟪w, A w⟫ - ⟪b, w⟫` with `grad w = A w - b`: `A` symmetric, `0 ≤ L`, `L·I - A ⪰ 0`.

    For a non-symmetric `A` the upper bound fails for every `L` (it has a term linear in `x`), and for a
    symmetric `A` it holds exactly when `L` is at least the largest eigenvalue of `A`.
    """

    def check(x: Mapping[str, Any]) -> str | None:
        A = x[A_key][0]
        L = x[L_key][0]
        if A.ndim != 2 or A.shape[0] != A.shape[1]:
            return f"{A_key} must be a square matrix"
        if not exact_symmetric(A):
            return f"{A_key} is not symmetric, so grad w = {A_key} w - b is not the gradient of F and no L makes F L-smooth"
        if L < 0:
            return f"{L_key} < 0"
        if not exact_psd(_shifted(A, L)):
            return f"{L_key}·I - {A_key} is not positive semi-definite: {L_key} is below the largest eigenvalue of {A_key}"
        return None

    return check


def _shifted(S: Any, shift: Any) -> Any:
    """`shift·I - S` for a square object array `S`."""
    M = -S
    for i in range(S.shape[0]):
        M[i, i] = M[i, i] + shift
    return M


def quad_form_bound(A_key: str = "A", L_key: str | None = None) -> Check:
    """`IsPSD A` (no `L_key`: `0 ≤ ⟪x, A x⟫` for every `x`) or `QuadBound A L` (`⟪x, A x⟫ ≤ L⟪x, x⟫` for
    every `x`), decided exactly. The quadratic form of `A` is that of its symmetric part `S = (A + Aᵀ)/2`,
    so these are exactly `S ⪰ 0` and `L·I - S ⪰ 0` (no symmetry of `A` is required)."""

    def check(x: Mapping[str, Any]) -> str | None:
        A = x[A_key][0]
        if A.ndim != 2 or A.shape[0] != A.shape[1]:
            return f"{A_key} must be a square matrix"
        S = (A + A.T) / 2
        if L_key is None:
            return None if exact_psd(S) else f"the quadratic form of {A_key} takes a negative value"
        if exact_psd(_shifted(S, x[L_key][0])):
            return None
        return f"⟪x, {A_key} x⟫ > {L_key}⟪x, x⟫ for some x: {L_key} is below the largest eigenvalue of ({A_key} + {A_key}ᵀ)/2"

    return check


def curvature_bound(W_key: str = "W", lam_key: str = "lam", L_key: str = "L") -> Check:
    """`CurvatureBound W lam L`: `⟪W v, W v⟫ + lam⟪v, v⟫ ≤ L⟪v, v⟫` for every `v`, i.e. exactly
    `(L - lam)·I - WᵀW ⪰ 0`, decided by exact LDLᵀ pivots."""

    def check(x: Mapping[str, Any]) -> str | None:
        W = x[W_key][0]
        if W.ndim != 2:
            return f"{W_key} must be a matrix"
        if exact_psd(_shifted(W.T @ W, x[L_key][0] - x[lam_key][0])):
            return None
        return (f"⟪{W_key} v, {W_key} v⟫ + {lam_key}⟪v, v⟫ > {L_key}⟪v, v⟫ for some v: {L_key} - {lam_key} is below "
                f"the largest eigenvalue of {W_key}ᵀ{W_key}")

    return check


def _nonneg_quadratic(P: Any, p: Any, r: Any) -> bool:
    """Whether `⟪w, P w⟫ + 2⟪p, w⟫ + r ≥ 0` for every `w` (`P` symmetric): exactly when the bordered matrix
    `[[P, p], [pᵀ, r]]` is positive semi-definite (take `(w, 1)` one way; `t² q(w/t)` and the limit
    `t → 0` the other)."""
    n = P.shape[0]
    M = np.empty((n + 1, n + 1), dtype=object)
    M[:n, :n] = P
    M[:n, n] = p
    M[n, :n] = p
    M[n, n] = r
    return exact_psd(M)


def quadratic_lower(A_key: str = "A", b_key: str = "b", Fstar_key: str = "Fstar") -> Check:
    """`∀ w, Fstar ≤ F w` for `F w = ½⟪w, A w⟫ - ⟪b, w⟫`, decided exactly (`_nonneg_quadratic` of `F - Fstar`)."""

    def check(x: Mapping[str, Any]) -> str | None:
        A, b, Fstar = x[A_key][0], x[b_key][0], x[Fstar_key][0]
        if _nonneg_quadratic((A + A.T) / 4, -b / 2, -Fstar):
            return None
        return f"F w < {Fstar_key} for some w ({Fstar_key} is above the infimum of F, or F is unbounded below)"

    return check


def quadratic_pl(A_key: str = "A", b_key: str = "b", mu_key: str = "mu", Fstar_key: str = "Fstar") -> Check:
    """The PL inequality `∀ w, 2μ (F w - Fstar) ≤ ⟪A w - b, A w - b⟫` for the quadratic, decided exactly:
    the difference is `⟪w, (AᵀA - μ S) w⟫ + 2⟪μ b - Aᵀb, w⟫ + ⟪b, b⟫ + 2μ Fstar` with `S = (A + Aᵀ)/2`."""

    def check(x: Mapping[str, Any]) -> str | None:
        A, b, mu, Fstar = x[A_key][0], x[b_key][0], x[mu_key][0], x[Fstar_key][0]
        P = A.T @ A - mu * (A + A.T) / 2
        if _nonneg_quadratic(P, mu * b - A.T @ b, b @ b + 2 * mu * Fstar):
            return None
        return f"2·{mu_key}·(F w - {Fstar_key}) > ⟪∇F w, ∇F w⟫ for some w"

    return check


def sgd_smooth(As_key: str = "As", bs_key: str = "bs", A_key: str = "A", b_key: str = "b",
               L_key: str = "L") -> Check:
    """`IsLSmooth F meanGrad L` for `F w = ½⟪w, A w⟫ - ⟪b, w⟫ + c` and `meanGrad w = (1/m) Σ (A_i w - b_i)`,
    decided exactly. `F y - F x - ⟪meanGrad x, y - x⟫` is `⟪x, (S - Āᵀ) d⟫ + ⟪b̄ - b, d⟫ + ½⟪d, S d⟫` with
    `d = y - x`, `S = (A + Aᵀ)/2` and the sample means `Ā`, `b̄` (0 when `m = 0`, as in Lean), so the upper
    bound holds for all `x, y` exactly when `Ā = S`, `b̄ = b`, `0 ≤ L` and `L·I - S ⪰ 0`."""

    def check(x: Mapping[str, Any]) -> str | None:
        As, bs, A, b, L = (x[k][0] for k in (As_key, bs_key, A_key, b_key, L_key))
        m = As.shape[0]
        Abar = As.sum(axis=0) / m if m else 0 * A
        bbar = bs.sum(axis=0) / m if m else 0 * b
        S = (A + A.T) / 2
        if L < 0:
            return f"{L_key} < 0"
        if not (np.all(Abar == S) and np.all(bbar == b)):
            return (f"meanGrad is not the gradient of F: the sample means of {As_key} and {bs_key} must be "
                    f"({A_key} + {A_key}ᵀ)/2 and {b_key}, or the upper bound fails for every {L_key}")
        if not exact_psd(_shifted(S, L)):
            return f"{L_key}·I - ({A_key} + {A_key}ᵀ)/2 is not positive semi-definite"
        return None

    return check


def quadratic_convex(A_key: str = "A", mu_key: str | None = None) -> Check:
    """`IsConvex` (no `mu_key`) or `IsStronglyConvex … mu` of `F w = ½⟪w, A w⟫ - ⟪b, w⟫` with `grad w = A w - b`,
    decided exactly: `F y - F x - ⟪A x - b, d⟫ - mu/2 ⟪d, d⟫` (`d = y - x`) is `⟪(S - A) x, d⟫ + ½⟪d, (S - mu I) d⟫`
    with `S = (A + Aᵀ)/2`, so the inequality holds for all `x, y` exactly when `A` is symmetric and
    `A - mu·I ⪰ 0`."""

    def check(x: Mapping[str, Any]) -> str | None:
        A = x[A_key][0]
        if A.ndim != 2 or A.shape[0] != A.shape[1]:
            return f"{A_key} must be a square matrix"
        if not exact_symmetric(A):
            return f"{A_key} is not symmetric, so grad w = {A_key} w - b is not the gradient of F and F is not convex in this sense"
        shift = x[mu_key][0] if mu_key is not None else 0
        if not exact_psd(-_shifted(A, shift)):
            return (f"{A_key} - {mu_key}·I is not positive semi-definite" if mu_key is not None
                    else f"{A_key} is not positive semi-definite")
        return None

    return check


def quadratic_minimiser(A_key: str = "A", b_key: str = "b", x_key: str = "xstar") -> Check:
    """`∀ y, F x* ≤ F y` for `F w = ½⟪w, A w⟫ - ⟪b, w⟫`, decided exactly: with `S = (A + Aᵀ)/2`, exactly when
    `S ⪰ 0` and `S x* = b` (a stationary point of a convex quadratic)."""

    def check(x: Mapping[str, Any]) -> str | None:
        A, b, xs = x[A_key][0], x[b_key][0], x[x_key][0]
        S = (A + A.T) / 2
        if not exact_psd(S):
            return f"F is unbounded below: ({A_key} + {A_key}ᵀ)/2 is not positive semi-definite"
        if not np.all(S @ xs == b):
            return f"{x_key} is not a minimiser of F: ({A_key} + {A_key}ᵀ)/2 {x_key} ≠ {b_key}"
        return None

    return check


_SMOOTH_TEXT = "graded in full: A symmetric, 0 ≤ L and L·I - A positive semi-definite"

#: (rule, hypothesis name) -> the full hypothesis, where the catalog relation is weaker.
STRENGTHEN: dict[tuple[str, str], Check] = {
    ("gradient_descent", "smooth"): quadratic_smooth("A", "L"),
    ("ewc", "smooth"): quadratic_smooth("A", "L"),
    ("perturbation", "smooth"): quadratic_smooth("A", "L"),
    ("quadratic", "quad_bound"): quad_form_bound("A", "L"),
    ("predictive_coding", "curvature"): curvature_bound("W", "lam", "L"),
    ("gradient_descent", "lower"): quadratic_lower("A", "b", "Fstar"),
    ("gradient_descent", "pl"): quadratic_pl("A", "b", "mu", "Fstar"),
    ("sgd", "smooth"): sgd_smooth(),
    ("sgd.nonconvex_rate", "lower"): quadratic_lower("A", "b", "Fstar"),
    ("gradient_descent", "convex"): quadratic_convex("A"),
    ("gradient_descent", "strongly_convex"): quadratic_convex("A", "mu"),
    ("gradient_descent", "minimiser"): quadratic_minimiser("A", "b", "xstar"),
}


#: (rule, hypothesis name) -> what the strengthened check decides, in words (shown to agents).
STRENGTHEN_TEXT: dict[tuple[str, str], str] = {
    ("gradient_descent", "smooth"): _SMOOTH_TEXT,
    ("ewc", "smooth"): _SMOOTH_TEXT + " (Lnew is the quadratic ½⟪w, A w⟫ - ⟪b, w⟫)",
    ("perturbation", "smooth"): _SMOOTH_TEXT,
    ("quadratic", "quad_bound"): "graded in full: L·I - (A + Aᵀ)/2 positive semi-definite",
    ("predictive_coding", "curvature"): "graded in full: (L - lam)·I - WᵀW positive semi-definite",
    ("gradient_descent", "lower"): "graded in full: F - F* ≥ 0 everywhere (a bordered matrix positive "
                                   "semi-definite)",
    ("gradient_descent", "pl"): "graded in full: ⟪∇F w, ∇F w⟫ - 2μ (F w - F*) ≥ 0 for every w (a bordered "
                                "matrix positive semi-definite)",
    ("sgd", "smooth"): "graded in full: the sample means of As and bs are (A + Aᵀ)/2 and b, 0 ≤ L and "
                       "L·I - (A + Aᵀ)/2 positive semi-definite",
    ("sgd.nonconvex_rate", "lower"): "graded in full: F - F* ≥ 0 everywhere (a bordered matrix positive "
                                     "semi-definite)",
    ("gradient_descent", "convex"): "graded in full: A symmetric and positive semi-definite",
    ("gradient_descent", "strongly_convex"): "graded in full: A symmetric and A - μ·I positive semi-definite",
    ("gradient_descent", "minimiser"): "graded in full: (A + Aᵀ)/2 positive semi-definite and (A + Aᵀ)/2 x* = b",
}


def strengthened(entry: Entry, name: str) -> Check | None:
    """The registered full form of hypothesis `name` of `entry`, if any (entry id first, then rule)."""
    return STRENGTHEN.get((entry.id, name)) or STRENGTHEN.get((entry.rule, name))


def strengthened_text(entry: Entry, name: str) -> str | None:
    return STRENGTHEN_TEXT.get((entry.id, name)) or STRENGTHEN_TEXT.get((entry.rule, name))


def sampled_only(entry: Entry, hyp: Hypothesis) -> bool:
    """Whether the hypothesis's relations are only a sampled check of the Lean hypothesis
    (`Hypothesis.sampled`), with no full form here. Grading cannot trust them on an agent's instance."""
    return hyp.sampled and strengthened(entry, hyp.name) is None


# -- the sampler's domain ------------------------------------------------------------------------
def infer_domain(batches: list[Batch], nat_keys: list[str]) -> dict[str, dict[str, Any]]:
    """Per key, the constraints every sampled instance meets: integer entries, one-hot rows, counts.

    Inferred from the entry's own sampler and necessity samplers, so a reference instance always meets
    them. Requiring them of an answer never accepts more than the catalog's model was written for (a
    perceptron's selection matrix stays a 0/1 one-hot matrix; an iteration count stays a small integer).
    """
    out: dict[str, dict[str, Any]] = {}
    if not batches:
        return out
    keys = [k for k in batches[0].data if all(k in b.data for b in batches)]
    for k in keys:
        integer, onehot, top = True, True, 0
        for b in batches:
            q = b.data[k]
            num, den = np.broadcast_arrays(q.num, q.den)
            if num.size == 0:
                continue
            if not np.all(den == 1):
                integer = False
                onehot = False
                continue
            top = max(top, int(np.max(np.abs(num.astype(object)))))
            if len(q.shape) < 2 or not (np.all((num == 0) | (num == 1)) and np.all(num.sum(axis=-1) == 1)):
                onehot = False
        d: dict[str, Any] = {}
        if integer:
            d["integer"] = True
        if onehot:
            d["onehot"] = True
        if k in nat_keys:
            d["nat_max"] = MAX_NAT
        out[k] = d
    return out


def domain_error(domain: Mapping[str, Mapping[str, Any]], values: Mapping[str, Any]) -> str | None:
    """Why `values` (batch-of-one fmpq arrays) leave the declared domain, or None."""
    for k, d in domain.items():
        if k not in values or not d:
            continue
        arr = values[k]
        flat = arr.reshape(-1)
        if d.get("integer") or d.get("nat_max") is not None:
            for v in flat:
                if v.q != 1:
                    return f"{k} must hold integers, got {v}"
        if d.get("nat_max") is not None:
            for v in flat:
                if v < 0 or v > d["nat_max"]:
                    return f"{k} is a count: give an integer in [0, {d['nat_max']}], got {v}"
        if d.get("onehot") and arr.size:
            for v in flat:
                if v != 0 and v != 1:
                    return f"{k} must be a 0/1 one-hot matrix (one 1 per row), got the entry {v}"
            if not np.all(arr.sum(axis=-1) == 1):
                return f"{k} must be a 0/1 one-hot matrix: every row holds exactly one 1"
    return None


def describe_domain(d: Mapping[str, Any]) -> str:
    parts = []
    if d.get("onehot"):
        parts.append("0/1 one-hot rows")
    elif d.get("nat_max") is not None:
        parts.append(f"a count in [0, {d['nat_max']}]")
    elif d.get("integer"):
        parts.append("integers")
    return ", ".join(parts)
