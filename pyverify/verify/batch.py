"""Checking many answers at once, Kimina-style: exactly one verdict per item, always, in input order.

`check_batch(items, timeout=..., workers=...)` takes ``[{"id", "task", "answer"}, ...]`` and returns
``[{"id", "verdict": Verdict.to_json()}, ...]`` in the same order. It never raises because of an item and
never drops one:

* a malformed item (not a dict, no task, a non-string answer) gets an ``invalid`` verdict;
* a worker that crashes (dies without answering) → ``internal_error`` for its item, and a new worker;
* a worker that hangs past the per-item watchdog (``2 * timeout + grace`` seconds: elaboration plus audit)
  → it is killed, together with the process groups of its direct children (the sandboxed Lean runs), and
  the item gets ``timeout``;
* a worker that answers garbage (not a verdict) or an oversized message (past `MAX_MESSAGE_BYTES`)
  → ``internal_error``/``resource_exhausted``, and the worker is replaced.

The embedded executor is a pool of ``spawn``-started processes, each fed one item at a time over its own
pipe (not `concurrent.futures`, whose whole pool breaks when one worker dies). Workers' stdout/stderr go to
``/dev/null``. ``executor="ray"`` runs the same checks as Ray tasks (`pyverify.verify.ray_executor`).

Fault injection (tests only): with ``fault_injection=True`` an item may carry ``"fault"`` ∈ `FAULTS`, and
the worker that takes it hangs, crashes (``os._exit``), prints garbage and answers garbage, or floods its
output and the result pipe. Without the flag the key is ignored.
"""

from __future__ import annotations

import math
import multiprocessing as mp
import os
import signal
import time
from collections.abc import Callable, Mapping, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

from ..errors import InvalidArgumentError
from .verdict import STATUSES, Verdict

__all__ = ["check_batch", "check_one", "FAULTS", "MAX_MESSAGE_BYTES", "DEFAULT_GRACE"]

#: The fault kinds a test can inject into a worker.
FAULTS: tuple[str, ...] = ("hang", "crash", "garbage", "flood")
#: Largest result message accepted from a worker (bytes).
MAX_MESSAGE_BYTES = 1024 * 1024
#: Seconds a worker gets beyond ``2 * timeout`` before the watchdog kills it.
DEFAULT_GRACE = 10.0


def check_one(task: Any, answer: Any, *, timeout: float, template: Any = None,
              trusted_tasks: bool = False) -> Verdict:
    """Check one answer to one task, dispatching on ``task["family"]``; never raises for bad input.

    The task must be a catalog task id or a task object identical to the catalog's
    (`pyverify.verify.catalog_bind.bind_task`), else the verdict is ``invalid``. ``trusted_tasks=True``
    (tests only) skips that binding and makes the internal family ``_selftest`` (valid iff the answer equals
    ``task["expected"]``) reachable. ``prove`` goes to `pyverify.verify.prove.check_prove` (``template``
    overrides the project toolchain); ``refute`` and ``tune`` to the tasks package's ``grade``.
    """
    if not trusted_tasks:
        from .catalog_bind import bind_task

        bound = bind_task(task)
        if isinstance(bound, Verdict):
            return bound
        task = bound
    if not isinstance(task, Mapping):
        return Verdict("invalid", reason=f"the task must be a JSON object, not {type(task).__name__}")
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
            v = grade(dict(task), answer)
            if not isinstance(v, Verdict):
                return Verdict("internal_error", reason=f"the grader returned {type(v).__name__}, not a Verdict")
            return v
        if family == "_selftest" and trusted_tasks:
            ok = answer == task.get("expected")
            return Verdict("valid" if ok else "invalid", reason="self-test: answer equals expected" if ok
                           else "self-test: answer differs from expected", backed_by="string equality")
        return Verdict("invalid", reason=f"task family {family!r} is not one of prove, refute, tune")
    except InvalidArgumentError as exc:
        return Verdict("invalid", reason=f"malformed task: {exc}")
    except Exception as exc:
        return Verdict("internal_error", reason=f"verifier failure: {type(exc).__name__}: {exc}")


