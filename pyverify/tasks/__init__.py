"""The library as tasks for proof-search agents: ``prove``, ``refute`` and ``tune``.

* `generate(family, rule=..., split=..., seed=...)` lists tasks; `get_task(id)` finds one;
* `grade(task, answer) -> Verdict` grades an answer (never raises; ``prove`` goes to the Lean verifier);
* `Task` is the one JSON-serialisable task format; `split_of(id)` the stable hash split.

See docs/AGENTS.md for the formats, the verdicts and the trust model.
"""

from __future__ import annotations

from .families import generate, get_task, reference_answer, skipped
from .grading import grade
from .model import FAMILIES, SPLITS, Task, split_of
from .render import render_prompt

__all__ = ["FAMILIES", "SPLITS", "Task", "generate", "get_task", "grade", "reference_answer", "render_prompt",
           "skipped", "split_of"]
