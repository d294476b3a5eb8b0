"""A grading budget for the numeric families: the cost of exact arithmetic is bounded before any of it runs.

Exact rational arithmetic costs grow with the size of the numbers and with the number of iterations the
catalog's predicates unroll (``(1 - μη(2 - Lη))^k`` for ``k ≤ T``, ``T`` gradient steps, ``fuel`` perceptron
passes): numerator and denominator sizes grow about linearly in the step count, and each multiplication
costs about their product. A 535-character refute answer with ``T = 256`` and a 200-digit ``η`` took 16–20
seconds. Two bounds, both stated in the verdict when they fire (status ``resource_exhausted``, ``construct``
naming the limit):

* **Before any arithmetic** (`precheck`, on the answer's text and the task's given values): every numerator
  and denominator has at most `pyverify.tasks.answers.MAX_DIGITS` digits (already enforced by the parser),
  every count (a variable whose domain has ``nat_max``) at most its ``nat_max``, and
  ``steps × digits ≤ MAX_DIGIT_STEPS`` where ``steps`` is the largest count in the instance (1 if none) and
  ``digits`` the total number of digits of all values (answer and task together).
* **A deadline in the grader** (`deadline`, `check_deadline`): `DEADLINE_SECONDS` of wall-clock time for one
  grade, checked each time a relation is decided (``grading.decide``). One relation's own arithmetic is not
  interrupted; the pre-check bounds it.

`pyverify bench --name P7` measures ``grade`` over an adversarial corpus built from every served
refute/tune task (`adversarial_answers`): target p99 ≤ 50 ms.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import re
import time
from collections.abc import Iterator, Mapping
from typing import Any

from ..verify.verdict import Verdict
from .answers import MAX_ANSWER_CHARS, MAX_DIGITS

__all__ = ["MAX_DIGIT_STEPS", "DEADLINE_SECONDS", "BudgetExceeded", "precheck", "deadline", "check_deadline",
           "adversarial_answers", "instance_cost"]

#: Largest allowed (largest count) × (total digits of all values) of one graded instance.
MAX_DIGIT_STEPS = 6000
#: Wall-clock limit of one grade (seconds).
DEADLINE_SECONDS = 1.0

_DIGITS = re.compile(r"[0-9]+")
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("pyverify_grading_deadline", default=None)


class BudgetExceeded(Exception):
    """Raised inside the grader when the deadline passes; `grade` turns it into a verdict."""

    def __init__(self, limit: str, reason: str) -> None:
        super().__init__(reason)
        self.limit = limit

    def verdict(self) -> Verdict:
        return Verdict("resource_exhausted", reason=str(self), construct=self.limit)


def _leaves(value: Any) -> Iterator[Any]:
    if isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    else:
        yield value


def _digits(value: Any) -> int:
    return sum(len(m) for leaf in _leaves(value) if isinstance(leaf, str) for m in _DIGITS.findall(leaf))


def _count(leaf: Any) -> int | None:
    if isinstance(leaf, str) and re.fullmatch(r"\+?[0-9]{1,6}", leaf):
        return int(leaf)
    return None


def _key_costs(key: str, value: Any, domain: Mapping[str, Any]) -> tuple[int, int, str | None]:
    """``(steps, digits, over)`` of one instance key: its digits, and, for a count key (``nat_max`` in
    `domain`), the largest small count it holds and whether one exceeds the bound."""
    steps, over = 1, None
    d = domain.get(key)
    if isinstance(d, Mapping) and d.get("nat_max") is not None:
        for leaf in _leaves(value):
            n = _count(leaf)
            if n is None:
                continue  # not a small count: the parser or the domain check rejects it, cheaply
            if n > int(d["nat_max"]):
                over = f"{key} = {n} exceeds its bound {d['nat_max']}"
            steps = max(steps, n)
    return steps, _digits(value), over


#: Per-task costs of the given part, keyed by the payload's id (the entry holds the payload, so the id cannot be
#: reused while it lives): the given part is the same for every answer, and walking it cost most of a grade.
_GIVEN: dict[int, tuple[Mapping[str, Any], Any, dict[str, tuple[int, int, str | None]]]] = {}


def _domain(payload: Mapping[str, Any], counts: Mapping[str, int] | None) -> dict[str, Any]:
    domain: dict[str, Any] = dict(payload.get("domain") or {})
    for k, bound in (counts or {}).items():
        if not isinstance(domain.get(k), Mapping) or domain[k].get("nat_max") is None:
            domain[k] = {"nat_max": bound}
    return domain


def _given_costs(payload: Mapping[str, Any], counts: Mapping[str, int] | None,
                 domain: dict[str, Any]) -> dict[str, tuple[int, int, str | None]]:
    key = (tuple(sorted(counts.items())) if counts else ())
    hit = _GIVEN.get(id(payload))
    if hit is not None and hit[0] is payload and hit[1] == key:
        return hit[2]
    given: dict[str, Any] = {}
    for part_key in ("fixed", "instance"):
        part = payload.get(part_key)
        if isinstance(part, dict):
            given.update(part)
    costs = {k: _key_costs(k, v, domain) for k, v in given.items()}
    if len(_GIVEN) >= 4096:
        _GIVEN.clear()
    _GIVEN[id(payload)] = (payload, key, costs)
    return costs


def instance_cost(payload: Mapping[str, Any], answer_obj: Mapping[str, Any],
                  counts: Mapping[str, int] | None = None) -> tuple[int, int, str | None]:
    """``(steps, digits, count over its nat_max)`` of the instance made of the task's given values and the
    answer's (before any parsing into rationals). The counts are the keys whose ``payload["domain"]`` has a
    ``nat_max`` (the asked ones) and the keys of `counts` (key -> nat_max: the entry's counts, given ones too).
    The given part's costs are computed once per payload (`_given_costs`); an answer key replaces a given one."""
    domain = _domain(payload, counts)
    merged = dict(_given_costs(payload, counts, domain))
    for k, v in answer_obj.items():
        if isinstance(k, str):
            merged[k] = _key_costs(k, v, domain)
    steps, digits, over = 1, 0, None
    for st, dg, ov in merged.values():
        steps, digits = max(steps, st), digits + dg
        over = ov if ov is not None else over
    return steps, digits, over


def precheck(payload: Mapping[str, Any], answer: Any, counts: Mapping[str, int] | None = None) -> Verdict | None:
    """The ``resource_exhausted`` verdict for an answer whose instance is over budget, or ``None``. Runs on
    text only; an answer that is not a JSON object is left to the grader's own (cheap) error. `counts`: the
    entry's count keys with their bounds (`instance_cost`), so a given count is a step count too."""
    obj: Any = answer
    if isinstance(answer, (str, bytes)):
        if len(answer) > MAX_ANSWER_CHARS:
            return None  # the parser rejects it as invalid, unread
        try:
            obj = json.loads(answer, parse_int=str, parse_float=str, parse_constant=str)
        except (ValueError, RecursionError, UnicodeDecodeError):
            return None
    if not isinstance(obj, dict):
        return None
    for leaf in _leaves(obj):  # malformed leaves are the parser's business (an `invalid` verdict)
        if not isinstance(leaf, str) or any(len(m) > MAX_DIGITS for m in _DIGITS.findall(leaf)):
            return None
    steps, digits, over = instance_cost(payload, obj, counts)
    if over is not None:
        return Verdict("resource_exhausted", reason=f"grading budget: {over}", construct="step count bound")
    if steps * digits > MAX_DIGIT_STEPS:
        return Verdict("resource_exhausted",
                       reason=f"grading budget: {steps} steps × {digits} digits = {steps * digits} exceeds "
                              f"{MAX_DIGIT_STEPS} (exact arithmetic grows with both; use fewer steps or smaller "
                              f"numbers, at most {MAX_DIGITS} digits per numerator/denominator)",
                       construct=f"digits × steps ≤ {MAX_DIGIT_STEPS}")
    return None


@contextlib.contextmanager
def deadline(seconds: float = DEADLINE_SECONDS) -> Iterator[None]:
    """Arm the grading deadline for the calls inside the block."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def check_deadline() -> None:
    """Raise `BudgetExceeded` when the armed deadline has passed (no-op when none is armed)."""
    end = _deadline.get()
    if end is not None and time.monotonic() > end:
        raise BudgetExceeded(f"grading deadline {DEADLINE_SECONDS:g} s",
                             f"grading budget: exact arithmetic ran past the {DEADLINE_SECONDS:g} s grading deadline")


def adversarial_answers(task_json: Mapping[str, Any]) -> list[str]:
    """Answers built to be expensive for one refute/tune task: the largest numbers the parser allows, the
    largest counts the domain allows, and both together (the P7 benchmark's corpus)."""
    p = task_json.get("payload") or {}
    shapes = p.get("variables") or p.get("tunable") or {}
    domain = p.get("domain") or {}
    big_int = "9" * MAX_DIGITS
    big_q = "1" + "7" * (MAX_DIGITS - 1) + "/" + "3" + "1" * (MAX_DIGITS - 1)

    def fill(shape: Any, leaf: str) -> Any:
        return leaf if not shape else [fill(shape[1:], leaf) for _ in range(int(shape[0]))]

    out = []
    for style in ("big_q", "big_int", "max_steps_big_q", "max_steps_small", "small"):
        ans = {}
        for k, shape in shapes.items():
            d = domain.get(k) or {}
            if d.get("nat_max") is not None:
                leaf = str(d["nat_max"]) if style.startswith("max_steps") else "3"
            elif d.get("integer") or d.get("onehot"):
                leaf = big_int if style in ("big_int", "max_steps_big_q") else "1"
            else:
                leaf = {"big_q": big_q, "big_int": big_int, "max_steps_big_q": big_q}.get(style, "1/3")
            ans[k] = fill(shape, leaf)
        out.append(json.dumps(ans))
    return out
