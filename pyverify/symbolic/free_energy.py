"""Symbolic cores of `proofs/LearningRulesProofs/FreeEnergy.lean` (3 latent states).

The log-free steps are rational identities; `decomposition` also uses sympy's logarithm on positive
symbols (`expand_log`), standing in for the `LogLike` laws `log (a b) = log a + log b`.
"""

from __future__ import annotations

from typing import Any

import sympy

from . import symbolic_check

M = 3


def _pos(name: str) -> list[Any]:
    return list(sympy.symbols(f"{name}0:{M}", positive=True))


@symbolic_check("free_energy", "tangent_step", "LearningRules.FreeEnergy.gibbs_spec")
def tangent_step() -> Any:
    """Σ q_i (p_i/q_i - 1) = Σ p - Σ q (= 0 for two distributions): log x ≤ x - 1 gives -KL ≤ 0"""
    q, p = _pos("q"), _pos("p")
    return sum(qi * (pi / qi - 1) for qi, pi in zip(q, p)) - (sum(p) - sum(q))


@symbolic_check("free_energy", "posterior_normalised", "LearningRules.FreeEnergy.free_energy_eq_posterior_spec")
def posterior_normalised() -> Any:
    """Σ_z p(x, z) / p(x) = 1 with p(x) = Σ_z p(x, z)"""
    j = _pos("j")
    ev = sum(j)
    return sum(ji / ev for ji in j) - 1


@symbolic_check("free_energy", "decomposition", "LearningRules.FreeEnergy.free_energy_decomposition_spec")
def decomposition() -> Any:
    """F(q) = KL(q ‖ p(·|x)) - log p(x) when Σ q = 1 (log of products expanded)"""
    q, j = _pos("q"), _pos("j")
    q = q[:-1] + [1 - sum(q[:-1])]  # Σ q = 1
    ev = sum(j)
    F = sum(qi * sympy.log(qi / ji) for qi, ji in zip(q, j))
    KL = sum(qi * sympy.log(qi / (ji / ev)) for qi, ji in zip(q, j))
    return sympy.expand_log(F - (KL - sympy.log(ev)), force=True)
