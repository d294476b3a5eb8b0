"""Symbolic cores of `proofs/LearningRulesProofs/Perturbation.lean` (dimension 3, exact direction sets)."""

from __future__ import annotations

import itertools
from typing import Any

import sympy

from . import dot, sym_matrix, symbolic_check, vec

N = 3
sigma = sympy.symbols("sigma", real=True, nonzero=True)


def _quad() -> tuple[Any, Any, Any, Any]:
    A = sym_matrix("a", N, symmetric=True)
    b, w = vec("b", N), vec("w", N)
    F = lambda v: dot(v, A * v) / 2 - dot(b, v)  # noqa: E731
    return A, b, w, F


def _two(F: Any, w: Any, xi: Any) -> Any:
    return (F(w + sigma * xi) - F(w - sigma * xi)) / (2 * sigma) * xi


def _one(F: Any, w: Any, xi: Any) -> Any:
    return (F(w + sigma * xi) - F(w)) / sigma * xi


def _rademacher() -> list[Any]:
    return [sympy.Matrix(s) for s in itertools.product((1, -1), repeat=N)]


@symbolic_check("perturbation", "two_point_quadratic", "LearningRules.Perturbation.two_point_quadratic_spec")
def two_point_quadratic() -> Any:
    """((F(w + σξ) - F(w - σξ)) / 2σ) ξ = ⟪A w - b, ξ⟫ ξ for symmetric A, σ ≠ 0"""
    A, b, w, F = _quad()
    xi = vec("xi", N)
    return list(_two(F, w, xi) - dot(A * w - b, xi) * xi)


@symbolic_check("perturbation", "one_point_quadratic", "LearningRules.Perturbation.one_point_quadratic_spec")
def one_point_quadratic() -> Any:
    """((F(w + σξ) - F(w)) / σ) ξ = (⟪A w - b, ξ⟫ + σ/2 ⟪ξ, A ξ⟫) ξ for symmetric A, σ ≠ 0"""
    A, b, w, F = _quad()
    xi = vec("xi", N)
    return list(_one(F, w, xi) - (dot(A * w - b, xi) + sigma / 2 * dot(xi, A * xi)) * xi)


@symbolic_check("perturbation", "one_point_pair", "LearningRules.Perturbation.one_point_pair_spec")
def one_point_pair() -> Any:
    """onePoint(ξ) + onePoint(-ξ) = 2⟪∇F, ξ⟫ ξ: the σ/2 ⟪ξ, Aξ⟫ term is odd after multiplying by ξ"""
    A, b, w, F = _quad()
    xi = vec("xi", N)
    return list(_one(F, w, xi) + _one(F, w, -xi) - 2 * dot(A * w - b, xi) * xi)


@symbolic_check("perturbation", "mean_two_point_rademacher", "LearningRules.Perturbation.mean_two_point_spec")
def mean_two_point_rademacher() -> Any:
    """The mean of the two-point estimator over all of {±1}³ is exactly ∇F w (c = 1)"""
    A, b, w, F = _quad()
    dirs = _rademacher()
    mean = sum((_two(F, w, d) for d in dirs), sympy.zeros(N, 1)) / len(dirs)
    return list(mean - (A * w - b))


@symbolic_check("perturbation", "mean_one_point_coordinate", "LearningRules.Perturbation.mean_one_point_spec")
def mean_one_point_coordinate() -> Any:
    """The mean one-point estimate over {±e_i} is ∇F w / n"""
    A, b, w, F = _quad()
    eye = sympy.eye(N)
    half = [eye[:, i] for i in range(N)]
    mean = sum((_one(F, w, h) + _one(F, w, -h) for h in half), sympy.zeros(N, 1)) / (2 * N)
    return list(mean - (A * w - b) / N)


@symbolic_check("perturbation", "coordinate_second_moment", "LearningRules.Perturbation.coordinate_second_moment_spec")
def coordinate_second_moment() -> Any:
    """(1/2n) Σ_{ξ ∈ {±e_i}} ⟪v, ξ⟫ ξ = v / n"""
    v = vec("v", N)
    eye = sympy.eye(N)
    total = sum((dot(v, s * eye[:, i]) * s * eye[:, i] for i in range(N) for s in (1, -1)), sympy.zeros(N, 1))
    return list(total / (2 * N) - v / N)


