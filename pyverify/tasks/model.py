"""The task format: one JSON-serialisable `Task` for every family, and the stable train/test split."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import InvalidArgumentError

__all__ = ["Family", "FAMILIES", "SPLITS", "TEST_BUCKETS", "Task", "split_of"]

Family = Literal["prove", "refute", "tune"]
FAMILIES: tuple[str, ...] = ("prove", "refute", "tune")
SPLITS: tuple[str, ...] = ("train", "test")
#: A task is held out (``test``) iff ``sha256(id) mod 10 < TEST_BUCKETS``: about 20 % of tasks.
TEST_BUCKETS = 2

_FIELDS = ("id", "family", "rule", "entry_id", "split", "seed", "lean_spec", "lean_proof", "statement", "prompt",
           "payload", "answer_format")


def split_of(task_id: str) -> str:
    """``"test"`` iff ``int(sha256(task_id)) mod 10 < 2``, else ``"train"``: stable across runs and machines."""
    h = int.from_bytes(hashlib.sha256(task_id.encode("utf-8")).digest(), "big")
    return "test" if h % 10 < TEST_BUCKETS else "train"


@dataclass
class Task:
    """One task for an agent.

    * `id`: stable and unique (``prove/<entry>``, ``refute/<entry>/<hypothesis>``,
      ``tune/<entry>/<seed>-<k>``); `split` is a function of it (`split_of`);
    * `family`: ``prove`` | ``refute`` | ``tune``; `rule`, `entry_id`: the catalog entry it comes from;
    * `seed`: the seed it was generated with (tasks are a deterministic function of it);
    * `lean_spec` / `lean_proof`: the spec Prop and the reference theorem proving it;
    * `statement`: the property in words, and for ``prove`` the spec's Lean source text;
    * `prompt`: the text an agent sees (the gymnasium observation);
    * `payload`: what grading needs, family-specific (see docs/AGENTS.md); it never holds a solution;
    * `answer_format`: what the answer must look like, in words.
    """

    id: str
    family: str
    rule: str
    entry_id: str
    split: str
    seed: int
    lean_spec: str
    lean_proof: str
    statement: str
    prompt: str
    payload: dict[str, Any]
    answer_format: str
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        """A fresh JSON-ready dict (the payload is deep-copied through JSON)."""
        d = {k: getattr(self, k) for k in _FIELDS}
        d["payload"] = json.loads(json.dumps(self.payload))
        return d

    def dumps(self) -> str:
        """One line of JSON (for ``--format jsonl``)."""
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=False)

    @staticmethod
    def from_json(d: Any) -> "Task":
        """Rebuild a task from `to_json`'s dict; `InvalidArgumentError` names a missing or mistyped field."""
        if isinstance(d, Task):
            return d
        if not isinstance(d, dict):
            raise InvalidArgumentError(f"task must be a JSON object with fields {list(_FIELDS)}, got {type(d).__name__}")
        missing = [k for k in _FIELDS if k not in d]
        if missing:
            raise InvalidArgumentError(f"task is missing fields {missing}; pass a task as produced by `pyverify tasks export`")
        for k in _FIELDS:
            want: type | tuple[type, ...] = dict if k == "payload" else (int if k == "seed" else str)
            if not isinstance(d[k], want) or (k == "seed" and isinstance(d[k], bool)):
                raise InvalidArgumentError(f"task field {k!r} must be {getattr(want, '__name__', want)}, got "
                                           f"{type(d[k]).__name__}")
        if d["family"] not in FAMILIES:
            raise InvalidArgumentError(f"task family {d['family']!r} is not one of {', '.join(FAMILIES)}")
        return Task(**{k: d[k] for k in _FIELDS})
