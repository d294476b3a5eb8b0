"""Verdicts: the only result type of every verifier (never a bare bool).

`status` is one of `STATUSES`; `reason` says why in words; `reward` is 1.0 only for `valid`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = ["Status", "STATUSES", "Verdict"]

Status = Literal[
    "valid", "invalid", "sorry", "forbidden", "timeout", "resource_exhausted", "lean_error", "unavailable",
    "internal_error",
]
STATUSES: tuple[str, ...] = (
    "valid", "invalid", "sorry", "forbidden", "timeout", "resource_exhausted", "lean_error", "unavailable",
    "internal_error",
)


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one answer.

    * `valid`: the answer is accepted (reward 1);
    * `invalid`: well-formed but wrong (reason says how);
    * `sorry`: the proof uses `sorry`/`admit`;
    * `forbidden`: a banned construct (`construct` names it);
    * `timeout` / `resource_exhausted`: killed at the wall-clock or memory/CPU/output limit;
    * `lean_error`: Lean rejected the file (`position` where known);
    * `unavailable`: no Lean toolchain to check with;
    * `internal_error`: the verifier itself failed (never counted as valid).
    """

    status: Status
    reason: str = ""
    construct: str | None = None
    position: dict[str, int] | None = None
    backed_by: str | None = None  # the theorem (or checker) that justifies a `valid` verdict
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status={self.status!r} is not one of {STATUSES}")

    @property
    def reward(self) -> float:
        """1.0 iff the verdict is `valid`."""
        return 1.0 if self.status == "valid" else 0.0

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["reward"] = self.reward
        return d

    @staticmethod
    def from_json(d: dict[str, Any]) -> "Verdict":
        d = {k: v for k, v in d.items() if k != "reward"}
        return Verdict(**d)
