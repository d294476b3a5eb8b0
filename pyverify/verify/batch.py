"""Checking many answers at once, Kimina-style: exactly one verdict per item, always, in input order.

`check_batch(items, timeout=DEFAULT_TIMEOUT, workers=...)` takes ``[{"id", "task_id" | "task", "answer"}, ...]``
and returns ``[{"id", "verdict": Verdict.to_json()}, ...]`` in the same order. The item shapes are those of
``pyverify verify-batch`` and of the server's ``check_batch`` method (`pyverify.serve`), which call this
function: ``task_id`` names a catalog task; ``task`` is a task object, accepted only when it is identical to
the catalog's task of that id (`pyverify.verify.catalog_bind.bind_task`); both together must name the same
task. `DEFAULT_TIMEOUT` is the one default of the three. It never raises because of an item and never drops
one:

* a malformed item (not a dict, no task, a non-string answer, a task that is not the catalog's) gets an
  ``invalid`` verdict;
* a worker that crashes (dies without answering) → ``internal_error`` for its item, and a new worker;
* a worker that hangs past the per-item watchdog (``2 * timeout + grace`` seconds: elaboration plus audit)
  → it is killed, together with the process groups of its direct children (the sandboxed Lean runs), and
  the item gets ``timeout``;
* a worker that answers garbage (not a verdict) or an oversized message (past `MAX_MESSAGE_BYTES`)
  → ``internal_error``/``resource_exhausted``, and the worker is replaced.

What runs where. Items that need no Lean are decided in the calling process, at once: malformed items,
tasks that do not bind to the catalog, ``refute``/``tune`` answers (exact grading under the grading budget
of `pyverify.tasks.budget`: bounded before any arithmetic and by a deadline), ``prove`` answers the
pre-filter rejects, and ``prove`` answers when no Lean toolchain exists (``unavailable``). The rest (Lean
runs) go to worker processes, each fed one item at a time over its own socket.

Workers are fresh interpreters started with `subprocess` (``python -c`` running `_worker_entry`), not
`multiprocessing` children: a ``spawn``/``forkserver`` child imports the caller's ``__main__`` again, so a
plain script without an ``if __name__ == "__main__":`` guard would start the batch once more in every worker
(issue 10); a ``fork`` child would copy the caller's threads and locks. A fresh interpreter imports only
``pyverify``, so `check_batch` works the same from a script, a notebook, a server thread or a test. Workers'
stdout/stderr go to ``/dev/null``. ``executor="ray"`` runs the same checks as Ray tasks
(`pyverify.verify.ray_executor`); ``on_result`` streams there too.

Fault injection (tests only): with ``fault_injection=True`` an item may carry ``"fault"`` ∈ `FAULTS`, and
the worker that takes it hangs, crashes (``os._exit``), prints garbage and answers garbage, or floods its
output and the result pipe. Without the flag the key is ignored.
"""

from __future__ import annotations

import math
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ..errors import InvalidArgumentError
from .verdict import STATUSES, Verdict

__all__ = ["check_batch", "check_one", "FAULTS", "MAX_MESSAGE_BYTES", "DEFAULT_GRACE", "DEFAULT_TIMEOUT",
           "item_task"]

#: The fault kinds a test can inject into a worker.
FAULTS: tuple[str, ...] = ("hang", "crash", "garbage", "flood")
#: Largest result message accepted from a worker (bytes).
MAX_MESSAGE_BYTES = 1024 * 1024
#: Seconds a worker gets beyond ``2 * timeout`` before the watchdog kills it.
DEFAULT_GRACE = 10.0
#: The default wall-clock limit (seconds) of each Lean run, shared by `check_one`, `check_batch`, the CLI
#: (``pyverify verify``, ``pyverify verify-batch``) and the server (`pyverify.serve`).
DEFAULT_TIMEOUT = 60.0


def _bind(task: Any, trusted_tasks: bool) -> dict[str, Any] | Verdict:
    """The task the answer is graded against: the catalog's (see `check_one`), or the ``invalid`` verdict."""
    if not trusted_tasks:
        from .catalog_bind import bind_task

        return bind_task(task)
    if not isinstance(task, Mapping):
        if isinstance(task, str):
            from .catalog_bind import bind_task

            return bind_task(task)
        return Verdict("invalid", reason=f"the task must be a JSON object, not {type(task).__name__}")
    return dict(task)