def _item_parts(item: Any, index: int) -> tuple[Any, Any, Any, Verdict | None]:
    """(id, task, answer, early verdict) of an input item."""
    if not isinstance(item, Mapping):
        return index, None, None, Verdict("invalid", reason=f"item {index} is a {type(item).__name__}, "
                                                            "not an object with id, task, answer")
    ident = item.get("id", index)
    if "task" not in item or "answer" not in item:
        return ident, None, None, Verdict("invalid", reason=f"item {index} lacks 'task' or 'answer'")
    return ident, item["task"], item["answer"], None


def _split_items(
    items: Sequence[Any], fault_injection: bool
) -> tuple[list[Any], list[Verdict | None], list[tuple[int, Any, Any, Any]]]:
    """``(ids, results, pending)``: every item's id, the verdicts of items that are malformed (``None`` for
    the rest), and ``(index, task, answer, fault)`` of the items to check, last first (``pop()`` gives the
    next in input order)."""
    ids: list[Any] = [None] * len(items)
    results: list[Verdict | None] = [None] * len(items)
    pending: list[tuple[int, Any, Any, Any]] = []
    for i, item in enumerate(items):
        ident, task, answer, early = _item_parts(item, i)
        ids[i] = ident
        if early is not None:
            results[i] = early
        else:
            pending.append((i, task, answer, item.get("fault") if fault_injection else None))
    pending.reverse()
    return ids, results, pending


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


def _worker_main(conn: Connection, timeout: float, fault_injection: bool, template: Any,
                 trusted_tasks: bool = False) -> None:
    import json

    _silence_stdio()
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
        verdict = check_one(task, answer, timeout=timeout, template=template, trusted_tasks=trusted_tasks)
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


