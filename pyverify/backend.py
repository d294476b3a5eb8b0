"""Array backends: one rule implementation runs on floats, exact rationals and torch.

Rule code is written once with Python operators (`+ - * / @`, comparisons) and the few helpers of
`Backend` (`inner`, `matvec`, `sum`, `where`, ...). A `Backend` turns exact rational data (`QArray`)
into its own arrays:

* ``float64`` / ``float32``: numpy floating arrays (checked with a tolerance, see `Tolerance`);
* ``exact``: numpy object arrays of `flint.fmpq` (python-flint) — exact rational arithmetic, no
  tolerance; ``exact-fraction`` uses the standard library's `fractions.Fraction` instead (slower,
  kept as the reference and for the P2 benchmark);
* ``torch``: torch float64 tensors (optional dependency ``pip install torch==2.13.0``).

Every array carries a leading batch axis of independent instances.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal, Sequence

import numpy as np

from .errors import InvalidArgumentError, MissingDependencyError, NonFiniteError, ShapeError

__all__ = [
    "Mode",
    "MODES",
    "Backend",
    "QArray",
    "get_backend",
    "to_fraction_array",
    "as_float_array",
    "check_finite",
    "check_positive",
    "check_shapes",
    "backend_of",
    "col",
]

Mode = Literal["float64", "float32", "exact", "exact-fraction", "torch"]
MODES: tuple[str, ...] = ("float64", "float32", "exact", "exact-fraction", "torch")

Array = Any  # numpy ndarray (float or object) or torch.Tensor


def _fmpq() -> Any:
    try:
        import flint
    except ImportError as exc:  # pragma: no cover - flint is a hard dependency
        raise MissingDependencyError(
            "exact mode needs python-flint; install it with `pip install python-flint`"
        ) from exc
    return flint.fmpq


@dataclass(frozen=True)
class QArray:
    """An exact rational array `num / den` with numpy integer (or object) numerators and denominators.

    Samplers produce `QArray`s so that float, exact and torch checks see the very same instances.
    `den` broadcasts against `num` and must be positive.
    """

    num: np.ndarray
    den: np.ndarray

    @staticmethod
    def of(values: Any, den: Any = 1) -> "QArray":
        """Build from integers (or `Fraction`s, when `den` is 1)."""
        arr = np.asarray(values)
        if arr.dtype == object:
            fr = np.frompyfunc(Fraction, 1, 1)(arr)
            num = np.frompyfunc(lambda f: f.numerator, 1, 1)(fr)
            dd = np.frompyfunc(lambda f: f.denominator, 1, 1)(fr)
            d2 = np.asarray(den, dtype=object)
            return QArray(num, dd * d2)
        if not np.issubdtype(arr.dtype, np.integer):
            raise InvalidArgumentError(
                f"QArray.of needs integers or Fractions, got dtype {arr.dtype}; "
                "scale floats to integers first"
            )
        return QArray(arr.astype(np.int64), np.broadcast_to(np.asarray(den, dtype=np.int64), arr.shape))

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(np.broadcast_shapes(np.shape(self.num), np.shape(self.den)))

    def __getitem__(self, idx: Any) -> "QArray":
        num, den = np.broadcast_arrays(self.num, self.den)
        return QArray(num[idx], den[idx])

    def fractions(self) -> np.ndarray:
        """The values as an object array of `Fraction`."""
        num, den = np.broadcast_arrays(self.num, self.den)
        return np.frompyfunc(lambda a, b: Fraction(int(a), int(b)), 2, 1)(num, den)

    def to_strings(self) -> Any:
        """Nested lists of strings such as ``"3/7"`` (for JSON)."""
        return np.vectorize(lambda f: str(f), otypes=[object])(self.fractions()).tolist()


def to_fraction_array(x: Any) -> np.ndarray:
    """Any exact array (fmpq or Fraction objects, or integers) as an object array of `Fraction`."""

    def conv(v: Any) -> Fraction:
        if isinstance(v, Fraction):
            return v
        if hasattr(v, "p") and hasattr(v, "q"):  # flint.fmpq
            return Fraction(int(v.p), int(v.q))
        if isinstance(v, (int, np.integer)):
            return Fraction(int(v))
        if isinstance(v, (bool, np.bool_)):
            return Fraction(int(v))
        raise InvalidArgumentError(f"cannot read {v!r} as an exact rational")

    return np.frompyfunc(conv, 1, 1)(np.asarray(x, dtype=object))


def as_float_array(x: Any) -> np.ndarray:
    """Any backend array as numpy float64 (for reporting only)."""
    if hasattr(x, "detach"):
        return x.detach().cpu().double().numpy()
    # fmpq and Fraction both implement __float__ (correctly rounded), so object arrays cast directly
    return np.asarray(x).astype(np.float64)


class Backend:
    """Array operations shared by all rule implementations, for one mode."""

    def __init__(self, mode: Mode) -> None:
        if mode not in MODES:
            raise InvalidArgumentError(f"mode={mode!r} is not one of {', '.join(MODES)}")
        self.mode: Mode = mode
        self.is_exact = mode in ("exact", "exact-fraction")
        self.is_torch = mode == "torch"
        if self.is_torch:
            try:
                import torch
            except ImportError as exc:
                raise MissingDependencyError(
                    "torch mode needs PyTorch; install the CPU build with `pip install torch==2.13.0`"
                ) from exc
            self._torch = torch

    def __repr__(self) -> str:
        return f"Backend({self.mode!r})"

    # -- conversion -------------------------------------------------------------------------
    def from_q(self, q: QArray) -> Array:
        """Convert exact data into this backend's arrays."""
        num, den = np.broadcast_arrays(q.num, q.den)
        if self.mode == "exact":
            return np.frompyfunc(lambda a, b: _fmpq()(int(a), int(b)), 2, 1)(num, den)
        if self.mode == "exact-fraction":
            return np.frompyfunc(lambda a, b: Fraction(int(a), int(b)), 2, 1)(num, den)
        if num.dtype == object:
            flt = np.frompyfunc(lambda a, b: float(Fraction(int(a), int(b))), 2, 1)(num, den).astype(np.float64)
        else:
            flt = num.astype(np.float64) / den.astype(np.float64)
        if self.mode == "float32":
            return flt.astype(np.float32)
        if self.is_torch:
            return self._torch.from_numpy(np.ascontiguousarray(flt))
        return flt

    def asarray(self, values: Any) -> Array:
        """User data (floats for float modes, exact numbers for exact modes) as a backend array."""
        if self.is_exact:
            arr = np.asarray(values, dtype=object)
            if self.mode == "exact":
                fmpq = _fmpq()
                return np.frompyfunc(lambda v: v if isinstance(v, fmpq) else _to_fmpq(v), 1, 1)(arr)
            return to_fraction_array(arr)
        if self.is_torch:
            if isinstance(values, self._torch.Tensor):
                return values.to(self._torch.float64)
            return self._torch.as_tensor(np.asarray(values, dtype=np.float64))
        return np.asarray(values, dtype=np.float32 if self.mode == "float32" else np.float64)

    def to_numpy(self, x: Array) -> np.ndarray:
        """A numpy view: object arrays for exact modes, float arrays otherwise."""
        if self.is_torch:
            return x.detach().cpu().numpy()
        return np.asarray(x)

    def const(self, num: int, den: int = 1) -> Any:
        """The scalar `num/den` in this backend's number type."""
        if self.mode == "exact":
            return _fmpq()(num, den)
        if self.mode == "exact-fraction":
            return Fraction(num, den)
        if self.mode == "float32":
            return np.float32(num / den)
        return num / den

    # -- linear algebra over the last axes -----------------------------------------------------
    def inner(self, x: Array, y: Array) -> Array:
        """Batched dot product over the last axis: `⟪x, y⟫`."""
        return self.sum(x * y, axis=-1)

    def matvec(self, A: Array, x: Array) -> Array:
        """Batched matrix–vector product `A x` (`A`: (..., m, n), `x`: (..., n))."""
        if not self.is_exact and not self.is_torch:
            return np.einsum("...ij,...j->...i", A, x)  # faster than batched matmul for small n
        return (A @ x[..., None])[..., 0]

    def rmatvec(self, A: Array, x: Array) -> Array:
        """Batched `Aᵀ x` (`A`: (..., m, n), `x`: (..., m))."""
        return (x[..., None, :] @ A)[..., 0, :]

    def transpose(self, A: Array) -> Array:
        """Swap the last two axes."""
        return A.transpose(-1, -2) if self.is_torch else np.swapaxes(A, -1, -2)

    def outer(self, x: Array, y: Array) -> Array:
        """Batched outer product `x yᵀ`."""
        return x[..., :, None] * y[..., None, :]

    def sum(self, x: Array, axis: int = -1) -> Array:
        """Sum along an axis."""
        if self.is_torch:
            return x.sum(dim=axis)
        return np.sum(x, axis=axis)

    def mean(self, x: Array, axis: int = -1) -> Array:
        """Exact-safe mean along an axis (sum divided by the integer count)."""
        return self.sum(x, axis=axis) / x.shape[axis]

    def where(self, cond: Array, a: Array, b: Array) -> Array:
        """Elementwise choice."""
        if self.is_torch:
            return self._torch.where(cond, a, b)
        return np.where(cond, a, b)

    def maximum(self, x: Array, axis: int = -1) -> Array:
        """Maximum along an axis."""
        if self.is_torch:
            return x.max(dim=axis).values
        return np.max(x, axis=axis)

    def abs(self, x: Array) -> Array:
        """Elementwise absolute value (exact-safe)."""
        if self.is_torch:
            return x.abs()
        if self.is_exact:
            return np.where(x < 0, -x, x)
        return np.abs(x)

    def log(self, x: Array) -> Array:
        """Natural logarithm; float modes only (there is no exact logarithm)."""
        if self.is_exact:
            raise InvalidArgumentError("log has no exact value; run this check in a float mode")
        if self.is_torch:
            return self._torch.log(x)
        return np.log(x)

    def stack(self, xs: Sequence[Array], axis: int = 0) -> Array:
        """Stack arrays along a new axis."""
        if self.is_torch:
            return self._torch.stack(list(xs), dim=axis)
        return np.stack(list(xs), axis=axis)

    def zeros_like(self, x: Array) -> Array:
        """An array of zeros with the shape of `x` in this backend's number type."""
        if self.is_torch:
            return self._torch.zeros_like(x)
        if self.is_exact:
            out = np.empty(np.shape(x), dtype=object)
            out.fill(self.const(0))
            return out
        return np.zeros_like(x)

    def all(self, x: Array, axis: int = -1) -> Array:
        """Logical and along an axis."""
        if self.is_torch:
            return x.all(dim=axis)
        return np.all(x, axis=axis)

    def any(self, x: Array, axis: int = -1) -> Array:
        """Logical or along an axis."""
        if self.is_torch:
            return x.any(dim=axis)
        return np.any(x, axis=axis)