def check_one(task: Any, answer: Any, *, timeout: float = DEFAULT_TIMEOUT, template: Any = None,
              trusted_tasks: bool = False) -> Verdict:
    """Check one answer to one task, dispatching on ``task["family"]``; never raises for bad input.

    The task must be a catalog task id or a task object identical to the catalog's
    (`pyverify.verify.catalog_bind.bind_task`), else the verdict is ``invalid``. ``trusted_tasks=True``
    (tests only) skips that binding and makes the internal family ``_selftest`` (valid iff the answer equals
    ``task["expected"]``) reachable. ``prove`` goes to `pyverify.verify.prove.check_prove` (``template``
    overrides the project toolchain); ``refute`` and ``tune`` to the tasks package's ``grade``.
    """
    try:
        bound = _bind(task, trusted_tasks)
    except Exception as exc:
        return Verdict("invalid", reason=f"the task cannot be read: {type(exc).__name__}: {str(exc)[:200]}")
    if isinstance(bound, Verdict):
        return bound
    return _check_bound(bound, answer, timeout=timeout, template=template, allow_selftest=trusted_tasks)


def _catalog_task(task: Mapping[str, Any]) -> Any:
    """The catalog's `Task` object for a task JSON that `bind_task` returned (equal to that object's JSON)."""
    from ..tasks import get_task
    from ..tasks.stream import is_content_id

    tid = str(task["id"])
    if is_content_id(tid):  # an exported task, bound by rebuilding it (`pyverify.tasks.content`)
        from ..tasks.content import rebuilt_task
        from ..tasks.model import Task

        return rebuilt_task(tid) or Task.from_json(dict(task))
    return get_task(tid)


def _check_bound(task: Mapping[str, Any], answer: Any, *, timeout: float, template: Any,
                 allow_selftest: bool) -> Verdict:
    """`check_one` on a task already bound to the catalog (or trusted)."""
    family = task.get("family")
    try:
        if family == "prove":
            from .prove import check_prove

            if not isinstance(answer, str):
                return Verdict("invalid", reason=f"a prove answer must be a string, not {type(answer).__name__}")
            return check_prove(task, answer, timeout=timeout, template=template)
        if family in ("refute", "tune"):
            try:
                from ..tasks import grade
            except ImportError as exc:
                return Verdict("unavailable", reason=f"the task grader is not installed: {exc}")
            if not isinstance(answer, str):
                return Verdict("invalid", reason=f"the answer must be a JSON string, not {type(answer).__name__}")
            # a bound task is the catalog's own (`_bind`): grade the catalog's Task object, which keeps its parsed
            # instance between answers, rather than rebuilding one from JSON per answer
            v = grade(dict(task) if allow_selftest else _catalog_task(task), answer)
            if not isinstance(v, Verdict):
                return Verdict("internal_error", reason=f"the grader returned {type(v).__name__}, not a Verdict")
            return v
        if family == "_selftest" and allow_selftest:
            ok = answer == task.get("expected")
            return Verdict("valid" if ok else "invalid", reason="self-test: answer equals expected" if ok
                           else "self-test: answer differs from expected", backed_by="string equality")
        return Verdict("invalid", reason=f"task family {family!r} is not one of prove, refute, tune")
    except InvalidArgumentError as exc:
        return Verdict("invalid", reason=f"malformed task: {exc}")
    except Exception as exc:
        return Verdict("internal_error", reason=f"verifier failure: {type(exc).__name__}: {exc}")


def _no_lean_verdict(template: Any) -> Verdict | None:
    """``unavailable`` (with the reason) when prove answers cannot reach Lean here, else ``None``."""
    if template is not None:
        return None
    from .prove import template_for_project

    tmpl = template_for_project()
    return tmpl if isinstance(tmpl, Verdict) else None


