"""A gymnasium environment over the task families, registered as ``PyVerify-LearningRules-v0``.

``gymnasium.make("PyVerify-LearningRules-v0")`` works after ``import pyverify`` (the package registers the id;
see `pyverify._gym`). The environment serves the tasks of `pyverify.tasks.generate`, or any list of tasks
(``tasks=``: `Task` objects, their JSON dicts, or a file written by ``pyverify tasks export``).
"""

from __future__ import annotations

import json
import os
import string
from pathlib import Path
from typing import Any, Iterable, SupportsFloat

import gymnasium
from gymnasium import spaces

from ._gym import ENV_ID, register_envs
from .errors import InvalidArgumentError, MissingDependencyError, UnknownNameError
from .tasks import FAMILIES, SPLITS, Task, generate, get_task, grade
from .tasks.answers import MAX_ANSWER_CHARS
from .verify.verdict import Verdict

__all__ = ["ENV_ID", "LearningRulesEnv", "register_envs", "CHARSET", "RESET_OPTIONS", "prove_unavailable"]

MAX_OBSERVATION_CHARS = 65_536
#: The keys `reset` accepts in ``options``.
RESET_OPTIONS = ("family", "rule", "split", "task_id", "index")

_RANGES = [
    (0x00A0, 0x00FF),  # Latin-1 supplement
    (0x0370, 0x03FF),  # Greek
    (0x2000, 0x206F),  # general punctuation
    (0x2070, 0x209F),  # super- and subscripts
    (0x2100, 0x214F),  # letterlike symbols
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x2300, 0x23FF),  # miscellaneous technical
    (0x27C0, 0x27FF),  # math symbols A (⟪ ⟫), supplemental arrows A
    (0x2980, 0x2AFF),  # math symbols B, supplemental operators
    (0x1D400, 0x1D7FF),  # mathematical alphanumerics
]


def _base_charset() -> set[str]:
    chars = set(string.printable) - set("\x0b\x0c\r")
    for lo, hi in _RANGES:
        chars.update(chr(c) for c in range(lo, hi + 1))
    return chars


#: Printable ASCII, newline and tab, and the Unicode blocks Lean and the catalog use.
CHARSET: frozenset[str] = frozenset(_base_charset())


def prove_unavailable() -> str | None:
    """Why ``prove`` answers cannot be checked on this machine (no ``lake``, no ``lean``, LearningRules not
    built), or None when they can. The env serves no prove task while this is not None."""
    from .verify.prove import template_for_project

    try:
        tpl = template_for_project()
    except Exception as exc:  # no Lean sources, a broken override: no prove tasks either
        return f"{type(exc).__name__}: {exc}"
    return tpl.reason if isinstance(tpl, Verdict) else None


