"""A gymnasium environment over the task families, registered as ``PyVerify-LearningRules-v0``.

``gymnasium.make("PyVerify-LearningRules-v0")`` works after ``import pyverify.env`` or through the
package's ``gymnasium.envs`` entry point (`register_envs`).
"""

from __future__ import annotations

import string
from typing import Any, SupportsFloat

import gymnasium
from gymnasium import spaces

from .errors import InvalidArgumentError
from .tasks import FAMILIES, SPLITS, Task, generate, grade
from .tasks.answers import MAX_ANSWER_CHARS
from .verify.verdict import Verdict

__all__ = ["ENV_ID", "LearningRulesEnv", "register_envs", "CHARSET"]

ENV_ID = "PyVerify-LearningRules-v0"
MAX_OBSERVATION_CHARS = 65_536

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


class LearningRulesEnv(gymnasium.Env[str, str]):
    """Verifiable tasks about formally specified learning rules, one task per episode.

    ## Description

    Each episode is one task from `pyverify.tasks`: ``prove`` (write a Lean proof of a spec Prop),
    ``refute`` (give an exact instance showing a dropped hypothesis is necessary) or ``tune`` (give
    hyperparameters that make a proved theorem apply to a concrete instance). The task is rendered as
    text; the agent answers with text; the verifier grades it.

    ## Action Space

    `gymnasium.spaces.Text`: the answer, at most 100 000 characters. ``prove``: a Lean proof body.
    ``refute``/``tune``: a JSON object of exact rationals as strings (see the observation). Any text is
    accepted; malformed answers earn reward 0 with a reason in ``info["verdict"]``.

    ## Observation Space

    `gymnasium.spaces.Text`: the task prompt (statement, context, variables and answer format), at most
    65 536 characters from `CHARSET` (ASCII and the Unicode blocks of Lean and the catalog).

    ## Rewards

    1.0 iff the verdict is ``valid``, else 0.0 (``invalid``, ``forbidden``, ``lean_error``, ``timeout``,
    ``unavailable``, ...). ``refute``/``tune`` are decided in exact rational arithmetic; ``prove`` by the
    Lean verifier (``unavailable`` without a toolchain).

    ## Starting State

    `reset` draws a task uniformly, with the env's generator, from the tasks selected by
    ``options={"family", "rule", "split"}`` (defaults: the constructor's arguments; family ``None`` means
    all families). The same seed gives the same task.

    ## Episode End

    The episode terminates after one `step` (one answer, one verdict); it is never truncated. Calling
    `step` again before `reset` returns reward 0 and an ``invalid`` verdict.
    """

    metadata = {"render_modes": ["ansi"], "render_fps": 4}

    def __init__(self, family: str | None = None, rule: str | None = None, split: str | None = None,
                 task_seed: int = 0, render_mode: str | None = None, prove_timeout: float | None = None) -> None:
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise InvalidArgumentError(f"render_mode={render_mode!r} is not one of {self.metadata['render_modes']}")
        self.render_mode = render_mode
        self.task_seed = int(task_seed)
        self.prove_timeout = prove_timeout
        self._defaults = {"family": family, "rule": rule, "split": split}
        self._check_options(self._defaults)
        self._pools: dict[tuple[Any, ...], list[Task]] = {}
        chars = set(CHARSET)
        longest = 0
        for fam in FAMILIES:
            for t in generate(fam, seed=self.task_seed):
                chars.update(t.prompt)
                longest = max(longest, len(t.prompt))
        self.observation_space = spaces.Text(max(MAX_OBSERVATION_CHARS, longest), min_length=0,
                                             charset=frozenset(chars))
        self.action_space = spaces.Text(MAX_ANSWER_CHARS, min_length=0, charset=frozenset(chars))
        self._task: Task | None = None
        self._done = True
        self._last: Verdict | None = None

    @staticmethod
    def _check_options(opts: dict[str, Any]) -> None:
        unknown = set(opts) - {"family", "rule", "split"}
        if unknown:
            raise InvalidArgumentError(f"unknown reset options {sorted(unknown)}; use family, rule and split")
        fam = opts.get("family")
        if fam is not None and fam not in FAMILIES:
            raise InvalidArgumentError(f"family={fam!r} is not one of {', '.join(FAMILIES)}")
        split = opts.get("split")
        if split is not None and split not in SPLITS:
            raise InvalidArgumentError(f"split={split!r} is not one of {', '.join(SPLITS)}")

    def _pool(self, family: str | None, rule: str | None, split: str | None) -> list[Task]:
        key = (family, rule, split)
        if key not in self._pools:
            fams = FAMILIES if family is None else (family,)
            pool: list[Task] = []
            for f in fams:
                pool.extend(generate(f, rule=rule, split=split, seed=self.task_seed))
            if not pool:
                raise InvalidArgumentError(f"no tasks for family={family!r}, rule={rule!r}, split={split!r}")
            self._pools[key] = pool
        return self._pools[key]

    @property
    def task(self) -> Task | None:
        """The current episode's task."""
        return self._task

    def _info(self) -> dict[str, Any]:
        t = self._task
        assert t is not None
        return {"task_id": t.id, "family": t.family, "rule": t.rule, "entry_id": t.entry_id, "split": t.split,
                "answer_format": t.answer_format}

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
        super().reset(seed=seed)
        opts = {**self._defaults, **(options or {})}
        self._check_options(opts)
        pool = self._pool(opts["family"], opts["rule"], opts["split"])
        self._task = pool[int(self.np_random.integers(len(pool)))]
        self._done = False
        self._last = None
        return self._task.prompt, self._info()

    def step(self, action: str) -> tuple[str, SupportsFloat, bool, bool, dict[str, Any]]:
        if self._task is None:
            raise InvalidArgumentError("call reset() before step()")
        if self._done:
            verdict = Verdict("invalid", "the episode has ended (one answer per task); call reset() for a new task")
        elif not isinstance(action, str):
            verdict = Verdict("invalid", f"the action must be text (str), got {type(action).__name__}")
        else:
            verdict = grade(self._task, action, timeout=self.prove_timeout)
        self._done = True
        self._last = verdict
        info = self._info()
        info["verdict"] = verdict
        return self._task.prompt, float(verdict.reward), True, False, info

    def render(self) -> str | None:  # type: ignore[override]
        if self.render_mode != "ansi" or self._task is None:
            return None
        tail = "" if self._last is None else f"\n\nVerdict: {self._last.status} — {self._last.reason}"
        return self._task.prompt + tail


def register_envs() -> None:
    """Register ``PyVerify-LearningRules-v0`` with gymnasium (idempotent; also the entry point's hook)."""
    if ENV_ID not in gymnasium.registry:
        gymnasium.register(id=ENV_ID, entry_point="pyverify.env:LearningRulesEnv", nondeterministic=False)


register_envs()
