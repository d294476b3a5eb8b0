"""The verifier: checks answers to tasks and returns a `Verdict` (see `pyverify.verify.verdict`)."""

from .verdict import STATUSES, Status, Verdict

__all__ = ["STATUSES", "Status", "Verdict"]
