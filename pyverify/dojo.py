"""LeanDojo bridge: every ``prove`` task as a `lean_dojo.Theorem` of this repository.

The reference proofs in ``proofs/`` are ordinary theorems, so LeanDojo can trace the repository and replay
them. `dojo_targets` is pure data (no Lean, no lean-dojo): for each prove task, the repository path, the
``proofs/`` file that declares ``theorem <lean_proof>`` and the theorem's full name. `dojo_theorems` turns
them into ``lean_dojo.Theorem(LeanGitRepo.from_path(repo), file, full_name)`` objects and needs the
optional extra (``pip install lean-dojo``).

Tracing calls the GitHub API and builds the repository with ``lake``; see docs/AGENTS.md for the offline
recipe (a local path, an already traced ``CACHE_DIR``, ``DISABLE_REMOTE_CACHE=1``, the toolchain installed).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .errors import InvalidArgumentError, MissingDependencyError
from .tasks import Task, generate
from .lean.sources import project_root
from .tasks.lean_source import proof_file

__all__ = ["DojoTarget", "dojo_targets", "dojo_theorems", "require_lean_dojo"]


@dataclass(frozen=True)
class DojoTarget:
    """Where LeanDojo finds the reference theorem of one prove task."""

    task_id: str
    repo_path: str
    file_path: str
    full_name: str


def dojo_targets(tasks: Iterable[Task] | None = None, *, strict: bool = True) -> list[DojoTarget]:
    """The LeanDojo coordinates of prove tasks (all prove tasks by default).

    A task whose reference theorem is not (yet) declared in ``proofs/`` raises `InvalidArgumentError`
    when `strict`, and is left out otherwise.
    """
    root = project_root()
    out: list[DojoTarget] = []
    for t in (generate("prove") if tasks is None else tasks):
        if t.family != "prove":
            raise InvalidArgumentError(f"task {t.id} is a {t.family} task; only prove tasks map to LeanDojo theorems")
        f = proof_file(t.lean_proof)
        if f is None:
            if strict:
                raise InvalidArgumentError(
                    f"no `theorem {t.lean_proof}` in proofs/ for task {t.id}; add the proof or pass strict=False"
                )
            continue
        out.append(DojoTarget(t.id, str(root), f, t.lean_proof))
    return out


def require_lean_dojo() -> Any:
    """Import `lean_dojo`, or raise `MissingDependencyError` with the install command."""
    try:
        import lean_dojo
    except ImportError as exc:
        raise MissingDependencyError(
            "the LeanDojo bridge needs lean-dojo; install it with `pip install lean-dojo` "
            "(or `pip install pyverify[dojo]`)"
        ) from exc
    return lean_dojo


def dojo_theorems(targets: Iterable[DojoTarget] | None = None) -> list[Any]:
    """`lean_dojo.Theorem` objects for the targets (all prove tasks by default); needs lean-dojo."""
    lean_dojo = require_lean_dojo()
    targets = dojo_targets() if targets is None else list(targets)
    repos: dict[str, Any] = {}
    out = []
    for tg in targets:
        if tg.repo_path not in repos:
            repos[tg.repo_path] = lean_dojo.LeanGitRepo.from_path(Path(tg.repo_path))
        out.append(lean_dojo.Theorem(repos[tg.repo_path], tg.file_path, tg.full_name))
    return out