class _Worker:
    def __init__(self, ctx: Any, timeout: float, fault_injection: bool, template: Any,
                 trusted_tasks: bool = False) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child, timeout, fault_injection, template, trusted_tasks),
                                daemon=True)
        self.proc.start()
        child.close()
        self.index: int | None = None
        self.started = 0.0

    def assign(self, job: tuple[int, Any, Any, Any]) -> None:
        """Send ``(index, task, answer, fault)`` to the worker and start its clock."""
        self.index = job[0]
        self.started = time.monotonic()
        self.conn.send(job)

    def kill(self) -> None:
        pid = self.proc.pid
        if pid is not None:
            for kid in _children_of(pid):  # sandboxed Lean runs lead their own process groups
                for sig_target in (kid,):
                    try:
                        os.killpg(sig_target, signal.SIGKILL)
                    except (ProcessLookupError, PermissionError):
                        pass
                    try:
                        os.kill(sig_target, signal.SIGKILL)
                    except (ProcessLookupError, PermissionError):
                        pass
        try:
            self.proc.kill()
        except (OSError, ValueError):
            pass
        self.proc.join(timeout=5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(timeout=2)
        if self.proc.is_alive():
            self.kill()
        else:
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
    timeout: float,
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

    ``timeout`` bounds each Lean run (seconds); ``workers`` is the number of worker processes (local) or the
    Ray task concurrency; ``executor`` is ``"local"`` or ``"ray"`` (``ray_address`` for an existing cluster,
    else a local one); ``template`` is passed to `check_prove` (tests use the prelude binary);
    ``fault_injection`` honours the items' ``"fault"`` keys (tests only). ``on_result(index, answer)`` is called
    once per item as soon as its verdict is known (completion order; the local executor streams, Ray reports
    when its batch ends), with the same ``{"id", "verdict"}`` the returned list holds at ``index``.
    ``trusted_tasks`` (tests only) skips binding each task to the catalog (see `check_one`).
    """
    _validate(timeout, workers, grace)
    if executor not in ("local", "ray"):
        raise InvalidArgumentError(f"executor={executor!r} must be 'local' or 'ray'")
    if isinstance(items, (str, bytes)) or not isinstance(items, Sequence):
        raise InvalidArgumentError(f"items must be a list of {{id, task, answer}} objects, not {type(items).__name__}")
    if on_result is not None and not callable(on_result):
        raise InvalidArgumentError(f"on_result={on_result!r} must be a callable (index, answer) or None")
    if executor == "ray":
        from .ray_executor import check_batch_ray

        answers = check_batch_ray(items, timeout=timeout, workers=workers, grace=grace, template=template,
                                  fault_injection=fault_injection, address=ray_address, trusted_tasks=trusted_tasks)
        if on_result is not None:
            for i, a in enumerate(answers):
                on_result(i, a)
        return answers
    return _check_batch_local(items, timeout=timeout, workers=workers, grace=grace, template=template,
                              fault_injection=fault_injection, on_result=on_result, trusted_tasks=trusted_tasks)


def _check_batch_local(items: Sequence[Any], *, timeout: float, workers: int, grace: float, template: Any,
                       fault_injection: bool,
                       on_result: Callable[[int, dict[str, Any]], None] | None = None,
                       trusted_tasks: bool = False) -> list[dict[str, Any]]:
    ids, results, pending = _split_items(items, fault_injection)
    if on_result is not None:
        for i, early in enumerate(results):
            if early is not None:
                on_result(i, _answers([ids[i]], [early])[0])
    budget = 2 * timeout + grace
    ctx = mp.get_context("spawn")
    pool: list[_Worker] = []
    try:
        for _ in range(min(workers, len(pending))):
            pool.append(_Worker(ctx, timeout, fault_injection, template, trusted_tasks))
        for w in pool:
            if pending:
                w.assign(pending.pop())
        while any(w.index is not None for w in pool):
            busy = [w for w in pool if w.index is not None]
            now = time.monotonic()
            wait_for = max(0.01, min(w.started + budget - now for w in busy))
            ready = wait([x for w in busy for x in (w.conn, w.proc.sentinel)], timeout=wait_for)
            for k, w in enumerate(list(pool)):
                if w.index is None:
                    continue
                idx = w.index
                verdict: Verdict | None = None
                replace = False
                if w.conn in ready:
                    try:
                        raw = w.conn.recv_bytes(MAX_MESSAGE_BYTES)
                        verdict = _parse_message(raw, idx)
                        replace = verdict.status == "internal_error"
                    except EOFError:
                        w.proc.join(timeout=1)
                        verdict = Verdict("internal_error", reason=f"the worker died while checking "
                                                                   f"(exit code {w.proc.exitcode})")
                        replace = True
                    except OSError:
                        verdict = Verdict("resource_exhausted", construct="result message cap",
                                          reason=f"the worker's answer passed {MAX_MESSAGE_BYTES} bytes or broke "
                                                 "the pipe; the worker was replaced")
                        replace = True
                elif w.proc.sentinel in ready:
                    w.proc.join(timeout=1)
                    verdict = Verdict("internal_error",
                                      reason=f"the worker died while checking (exit code {w.proc.exitcode})")
                    replace = True
                elif time.monotonic() - w.started > budget:
                    verdict = Verdict("timeout", reason=f"the worker gave no verdict within {budget:g} s "
                                                        "(2 × timeout + grace); it was killed")
                    replace = True
                if verdict is None:
                    continue
                results[idx] = verdict
                if on_result is not None:
                    on_result(idx, _answers([ids[idx]], [verdict])[0])
                w.index = None
                if replace:
                    w.kill()
                    w = _Worker(ctx, timeout, fault_injection, template, trusted_tasks)
                    pool[k] = w
                if pending:
                    w.assign(pending.pop())
    finally:
        for w in pool:
            if w.index is None:
                w.stop()
            else:
                w.kill()
    return _answers(ids, results)
