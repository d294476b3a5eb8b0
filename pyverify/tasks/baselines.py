"""Answer-blind shortcut policies, and how much reward they earn (`pyverify tasks baselines`).

A task family measures skill only if answers that ignore the mathematics earn nothing. The policies here
read a task's answer format (keys and shapes) and, at most, the numbers printed in its prompt, never the
statement:

* ``const:<c>`` for c in `CONSTANTS` (0, 1, -1, 1/2, 10⁻⁶, 10⁶): every answer leaf is c;
* ``copy``: the instance copied back — for each number array of the given instance, every answer key takes
  it where the shapes agree, else its first number (reward if any of these variants earns it: an upper
  bound on every copying policy of this kind);
* ``random``: seeded random small rationals p/q (|p| ≤ 10, 1 ≤ q ≤ 10), one draw per task and seed
  (generation drops a candidate that any of `GENERATION_RANDOM_DRAWS` draws with seed 0 solves);
* ``other-reference``: the reference answer of another task of the same entry (`run`: the next task of
  that entry in the list, cyclically; generation drops a candidate that any earlier candidate's reference
  solves, up to `MAX_OTHERS` of them).

`answers(task, others, seed)` yields ``(policy, answer)`` pairs; generation drops every candidate task that
one of them solves (``tune`` and ``refute``), and `run` measures the mean reward per policy, family and
rule on the served tasks (`pyverify bench --name P8` reports the worst per family).
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping, Sequence

from ..errors import InvalidArgumentError
from .model import Task

__all__ = ["CONSTANTS", "POLICIES", "RANDOM_DRAWS", "MAX_OTHERS", "answer_shapes", "given_instance", "answers",
           "solved_by", "GENERATION_RANDOM_DRAWS", "BaselineReport", "run", "measure", "TARGET"]

CONSTANTS: tuple[str, ...] = ("0", "1", "-1", "1/2", "1/1000000", "1000000")
RANDOM_DRAWS = 1
#: Random draws a candidate task must survive at generation (seed 0; `run` measures with other seeds).
GENERATION_RANDOM_DRAWS = 16
MAX_OTHERS = 24
#: The benchmark's target: every baseline's mean reward at most this, in every family.
TARGET = 0.02
POLICIES: tuple[str, ...] = tuple(f"const:{c}" for c in CONSTANTS) + ("copy", "random", "other-reference")


def answer_shapes(task: Task) -> dict[str, list[int]]:
    """The keys and shapes an answer to a refute or tune task must have."""
    p = task.payload
    if task.family == "tune":
        return {k: list(v) for k, v in p["tunable"].items()}
    if task.family == "refute":
        return {k: list(v) for k, v in p["variables"].items()}
    raise InvalidArgumentError(f"task {task.id} is a {task.family} task; baselines cover refute and tune")


def given_instance(task: Task) -> dict[str, Any]:
    """The numbers the prompt shows: a tune task's instance, a refute task's fixed part."""
    p = task.payload
    return dict(p.get("instance", {}) if task.family == "tune" else p.get("fixed", {}))


def _fill(shape: Sequence[int], leaf: str) -> Any:
    return leaf if not shape else [_fill(shape[1:], leaf) for _ in range(shape[0])]


def _shape(v: Any) -> list[int]:
    out: list[int] = []
    while isinstance(v, list):
        out.append(len(v))
        v = v[0] if v else None
    return out


def _first(v: Any) -> Any:
    while isinstance(v, list):
        if not v:
            return None
        v = v[0]
    return v


def _rand(shape: Sequence[int], rng: random.Random) -> Any:
    if not shape:
        return f"{rng.randint(-10, 10)}/{rng.randint(1, 10)}"
    return [_rand(shape[1:], rng) for _ in range(shape[0])]


def answers(task: Task, others: Iterable[Mapping[str, Any]] = (), seed: int = 0,
            draws: int = RANDOM_DRAWS) -> Iterator[tuple[str, str]]:
    """``(policy, answer JSON)`` for every shortcut variant on `task`; `others` are reference answers of other
    tasks of the same entry."""
    shapes = answer_shapes(task)
    for c in CONSTANTS:
        yield f"const:{c}", json.dumps({k: _fill(s, c) for k, s in shapes.items()})
    for src, val in given_instance(task).items():
        first = _first(val)
        if not isinstance(first, str):
            continue
        yield "copy", json.dumps({k: (val if _shape(val) == s else _fill(s, first)) for k, s in shapes.items()})
    rng = random.Random(f"{seed}:{task.id}")
    for _ in range(draws):
        yield "random", json.dumps({k: _rand(s, rng) for k, s in shapes.items()})
    for n, ref in enumerate(others):
        if n >= MAX_OTHERS:
            break
        yield "other-reference", json.dumps(dict(ref))


def solved_by(task: Task, others: Iterable[Mapping[str, Any]] = (), seed: int = 0,
              draws: int = GENERATION_RANDOM_DRAWS) -> str | None:
    """The first shortcut policy that earns reward on `task`, or None (generation's filter)."""
    from .grading import grade

    for policy, ans in answers(task, others, seed, draws):
        if grade(task, ans).reward > 0:
            return policy
    return None


@dataclass
class BaselineReport:
    """Mean reward per (family, policy) and per (family, rule, policy), over the tasks run."""

    tasks: dict[str, int] = field(default_factory=dict)
    by_family: dict[str, dict[str, float]] = field(default_factory=dict)
    by_rule: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    solved: dict[str, list[str]] = field(default_factory=dict)

    def worst(self, family: str) -> tuple[str, float]:
        """The policy with the highest mean reward in `family`."""
        items = self.by_family.get(family, {})
        if not items:
            return "-", 0.0
        pol = max(items, key=lambda k: items[k])
        return pol, items[pol]

    def to_json(self) -> dict[str, Any]:
        return {"tasks": self.tasks, "by_family": self.by_family, "by_rule": self.by_rule,
                "worst": {f: {"policy": self.worst(f)[0], "mean_reward": self.worst(f)[1]} for f in self.by_family},
                "target": TARGET, "met": all(self.worst(f)[1] <= TARGET for f in self.by_family),
                "solved": self.solved}


def run(tasks: Sequence[Task], seed: int = 0, references: Mapping[str, Any] | None = None) -> BaselineReport:
    """Run every policy on every refute and tune task in `tasks` (references of the same entry's other tasks
    feed ``other-reference``; `references` maps task ids to reference answers for tasks that are not served)."""
    from .families import reference_answer
    from .grading import grade

    by_entry: dict[str, list[Task]] = defaultdict(list)
    for t in tasks:
        if t.family in ("refute", "tune"):
            by_entry[t.entry_id].append(t)
    wins: dict[tuple[str, str, str], int] = defaultdict(int)
    count: dict[tuple[str, str], int] = defaultdict(int)
    rep = BaselineReport()
    for entry_tasks in by_entry.values():
        refs = {t.id: (references[t.id] if references and t.id in references else reference_answer(t))
                for t in entry_tasks}
        for t in entry_tasks:
            count[(t.family, t.rule)] += 1
            shapes = answer_shapes(t)
            # the reference of one other task of the same entry: the next one, cyclically
            ids = [u.id for u in entry_tasks]
            nxt = ids[(ids.index(t.id) + 1) % len(ids)]
            others = [refs[nxt]] if nxt != t.id else []
            won: set[str] = set()
            for policy, ans in answers(t, others, seed):
                if policy not in won and grade(t, ans).reward > 0:
                    won.add(policy)
            for policy in won:
                wins[(t.family, t.rule, policy)] += 1
                rep.solved.setdefault(policy, []).append(t.id)
    fams = sorted({f for f, _ in count})
    for f in fams:
        n_f = sum(n for (ff, _), n in count.items() if ff == f)
        rep.tasks[f] = n_f
        rep.by_family[f] = {p: sum(w for (ff, _, pp), w in wins.items() if ff == f and pp == p) / n_f
                            for p in POLICIES}
        rep.by_rule[f] = {r: {p: wins[(f, r, p)] / n for p in POLICIES}
                          for (ff, r), n in sorted(count.items()) if ff == f}
    return rep


def measure(seeds: int = 3) -> BaselineReport:
    """The served refute tasks and the tune tasks of seeds 0 … `seeds`-1, with the random policy drawn with
    seeds 1 … `seeds` (never seed 0, which generation's filter used); random rewards are averaged over them."""
    from .families import generate

    if isinstance(seeds, bool) or not isinstance(seeds, int) or seeds < 1:
        raise InvalidArgumentError(f"seeds={seeds!r} must be a positive integer")
    tasks = list(generate("refute"))
    for s in range(seeds):
        tasks.extend(generate("tune", seed=s))
    reports = [run(tasks, seed=s) for s in range(1, seeds + 1)]
    rep = reports[0]
    for f in rep.by_family:
        rep.by_family[f]["random"] = sum(r.by_family[f]["random"] for r in reports) / len(reports)
        for rule in rep.by_rule[f]:
            rep.by_rule[f][rule]["random"] = sum(r.by_rule[f][rule]["random"] for r in reports) / len(reports)
    rep.solved["random"] = sorted({t for r in reports for t in r.solved.get("random", [])})
    return rep