def _load_tasks(tasks: Any) -> list[Task]:
    """`Task` objects from a list of tasks or task dicts, or from a JSON-lines / JSON file of them."""
    if isinstance(tasks, (str, os.PathLike)):
        path = Path(tasks)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidArgumentError(f"tasks={str(path)!r} cannot be read: {exc}; pass a file written by "
                                       "`pyverify tasks export` (JSON lines) or a list of tasks") from exc
        if text.lstrip().startswith("["):
            try:
                items: list[Any] = json.loads(text)
            except ValueError as exc:
                raise InvalidArgumentError(f"tasks file {str(path)!r} is not valid JSON: {exc}") from exc
        else:
            items = []
            for n, line in enumerate(text.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    items.append(json.loads(line))
                except ValueError as exc:
                    raise InvalidArgumentError(f"tasks file {str(path)!r}, line {n}: not JSON ({exc}); one task "
                                               "per line, as `pyverify tasks export --format jsonl` writes") from exc
        tasks = items
    if isinstance(tasks, (dict, Task)) or not isinstance(tasks, Iterable):
        raise InvalidArgumentError(f"tasks must be a list of tasks or a path to a JSON-lines file of them, got "
                                   f"{type(tasks).__name__}")
    out: list[Task] = []
    seen: set[str] = set()
    for n, t in enumerate(tasks):
        try:
            task = Task.from_json(t)
        except InvalidArgumentError as exc:
            raise InvalidArgumentError(f"tasks[{n}]: {exc}") from exc
        if task.id in seen:
            raise InvalidArgumentError(f"tasks[{n}]: duplicate task id {task.id!r}; every task must appear once")
        seen.add(task.id)
        out.append(task)
    if not out:
        raise InvalidArgumentError("tasks is empty; pass at least one task")
    return out


def _json_safe(d: Any) -> Any:
    return json.loads(json.dumps(d, default=str))


class LearningRulesEnv(gymnasium.Env[str, str]):
    """Verifiable tasks about formally specified learning rules, one task per episode.

    ## Description

    Each episode is one task from `pyverify.tasks`: ``prove`` (write a Lean proof of a spec Prop),
    ``refute`` (complete an exact instance showing a dropped hypothesis is necessary) or ``tune`` (give the
    hyperparameters that optimise a proved guarantee on a concrete instance). The task is rendered as text;
    the agent answers with text; the grader decides it.

    ## Action Space

    `gymnasium.spaces.Text`: the answer, at most 100 000 characters. ``prove``: a Lean proof body.
    ``refute``/``tune``: a JSON object of exact rationals as strings (see the observation). Any text is
    accepted; a malformed answer earns reward 0 with a reason.

    ## Observation Space

    `gymnasium.spaces.Text` from `CHARSET` (ASCII and the Unicode blocks of Lean and the catalog): after
    `reset`, the task prompt; after `step`, the grader's feedback (``Accepted …`` or ``Not accepted
    (<status>): <reason>`` and how many attempts are left). Characters outside the charset are shown as ``?``.

    ## Rewards

    1.0 iff the verdict is ``valid``, else 0.0. ``refute``/``tune`` are decided in exact rational arithmetic;
    ``prove`` by the Lean verifier.

    ## Starting State

    `reset` picks a task from those selected by ``options`` (`RESET_OPTIONS`):

    * ``family``, ``rule``, ``split``: filters (defaults: the constructor's; family ``None`` means every
      family available: ``prove`` only where a Lean toolchain is, see `prove_unavailable`);
    * ``task_id``: exactly that task (any task the env serves; filters given with it must match it);
    * ``index``: the task at that position of the selection, in id order (`task_ids` lists it), to walk a
      split in order; without ``task_id`` or ``index`` the task is drawn uniformly with the env's generator
      (the same seed gives the same task).

    ## Episode End

    Terminated when an answer is accepted, or after `max_attempts` answers (default 1); never truncated.
    Calling `step` after the end returns reward 0 and an ``invalid`` verdict.

    ## Info

    JSON-serialisable: ``task_id``, ``family``, ``rule``, ``entry_id``, ``split``, ``answer_format``,
    ``attempt`` (answers given so far), ``max_attempts``, and after a step ``verdict``
    (`Verdict.to_json()`: ``status``, ``reason``, ``reward``, …).

    ## Arguments

    ``family``, ``rule``, ``split`` (default filters), ``task_seed`` (the seed of the served tune tasks),
    ``max_attempts``, ``tasks`` (serve these tasks instead: `Task` objects, dicts, or a path to a file from
    ``pyverify tasks export``), ``render_mode="ansi"``, ``prove_timeout`` (seconds per Lean check).
    """

    metadata = {"render_modes": ["ansi"], "render_fps": 4}

    def __init__(self, family: str | None = None, rule: str | None = None, split: str | None = None,
                 task_seed: int = 0, render_mode: str | None = None, prove_timeout: float | None = None,
                 max_attempts: int = 1, tasks: Any = None) -> None:
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise InvalidArgumentError(f"render_mode={render_mode!r} is not one of {self.metadata['render_modes']}")
        if isinstance(max_attempts, bool) or not isinstance(max_attempts, int) or max_attempts < 1:
            raise InvalidArgumentError(f"max_attempts={max_attempts!r} must be an integer >= 1 (answers allowed "
                                       "per episode)")
        if isinstance(task_seed, bool) or not isinstance(task_seed, int) or task_seed < 0:
            raise InvalidArgumentError(f"task_seed={task_seed!r} must be a non-negative integer")
        self.render_mode = render_mode
        self.task_seed = int(task_seed)
        self.prove_timeout = prove_timeout
        self.max_attempts = int(max_attempts)
        self._given = _load_tasks(tasks) if tasks is not None else None
        self._defaults: dict[str, Any] = {"family": family, "rule": rule, "split": split}
        self._check_options(self._defaults)
        self._no_prove = prove_unavailable() if self._uses_prove() else None
        self._require_prove(family)
        self._pools: dict[tuple[Any, ...], list[Task]] = {}
        chars = set(CHARSET)
        longest = 0
        for fam in self._families(None):
            for t in self._family_tasks(fam, None, None):
                chars.update(t.prompt)
                longest = max(longest, len(t.prompt))
        self._charset = frozenset(chars)
        self._max_obs = max(MAX_OBSERVATION_CHARS, longest)
        self.observation_space = spaces.Text(self._max_obs, min_length=0, charset=self._charset)
        self.action_space = spaces.Text(MAX_ANSWER_CHARS, min_length=0, charset=self._charset)
        self._task: Task | None = None
        self._done = True
        self._attempt = 0
        self._last: Verdict | None = None

    # -- selection -----------------------------------------------------------------------------------
    def _uses_prove(self) -> bool:
        if self._given is not None:
            return any(t.family == "prove" for t in self._given)
        return True

    def _require_prove(self, family: str | None) -> None:
        if family == "prove" and self._no_prove is not None:
            raise MissingDependencyError(
                f"family='prove' needs a Lean toolchain to check proofs; {self._no_prove}."
                " Install elan and the toolchain of lean-toolchain, run `lake build LearningRules` "
                "(`pyverify lean build`), or use family='refute', 'tune' or None (which then serves no prove task)")

    def _families(self, family: str | None) -> tuple[str, ...]:
        if family is not None:
            return (family,)
        return tuple(f for f in FAMILIES if f != "prove" or self._no_prove is None)

    def _family_tasks(self, family: str, rule: str | None, split: str | None) -> list[Task]:
        if self._given is None:
            return generate(family, rule=rule, split=split, seed=self.task_seed)
        if rule is not None:
            from .catalog import rules

            if rule not in rules():
                raise UnknownNameError(f"unknown rule {rule!r}; choose one of {', '.join(rules())}")
        return [t for t in self._given if t.family == family and (rule is None or t.rule == rule)
                and (split is None or t.split == split)]

    @staticmethod
    def _check_options(opts: dict[str, Any]) -> None:
        unknown = set(opts) - set(RESET_OPTIONS)
        if unknown:
            raise InvalidArgumentError(f"unknown reset options {sorted(unknown)}; use {', '.join(RESET_OPTIONS)}")
        fam = opts.get("family")
        if fam is not None and fam not in FAMILIES:
            raise InvalidArgumentError(f"family={fam!r} is not one of {', '.join(FAMILIES)} (or None for all)")
        split = opts.get("split")
        if split is not None and split not in SPLITS:
            raise InvalidArgumentError(f"split={split!r} is not one of {', '.join(SPLITS)} (or None for both)")
        rule = opts.get("rule")
        if rule is not None and not isinstance(rule, str):
            raise InvalidArgumentError(f"rule={rule!r} must be a rule name (str) or None")
        tid = opts.get("task_id")
        if tid is not None and not isinstance(tid, str):
            raise InvalidArgumentError(f"task_id={tid!r} must be a task id (str), e.g. from env.unwrapped.task_ids()")
        idx = opts.get("index")
        if idx is not None and (isinstance(idx, bool) or not isinstance(idx, int) or idx < 0):
            raise InvalidArgumentError(f"index={idx!r} must be a non-negative integer (a position in task_ids())")
        if tid is not None and idx is not None:
            raise InvalidArgumentError("pass task_id or index, not both")

    def _pool(self, family: str | None, rule: str | None, split: str | None) -> list[Task]:
        key = (family, rule, split)
        if key not in self._pools:
            self._require_prove(family)
            pool: list[Task] = []
            for f in self._families(family):
                pool.extend(self._family_tasks(f, rule, split))
            if not pool:
                raise InvalidArgumentError(f"no tasks for family={family!r}, rule={rule!r}, split={split!r}; "
                                           "widen the selection")
            pool.sort(key=lambda t: t.id)
            self._pools[key] = pool
        return self._pools[key]

    def task_ids(self, family: str | None = None, rule: str | None = None, split: str | None = None) -> list[str]:
        """The ids of the tasks a reset with these filters chooses from, in the order ``options={"index": k}``
        walks them (sorted by id). Unset filters take the constructor's defaults."""
        opts = {**self._defaults, **{k: v for k, v in (("family", family), ("rule", rule), ("split", split))
                                     if v is not None}}
        self._check_options(opts)
        return [t.id for t in self._pool(opts["family"], opts["rule"], opts["split"])]

    def _find(self, task_id: str, given: dict[str, Any]) -> Task:
        task: Task | None = None
        if self._given is not None:
            task = next((t for t in self._given if t.id == task_id), None)
            if task is None:
                raise UnknownNameError(f"task_id={task_id!r} is not among this env's {len(self._given)} tasks; "
                                       "env.unwrapped.task_ids() lists them")
        else:
            task = next((t for pool in self._pools.values() for t in pool if t.id == task_id), None)
            if task is None:
                task = get_task(task_id)
        self._require_prove(task.family)
        for k in ("family", "rule", "split"):
            if given.get(k) is not None and getattr(task, k) != given[k]:
                raise InvalidArgumentError(f"task_id={task_id!r} has {k}={getattr(task, k)!r}, but options ask for "
                                           f"{k}={given[k]!r}; drop the {k} option or pick another task")
        return task

    @property
    def task(self) -> Task | None:
        """The current episode's task."""
        return self._task

    def _info(self) -> dict[str, Any]:
        t = self._task
        assert t is not None
        return {"task_id": t.id, "family": t.family, "rule": t.rule, "entry_id": t.entry_id, "split": t.split,
                "answer_format": t.answer_format, "attempt": self._attempt, "max_attempts": self.max_attempts}

    def _observe(self, text: str) -> str:
        """`text` inside the observation space: unknown characters become ``?``, cut to the maximum length."""
        cs = self._charset
        text = text[: self._max_obs]  # the mapping is one character for one, so cutting first is the same
        if cs.issuperset(text):  # the usual case, at C speed (prompts run to thousands of characters)
            return text
        return "".join(c if c in cs else "?" for c in text)

    # -- gymnasium API ---------------------------------------------------------------------------------
    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
        super().reset(seed=seed)
        if options is not None and not isinstance(options, dict):
            raise InvalidArgumentError(f"options must be a dict with keys among {', '.join(RESET_OPTIONS)}, "
                                       f"got {type(options).__name__}")
        given = dict(options or {})
        opts = {**self._defaults, **given}
        self._check_options(opts)
        if opts.get("task_id") is not None:
            self._task = self._find(opts["task_id"], given)
        else:
            pool = self._pool(opts["family"], opts["rule"], opts["split"])
            idx = opts.get("index")
            if idx is not None:
                if idx >= len(pool):
                    raise InvalidArgumentError(f"index={idx} is past the end: this selection has {len(pool)} tasks "
                                               f"(indices 0 … {len(pool) - 1}; env.unwrapped.task_ids() lists them)")
                self._task = pool[idx]
            else:
                self._task = pool[int(self.np_random.integers(len(pool)))]
        self._done = False
        self._attempt = 0
        self._last = None
        return self._observe(self._task.prompt), self._info()

    def step(self, action: str) -> tuple[str, SupportsFloat, bool, bool, dict[str, Any]]:
        if self._task is None:
            raise InvalidArgumentError("call reset() before step()")
        if self._done:
            verdict = Verdict("invalid", "the episode has ended; call reset() for a new task")
            feedback = f"Not accepted ({verdict.status}): {verdict.reason}"
        else:
            if not isinstance(action, str):
                verdict = Verdict("invalid", f"the action must be text (str), got {type(action).__name__}")
            else:
                verdict = grade(self._task, action, timeout=self.prove_timeout)
            self._attempt += 1
            left = self.max_attempts - self._attempt
            if verdict.status == "valid":
                self._done = True
                feedback = f"Accepted ({verdict.status}): {verdict.reason}"
            else:
                self._done = left <= 0
                feedback = f"Not accepted ({verdict.status}): {verdict.reason}\n\n" + (
                    "No attempts left." if self._done else
                    f"Attempt {self._attempt} of {self.max_attempts}; {left} left. Answer again: "
                    f"{self._task.answer_format}")
        self._last = verdict
        info = self._info()
        info["verdict"] = _json_safe(verdict.to_json())
        return self._observe(feedback), float(verdict.reward), self._done, False, info

    def render(self) -> str | None:  # type: ignore[override]
        if self.render_mode != "ansi" or self._task is None:
            return None
        tail = "" if self._last is None else f"\n\nVerdict: {self._last.status} — {self._last.reason}"
        return self._task.prompt + tail