def _classify(task: Mapping[str, Any], answer: Any, allow_selftest: bool,
              no_lean: Callable[[], Verdict | None]) -> Verdict | str:
    """Where a bound item is decided: its verdict now (no Lean needed and nothing to compute), ``"inline"``
    (refute/tune: graded in the calling process, under the grading budget) or ``"worker"`` (a Lean run)."""
    family = task.get("family")
    if family in ("refute", "tune"):
        return "inline"
    if family == "prove":
        if not isinstance(answer, str):
            return Verdict("invalid", reason=f"a prove answer must be a string, not {type(answer).__name__}")
        spec = task.get("lean_spec")
        if not isinstance(spec, str) or not spec.strip() or "\n" in spec:
            return "inline"  # check_prove names the problem, without running Lean
        from .prefilter import prefilter

        pre = prefilter(answer)
        if pre is not None:
            return pre
        missing = no_lean()
        return missing if missing is not None else "worker"
    if family == "_selftest" and allow_selftest:
        return "worker"  # the tests' path through the workers (fault injection)
    return Verdict("invalid", reason=f"task family {family!r} is not one of prove, refute, tune")


def item_task(item: Mapping[str, Any]) -> tuple[Any, str | None]:
    """``(task, error)`` of a batch item: its ``task_id`` or its ``task`` (both: they must name the same task)."""
    has_id, has_task = "task_id" in item, "task" in item
    if has_id:
        tid = item["task_id"]
        if not isinstance(tid, str):
            return None, f"task_id must be a string, not {type(tid).__name__}"
        if has_task:
            task = item["task"]
            if not (isinstance(task, Mapping) and task.get("id") == tid):
                return None, "the item's task_id and task name different tasks; give one of them"
            return task, None
        return tid, None
    if has_task:
        return item["task"], None
    return None, "the item has neither task_id nor task"


def _item_parts(item: Any, index: int) -> tuple[Any, Any, Any, Verdict | None]:
    """(id, task, answer, early verdict) of an input item."""
    if not isinstance(item, Mapping):
        what = f"{item[:120]!r}" if isinstance(item, str) else f"a {type(item).__name__}"
        return index, None, None, Verdict("invalid", reason=f"item {index} is {what}, not an object with id, "
                                                            "task_id or task, answer")
    ident = item.get("id", index)
    if "answer" not in item:
        return ident, None, None, Verdict("invalid", reason=f"item {index} lacks 'answer'")
    task, error = item_task(item)
    if error is not None:
        return ident, None, None, Verdict("invalid", reason=f"item {index}: {error}")
    return ident, task, item["answer"], None


#: A job for a worker: (index, bound task, answer, injected fault or None).
_Job = tuple[int, Any, Any, Any]


class _Plan:
    """The items of one batch, split by where each is decided (see `_classify`)."""

    def __init__(self, items: Sequence[Any], *, fault_injection: bool, trusted_tasks: bool, template: Any) -> None:
        self.ids: list[Any] = [None] * len(items)
        self.results: list[Verdict | None] = [None] * len(items)
        self.inline: list[tuple[int, Any, Any]] = []
        self.jobs: list[_Job] = []  # last first: pop() gives the next in input order
        self.early: list[int] = []
        lean_missing: list[Verdict | None] = []

        def no_lean() -> Verdict | None:
            if not lean_missing:  # probed once per batch
                lean_missing.append(_no_lean_verdict(template))
            return lean_missing[0]

        for i, item in enumerate(items):
            ident, task, answer, early = _item_parts(item, i)
            self.ids[i] = ident
            if early is None:
                try:
                    bound = _bind(task, trusted_tasks)
                except Exception as exc:  # an odd object from a Python caller: still one verdict, never a raise
                    bound = Verdict("invalid", reason=f"item {i}: the task cannot be read: {type(exc).__name__}: "
                                                      f"{str(exc)[:200]}")
                if isinstance(bound, Verdict):
                    early = bound
                else:
                    fault = item.get("fault") if fault_injection else None
                    where = "worker" if fault in FAULTS else _classify(bound, answer, trusted_tasks, no_lean)
                    if where == "inline":
                        self.inline.append((i, bound, answer))
                    elif where == "worker":
                        self.jobs.append((i, bound, answer, fault))
                    elif isinstance(where, Verdict):
                        early = where
            if early is not None:
                self.results[i] = early
                self.early.append(i)
        self.jobs.reverse()

    def record(self, index: int, verdict: Verdict,
               on_result: Callable[[int, dict[str, Any]], None] | None) -> None:
        """Store ``verdict`` for item ``index`` and report it."""
        self.results[index] = verdict
        if on_result is not None:
            on_result(index, _answers([self.ids[index]], [verdict])[0])

    def report_early(self, on_result: Callable[[int, dict[str, Any]], None] | None) -> None:
        if on_result is not None:
            for i in self.early:
                on_result(i, _answers([self.ids[i]], [self.results[i]])[0])

    def grade_inline(self, timeout: float, template: Any, trusted_tasks: bool,
                     on_result: Callable[[int, dict[str, Any]], None] | None) -> None:
        for i, task, answer in self.inline:
            self.record(i, _check_bound(task, answer, timeout=timeout, template=template,
                                        allow_selftest=trusted_tasks), on_result)

    def answers(self) -> list[dict[str, Any]]:
        return _answers(self.ids, self.results)


