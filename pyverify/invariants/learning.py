"""Catalog entry for the generic linear rate (`lean/LearningRules/Learning.lean`).

Instances are sequences `e` of length 12 with `e (k+1) ≤ ρ e k`, built as `e (k+1) = ρ e k - s_k` with
slack `s_k ≥ 0`, over `ρ ∈ [0, 3/2]` (contractions and expansions) and signed `e 0`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

import numpy as np

from ..backend import Backend, QArray
from ..catalog import Batch, Entry, Hypothesis, Relation
from ..sampling import rand_int, split_counts

__all__ = ["ENTRIES"]

LENGTH = 12


def _sequences(rng: np.random.Generator, n: int, *, rho_sign: int = 1) -> list[Batch]:
    out = []
    for k, label in zip(split_counts(n, 3), ("contraction", "expansion", "rho=0 or 1")):
        if label == "contraction":
            rho = [Fraction(int(r), 8) for r in rng.integers(0, 8, size=k)]
        elif label == "expansion":
            rho = [Fraction(int(r), 8) for r in rng.integers(9, 13, size=k)]
        else:
            rho = [Fraction(int(r)) for r in rng.integers(0, 2, size=k)]
        rho = [rho_sign * r if rho_sign < 0 else r for r in rho]
        if rho_sign < 0:
            rho = [r if r != 0 else Fraction(-1, 2) for r in rho]
        e0 = rng.integers(-20, 21, size=k)
        slack = rand_int(rng, (k, LENGTH - 1), 0, 3)
        seqs = np.empty((k, LENGTH), dtype=object)
        for i in range(k):
            e = [Fraction(int(e0[i]))]
            for j in range(LENGTH - 1):
                e.append(rho[i] * e[-1] - Fraction(int(slack[i, j]), 2))
            seqs[i] = e
        out.append(Batch({"e": QArray.of(seqs), "rho": QArray.of(np.array(rho, dtype=object))},
                         label=label, meta={"dim": LENGTH}))
    return out


def _rate(x: Mapping[str, Any], bk: Backend) -> list[Relation]:
    e, rho = x["e"], x["rho"]
    powers = bk.stack([rho ** k for k in range(LENGTH)], axis=-1)
    return [Relation(e, "<=", powers * e[..., :1])]


ENTRIES = [
    Entry(
        id="learning.linear_rate",
        rule="learning",
        kind="convergence",
        lean_spec="LearningRules.linear_rate_spec",
        lean_proof="LearningRules.linear_rate",
        statement="If 0 ≤ ρ and e(k+1) ≤ ρ e(k) for all k, then e(k) ≤ ρ^k e(0) for all k.",
        hypotheses=(
            Hypothesis("rho_nonneg", "0 ≤ ρ", lambda x, bk: [Relation(0, "<=", x["rho"])]),
            Hypothesis("step", "e(k+1) ≤ ρ e(k) for every k",
                       lambda x, bk: [Relation(x["e"][..., 1:], "<=", x["rho"][..., None] * x["e"][..., :-1])]),
        ),
        conclusion=_rate,
        sample=_sequences,
        necessity={"rho_nonneg": lambda rng, n: _sequences(rng, n, rho_sign=-1)},
    ),
]
