"""`pyverify serve --stdio`: a JSON-lines protocol over stdin/stdout, for agents in any language.

One request per line, one response line per request, in order:

    {"id": 1, "method": "tasks", "params": {"family": "refute", "rule": null, "split": "test", "seed": 0}}
    {"id": 1, "result": [{"id": "refute/…", "family": "refute", …}, …]}

Methods:

* ``tasks``  — params ``family`` (required), ``rule``, ``split``, ``seed``, ``entry_id``: a list of tasks;
* ``task``   — params ``id``: one task;
* ``check``  — params ``answer`` and ``task_id`` (or a full ``task`` object, which must be identical to the
  catalog's task of that id: anything else is an ``invalid`` verdict), optional ``timeout``: a verdict;
* ``check_batch`` — params ``items`` (``[{"id", "task_id" | "task", "answer"}]``), optional ``timeout``,
  ``workers``, ``executor``: ``[{"id", "verdict"}]``, one per item.

Errors are responses too: ``{"id": …, "error": {"code": "parse_error" | "invalid_request" |
"unknown_method" | "invalid_params" | "internal_error", "message": "…"}}`` (``id`` is null when the line
could not be read). The server never exits on a bad line; it stops at end of input.
"""

from __future__ import annotations

import json
import sys
from typing import IO, Any, Callable

from .errors import PyVerifyError
from .tasks import Task, generate, get_task, grade
from .verify.verdict import Verdict

__all__ = ["handle", "handle_line", "serve", "METHODS", "MAX_LINE_CHARS"]

MAX_LINE_CHARS = 16 * 1024 * 1024


class _ParamError(Exception):
    pass


def _params(req: dict[str, Any]) -> dict[str, Any]:
    p = req.get("params", {})
    if p is None:
        return {}
    if not isinstance(p, dict):
        raise _ParamError("params must be a JSON object")
    return p


def _opt_str(p: dict[str, Any], key: str) -> str | None:
    v = p.get(key)
    if v is not None and not isinstance(v, str):
        raise _ParamError(f"{key} must be a string or null")
    return v


def _seed(p: dict[str, Any]) -> int:
    v = p.get("seed", 0)
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise _ParamError("seed must be a non-negative integer")
    return v


class _Unbound(Exception):
    def __init__(self, verdict: Verdict) -> None:
        super().__init__(verdict.reason)
        self.verdict = verdict


def _task_of(p: dict[str, Any]) -> Task:
    if "task" in p:
        from .verify.catalog_bind import bind_task

        bound = bind_task(p["task"])  # a client's task is graded only as the catalog states it
        if isinstance(bound, Verdict):
            raise _Unbound(bound)
        return Task.from_json(bound)
    tid = p.get("task_id")
    if not isinstance(tid, str):
        raise _ParamError("give task_id (a string) or task (an object)")
    return get_task(tid)


def _timeout(p: dict[str, Any]) -> float | None:
    t = p.get("timeout")
    if t is None:
        return None
    if isinstance(t, bool) or not isinstance(t, (int, float)) or not (0 < t <= 3600):
        raise _ParamError("timeout must be a number of seconds in (0, 3600]")
    return float(t)


def _m_tasks(p: dict[str, Any]) -> Any:
    fam = p.get("family")
    if not isinstance(fam, str):
        raise _ParamError("family is required: prove, refute or tune")
    ts = generate(fam, rule=_opt_str(p, "rule"), split=_opt_str(p, "split"), seed=_seed(p),
                  entry_id=_opt_str(p, "entry_id"))
    return [t.to_json() for t in ts]


def _m_task(p: dict[str, Any]) -> Any:
    tid = p.get("id")
    if not isinstance(tid, str):
        raise _ParamError("id (a task id string) is required")
    return get_task(tid).to_json()


def _m_check(p: dict[str, Any]) -> Any:
    if "answer" not in p:
        raise _ParamError("answer is required")
    try:
        task = _task_of(p)
    except _Unbound as exc:
        return exc.verdict.to_json()
    return grade(task, p["answer"], timeout=_timeout(p)).to_json()