def _answers(ids: Sequence[Any], results: Sequence[Verdict | None]) -> list[dict[str, Any]]:
    """One ``{"id", "verdict"}`` per item, in input order; an item without a verdict gets ``internal_error``."""
    return [{"id": ident, "verdict": (v or Verdict("internal_error", reason="no verdict was recorded for this item"))
             .to_json()} for ident, v in zip(ids, results)]


# -- worker side --------------------------------------------------------------------------------
def _silence_stdio() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def _apply_fault(fault: str, conn: Connection, index: int) -> bool:
    """Run an injected fault; returns True when the worker must not send a real answer."""
    if fault == "hang":
        while True:
            time.sleep(3600)
    if fault == "crash":
        os._exit(13)
    if fault == "garbage":
        os.write(1, os.urandom(256))
        conn.send_bytes(b"\xff\x00 this is not a verdict \x13")
        return True
    if fault == "flood":
        os.write(1, b"x" * (4 * 1024 * 1024))
        conn.send_bytes(b"{" + b"9" * (MAX_MESSAGE_BYTES + 1024))
        return True
    return False


def _worker_entry(fd: int) -> None:
    """A worker's main loop (``python -c`` in a fresh interpreter; see the module docstring). The first message
    on the socket ``fd`` is ``(timeout, fault_injection, template, trusted_tasks)``; then one job per message,
    ``None`` to stop. Each answer is ``[index, verdict JSON]`` as UTF-8 JSON bytes."""
    import json

    _silence_stdio()
    conn = Connection(fd)
    try:
        timeout, fault_injection, template, trusted_tasks = conn.recv()
        conn.send_bytes(_READY)  # the watchdog's clock starts now, not while this interpreter was starting
    except (EOFError, OSError):
        return
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        index, task, answer, fault = msg
        if fault_injection and fault in FAULTS and _apply_fault(fault, conn, index):
            continue
        # the parent bound the task to the catalog already (and let _selftest through only for tests)
        verdict = _check_bound(task, answer, timeout=timeout, template=template, allow_selftest=trusted_tasks)
        conn.send_bytes(json.dumps([index, verdict.to_json()], default=str).encode("utf-8"))


# -- parent side --------------------------------------------------------------------------------
def _children_of(pid: int) -> list[int]:
    """Direct children of ``pid`` (Linux /proc; empty elsewhere)."""
    kids: list[int] = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return kids
    for e in entries:
        if not e.isdigit():
            continue
        try:
            with open(f"/proc/{e}/stat", "rb") as f:
                stat = f.read().decode("ascii", errors="replace")
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == pid:
            kids.append(int(e))
    return kids


_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])
_READY = b'"ready"'
#: Seconds a new worker interpreter may take to start and import pyverify before it counts as hung.
STARTUP_LIMIT = 120.0
_WORKER_CODE = "import sys; from pyverify.verify.batch import _worker_entry; _worker_entry(int(sys.argv[1]))"


