"""Exported refute and tune tasks, rebuilt from their content: how a grader binds a task it did not make.

An exported task (`pyverify.tasks.stream`, ``pyverify tasks export --count``) has a content-hashed id
(`stream.content_id`): the sha256 of its family, entry, dropped hypothesis (refute), given numbers and asked
keys and shapes. Everything else in it is a function of that content, computed by the library's own builders
(`families.refute_task`, `families.tune_task`, which the served and streamed tasks use too). So a process that
never generated a task can still bind it to the catalog: `bind_content_task` reads the content from the
object, checks that the id is its hash, rebuilds the task with `task_from_content` and requires the object to
equal the rebuilt task as JSON. A client can choose the given numbers and asked shapes (they are hashed; a
changed number needs a new id), never the statement, the hypotheses, the objective, the prompt, the split or
anything else; grading then runs against the catalog entry's predicates as for any task.

What the content must be, before anything is computed from it:

* ``family`` ``refute`` or ``tune``; an exact catalog entry; for refute a hypothesis the library refutes (one
  with a necessity sampler, every remaining hypothesis fully checkable: `families.remaining_are_full`); for
  tune an entry with an objective (`objectives.objective_for`) whose hyperparameters no sampled-only
  hypothesis reads;
* the given and asked keys split the keys the entry's sampler draws (the necessity sampler of the hypothesis
  for refute), both non-empty for refute; tune asks for exactly the objective's keys;
* every array has the number of axes the sampler gives that key, no empty axis, and axes the sampler always
  draws equal are equal (`families.sampler_layout`);
* the given numbers are exact rationals (at most `answers.MAX_DIGITS` digits per part); given counts (keys
  with a ``nat_max`` in the entry's domain) are integers within their bound; and the given part alone fits the
  grading budget (largest count × digits ≤ `budget.MAX_DIGIT_STEPS`), as does the number of asked entries; for
  refute the given part meets the entry's sampler domain (integers, one-hot rows, counts) as every drawn
  counterexample does;
* for tune, the optimum exists on the instance (`Objective.optimum`); its ``attained`` flag is part of the task.

The library's own selection (a reference graded ``valid``, no shortcut baseline solving the task) needs the
reference answer and is not repeated: a rebuilt task is graded exactly, whatever its numbers.

**Fields that vary.** Only ``seed`` (the stream seed that drew the task; recorded, read by nothing): the
rebuilt task takes the object's seed, which must be a non-negative integer. Every other field must be equal.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import numpy as np

from ..errors import PyVerifyError
from .model import Task

__all__ = ["task_from_content", "bind_content_task", "content_of", "rebuilt_task", "VARYING_FIELDS", "CACHE_SIZE"]

#: Task fields that may differ between an exported task and its rebuild (taken from the object).
VARYING_FIELDS: tuple[str, ...] = ("seed",)
#: Rebuilt tasks kept per process (by id), so a server grading an exported task again does not rebuild it.
CACHE_SIZE = 4096
_CACHE: OrderedDict[str, Task] = OrderedDict()


class ContentError(PyVerifyError):
    """The content does not describe a task the library builds (the message says why)."""


def _canonical(obj: Any) -> Any:
    return json.loads(json.dumps(obj, sort_keys=True, default=str))


def _shape_list(v: Any, key: str) -> list[int]:
    if not isinstance(v, list) or any(isinstance(n, bool) or not isinstance(n, int) for n in v):
        raise ContentError(f"the asked shape of {key!r} must be a list of integers, got {v!r}")
    if any(n < 1 for n in v):
        raise ContentError(f"the asked shape of {key!r} has an empty or negative axis: {v}")
    return [int(n) for n in v]


def _check_layout(layout: Mapping[str, Any], shapes: Mapping[str, tuple[int, ...]]) -> None:
    for k, s in shapes.items():
        want = layout["ndim"].get(k)
        if want is not None and len(s) != want:
            raise ContentError(f"{k!r} has {len(s)} axes; the entry's sampler gives it {want}")
        if 0 in s:
            raise ContentError(f"{k!r} has an empty axis (shape {list(s)})")
    for group in layout["same"]:
        lens = {(k, ax): shapes[k][ax] for k, ax in group if k in shapes and ax < len(shapes[k])}
        if len(set(lens.values())) > 1:
            shown = ", ".join(f"{k} axis {ax}: {n}" for (k, ax), n in lens.items())
            raise ContentError(f"axes that are one dimension of the model differ in length ({shown})")


def _check_given(e: Any, given: Mapping[str, Any], asked_leaves: int, family: str) -> dict[str, Any]:
    """The given values as batch-of-one exact arrays, after the checks of the module docstring."""
    from .answers import read_variables, shape_of
    from .budget import MAX_DIGIT_STEPS, instance_cost
    from .domains import domain_error
    from .families import entry_domain

    try:
        shapes = {k: tuple(shape_of(v)) for k, v in given.items()}
    except Exception as exc:
        raise ContentError(f"the given numbers are not arrays: {exc}") from None
    dom = entry_domain(e)
    counts = {k: int(d["nat_max"]) for k, d in dom.items() if d.get("nat_max") is not None}
    steps, digits, over = instance_cost({"fixed": dict(given)}, {}, counts)
    if over is not None:
        raise ContentError(f"a given count is over its bound: {over}")
    if steps * max(digits, asked_leaves) > MAX_DIGIT_STEPS:
        raise ContentError(f"the given part is over the grading budget: {steps} steps × "
                           f"{max(digits, asked_leaves)} digits or asked entries > {MAX_DIGIT_STEPS}")
    x, err = read_variables(dict(given), shapes)
    if err:
        raise ContentError(f"the given numbers are malformed: {err}")
    checked = dom if family == "refute" else {k: d for k, d in dom.items() if d.get("nat_max") is not None
                                                 or d.get("onehot")}
    err = domain_error(checked, x)
    if err:
        raise ContentError(f"the given numbers leave the entry's domain: {err}")
    return x


def task_from_content(family: str, entry_id: str, given: Mapping[str, Any], asked: Mapping[str, Any],
                      hypothesis: str | None = None, *, seed: int = 0) -> Task:
    """The refute (dropping `hypothesis`) or tune task the library builds from this content: `given` the given
    numbers (key -> nested lists of rational strings), `asked` the asked keys and shapes; its id is
    ``stream.content_id`` of the content. Deterministic; needs no reference answer. `ContentError` (an
    `InvalidArgumentError`-like `PyVerifyError`) says why the content is not one the library builds."""
    from ..catalog import get_entry
    from . import families
    from .objectives import objective_for
    from .stream import content_id

    if family not in ("refute", "tune"):
        raise ContentError(f"only refute and tune tasks are built from content, not {family!r}")
    if not isinstance(entry_id, str):
        raise ContentError("the entry id must be a string")
    try:
        e = get_entry(entry_id)
    except PyVerifyError as exc:
        raise ContentError(f"unknown entry: {exc}") from None
    if not e.exact:
        raise ContentError(f"{entry_id} has no exact model, so it serves no {family} tasks")
    if not isinstance(given, Mapping) or not all(isinstance(k, str) for k in given):
        raise ContentError("the given numbers must be an object keyed by instance keys")
    if not isinstance(asked, Mapping) or not asked or not all(isinstance(k, str) for k in asked):
        raise ContentError("the asked keys must be a non-empty object of key -> shape")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ContentError(f"seed must be a non-negative integer, got {seed!r}")
    shapes_asked = {k: _shape_list(v, k) for k, v in asked.items()}
    leaves = sum(int(np.prod(s, dtype=object)) for s in shapes_asked.values())
    if family == "refute":
        names = [h.name for h in e.hypotheses]
        if hypothesis not in names:
            raise ContentError(f"{entry_id} has no hypothesis {hypothesis!r} (it has {names})")
        if hypothesis not in e.necessity:
            raise ContentError(f"{entry_id} serves no refute task without {hypothesis!r} (no necessity sampler)")
        weak = families.remaining_are_full(e, hypothesis)
        if weak:
            raise ContentError(f"{entry_id} without {hypothesis!r} serves no refute task: the remaining "
                               f"hypotheses {weak} are only sampled checks")
    elif hypothesis is not None:
        raise ContentError("a tune task drops no hypothesis")
    try:
        layout = families.sampler_layout(e, hypothesis)
    except PyVerifyError as exc:
        raise ContentError(str(exc)) from None
    order: list[str] = layout["order"]
    if set(given) & set(shapes_asked):
        raise ContentError(f"keys both given and asked: {sorted(set(given) & set(shapes_asked))}")
    if set(given) | set(shapes_asked) != set(order):
        raise ContentError(f"the given and asked keys {sorted(set(given) | set(shapes_asked))} are not the "
                           f"instance keys of {entry_id}: {sorted(order)}")
    obj = None
    if family == "refute":
        if not given:
            raise ContentError("a refute task gives part of the instance; nothing is given")
    else:
        obj = objective_for(entry_id)
        if obj is None:
            raise ContentError(f"{entry_id} serves no tune tasks (no objective)")
        if set(shapes_asked) != set(obj.keys):
            raise ContentError(f"a tune task of {entry_id} asks for {sorted(obj.keys)}, not {sorted(shapes_asked)}")
    x = _check_given(e, given, leaves, family)
    _check_layout(layout, {**{k: tuple(v.shape[1:]) for k, v in x.items()},
                           **{k: tuple(s) for k, s in shapes_asked.items()}})
    fixed = {k: json.loads(json.dumps(given[k])) for k in order if k in given}
    var = {k: shapes_asked[k] for k in order if k in shapes_asked}
    tid = content_id(family, entry_id, fixed, var, hypothesis)
    dom = families.entry_domain(e)
    if family == "refute":
        assert hypothesis is not None
        return families.refute_task(e, hypothesis, fixed, var, order, dom, tid, int(seed))
    assert obj is not None
    from .answers import read_variables
    from .domains import sampled_only

    # the hyperparameters' values are read by no optimum (it is a function of the instance); zeros fill them
    zeros, _ = read_variables({k: np.full(tuple(var[k]), "0", dtype=object).tolist() for k in var},
                              {k: tuple(var[k]) for k in var})
    inst = {k: (x[k] if k in x else zeros[k]) for k in order}
    weak = [h.name for h in e.hypotheses if sampled_only(e, h) and families._reads(e, h, inst, tuple(var))]
    if weak:
        raise ContentError(f"{entry_id} serves no tune task: hypotheses {weak} are only sampled checks that read "
                           f"{', '.join(var)}")
    try:
        opt = obj.optimum(inst)
    except (ArithmeticError, ValueError, ZeroDivisionError, PyVerifyError) as exc:
        raise ContentError(f"the optimum is undefined on this instance ({type(exc).__name__}: {exc})") from None
    if opt is None:
        raise ContentError("this instance has no optimum to ask for")
    return families.tune_task(e, fixed, var, order, dom, bool(opt.attained), tid, int(seed))


def content_of(obj: Mapping[str, Any]) -> tuple[str, str, Any, Any, str | None]:
    """``(family, entry_id, given, asked, hypothesis)`` read from a refute or tune task object."""
    fam = obj.get("family")
    p = obj.get("payload")
    if not isinstance(p, Mapping):
        raise ContentError("the task has no payload object")
    if fam == "refute":
        dropped = p.get("dropped")
        hyp = dropped.get("name") if isinstance(dropped, Mapping) else None
        if not isinstance(hyp, str):
            raise ContentError("payload.dropped.name (the dropped hypothesis) is missing")
        return "refute", obj.get("entry_id"), p.get("fixed"), p.get("variables"), hyp  # type: ignore[return-value]
    if fam == "tune":
        return "tune", obj.get("entry_id"), p.get("instance"), p.get("tunable"), None  # type: ignore[return-value]
    raise ContentError(f"only refute and tune tasks have content-hashed ids, not family {fam!r}")


def rebuilt_task(task_id: str) -> Task | None:
    """The task this process rebuilt for `task_id` (seed 0), while it is cached."""
    return _CACHE.get(task_id)


def bind_content_task(obj: Mapping[str, Any]) -> Task:
    """The library's task for an exported task object whose id is a content hash: rebuilt from the object's
    content and equal to it as JSON (except `VARYING_FIELDS`). `ContentError` says why not."""
    from .stream import content_id

    tid = obj.get("id")
    if not isinstance(tid, str):
        raise ContentError("the task has no id")
    family, entry_id, given, asked, hyp = content_of(obj)
    if not isinstance(given, Mapping) or not isinstance(asked, Mapping):
        raise ContentError("the task's given numbers and asked shapes must be objects")
    seed = obj.get("seed")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ContentError(f"seed must be a non-negative integer, got {seed!r}")
    try:
        want_id = content_id(family, entry_id, dict(given), {k: list(v) if isinstance(v, list) else v
                                                          for k, v in asked.items()}, hyp)
    except (TypeError, ValueError) as exc:
        raise ContentError(f"the task's content cannot be hashed: {exc}") from None
    if want_id != tid:
        raise ContentError(f"the id {tid} is not the content hash of the task's family, entry, dropped hypothesis, "
                           f"given numbers and asked shapes (that is {want_id}): the content was changed")
    task = _CACHE.get(tid)
    if task is None:
        try:
            task = task_from_content(family, entry_id, given, asked, hyp, seed=0)
        except PyVerifyError:
            raise
        except Exception as exc:  # the entry's own code failing (a sampler, a rule): no task to bind to
            raise ContentError(f"rebuilding the task failed: {type(exc).__name__}: {str(exc)[:200]}") from None
        if task.id != tid:  # the keys in another order, or a value JSON reads differently: not our content
            raise ContentError(f"the task's content rebuilds under another id ({task.id}), not {tid}")
        _CACHE[tid] = task
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(tid)
    want = task.to_json()
    want["seed"] = seed
    got, want = _canonical(dict(obj)), _canonical(want)
    if got != want:
        diff = sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))
        if diff == ["payload"]:
            pg, pw = got.get("payload"), want["payload"]
            sub = sorted(k for k in set(pg) | set(pw) if pg.get(k) != pw.get(k)) if isinstance(pg, dict) else []
            diff = [f"payload.{k}" for k in sub] or diff
        raise ContentError(f"the task object differs in {diff} from the task the library builds from its content "
                           f"(id {tid}); only the given numbers and asked shapes are the client's, and they are "
                           "hashed into the id")
    if seed == task.seed:
        return task
    return Task.from_json(dict(task.to_json(), seed=seed))
