"""The library as tasks for proof-search agents: ``prove``, ``refute`` and ``tune``.

* `generate(family, rule=..., split=..., seed=...)` lists the served tasks; `get_task(id)` finds one;
* `stream(family, seed=...)` draws as many distinct tasks as wanted, lazily (content-hashed ids);
* `grade(task, answer) -> Verdict` grades an answer (never raises; ``prove`` goes to the Lean verifier);
* `Task` is the one JSON-serialisable task format; `split_of(id)` the stable hash split.

See docs/AGENTS.md for the formats, the verdicts and the trust model.
"""

from __future__ import annotations

from .families import generate, get_task, index_task, reference_answer, skipped
from .grading import grade
from .model import FAMILIES, SPLITS, Task, split_of
from .render import render_prompt
from .stream import stream, stream_with_references

__all__ = ["FAMILIES", "SPLITS", "Task", "generate", "get_task", "grade", "index_task", "reference_answer",
           "render_prompt", "skipped", "split_of", "stream", "stream_with_references"]
