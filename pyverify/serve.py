"""`pyverify serve --stdio`: a JSON-lines protocol over stdin/stdout, for agents in any language.

One request per line, one response line per request, in order:

    {"id": 1, "method": "tasks", "params": {"family": "refute", "rule": null, "split": "test", "seed": 0}}
    {"id": 1, "result": [{"id": "refute/…", "family": "refute", …}, …]}

Methods (`METHODS`):

* ``tasks``  — params ``family`` (required), ``rule``, ``split``, ``seed``, ``entry_id``: a list of tasks;
* ``task``   — params ``id``: one task;
* ``check``  — params ``answer`` and ``task_id`` (or a full ``task`` object, which must be identical to the
  catalog's task of that id: anything else is an ``invalid`` verdict), optional ``timeout``: a verdict;
* ``check_batch`` — params ``items`` (``[{"id", "task_id" | "task", "answer"}]``, the item shapes of
  `pyverify.verify.batch.check_batch` and ``pyverify verify-batch``), optional ``timeout``, ``workers``,
  ``executor``: ``[{"id", "verdict"}]``, one per item, in order.

``check`` and ``check_batch`` go through `pyverify.verify.batch` (`check_one`, `check_batch`): the same task
binding, the same default timeout (`pyverify.verify.batch.DEFAULT_TIMEOUT`) as the CLI and the Python API.

Errors are responses too: ``{"id": …, "error": {"code": "parse_error" | "invalid_request" |
"unknown_method" | "invalid_params" | "internal_error", "message": "…"}}`` (``id`` is null when the line
could not be read). The server never exits on a bad line; it stops at end of input.

Other transports (an HTTP server) call `call_method` (one method, raising `MethodError` with the code) or
`handle` (one decoded request object → one response object, never raising): those are the single entry
point to the methods, so every transport serves the same methods with the same checks.
"""

from __future__ import annotations

import json
import sys
from typing import IO, Any, Callable

from .errors import PyVerifyError
from .tasks import generate, get_task
from .verify.batch import DEFAULT_TIMEOUT, check_batch, check_one, item_task

__all__ = ["handle", "handle_line", "serve", "call_method", "MethodError", "METHODS", "MAX_LINE_CHARS",
           "ERROR_CODES"]

MAX_LINE_CHARS = 16 * 1024 * 1024
#: The error codes of responses (an HTTP transport maps ``parse_error``/``invalid_request``/
#: ``unknown_method``/``invalid_params`` to 4xx and ``internal_error`` to 500).
ERROR_CODES: tuple[str, ...] = ("parse_error", "invalid_request", "unknown_method", "invalid_params",
                                "internal_error")


class MethodError(Exception):
    """A method call that cannot be answered with a result: ``code`` is one of `ERROR_CODES`."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


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


def _timeout(p: dict[str, Any]) -> float:
    t = p.get("timeout")
    if t is None:
        return DEFAULT_TIMEOUT
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
    task, error = item_task(p)
    if error is not None:
        raise _ParamError(f"{error}: give task_id (a string) or task (an object)")
    # a client's task is graded only as the catalog states it (check_one binds it; else `invalid`)
    return check_one(task, p["answer"], timeout=_timeout(p)).to_json()


def _m_check_batch(p: dict[str, Any]) -> Any:
    items = p.get("items")
    if not isinstance(items, list):
        raise _ParamError("items must be a list of {id, task_id | task, answer}")
    timeout = _timeout(p)
    workers = p.get("workers", 1)
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= 64:
        raise _ParamError("workers must be an integer in [1, 64]")
    executor = p.get("executor", "local")
    if executor not in ("local", "ray"):
        raise _ParamError("executor must be 'local' or 'ray'")
    return check_batch(items, timeout=timeout, workers=workers, executor=executor)


METHODS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "tasks": _m_tasks, "task": _m_task, "check": _m_check, "check_batch": _m_check_batch,
}


def _error(rid: Any, code: str, message: str) -> dict[str, Any]:
    return {"id": rid, "error": {"code": code, "message": message}}


def call_method(method: str, params: Any) -> Any:
    """The result of one method call (``params``: a JSON object or null), or `MethodError` with its code."""
    fn = METHODS.get(method) if isinstance(method, str) else None
    if fn is None:
        raise MethodError("unknown_method", f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    try:
        return fn(_params({"params": params}))
    except (_ParamError, PyVerifyError) as exc:
        raise MethodError("invalid_params", str(exc)) from exc
    except Exception as exc:
        raise MethodError("internal_error", f"{type(exc).__name__}: {exc}") from exc


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
    try:
        return {"id": rid, "result": call_method(method, req.get("params"))}
    except MethodError as exc:
        return _error(rid, exc.code, exc.message)
    except Exception as exc:  # pragma: no cover - call_method maps every exception
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