class _Worker:
    """One worker interpreter and the parent's end of its socket."""

    def __init__(self, timeout: float, fault_injection: bool, template: Any, trusted_tasks: bool = False) -> None:
        parent, child = socket.socketpair()
        env = dict(os.environ)
        if Path(_PACKAGE_PARENT).name not in ("site-packages", "dist-packages"):  # a checkout: import this one
            env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_PARENT, env.get("PYTHONPATH", "")) if p)
        try:
            self.proc = subprocess.Popen([sys.executable, "-c", _WORKER_CODE, str(child.fileno())],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL, pass_fds=(child.fileno(),), env=env)
        except BaseException:
            parent.close()
            raise
        finally:
            child.close()
        self.conn = Connection(parent.detach())
        self.index: int | None = None
        self.ready = False
        self.started = time.monotonic()  # until ready: when the interpreter was started
        try:
            self.conn.send((timeout, fault_injection, template, trusted_tasks))
        except OSError:
            pass  # a worker that died at once: its socket reads EOF and its item gets internal_error

    def assign(self, job: _Job) -> None:
        """Send ``(index, task, answer, fault)`` to the worker and start its clock."""
        self.index = job[0]
        if self.ready:
            self.started = time.monotonic()
        try:
            self.conn.send(job)
        except OSError:
            pass  # the worker is gone; the socket reads EOF and the item gets internal_error

    def deadline(self, budget: float) -> float:
        """When the watchdog gives up on this worker's item (its startup does not count)."""
        return self.started + (budget if self.ready else STARTUP_LIMIT + budget)

    def exit_code(self) -> int | None:
        try:
            return self.proc.wait(timeout=1)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        pid = self.proc.pid
        for kid in _children_of(pid):  # sandboxed Lean runs lead their own process groups
            try:
                os.killpg(kid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                os.kill(kid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        try:
            self.proc.kill()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.kill()
            return
        self.conn.close()


def _parse_message(raw: bytes, index: int) -> Verdict:
    import json

    try:
        obj = json.loads(raw.decode("utf-8"))
        if not (isinstance(obj, list) and len(obj) == 2 and obj[0] == index and isinstance(obj[1], dict)):
            raise ValueError("not [index, verdict]")
        v = Verdict.from_json(obj[1])
        if v.status not in STATUSES:
            raise ValueError("bad status")
        return v
    except Exception as exc:
        return Verdict("internal_error", reason=f"the worker answered garbage ({type(exc).__name__}), "
                                                "not a verdict; the worker was replaced")


def _validate(timeout: float, workers: int, grace: float) -> None:
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0 or math.isinf(timeout):
        raise InvalidArgumentError(f"timeout={timeout!r} must be a positive number of seconds")
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InvalidArgumentError(f"workers={workers!r} must be an integer >= 1")
    if isinstance(grace, bool) or not isinstance(grace, (int, float)) or grace < 0:
        raise InvalidArgumentError(f"grace={grace!r} must be a non-negative number of seconds")


def check_batch(
    items: Sequence[Any],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int = 1,
    executor: str = "local",
    grace: float = DEFAULT_GRACE,
    template: Any = None,
    fault_injection: bool = False,
    ray_address: str | None = None,
    on_result: Callable[[int, dict[str, Any]], None] | None = None,
    trusted_tasks: bool = False,
) -> list[dict[str, Any]]:
    """Check every item; return ``[{"id", "verdict"}]`` with exactly one entry per item, in input order.

    ``items``: ``{"id", "task_id", "answer"}`` or ``{"id", "task", "answer"}`` (see the module docstring).
    ``timeout`` bounds each Lean run (seconds, default `DEFAULT_TIMEOUT`); ``workers`` is the number of worker
    processes (local) or the Ray task concurrency; ``executor`` is ``"local"`` or ``"ray"`` (``ray_address``
    for an existing cluster, else a local one); ``template`` is passed to `check_prove` (tests use the
    prelude binary); ``fault_injection`` honours the items' ``"fault"`` keys (tests only).
    ``on_result(index, answer)`` is called once per item as soon as its verdict is known (completion order,
    with both executors), with the same ``{"id", "verdict"}`` the returned list holds at ``index``.
    ``trusted_tasks`` (tests only) skips binding each task to the catalog (see `check_one`).
    """
    _validate(timeout, workers, grace)
    if executor not in ("local", "ray"):
        raise InvalidArgumentError(f"executor={executor!r} must be 'local' or 'ray'")
    if isinstance(items, (str, bytes)) or not isinstance(items, Sequence):
        raise InvalidArgumentError(f"items must be a list of {{id, task_id | task, answer}} objects, "
                                   f"not {type(items).__name__}")
    if on_result is not None and not callable(on_result):
        raise InvalidArgumentError(f"on_result={on_result!r} must be a callable (index, answer) or None")
    if executor == "ray":
        from .ray_executor import _import_ray

        _import_ray()  # a missing Ray is one clear error, before any verdict is reported
    plan = _Plan(items, fault_injection=fault_injection, trusted_tasks=trusted_tasks, template=template)
    plan.report_early(on_result)
    if executor == "ray":
        from .ray_executor import check_batch_ray

        check_batch_ray(plan, timeout=timeout, workers=workers, grace=grace, template=template,
                        fault_injection=fault_injection, address=ray_address, trusted_tasks=trusted_tasks,
                        on_result=on_result)
        return plan.answers()
    _run_local(plan, timeout=timeout, workers=workers, grace=grace, template=template,
               fault_injection=fault_injection, on_result=on_result, trusted_tasks=trusted_tasks)
    return plan.answers()


def _run_local(plan: _Plan, *, timeout: float, workers: int, grace: float, template: Any, fault_injection: bool,
               on_result: Callable[[int, dict[str, Any]], None] | None = None,
               trusted_tasks: bool = False) -> None:
    budget = 2 * timeout + grace
    pending = plan.jobs
    pool: list[_Worker] = []
    try:
        for _ in range(min(workers, len(pending))):
            pool.append(_Worker(timeout, fault_injection, template, trusted_tasks))
        for w in pool:
            if pending:
                w.assign(pending.pop())
        # the numeric items are graded here while the workers start and run their first Lean checks
        plan.grade_inline(timeout, template, trusted_tasks, on_result)
        while any(w.index is not None for w in pool):
            busy = [w for w in pool if w.index is not None]
            now = time.monotonic()
            wait_for = max(0.01, min(w.deadline(budget) - now for w in busy))
            ready = wait([w.conn for w in busy], timeout=wait_for)
            for k, w in enumerate(list(pool)):
                if w.index is None:
                    continue
                idx = w.index
                verdict: Verdict | None = None
                replace = False
                if w.conn in ready:
                    try:
                        raw = w.conn.recv_bytes(MAX_MESSAGE_BYTES)
                        if raw == _READY and not w.ready:
                            w.ready, w.started = True, time.monotonic()
                            continue
                        verdict = _parse_message(raw, idx)
                        replace = verdict.status == "internal_error"
                    except EOFError:
                        verdict = Verdict("internal_error", reason=f"the worker died while checking "
                                                                   f"(exit code {w.exit_code()})")
                        replace = True
                    except OSError as exc:
                        too_long = "bad message length" in str(exc)
                        verdict = Verdict("resource_exhausted" if too_long else "internal_error",
                                          construct="result message cap" if too_long else None,
                                          reason=(f"the worker's answer passed {MAX_MESSAGE_BYTES} bytes"
                                                  if too_long else f"the worker's socket failed: {exc}")
                                          + "; the worker was replaced")
                        replace = True
                elif time.monotonic() > w.deadline(budget):
                    verdict = Verdict("timeout", reason=f"the worker gave no verdict within {budget:g} s "
                                                        "(2 × timeout + grace)" + ("" if w.ready else
                                                        f" after {STARTUP_LIMIT:g} s to start") + "; it was killed")
                    replace = True
                if verdict is None:
                    continue
                w.index = None
                plan.record(idx, verdict, on_result)
                if replace:
                    w.kill()
                    if not pending:
                        continue
                    w = _Worker(timeout, fault_injection, template, trusted_tasks)
                    pool[k] = w
                if pending:
                    w.assign(pending.pop())
    finally:
        for w in pool:
            if w.index is None:
                w.stop()
            else:
                w.kill()
