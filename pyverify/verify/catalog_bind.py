"""Tasks from clients are bound to the catalog: a task id, or a task object identical to the catalog's.

A grader that believed a client's task would grade the client's own statement (a ``prove`` task with an
easier ``lean_spec``, a ``refute`` task whose instance is already a counterexample). `bind_task` returns the
catalog's own task for an id, or for a task object equal (as JSON) to the catalog's task of the same id; for
anything else it returns an ``invalid`` `Verdict` saying why. The server (`pyverify.serve`) and the batch API
(`pyverify.verify.batch`, CLI ``verify``/``verify-batch``) call it on every task; only the tests pass
``trusted_tasks=True`` to the batch API (and only then is the internal ``_selftest`` family reachable).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .verdict import Verdict

__all__ = ["bind_task"]


def _canonical(obj: Any) -> Any:
    return json.loads(json.dumps(obj, sort_keys=True, default=str))


def bind_task(task: Any) -> dict[str, Any] | Verdict:
    """The catalog's task JSON for ``task`` (an id string or a task object), or the ``invalid`` verdict."""
    from ..errors import PyVerifyError
    from ..tasks import get_task

    tid: Any
    if isinstance(task, str):
        tid = task
    elif isinstance(task, Mapping):
        tid = task.get("id")
        if not isinstance(tid, str):
            return Verdict("invalid", reason="the task has no catalog id; give a task id or a task exactly as "
                                             "`pyverify tasks export` prints it")
    else:
        return Verdict("invalid", reason=f"a task is an id string or a task object, not {type(task).__name__}")
    try:
        ref = get_task(tid).to_json()
    except PyVerifyError as exc:
        return Verdict("invalid", reason=f"unknown task: {exc}")
    if isinstance(task, Mapping):
        given, want = _canonical(dict(task)), _canonical(ref)
        if given != want:
            diff = sorted(k for k in set(given) | set(want) if given.get(k) != want.get(k))
            return Verdict("invalid", reason=f"the task object differs from the catalog's task {tid} in {diff}; "
                                             "tasks are graded only as the catalog states them")
    return ref