def _m_check_batch(p: dict[str, Any]) -> Any:
    items = p.get("items")
    if not isinstance(items, list):
        raise _ParamError("items must be a list of {id, task_id | task, answer}")
    timeout = _timeout(p)
    workers = p.get("workers", 1)
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise _ParamError("workers must be a positive integer")
    executor = p.get("executor", "local")
    if executor not in ("local", "ray"):
        raise _ParamError("executor must be 'local' or 'ray'")
    prepared: list[dict[str, Any]] = []
    out: list[dict[str, Any] | None] = []
    for i, it in enumerate(items):
        iid = it.get("id", i) if isinstance(it, dict) else i
        try:
            if not isinstance(it, dict) or "answer" not in it:
                raise _ParamError("each item needs an answer")
            task = _task_of(it)
        except _Unbound as exc:
            out.append({"id": iid, "verdict": exc.verdict.to_json()})
            continue
        except (_ParamError, PyVerifyError) as exc:
            out.append({"id": iid, "verdict": Verdict("invalid", f"bad item: {exc}").to_json()})
            continue
        prepared.append({"id": iid, "task": task, "answer": it["answer"]})
        out.append(None)
    verdicts = _run_batch(prepared, timeout, workers, executor)
    it_v = iter(verdicts)
    return [o if o is not None else next(it_v) for o in out]


def _run_batch(items: list[dict[str, Any]], timeout: float | None, workers: int, executor: str) -> list[dict[str, Any]]:
    """The verifier's batch API where it exists; otherwise grade one by one here."""
    check_batch: Any
    try:
        from .verify.batch import check_batch
    except ImportError:
        check_batch = None
    if check_batch is not None and items:
        res = check_batch([{"id": it["id"], "task": it["task"].to_json(), "answer": it["answer"]} for it in items],
                          timeout=timeout or 60.0, workers=workers, executor=executor)
        return [{"id": r["id"], "verdict": (r["verdict"].to_json() if isinstance(r["verdict"], Verdict)
                                            else r["verdict"])} for r in res]
    return [{"id": it["id"], "verdict": grade(it["task"], it["answer"], timeout=timeout).to_json()} for it in items]


METHODS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "tasks": _m_tasks, "task": _m_task, "check": _m_check, "check_batch": _m_check_batch,
}


def _error(rid: Any, code: str, message: str) -> dict[str, Any]:
    return {"id": rid, "error": {"code": code, "message": message}}


def handle(req: Any) -> dict[str, Any]:
    """One decoded request -> one response object (never raises)."""
    if not isinstance(req, dict):
        return _error(None, "invalid_request", "a request is a JSON object {\"id\", \"method\", \"params\"}")
    rid = req.get("id")
    if not (rid is None or isinstance(rid, (str, int)) and not isinstance(rid, bool)):
        return _error(None, "invalid_request", "id must be a string, an integer or null")
    method = req.get("method")
    if not isinstance(method, str):
        return _error(rid, "invalid_request", "method (a string) is required")
    fn = METHODS.get(method)
    if fn is None:
        return _error(rid, "unknown_method", f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    try:
        return {"id": rid, "result": fn(_params(req))}
    except (_ParamError, PyVerifyError) as exc:
        return _error(rid, "invalid_params", str(exc))
    except Exception as exc:
        return _error(rid, "internal_error", f"{type(exc).__name__}: {exc}")


def handle_line(line: str) -> dict[str, Any]:
    """One request line -> one response object (never raises)."""
    if len(line) > MAX_LINE_CHARS:
        return _error(None, "parse_error", f"request line longer than {MAX_LINE_CHARS} characters")
    try:
        req = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return _error(None, "parse_error", f"not JSON: {str(exc)[:120]}")
    return handle(req)


def serve(stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> int:
    """Answer requests from `stdin` until end of input; blank lines are ignored."""
    if stdin is None:  # undecodable bytes become U+FFFD (then a parse_error), never a crash
        import io

        stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    inp = stdin
    outp = stdout if stdout is not None else sys.stdout
    for line in inp:
        if not line.strip():
            continue
        resp = handle_line(line)
        outp.write(json.dumps(resp, ensure_ascii=False, default=str) + "\n")
        outp.flush()
    return 0
