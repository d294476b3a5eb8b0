"""Averaged LMS on a data set (`LMS.corr`, `mse`, `mseGrad`, `avgStep`): hand values and edge cases."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from pyverify.backend import QArray, get_backend, to_fraction_array
from pyverify.catalog import get_entry
from pyverify.checking import check_entry
from pyverify.errors import InvalidArgumentError
from pyverify.invariants import lms as inv
from pyverify.rules import lms


def _q(v: object) -> object:
    return get_backend("exact").from_q(QArray.of(np.array(v, dtype=object)))


def _fr(a: object) -> list:
    return to_fraction_array(np.asarray(a, dtype=object)).tolist()


XS = [[[1, 2], [-1, Fraction(1, 2)], [3, -1]]]
YS = [[1, -2, Fraction(1, 2)]]
W = [[Fraction(1, 2), -1]]


def test_avg_step_is_the_mean_of_the_single_sample_steps() -> None:
    bk = get_backend("exact")
    xs, ys, w, eta = _q(XS), _q(YS), _q(W), _q([Fraction(1, 5)])
    singles = [lms.step(eta, xs[:, i, :], ys[:, i], w, bk) for i in range(3)]
    mean = (singles[0] + singles[1] + singles[2]) / 3
    assert _fr(lms.avg_step(eta, xs, ys, w, bk)) == _fr(mean) == [[Fraction(1, 3), Fraction(-17, 30)]]


def test_corr_and_cross_corr_by_hand() -> None:
    bk = get_backend("exact")
    R = _fr(lms.corr(_q(XS), bk))[0]
    assert R == [[Fraction(11, 3), Fraction(-1, 2)], [Fraction(-1, 2), Fraction(7, 4)]]
    assert _fr(lms.cross_corr(_q(XS), _q(YS), bk))[0] == [Fraction(3, 2), Fraction(1, 6)]


def test_empty_data_set_means_are_zero_like_lean() -> None:
    bk = get_backend("exact")
    xs = _q(np.zeros((1, 0, 2), dtype=np.int64))
    ys = _q(np.zeros((1, 0), dtype=np.int64))
    w = _q([[1, 2]])
    assert _fr(lms.mse(xs, ys, w, bk)) == [0]
    assert _fr(lms.mse_grad(xs, ys, w, bk)) == [[0, 0]]
    assert _fr(lms.avg_step(_q([3]), xs, ys, w, bk)) == [[1, 2]]


def test_avg_step_validates_its_inputs() -> None:
    with pytest.raises(InvalidArgumentError, match="eta"):
        lms.avg_step(np.array([0.0]), np.ones((1, 2, 2)), np.ones((1, 2)), np.zeros((1, 2)))


def test_sampled_bounds_are_certified_and_tight() -> None:
    for b in inv.dataset_instances(np.random.default_rng(3), 24, dims=(1, 2, 5)):
        if "tight" not in b.label:
            continue
        R = lms.corr(get_backend("exact").from_q(b.data["xs"]), get_backend("exact"))
        for i in range(b.size):
            ev = np.linalg.eigvalsh(np.array(_fr(R[i]), dtype=float))
            mu, L = float(b.data["mu"].fractions()[i]), float(b.data["L"].fractions()[i])
            assert 0 < mu <= ev[0] and ev[-1] <= L <= ev[-1] * 1.01 + 1e-6


@pytest.mark.parametrize("eid", ["lms.avg_contraction", "lms.avg_rate"])
def test_rate_entries_hold_exactly(eid: str) -> None:
    entry = get_entry(eid)
    r = check_entry(entry, "exact", samples=40)
    assert r.status == "held"
