"""Grading answers: `grade(task, answer) -> Verdict`, never raising.

* ``refute``: the task gives part of a counterexample (``payload["fixed"]``) and asks for the rest
  (``payload["variables"]``); reward 1 iff the completed instance satisfies every remaining hypothesis and
  violates the conclusion, decided in exact rational arithmetic (python-flint) with the catalog entry's own
  predicates, strengthened where `domains.STRENGTHEN` says the relation is weaker than the Lean
  hypothesis. An instance that also satisfies the dropped hypothesis would contradict the Lean theorem:
  that is reported as ``internal_error`` (the Python model disagrees with Lean), never as a reward.
* ``tune``: reward 1 iff the hyperparameters make every hypothesis hold for the task's instance (so
  the Lean theorem `lean_proof` guarantees the conclusion), the exact numeric conclusion holds too, and
  the quantity the task optimises (`pyverify.tasks.objectives`) is within the relative tolerance of its
  exact optimum on this instance; the verdict's `backed_by` names the theorem. Hypotheses holding with the conclusion failing is again
  ``internal_error``.
* ``prove``: delegated to the verifier (`pyverify.verify.prove.check_prove`, imported lazily).

Malformed answers (garbage JSON, NaN, JSON numbers, huge integers, wrong keys or shapes) are
``invalid`` with a reason; an exception inside the grader is ``internal_error``; neither earns reward.
"""

from __future__ import annotations

import operator
from typing import Any, Callable, Iterator, Mapping, Sequence

import numpy as np

from ..backend import get_backend
from ..catalog import Entry, Relation, get_entry
from ..errors import PyVerifyError
from ..verify.verdict import Verdict
from . import domains
from .answers import load_answer, parse_rational, read_variables
from .budget import BudgetExceeded, check_deadline, deadline, precheck
from .model import Task
from .objectives import TOLERANCE, objective_for, shortfall, within

__all__ = ["grade", "grade_prove", "decide", "CHECKED_BY", "PROVE_TIMEOUT"]

#: Default wall-clock limit (seconds) of one Lean check of a prove answer: the verifier's one default.
from ..verify.batch import DEFAULT_TIMEOUT as PROVE_TIMEOUT  # noqa: E402
CHECKED_BY = "exact rational arithmetic (python-flint fmpq) on the catalog entry's predicates"

_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "<=": operator.le, "<": operator.lt, "==": operator.eq, "!=": operator.ne, ">=": operator.ge, ">": operator.gt,
}
# Errors an instance can provoke in exact rule code (division by zero, undefined powers, shapes).
_DOMAIN_ERRORS: tuple[type[BaseException], ...] = (ArithmeticError, PyVerifyError, ValueError)


def decide(relations: Sequence[Relation]) -> bool:
    """Whether every relation holds on every element, in exact arithmetic (no tolerance, no margins)."""
    for rel in relations:
        check_deadline()  # the grading budget (pyverify.tasks.budget)
        holds = _OPS[rel.op](rel.lhs, rel.rhs)
        if not (holds if isinstance(holds, bool) else bool(np.all(holds))):
            return False
    return True


def _as_task(task: Any) -> Task:
    return task if isinstance(task, Task) else Task.from_json(task)


def grade(task: Any, answer: Any, *, timeout: float | None = None) -> Verdict:
    """Grade `answer` (JSON text, or for ``prove`` a proof body) for `task` (a `Task` or its JSON dict)."""
    try:
        t = _as_task(task)
    except PyVerifyError as exc:
        return Verdict("invalid", f"not a task: {exc}")
    except Exception as exc:  # pragma: no cover - defensive
        return Verdict("internal_error", f"reading the task failed: {type(exc).__name__}: {exc}")
    if t.family == "prove":
        return grade_prove(t, answer, timeout=timeout)
    try:
        over = precheck(t.payload, answer, _counts(t))  # the grading budget, before any arithmetic
        if over is not None:
            return over
        with deadline():
            if t.family == "refute":
                return _grade_refute(t, answer)
            return _grade_tune(t, answer)
    except BudgetExceeded as exc:
        return exc.verdict()
    except Exception as exc:  # grading never raises
        return Verdict("internal_error", f"the grader failed: {type(exc).__name__}: {exc}")