def _to_fmpq(v: Any) -> Any:
    fmpq = _fmpq()
    if isinstance(v, Fraction):
        return fmpq(v.numerator, v.denominator)
    if isinstance(v, (int, np.integer)):
        return fmpq(int(v))
    if isinstance(v, str):
        f = Fraction(v)
        return fmpq(f.numerator, f.denominator)
    if isinstance(v, float):
        if not np.isfinite(v):
            raise NonFiniteError(f"value {v!r} is not finite; exact mode needs finite rationals")
        f = Fraction(v)
        return fmpq(f.numerator, f.denominator)
    raise InvalidArgumentError(f"cannot read {v!r} as an exact rational; pass ints, Fractions or 'p/q' strings")


_BACKENDS: dict[str, Backend] = {}


def get_backend(mode: str = "float64") -> Backend:
    """The (cached) backend for a mode: float64, float32, exact, exact-fraction or torch."""
    if mode not in MODES:
        raise InvalidArgumentError(f"mode={mode!r} is not one of {', '.join(MODES)}; pick one of those")
    if mode not in _BACKENDS:
        _BACKENDS[mode] = Backend(mode)  # type: ignore[arg-type]
    return _BACKENDS[mode]


# -- validation helpers for public rule functions ----------------------------------------------
def check_finite(name: str, x: Any) -> None:
    """Raise `NonFiniteError` naming `name` if `x` holds NaN or an infinity (float data only)."""
    if hasattr(x, "detach"):
        import torch

        if x.is_floating_point() and not bool(torch.isfinite(x).all()):
            raise NonFiniteError(f"{name} holds NaN or infinite values; pass finite numbers")
        return
    arr = np.asarray(x)
    if arr.dtype.kind in "fc" and not np.all(np.isfinite(arr)):
        raise NonFiniteError(f"{name} holds NaN or infinite values; pass finite numbers")
    if arr.dtype == object:
        for v in arr.reshape(-1):
            if isinstance(v, float) and not np.isfinite(v):
                raise NonFiniteError(f"{name} holds NaN or infinite values; pass finite numbers")


