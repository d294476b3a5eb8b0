"""The backends compute the same values: exact modes agree exactly, float modes agree closely."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyverify.backend import QArray, backend_of, check_finite, check_positive, check_shapes, get_backend, to_fraction_array
from pyverify.errors import InvalidArgumentError, NonFiniteError, ShapeError
from pyverify.rules import quadratic


@st.composite
def quadratic_batches(draw: st.DrawFn) -> tuple[QArray, QArray, QArray]:
    n = draw(st.integers(1, 4))
    batch = draw(st.integers(1, 3))
    ints = st.integers(-9, 9)
    M = np.array(draw(st.lists(ints, min_size=batch * n * n, max_size=batch * n * n)), dtype=np.int64).reshape(batch, n, n)
    A = M @ np.swapaxes(M, -1, -2)
    b = np.array(draw(st.lists(ints, min_size=batch * n, max_size=batch * n)), dtype=np.int64).reshape(batch, n)
    w = np.array(draw(st.lists(ints, min_size=batch * n, max_size=batch * n)), dtype=np.int64).reshape(batch, n)
    den = draw(st.integers(1, 7))
    return QArray.of(A), QArray.of(b), QArray.of(w, den)


@pytest.mark.parametrize("float_mode", ["float64", "torch"])
@given(data=quadratic_batches())
@settings(max_examples=40, deadline=None)
def test_exact_backends_agree_and_floats_are_close(float_mode: str, data: tuple[QArray, QArray, QArray]) -> None:
    if float_mode == "torch":
        pytest.importorskip("torch", reason="torch is an optional extra: pip install 'pyverify[torch]'")
    A, b, w = data
    values = {}
    for mode in ("exact", "exact-fraction", float_mode):
        bk = get_backend(mode)
        values[mode] = bk.to_numpy(quadratic.loss(bk.from_q(A), bk.from_q(b), bk.from_q(w), bk))
    assert list(to_fraction_array(values["exact"])) == list(to_fraction_array(values["exact-fraction"]))
    expected = np.array([float(v) for v in to_fraction_array(values["exact"])])
    np.testing.assert_allclose(values[float_mode], expected, rtol=1e-12, atol=1e-9)


def test_backend_of_detects_torch_tensors() -> None:
    torch = pytest.importorskip("torch", reason="torch is an optional extra: pip install 'pyverify[torch]'")
    assert backend_of(torch.zeros(2)).mode == "torch"


def test_backend_of_detects_each_array_kind() -> None:
    assert backend_of(np.zeros(2)).mode == "float64"
    assert backend_of(np.zeros(2, dtype=np.float32)).mode == "float32"
    assert backend_of(np.array([Fraction(1, 2)], dtype=object)).mode == "exact-fraction"
    assert backend_of(get_backend("exact").asarray([1, 2])).mode == "exact"


def test_exact_asarray_reads_strings_and_rejects_nonfinite() -> None:
    bk = get_backend("exact")
    x = bk.asarray(["3/7", 2, Fraction(1, 3)])
    assert list(to_fraction_array(x)) == [Fraction(3, 7), Fraction(2), Fraction(1, 3)]
    with pytest.raises(NonFiniteError):
        bk.asarray([float("nan")])


def test_validation_errors_name_the_argument() -> None:
    with pytest.raises(NonFiniteError, match="w holds NaN"):
        check_finite("w", np.array([1.0, np.nan]))
    with pytest.raises(InvalidArgumentError, match="eta=.* must be positive"):
        check_positive("eta", np.array([-0.1]))
    with pytest.raises(ShapeError, match="axis 'n'"):
        check_shapes(A=(np.zeros((2, 3, 3)), ("n", "n")), w=(np.zeros((2, 4)), ("n",)))
    with pytest.raises(InvalidArgumentError, match="mode="):
        get_backend("float16")


def test_psd_constructor_rejects_indefinite_curvature() -> None:
    with pytest.raises(InvalidArgumentError, match="not symmetric positive semi-definite"):
        quadratic.psd_matrix(np.array([[[1.0, 0.0], [0.0, -1.0]]]))
    exact = get_backend("exact").asarray([[[1, 2], [2, 1]]])
    with pytest.raises(InvalidArgumentError):
        quadratic.psd_matrix(exact)
    ok = get_backend("exact").asarray([[[2, 1], [1, 2]]])
    assert quadratic.psd_matrix(ok) is ok