_COUNTS: dict[str, dict[str, int]] = {}


def _counts(task: Task) -> dict[str, int]:
    """The entry's count keys (its sampler domain's ``nat_max``), given or asked: a given count bounds the
    grading budget as an asked one does (a client-built task, `pyverify.tasks.content`, chooses its given
    numbers). Cached per entry; an entry whose domain cannot be sampled has none."""
    if task.entry_id not in _COUNTS:
        try:
            from .families import entry_domain

            dom = entry_domain(get_entry(task.entry_id))
            _COUNTS[task.entry_id] = {k: int(d["nat_max"]) for k, d in dom.items() if d.get("nat_max") is not None}
        except Exception:
            return {}
    return _COUNTS[task.entry_id]


def grade_prove(task: Task, answer: Any, *, timeout: float | None = None) -> Verdict:
    """Delegate a proof to the verifier; `unavailable` if it is not installed in this checkout."""
    if not isinstance(answer, str):
        return Verdict("invalid", f"a prove answer is a proof body as text, got {type(answer).__name__}")
    try:
        from ..verify.prove import check_prove
    except ImportError as exc:
        return Verdict("unavailable", f"the Lean verifier (pyverify.verify.prove) is not available: {exc}")
    try:
        verdict = check_prove(task.to_json(), answer, timeout=PROVE_TIMEOUT if timeout is None else timeout)
    except Exception as exc:
        return Verdict("internal_error", f"the Lean verifier failed: {type(exc).__name__}: {exc}")
    if not isinstance(verdict, Verdict):
        return Verdict("internal_error", f"the Lean verifier returned {type(verdict).__name__}, not a Verdict")
    return verdict


# -- shared pieces ---------------------------------------------------------------------------------
def _entry(task: Task) -> Entry:
    cached = task._cache.get("entry")
    if cached is None:
        cached = get_entry(task.entry_id)
        task._cache["entry"] = cached
    return cached


def _shapes(spec: Mapping[str, Any]) -> dict[str, tuple[int, ...]]:
    return {str(k): tuple(int(n) for n in v) for k, v in spec.items()}


def _hypothesis_error(entry: Entry, name: str, text: str, x: Mapping[str, Any]) -> tuple[bool, str | None]:
    """(holds, reason-if-not) for one hypothesis, strengthened where registered."""
    bk = get_backend("exact")
    full = domains.strengthened(entry, name)
    if full is not None:
        why = full(x)
        if why is not None:
            return False, f"hypothesis {name!r} ({text}) fails: {why}"
    hyp = next(h for h in entry.hypotheses if h.name == name)
    if not decide(hyp.relations(x, bk)):
        return False, f"hypothesis {name!r} ({text}) fails on this instance"
    return True, None


def _conclusion_holds(entry: Entry, x: Mapping[str, Any]) -> bool:
    return decide(entry.conclusion(x, get_backend("exact")))


def _domain_verdict(exc: BaseException, where: str) -> Verdict:
    return Verdict("invalid", f"the rule is undefined on this instance while evaluating {where} "
                              f"({type(exc).__name__}: {str(exc)[:120]})", details={"checked_by": CHECKED_BY})


def _read_answer(task: Task, answer: Any, variables: str) -> tuple[dict[str, Any], Verdict | None]:
    """The answer's values for the variables declared in ``task.payload[variables]`` (shape-checked and
    inside the instance domain), or the `Verdict` saying why the answer is not well formed."""
    obj, err = load_answer(answer)
    if err:
        return {}, Verdict("invalid", err)
    shapes = task._cache.get("shapes")
    if shapes is None:
        shapes = task._cache["shapes"] = _shapes(task.payload[variables])
    x, err = read_variables(obj, shapes)
    if err:
        return {}, Verdict("invalid", err)
    err = domains.domain_error(task.payload.get("domain", {}), x)
    if err:
        return {}, Verdict("invalid", f"outside the instance domain: {err}")
    return x, None


