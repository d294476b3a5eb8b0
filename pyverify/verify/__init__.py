"""The verifier: checks answers to tasks and returns a `Verdict` (see `pyverify.verify.verdict`).

* `prefilter` — the first, text-only filter of `prove` answers;
* `check_prove` — pre-filter, sandboxed elaboration, audit (`pyverify.verify.prove`);
* `check_one` / `check_batch` — dispatch on the task family, and Kimina-style batches (`pyverify.verify.batch`).

The heavier modules are imported on first use, so ``import pyverify.verify`` stays cheap.
"""

from __future__ import annotations

from typing import Any

from .verdict import STATUSES, Status, Verdict

__all__ = ["STATUSES", "Status", "Verdict", "prefilter", "check_prove", "check_one", "check_batch",
           "ProveTemplate"]


def __getattr__(name: str) -> Any:
    if name == "prefilter":
        from .prefilter import prefilter

        return prefilter
    if name in ("check_prove", "ProveTemplate"):
        from . import prove

        return getattr(prove, name)
    if name in ("check_one", "check_batch"):
        from . import batch

        return getattr(batch, name)
    raise AttributeError(f"module 'pyverify.verify' has no attribute {name!r}")