@symbolic_check("perturbation", "two_point_variance_rademacher", "LearningRules.Perturbation.two_point_variance_spec")
def two_point_variance_rademacher() -> Any:
    """Variance of ⟪g, ξ⟫ξ over {±1}³ = (1/m) Σ ⟪g, ξ⟫² ⟪ξ, ξ⟫ - ⟪g, g⟫ = (n - 1) ⟪g, g⟫"""
    g = vec("g", N)
    dirs = _rademacher()
    ests = [dot(g, d) * d for d in dirs]
    mean = sum(ests, sympy.zeros(N, 1)) / len(dirs)
    var = sum(dot(e - mean, e - mean) for e in ests) / len(dirs)
    closed = sum(dot(g, d) ** 2 * dot(d, d) for d in dirs) / len(dirs) - dot(g, g)
    return [var - closed, var - (N - 1) * dot(g, g)]


@symbolic_check("perturbation", "variance", "LearningRules.Perturbation.variance_eq_spec")
def variance() -> Any:
    """(1/m) Σ |v_i - mean|² = (1/m) Σ |v_i|² - |mean|² (m = 3 vectors in dimension 2)"""
    vs = [vec(f"v{i}_", 2) for i in range(3)]
    mean = sum(vs, sympy.zeros(2, 1)) / 3
    return sum(dot(v - mean, v - mean) for v in vs) / 3 - (sum(dot(v, v) for v in vs) / 3 - dot(mean, mean))


@symbolic_check("perturbation", "one_point_variance_rademacher", "LearningRules.Perturbation.one_point_variance_spec")
def one_point_variance_rademacher() -> Any:
    """Over {±1}³ (c = 1, cubic moment 0) the one-point estimates have mean A w - b and variance
    (1/m) Σ (⟪g, ξ⟫ + σ/2 ⟪ξ, Aξ⟫)² ⟪ξ, ξ⟫ - ⟪g, g⟫ with g = A w - b"""
    A, b, w, F = _quad()
    g = A * w - b
    dirs = _rademacher()
    ests = [_one(F, w, d) for d in dirs]
    mean = sum(ests, sympy.zeros(N, 1)) / len(dirs)
    var = sum(dot(e - mean, e - mean) for e in ests) / len(dirs)
    closed = sum((dot(g, d) + sigma / 2 * dot(d, A * d)) ** 2 * dot(d, d) for d in dirs) / len(dirs) - dot(g, g)
    return [*list(mean - g), var - closed]


@symbolic_check("perturbation", "rademacher_estimator_second_moment",
                "LearningRules.Perturbation.rademacher_estimator_second_moment_spec")
def rademacher_estimator_second_moment() -> Any:
    """(1/2^n) Σ_{ξ ∈ {±1}³} ⟪⟪g, ξ⟫ξ, ⟪g, ξ⟫ξ⟫ = n ⟪g, g⟫ (n = 3), and the variance is (n - 1)⟪g, g⟫"""
    g = vec("g", N)
    dirs = _rademacher()
    ests = [dot(g, d) * d for d in dirs]
    second = sum(dot(e, e) for e in ests) / len(dirs)
    mean = sum(ests, sympy.zeros(N, 1)) / len(dirs)
    return [second - N * dot(g, g), second - dot(mean, mean) - (N - 1) * dot(g, g)]


@symbolic_check("perturbation", "sgd_expected_descent", "LearningRules.Perturbation.sgd_expected_descent_spec")
def sgd_expected_descent() -> Any:
    """On a quadratic, E F(w - η⟪g, ξ⟫ξ) over {±1}³ = F w - η⟪g, g⟫ + η²/2 E⟪ĝ, A ĝ⟫ exactly; for A = a I with
    L = a this is F w - η(1 - Lηn/2)⟪g, g⟫, so the bound of the spec is attained and η L n < 2 is sharp"""
    A, b, w, F = _quad()
    eta, a = sympy.symbols("eta a", real=True)
    g = A * w - b
    dirs = _rademacher()
    ests = [dot(g, d) * d for d in dirs]
    mean_F = sum(F(w - eta * e) for e in ests) / len(dirs)
    curv = sum(dot(e, A * e) for e in ests) / len(dirs)
    general = mean_F - (F(w) - eta * dot(g, g) + eta**2 / 2 * curv)
    Ai = a * sympy.eye(N)
    gi = Ai * w - b
    Fi = lambda v: dot(v, Ai * v) / 2 - dot(b, v)  # noqa: E731
    mean_i = sum(Fi(w - eta * dot(gi, d) * d) for d in dirs) / len(dirs)
    tight = mean_i - (Fi(w) - eta * (1 - a * eta * N / 2) * dot(gi, gi))
    return [general, tight]