class _KeyRecorder(Mapping[str, Any]):
    """A read-only view of an instance that records the keys a check reads (iterating reads them all)."""

    def __init__(self, x: Mapping[str, Any]) -> None:
        self._x = x
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return self._x[key]

    def __iter__(self) -> Iterator[str]:
        self.read.update(self._x)
        return iter(self._x)

    def __len__(self) -> int:
        return len(self._x)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.read.add(key)
        return key in self._x


def _hypothesis_on(task: Task, entry: Entry, h: Mapping[str, Any], x: Mapping[str, Any],
                   given: frozenset[str]) -> tuple[bool, str | None]:
    """`_hypothesis_error` for one answer's instance ``x``, reusing the task's earlier result when the check
    reads only the task's given keys. The first evaluation records the keys the hypothesis (and its full form)
    reads; a check is a pure function of the values it reads, so one that read no answer key decides every
    answer of the task alike (a tune task's smoothness of a fixed matrix, a refute task's fixed data)."""
    slot = task._cache.get(f"hyp:{h['name']}")
    if slot is not None and slot[0] == "given":
        return slot[1]  # type: ignore[no-any-return]
    if slot is None:
        rec = _KeyRecorder(x)
        res = _hypothesis_error(entry, h["name"], h["text"], rec)
        task._cache[f"hyp:{h['name']}"] = ("given", res) if rec.read <= given else ("answer", None)
        return res
    return _hypothesis_error(entry, h["name"], h["text"], x)


def _failed_hypothesis(task: Task, entry: Entry, hyps: list[dict[str, Any]], x: Mapping[str, Any], prefix: str,
                       fixed_key: str) -> Verdict | None:
    """The `Verdict` for the first of ``hyps`` (payload dicts with name and text) that fails on ``x``, or is
    undefined there; ``None`` when they all hold. A hypothesis that reads only the given part
    (``payload[fixed_key]``) is evaluated once per task (`_hypothesis_on`)."""
    given = frozenset(_fixed_instance(task, fixed_key))
    for h in hyps:
        try:
            ok, why = _hypothesis_on(task, entry, h, x, given)
        except _DOMAIN_ERRORS as exc:
            return _domain_verdict(exc, f"hypothesis {h['name']!r}")
        if not ok:
            return Verdict("invalid", f"{prefix}: {why}", details={"checked_by": CHECKED_BY})
    return None


# -- refute ----------------------------------------------------------------------------------------
def _merge(task: Task, fixed_key: str, vals: dict[str, Any]) -> dict[str, Any]:
    """The full instance: the task's given part (``payload[fixed_key]``) and the answer's values, in order."""
    x = dict(_fixed_instance(task, fixed_key))
    x.update(vals)
    order = task.payload.get("order") or list(x)
    missing = [k for k in order if k not in x]
    if missing:
        raise PyVerifyError(f"task {task.id} leaves {missing} neither given nor asked")
    return {k: x[k] for k in order}


