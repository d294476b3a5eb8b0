"""Convex / strongly convex GD and GD beyond the edge (issue #12): the pieces the catalog-wide tests do not reach.

The `1/L` step with Lean's `1 / 0 = 0`, the full (exact) grading checks of convexity, strong convexity and
minimality registered in `pyverify.tasks.domains`, and the sampler guarantees the entries rely on.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from pyverify.backend import get_backend
from pyverify.invariants.gradient_descent import convex_instances
from pyverify.invariants.quadratic import edge_instances
from pyverify.rules import gradient_descent as gd
from pyverify.rules import quadratic


@pytest.mark.parametrize("mode", ["exact", "float64"])
def test_lean_inv_follows_lean_division_by_zero(mode: str) -> None:
    bk = get_backend(mode)
    out = gd.lean_inv(bk.asarray([0, 4, Fraction(-1, 2)] if mode == "exact" else [0.0, 4.0, -0.5]), bk)
    assert [float(v) for v in out] == [0.0, 0.25, -2.0]


def _one(batch: object, i: int = 0) -> dict:
    import flint

    return {k: np.frompyfunc(lambda f: flint.fmpq(f.numerator, f.denominator), 1, 1)(v.fractions()[i:i + 1])
            for k, v in batch.data.items()}  # type: ignore[attr-defined]


def test_full_convexity_and_minimality_checks_accept_samples_and_reject_breaks() -> None:
    pytest.importorskip("flint")
    from pyverify.tasks.domains import quadratic_convex, quadratic_minimiser

    rng = np.random.default_rng(3)
    for b in convex_instances(rng, 10, dims=(1, 2, 5), regimes=("plain", "singular")):
        x = _one(b)
        assert quadratic_convex("A")(x) is None
        assert quadratic_convex("A", "mu")(x) is None
        assert quadratic_minimiser("A", "b", "xstar")(x) is None
    for b in convex_instances(rng, 6, dims=(2, 5), regimes=("plain",), mu_scale=Fraction(10**4)):
        assert quadratic_convex("A", "mu")(_one(b)) is not None  # μ above the smallest eigenvalue
    for b in convex_instances(rng, 6, dims=(2, 5), regimes=("plain",), neg_eig=True):
        assert quadratic_convex("A")(_one(b)) is not None  # an indefinite A
    for b in convex_instances(rng, 6, dims=(2, 5), regimes=("plain",), xstar_at_w0=True):
        assert quadratic_minimiser("A", "b", "xstar")(_one(b)) is not None  # x* = w₀ is no minimiser


def test_beyond_edge_component_grows_in_absolute_value() -> None:
    bk = get_backend("exact")
    rng = np.random.default_rng(5)
    for b in edge_instances(rng, 10, dims=(2, 5), T=4):
        x = b.to(bk)
        w = x["w"]
        prev = None
        for _ in range(5):
            c = bk.inner(w - x["wstar"], x["v"])
            if prev is not None:
                assert np.all((c * c > prev * prev) | (prev == 0))
            prev = c
            w = gd.step(lambda u: quadratic.grad(x["A"], x["b"], u, bk), x["eta"], w, bk, validate=False)
