"""Tasks from clients are bound to the catalog: a task id, or a task object identical to the catalog's.

A grader that believed a client's task would grade the client's own statement (a ``prove`` task with an
easier ``lean_spec``, a ``refute`` task whose instance is already a counterexample). `bind_task` returns the
catalog's own task for an id, or for a task object equal (as JSON) to the catalog's task of the same id; for
anything else it returns an ``invalid`` `Verdict` saying why. The server (`pyverify.serve`) and the batch API
(`pyverify.verify.batch`, CLI ``verify``/``verify-batch``) call it on every task; only the tests pass
``trusted_tasks=True`` to the batch API (and only then is the internal ``_selftest`` family reachable).

Exported tasks (``pyverify tasks export --count``, `pyverify.tasks.stream`) have content-hashed ids
(``refute/<entry>/<hypothesis>/<h>``, ``tune/<entry>/<h>``) that no catalog lists. A task object with such an id
is bound when the id is the hash of its content and the object equals the task the library builds from that
content (`pyverify.tasks.content.bind_content_task`: statement, hypotheses, objective, prompt, split… all
rebuilt; only ``seed``, the stream seed that drew it, is taken from the object). A bare content id is bound only
when this process made the task (``stream(..., keep=True)``); otherwise the reason asks for the task object.
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
    from ..tasks.stream import is_content_id

    if isinstance(task, Mapping) and is_content_id(tid):
        from ..tasks.content import bind_content_task

        try:
            return bind_content_task(task).to_json()
        except PyVerifyError as exc:
            return Verdict("invalid", reason=f"the exported task {tid} is not one the library builds: {exc}")
    try:
        ref = get_task(tid).to_json()
    except PyVerifyError as exc:
        if is_content_id(tid):
            return Verdict("invalid", reason=f"task {tid} has a content-hashed id (an exported task) that this "
                                             "process did not make: send the task object itself (as `pyverify "
                                             "tasks export` wrote it) instead of its id")
        return Verdict("invalid", reason=f"unknown task: {exc}")
    if isinstance(task, Mapping):
        given, want = _canonical(dict(task)), _canonical(ref)
        if given != want:
            diff = sorted(k for k in set(given) | set(want) if given.get(k) != want.get(k))
            return Verdict("invalid", reason=f"the task object differs from the catalog's task {tid} in {diff}; "
                                             "tasks are graded only as the catalog states them")
    return ref