def _grade_refute(task: Task, answer: Any) -> Verdict:
    entry = _entry(task)
    p = task.payload
    vals, bad = _read_answer(task, answer, "variables")
    x: dict[str, Any] = {}
    if bad is None:
        x = _merge(task, "fixed", vals)
        bad = _failed_hypothesis(task, entry, p["remaining"], x, "not a counterexample", "fixed")
    if bad is not None:
        return bad
    try:
        if _conclusion_holds(entry, x):
            return Verdict("invalid", "not a counterexample: the conclusion holds on this instance",
                           details={"checked_by": CHECKED_BY})
        dropped = p["dropped"]
        holds, _ = _hypothesis_error(entry, dropped["name"], dropped["text"], x)
    except _DOMAIN_ERRORS as exc:
        return _domain_verdict(exc, "the conclusion")
    dropped_h = next((h for h in entry.hypotheses if h.name == dropped["name"]), None)
    if holds and dropped_h is not None and not domains.sampled_only(entry, dropped_h):
        return Verdict("internal_error",
                       f"every hypothesis of {entry.lean_proof} holds but its conclusion fails in exact arithmetic: "
                       "the Python model of this entry disagrees with the Lean statement; please report it",
                       details={"checked_by": CHECKED_BY})
    return Verdict("valid", f"a counterexample: the remaining hypotheses hold and the conclusion fails without "
                            f"{dropped['name']!r}", backed_by=CHECKED_BY,
                   details={"checked_by": CHECKED_BY, "dropped": dropped["name"]})


# -- tune ------------------------------------------------------------------------------------------
def _fixed_instance(task: Task, key: str = "instance") -> dict[str, Any]:
    fixed = task._cache.get(f"fixed:{key}")
    if fixed is None:
        given = task.payload.get(key, {})
        if not isinstance(given, dict):
            raise PyVerifyError(f"task {task.id}: payload {key!r} must be an object")
        shapes = {k: tuple(np.shape(np.asarray(v, dtype=object))) for k, v in given.items()}
        fixed, err = read_variables(given, shapes)
        if err:
            raise PyVerifyError(f"task {task.id} holds a malformed instance: {err}")
        task._cache[f"fixed:{key}"] = fixed
    return fixed


def _grade_tune(task: Task, answer: Any) -> Verdict:
    entry = _entry(task)
    p = task.payload
    obj = objective_for(entry.id)
    if obj is None:
        return Verdict("invalid", f"{entry.id} serves no tune tasks (nothing to optimise)")
    vals, bad = _read_answer(task, answer, "tunable")
    if bad is not None:
        return bad
    x = _merge(task, "instance", vals)
    bad = _failed_hypothesis(task, entry, p["hypotheses"], x, "the theorem does not apply", "instance")
    if bad is not None:
        return bad
    try:
        concl = _conclusion_holds(entry, x)
    except _DOMAIN_ERRORS as exc:
        return _domain_verdict(exc, "the conclusion")
    if not concl:
        return Verdict("internal_error",
                       f"the hypotheses of {entry.lean_proof} hold but the exact conclusion fails: the Python model "
                       "disagrees with the Lean statement; please report it", details={"checked_by": CHECKED_BY})
    details = {"theorem": entry.lean_proof, "spec": entry.lean_spec, "checked_by": CHECKED_BY,
               "objective_source": obj.source}
    try:
        opt = task._cache.get("optimum")
        if opt is None:
            opt = task._cache["optimum"] = obj.optimum(x)
        value = obj.value(x)
    except _DOMAIN_ERRORS as exc:
        return _domain_verdict(exc, "the objective")
    if opt is None:
        return Verdict("invalid", "this instance has no optimum to ask for; the task is malformed",
                       details=details)
    if not within(obj, value, opt.value):
        return Verdict("invalid", f"every hypothesis of {entry.lean_proof} holds, but the answer is not optimal: "
                                  f"the quantity ({obj.sense} {obj.text}) is {shortfall(obj, value, opt.value)}; "
                                  f"the tolerance is {TOLERANCE} relative", details=details)
    return Verdict("valid", f"the hyperparameters satisfy every hypothesis of {entry.lean_proof}, the exact "
                            f"conclusion holds, and the quantity is within {TOLERANCE} of its optimum",
                   backed_by=entry.lean_proof, details=details)


def parse_value(s: Any) -> Any:
    """One exact answer leaf, or None (helper for tests and agents)."""
    q, _, err = parse_rational(s, "value")
    return None if err else q
