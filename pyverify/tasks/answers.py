"""Parsing agent answers for the numeric families: strict JSON, exact rationals, fixed shapes.

Numbers in answers are JSON **strings**, read exactly:

* an integer ``"-3"``, a fraction ``"3/7"`` (denominator ≠ 0), or a finite decimal ``"0.125"``, which
  is read as the exact rational ``1/8`` (so ``"0.1"`` is exactly ``1/10``, not the float nearest to it);
* no exponents, no whitespace, no ``nan``/``inf``, no JSON numbers (a bare ``0.1`` is rejected, because
  a JSON number is a float to most producers and its exact value would be ambiguous);
* at most `MAX_DIGITS` digits in each numerator and denominator, and `MAX_ANSWER_CHARS` characters in the
  whole answer, so that exact arithmetic on an answer stays cheap.

Every function here returns an error string instead of raising: grading never raises on bad input.
"""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np

__all__ = ["MAX_DIGITS", "MAX_ANSWER_CHARS", "MAX_TOTAL_DIGITS", "parse_rational", "load_answer",
           "read_variables", "shape_of", "skeleton"]

MAX_DIGITS = 200
MAX_TOTAL_DIGITS = 4000
MAX_ANSWER_CHARS = 100_000

_RAT = re.compile(r"([+-]?)([0-9]+)(?:/([0-9]+)|\.([0-9]+))?")


def _fmpq() -> Any:
    import flint

    return flint.fmpq


def parse_rational(s: Any, where: str) -> tuple[Any, int, str | None]:
    """(exact value as `flint.fmpq`, digit count, error) for one answer leaf."""
    if isinstance(s, bool) or not isinstance(s, str):
        if isinstance(s, (JsonNumber, int, float)) and not isinstance(s, bool):
            kind = f"the JSON number {_clip(repr(s) if isinstance(s, JsonNumber) else json.dumps(s), 40)}"
        elif isinstance(s, bool) or s is None:
            kind = json.dumps(s)
        else:
            kind = f"a {'list' if isinstance(s, list) else 'object' if isinstance(s, dict) else type(s).__name__}"
        return None, 0, f"{where}: expected an exact rational as a string such as \"3/7\", got {kind}"
    if len(s) > 2 * MAX_DIGITS + 3:
        return None, 0, f"{where}: number has {len(s)} characters; at most {MAX_DIGITS} digits per part are allowed"
    m = _RAT.fullmatch(s)
    if m is None:
        return None, 0, (f"{where}: {_clip(repr(s))} is not an exact rational; write an integer \"-3\", "
                         "a fraction \"3/7\" or a finite decimal \"0.125\" (no exponent, nan or inf)")
    sign, whole, den, frac = m.groups()
    if len(whole) > MAX_DIGITS or (den and len(den) > MAX_DIGITS) or (frac and len(frac) > MAX_DIGITS):
        return None, 0, f"{where}: more than {MAX_DIGITS} digits in a numerator or denominator"
    fmpq = _fmpq()
    p = int(whole)
    if frac is not None:
        q = 10 ** len(frac)
        p = p * q + int(frac)
    elif den is not None:
        q = int(den)
        if q == 0:
            return None, 0, f"{where}: {s!r} has denominator 0"
    else:
        q = 1
    if sign == "-":
        p = -p
    return fmpq(p, q), len(s), None


def _clip(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def load_answer(answer: Any) -> tuple[Any, str | None]:
    """Decode an answer given as JSON text (or an already decoded dict); (object, error)."""
    if isinstance(answer, dict):
        return answer, None
    if isinstance(answer, bytes):
        try:
            answer = answer.decode("utf-8")
        except UnicodeDecodeError:
            return None, "the answer is not UTF-8 text"
    if not isinstance(answer, str):
        return None, f"the answer must be JSON text or an object, got {type(answer).__name__}"
    if len(answer) > MAX_ANSWER_CHARS:
        return None, f"the answer has {len(answer)} characters; at most {MAX_ANSWER_CHARS} are allowed"
    try:
        obj = json.loads(answer, parse_constant=_reject_constant, parse_int=JsonNumber, parse_float=JsonNumber)
    except _ConstantError as exc:
        return None, f"the answer is not valid JSON: {exc} is not allowed; give numbers as strings such as \"3/7\""
    except (ValueError, RecursionError) as exc:
        return None, f"the answer is not valid JSON ({_clip(str(exc), 80)}); expected an object such as {{\"eta\": \"1/4\"}}"
    if not isinstance(obj, dict):
        return None, f"the answer must be a JSON object mapping variable names to values, got {type(obj).__name__}"
    return obj, None


class _ConstantError(ValueError):
    pass


class JsonNumber:
    """A bare JSON number in an answer, kept as its text (never converted, so huge ones cost nothing)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return _clip(self.text, 40)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, JsonNumber) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def _reject_constant(name: str) -> Any:
    raise _ConstantError(name)


def shape_of(value: Any) -> tuple[int, ...]:
    """The shape of a nested list of leaves (as in a reference instance)."""
    return tuple(np.shape(np.asarray(value, dtype=object)))


def skeleton(shape: tuple[int, ...], leaf: str = "p/q") -> Any:
    """A nested list of placeholder leaves with this shape (for answer-format examples)."""
    if not shape:
        return leaf
    return [skeleton(shape[1:], leaf) for _ in range(shape[0])]


def _read(value: Any, shape: tuple[int, ...], where: str, out: list[Any], digits: list[int]) -> str | None:
    if not shape:
        q, n, err = parse_rational(value, where)
        if err:
            return err
        out.append(q)
        digits[0] += n
        if digits[0] > MAX_TOTAL_DIGITS:
            return f"the answer holds more than {MAX_TOTAL_DIGITS} digits in all; use smaller numbers"
        return None
    if not isinstance(value, list):
        return f"{where}: expected a list of length {shape[0]} (shape {list(shape)}), got {type(value).__name__}"
    if len(value) != shape[0]:
        return f"{where}: expected length {shape[0]} (shape {list(shape)}), got length {len(value)}"
    for i, v in enumerate(value):
        err = _read(v, shape[1:], f"{where}[{i}]", out, digits)
        if err:
            return err
    return None


def read_variables(obj: dict[str, Any], shapes: dict[str, tuple[int, ...]]) -> tuple[dict[str, Any], str | None]:
    """Check keys and shapes exactly and return the values as batch-of-one `fmpq` object arrays."""
    missing = [k for k in shapes if k not in obj]
    extra = [k for k in obj if k not in shapes]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing {', '.join(map(repr, missing))}")
        if extra:
            parts.append(f"unexpected {', '.join(repr(_clip(str(k), 30)) for k in extra[:5])}")
        return {}, f"wrong keys: {'; '.join(parts)}; expected exactly {sorted(shapes)}"
    values: dict[str, Any] = {}
    digits = [0]
    for key, shape in shapes.items():
        flat: list[Any] = []
        err = _read(obj[key], shape, key, flat, digits)
        if err:
            return {}, err
        arr = np.empty(len(flat), dtype=object)
        arr[:] = flat
        values[key] = arr.reshape((1, *shape))
    return values, None