def check_positive(name: str, x: Any) -> None:
    """Raise if any entry of `x` is not > 0 (step sizes and similar)."""
    check_finite(name, x)
    arr = np.asarray(x.detach().cpu().numpy() if hasattr(x, "detach") else x)
    if not np.all(arr > 0):
        raise InvalidArgumentError(f"{name}={_short(arr)} must be positive; pass a value > 0")


def check_shapes(**arrays: tuple[Any, tuple[int | str, ...]]) -> None:
    """Check array shapes against patterns such as ``("B", "n")``; letters must agree across arrays.

    Each keyword is ``name=(array, pattern)``; the pattern matches the trailing axes, and the leading
    batch axes of all arrays must broadcast.
    """
    sizes: dict[str, tuple[int, str]] = {}
    for name, (arr, pattern) in arrays.items():
        shape = tuple(arr.shape)
        if len(shape) < len(pattern):
            raise ShapeError(
                f"{name} has shape {shape} but needs at least {len(pattern)} axes ({', '.join(map(str, pattern))})"
            )
        tail = shape[len(shape) - len(pattern):] if pattern else ()
        for dim, want in zip(tail, pattern):
            if isinstance(want, int):
                if dim != want:
                    raise ShapeError(f"{name} has shape {shape}; expected a trailing axis of size {want}")
            else:
                if want in sizes and sizes[want][0] != dim:
                    other_dim, other = sizes[want]
                    raise ShapeError(
                        f"{name} has size {dim} along axis '{want}' but {other} has {other_dim}; "
                        "make the shapes agree"
                    )
                sizes.setdefault(want, (dim, name))


def _short(arr: np.ndarray) -> str:
    flat = np.asarray(arr).reshape(-1)
    return str(flat[0]) if flat.size == 1 else f"array with min {flat.min()}"


def backend_of(*arrays: Any) -> Backend:
    """The backend matching the type of the first array: torch, exact (fmpq/Fraction), float32 or float64."""
    for x in arrays:
        if hasattr(x, "detach"):
            return get_backend("torch")
        arr = np.asarray(x)
        if arr.dtype == object:
            flat = arr.reshape(-1)
            if flat.size and isinstance(flat[0], Fraction):
                return get_backend("exact-fraction")
            return get_backend("exact")
        if arr.dtype == np.float32:
            return get_backend("float32")
    return get_backend("float64")


def col(a: Any) -> Any:
    """A per-instance scalar of shape (B,) as (B, 1), to broadcast over coordinates; scalars pass through."""
    return a[..., None] if getattr(a, "ndim", 0) else a
