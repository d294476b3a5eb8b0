"""`pyverify serve --http HOST:PORT`: the stdio server's methods, a batch endpoint and the Kimina Lean Server API
over HTTP, for agents on other machines.

Built on Starlette and uvicorn (the optional extra ``http``: ``pip install 'pyverify[http]'``), imported only
when the server starts. Every method is answered by `pyverify.serve.handle` — the same dispatch, parameter
checks and catalog binding as ``serve --stdio`` — run in a pool of worker processes.

Endpoints (all JSON; errors are ``{"error": {"code", "message"}}`` with a 4xx status, see `ERROR_STATUS`):

* ``GET /`` and ``GET /health``: ``{"status": "ok", ...}`` (the older Kimina ``Lean4Client`` probes ``/``);
* ``POST /rpc``: one stdio request ``{"id", "method", "params"}`` → the stdio response;
* ``POST /tasks``, ``/task``, ``/check``, ``/check_batch``: the body is the method's ``params``, the response
  the method's ``result``; ``GET /tasks?family=…&rule=…&split=…&seed=…`` and ``GET /tasks/<id>`` too;
* ``POST /check_batch`` is the batch endpoint: ``{"items": [{"id", "task_id" | "task", "answer"}], "timeout"}``
  → ``[{"id", "verdict"}]``, one per item, in order. Refute and tune items are graded by the ``check`` method,
  spread over the worker pool; prove items go, together, through the ``check_batch`` method (the verifier's
  sandboxed batch API). An item naming an unknown task gets an ``invalid`` verdict (a batch never fails
  because of one item);
* ``POST /api/check`` (``KiminaClient.check``) and ``POST /verify`` (the older ``Lean4Client.verify``): the
  Kimina Lean Server API. A snippet's id names a prove task (``prove/<entry>``, or ``<entry>``, optionally
  followed by ``#<anything>`` to keep ids unique); its code must be a complete Lean file, ``import
  LearningRules`` and one ``theorem <name> : <the task's lean_spec> := <proof>``. The proof is checked as
  that task's answer and the verdict is mapped onto the Kimina response (`kimina_result`): ``valid`` → a
  response with no error message; ``sorry`` → a ``sorries`` entry; ``lean_error``/``forbidden``/``invalid`` →
  an error message; ``timeout`` → an ``error`` containing "timed out"; ``unavailable`` (no Lean toolchain),
  ``resource_exhausted`` and ``internal_error`` → an ``error``. Never a success that was not checked. Each
  result also carries the full ``verdict``. A snippet whose id names no prove task, or whose code is not such
  a file, gets an ``error`` saying so (per snippet, as the Kimina server reports per-snippet failures).

Limits: bodies past `Limits.max_body_bytes` → 413; more than `Limits.max_items` items or snippets → 413;
malformed JSON → 400; a body not received within `Limits.body_timeout` s or request headers not received
within `Limits.header_timeout` s → 408; an unknown task id (``/task``, ``/check``, ``GET /tasks/<id>``) → 404;
with an API key, a request without ``Authorization: Bearer <key>`` → 401. A worker that runs past a
request's budget is killed and replaced, and its item gets a ``timeout`` verdict (or a 504 for a single call).

Workers are forked from the server process after it has generated (warmed) the task catalog, so they share it;
``workers=0`` answers in the server process instead (threads, no watchdog).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import math
import multiprocessing as mp
import os
import signal
import sys
import re
import textwrap
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Sequence

from .errors import InvalidArgumentError, MissingDependencyError
from .verify.batch import DEFAULT_GRACE, DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

__all__ = [
    "DEFAULT_HOST", "DEFAULT_PORT", "Limits", "ERROR_STATUS", "parse_address", "require_http_extra", "WorkerPool",
    "create_app", "run_server", "parse_snippet", "kimina_result",
]

DEFAULT_HOST = "127.0.0.1"
#: The port `kimina-client` uses when ``LEAN_SERVER_API_URL`` is unset (``http://localhost:8000``).
DEFAULT_PORT = 8000
#: Seconds a worker gets beyond ``2 * timeout`` for one check, and the default per-check timeout when a request
#: gives none: the batch API's own (one default for the Python API, the CLI and both servers).
GRACE = DEFAULT_GRACE
#: Budget of a ``tasks``/``task`` call (generating a new tune seed's tasks can take a while).
LISTING_BUDGET = 600.0
#: HTTP status of each error code.
ERROR_STATUS: dict[str, int] = {
    "parse_error": 400, "invalid_request": 400, "invalid_params": 400, "unknown_method": 404,
    "unknown_task": 404, "not_found": 404, "method_not_allowed": 405, "unauthorized": 401,
    "request_timeout": 408, "too_large": 413, "unprocessable": 422, "timeout": 504, "internal_error": 500,
}
_INSTALL = "pip install 'pyverify[http]'"


@dataclass(frozen=True)
class Limits:
    """What one request may cost before it is refused."""

    max_body_bytes: int = 8 * 1024 * 1024
    max_items: int = 10_000
    body_timeout: float = 30.0
    header_timeout: float = 10.0


def require_http_extra() -> None:
    """`MissingDependencyError` (CLI exit 3) naming the install command unless Starlette and uvicorn import."""
    missing = []
    for mod in ("starlette", "uvicorn"):
        try:
            __import__(mod)
        except ImportError:
            missing.append(mod)
    if missing:
        raise MissingDependencyError(f"`pyverify serve --http` needs {' and '.join(missing)}: {_INSTALL}")


def parse_address(text: str | None) -> tuple[str, int]:
    """``HOST:PORT``, ``HOST``, ``:PORT``, ``PORT`` or ``[v6]:PORT`` → ``(host, port)`` (defaults filled in)."""
    if text is None or not text.strip():
        return DEFAULT_HOST, DEFAULT_PORT
    s = text.strip()
    host, port_s = DEFAULT_HOST, ""
    if s.startswith("["):
        end = s.find("]")
        if end < 0:
            raise InvalidArgumentError(f"--http={text!r}: an IPv6 host is written [::1]:PORT")
        host, rest = s[1:end], s[end + 1:]
        if rest and not rest.startswith(":"):
            raise InvalidArgumentError(f"--http={text!r} is not HOST:PORT")
        port_s = rest[1:]
    elif s.isdigit():
        port_s = s
    elif s.count(":") == 1:
        h, port_s = s.split(":")
        host = h or DEFAULT_HOST
    elif ":" in s:
        raise InvalidArgumentError(f"--http={text!r}: write an IPv6 host as [::1]:PORT")
    else:
        host = s
    if port_s == "":
        return host, DEFAULT_PORT
    if not port_s.isdigit() or not 0 < int(port_s) < 65536:
        raise InvalidArgumentError(f"--http={text!r}: the port must be an integer in 1..65535")
    return host, int(port_s)


# -- jobs: stdio requests answered by `pyverify.serve.handle` ------------------------------------------------
# A job is {"req": <stdio request>} (answered with the stdio response) or {"req": <a `check` request>,
# "item": <item id>} (answered with {"id": <item id>, "verdict": <verdict>}, as a batch item). "probe": a task
# id to look up first, so that an unknown task gets the error code "unknown_task" (HTTP 404).

def _verdict_json(status: str, reason: str) -> dict[str, Any]:
    from .verify.verdict import Verdict

    return Verdict(status, reason).to_json()  # type: ignore[arg-type]


def _answer_job(job: dict[str, Any]) -> dict[str, Any]:
    from .serve import handle

    req = job.get("req")
    probe = job.get("probe")
    if isinstance(probe, str):
        from .errors import UnknownNameError
        from .tasks import get_task

        try:
            get_task(probe)
        except UnknownNameError as exc:
            rid = req.get("id") if isinstance(req, dict) else None
            return {"id": rid, "error": {"code": "unknown_task", "message": str(exc)}}
    resp = handle(req)
    if "item" not in job:
        return resp
    if "result" in resp:
        return {"id": job["item"], "verdict": resp["result"]}
    return {"id": job["item"], "verdict": _verdict_json("invalid", f"bad item: {resp['error']['message']}")}


def _failed_job(job: dict[str, Any], status: str, reason: str) -> bytes:
    """The answer of a job whose worker was killed (``status`` timeout) or died (internal_error)."""
    if "item" in job:
        out: dict[str, Any] = {"id": job["item"], "verdict": _verdict_json(status, reason)}
    else:
        req = job.get("req")
        out = {"id": req.get("id") if isinstance(req, dict) else None,
               "error": {"code": "timeout" if status == "timeout" else "internal_error", "message": reason}}
    return _dumps(out)


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, default=str).encode("utf-8")


def _die_with_parent() -> None:
    """Linux: the kernel kills this process when the server process exits, however it exits."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _drop_inherited_sockets(keep: int) -> None:
    """Point every socket this fork inherited (the listening socket, clients' connections) except `keep` at
    /dev/null, so that a connection the server closes is closed (the fd numbers stay valid for their objects)."""
    import stat

    try:
        fds = [int(f) for f in os.listdir("/proc/self/fd")]
    except OSError:
        fds = list(range(3, 1024))
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in fds:
            if fd in (keep, null) or fd < 3:
                continue
            try:
                if stat.S_ISSOCK(os.fstat(fd).st_mode):
                    os.dup2(null, fd)
            except OSError:
                continue
    finally:
        os.close(null)


def _worker_main(conn: Any, inherited: Sequence[Any] = ()) -> None:
    """A pool worker: answer each batch of jobs, one message per job, until the pipe closes."""
    for c in inherited:  # the server's ends of this and the other workers' pipes, copied by fork: not ours
        c.close()
    _drop_inherited_sockets(conn.fileno())
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its workers itself
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    try:
        os.setpgid(0, 0)  # a process group of its own: killing it also kills what it started
    except OSError:
        pass
    while True:
        try:
            jobs = json.loads(conn.recv_bytes())
        except (EOFError, OSError, KeyboardInterrupt):
            return
        for job in jobs:
            try:
                out = _dumps(_answer_job(job))
            except Exception as exc:  # handle() never raises; this is a last resort
                out = _failed_job(job, "internal_error", f"the worker failed: {type(exc).__name__}: {exc}")
            try:
                conn.send_bytes(out)
            except (OSError, ValueError):
                return


class _Worker:
    def __init__(self, ctx: Any, others: Sequence["_Worker"] = ()) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        # not a daemon: a worker starts processes of its own (the verifier's batch API, sandboxed Lean runs)
        self.proc = ctx.Process(target=_worker_main, args=(child, [self.conn, *(w.conn for w in others)]),
                                daemon=False)
        self.proc.start()
        child.close()

    def run(self, jobs: Sequence[dict[str, Any]], budgets: Sequence[float]) -> tuple[list[bytes], str | None]:
        """Send the jobs; collect one answer per job, each within its budget (seconds). Returns the answers
        received and, when the worker ran past a budget or died, why (the job after the answers failed)."""
        try:
            self.conn.send_bytes(json.dumps(list(jobs), default=str).encode("utf-8"))
        except (OSError, ValueError) as exc:
            return [], f"the worker could not be reached ({type(exc).__name__}); it was replaced"
        out: list[bytes] = []
        for budget in budgets:
            try:
                if not self.conn.poll(budget):
                    return out, f"timeout: no answer within {budget:g} s (2 × timeout + {GRACE:g} s); the worker was killed"
                out.append(self.conn.recv_bytes())
            except (EOFError, OSError):
                return out, f"the worker died while checking (exit code {self.proc.exitcode}); it was replaced"
        return out, None

    def kill(self) -> None:
        pid = self.proc.pid
        if pid is not None:
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError, OSError):
                pass
        try:
            self.proc.kill()
        except (OSError, ValueError):
            pass
        self.proc.join(timeout=5)
        self.conn.close()

    def stop(self) -> None:
        self.conn.close()  # the worker sees end of input and returns
        self.proc.join(timeout=2)
        if self.proc.is_alive():
            self.kill()


class WorkerPool:
    """``size`` forked worker processes answering jobs (``size=0``: in this process, on a thread)."""

    def __init__(self, size: int) -> None:
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise InvalidArgumentError(f"workers={size!r} must be a non-negative integer")
        if size and "fork" not in mp.get_all_start_methods():
            size = 0  # no fork here: answer in the server process
        self.size = size
        self._ctx = mp.get_context("fork") if size else None
        self._workers: list[_Worker] = []
        for _ in range(size):
            self._spawn()
        self._idle: asyncio.Queue[_Worker] | None = None
        self.replaced = 0

    def _spawn(self) -> "_Worker":
        w = _Worker(self._ctx, self._workers)
        self._workers.append(w)
        return w

    def _queue(self) -> asyncio.Queue[_Worker]:
        if self._idle is None:
            self._idle = asyncio.Queue()
            for w in self._workers:
                self._idle.put_nowait(w)
        return self._idle

    async def run(self, jobs: list[dict[str, Any]], budgets: list[float]) -> list[bytes]:
        """One answer (JSON bytes) per job, in order; a job past its budget gets a ``timeout`` answer."""
        if not jobs:
            return []
        if self.size == 0:
            return await asyncio.to_thread(lambda: [_dumps(_answer_job(j)) for j in jobs])
        idle = self._queue()
        results: list[bytes] = []
        pending = list(range(len(jobs)))
        while pending:
            w = await idle.get()
            healthy = False
            try:
                got, why = await asyncio.to_thread(w.run, [jobs[i] for i in pending], [budgets[i] for i in pending])
                results.extend(got)
                pending = pending[len(got):]
                if why is not None:
                    failed = jobs[pending.pop(0)]
                    status = "timeout" if why.startswith("timeout") else "internal_error"
                    results.append(_failed_job(failed, status, why.removeprefix("timeout: ")))
                else:
                    healthy = True
            finally:
                if not healthy:  # killed, died, or the call was interrupted mid-conversation
                    w.kill()
                    self._workers = [x for x in self._workers if x is not w]
                    w = self._spawn()
                    self.replaced += 1
                idle.put_nowait(w)
        return results

    def close(self) -> None:
        for w in self._workers:
            w.stop()
        self._workers = []


# -- Kimina snippets -----------------------------------------------------------------------------------------
def _skip_trivia(code: str, i: int) -> int:
    """The index of the first character at or after `i` that is not whitespace or a Lean comment (linear)."""
    n = len(code)
    while i < n:
        if code[i].isspace():
            i += 1
        elif code.startswith("--", i):
            j = code.find("\n", i)
            i = n if j < 0 else j + 1
        elif code.startswith("/-", i):
            j = code.find("-/", i + 2)
            if j < 0:
                return i
            i = j + 2
        else:
            break
    return i


_WORD_END = re.compile(r"[\s:({\[]")


@dataclass(frozen=True)
class Snippet:
    """A snippet read as a prove answer: the task, the proof body, and where the body starts in the file."""

    task_id: str
    proof: str
    line: int  # 1-based line of the file where the proof body's first line is
    column: int  # 0-based column of the body's first character on that line
    dedent: int  # columns removed from the body's later lines


def _task_id_of(snippet_id: Any) -> str | None:
    if not isinstance(snippet_id, str):
        return None
    tid = snippet_id.split("#", 1)[0].strip()
    if not tid:
        return None
    return tid if tid.startswith("prove/") else f"prove/{tid}"


def parse_snippet(snippet_id: Any, code: Any, spec_of: Callable[[str], str | None]) -> Snippet | str:
    """The prove answer in a Kimina snippet, or why the snippet cannot be checked as one.

    ``spec_of(task_id)`` is the prove task's ``lean_spec`` (None for an unknown task)."""
    tid = _task_id_of(snippet_id)
    if tid is None:
        return (f"the snippet id {snippet_id!r} names no task: use a prove task id (prove/<entry>, or "
                "<entry>), optionally followed by #<anything>")
    spec = spec_of(tid)
    if spec is None:
        return f"the snippet id {snippet_id!r} names no prove task ({tid!r} is unknown; see GET /tasks?family=prove)"
    if not isinstance(code, str):
        return "the snippet has no code"
    form = f"a complete file of the form `import LearningRules`, then `theorem <name> : {spec} := <proof>`"
    i = _skip_trivia(code, 0)
    if not code.startswith("import", i) or code[i + 6:i + 7] not in (" ", "\t"):
        return f"the code does not start with an import: send {form}"
    eol = code.find("\n", i)
    imports = code[i + 6:eol if eol >= 0 else len(code)].split()
    if imports != ["LearningRules"]:
        return f"the file must import LearningRules and nothing else (it imports {' '.join(imports)[:200]!r})"
    i = _skip_trivia(code, len(code) if eol < 0 else eol + 1)
    if not code.startswith("theorem", i) or not code[i + 7:i + 8].isspace():
        return f"after the import, the file must state one theorem: send {form}"
    i = _skip_trivia(code, i + 7)
    m = _WORD_END.search(code, i)
    if m is None or m.start() == i:
        return f"the theorem has no name: send {form}"
    i = _skip_trivia(code, m.start())
    if not code.startswith(":", i) or code.startswith(":=", i):
        return f"the theorem must have no binders before its colon: send {form}"
    assign = code.find(":=", i + 1)
    if assign < 0:
        return f"the theorem has no `:=`: send {form}"
    stmt = " ".join(code[i + 1:assign].split())
    while stmt.startswith("(") and stmt.endswith(")"):
        stmt = stmt[1:-1].strip()
    if stmt != spec:
        return f"the theorem states {stmt[:200]!r}, not this task's spec {spec!r}"
    start = assign + 2
    head, nl, tail = code[start:].partition("\n")
    line = code.count("\n", 0, start) + 1
    column = start - (code.rfind("\n", 0, start) + 1)
    if head.strip():
        lead = len(head) - len(head.lstrip())
        body = head.strip() + nl + tail.rstrip()
        return Snippet(tid, body.rstrip(), line, column + lead, 0)
    lines = tail.rstrip().split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
        line += 1
    if not lines:
        return "the theorem has no proof after :="
    text = "\n".join(lines)
    dedented = textwrap.dedent(text)
    cut = len(lines[0]) - len(dedented.split("\n", 1)[0])
    return Snippet(tid, dedented.strip(), line + 1, cut, cut)


def _position(snip: Snippet, verdict: dict[str, Any]) -> dict[str, int]:
    pos = verdict.get("position") or {}
    if verdict.get("status") == "lean_error":
        aline, acol = pos.get("answer_line"), pos.get("answer_column")
    else:  # the pre-filter reports positions in the answer text
        aline, acol = pos.get("line"), pos.get("column")
    if not isinstance(aline, int) or aline < 1:
        return {"line": snip.line, "column": snip.column}
    col = acol if isinstance(acol, int) and acol >= 0 else 0
    if aline == 1:
        return {"line": snip.line, "column": snip.column + col}
    return {"line": snip.line + aline - 1, "column": snip.dedent + col}


def kimina_result(snippet_id: str, snip: Snippet | str, verdict: dict[str, Any] | None,
                  elapsed: float) -> dict[str, Any]:
    """A Kimina ``ReplResponse`` for one snippet: exactly one of ``error`` and ``response``, plus ``verdict``."""
    base: dict[str, Any] = {"id": snippet_id, "time": round(elapsed, 6), "diagnostics": None}
    if isinstance(snip, str) or verdict is None:
        return {**base, "error": f"pyverify: {snip if isinstance(snip, str) else 'no verdict'}", "response": None,
                "verdict": None}
    status, reason = verdict.get("status"), str(verdict.get("reason", ""))
    base["verdict"] = verdict
    pos = _position(snip, verdict)
    if status == "valid":
        msg = {"severity": "info", "pos": pos, "endPos": None,
               "data": f"pyverify: valid, checked against {snip.task_id}"
                       + (f" ({verdict['backed_by']})" if verdict.get("backed_by") else "")}
        return {**base, "error": None, "response": {"env": 0, "messages": [msg], "sorries": []}}
    if status == "sorry":
        warn = {"severity": "warning", "pos": pos, "endPos": pos, "data": "declaration uses 'sorry'"}
        note = {"severity": "info", "pos": pos, "endPos": None, "data": f"pyverify: sorry: {reason}"}
        return {**base, "error": None, "response": {"env": 0, "messages": [warn, note],
                                                    "sorries": [{"pos": pos, "endPos": pos, "goal": ""}]}}
    if status in ("lean_error", "forbidden", "invalid"):
        err = {"severity": "error", "pos": pos, "endPos": None, "data": f"pyverify: {status}: {reason}"}
        return {**base, "error": None, "response": {"env": 0, "messages": [err], "sorries": []}}
    if status == "timeout":
        return {**base, "error": f"pyverify: timeout: the check timed out: {reason}", "response": None}
    return {**base, "error": f"pyverify: {status}: {reason}", "response": None}


# -- the app ------------------------------------------------------------------------------------------------
class _HTTPError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _check_timeout(v: Any) -> float | None:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not (0 < v <= 3600) or math.isnan(v):
        raise _HTTPError("invalid_params", "timeout must be a number of seconds in (0, 3600]")
    return float(v)


def _budget(timeout: float | None) -> float:
    return 2 * (timeout or DEFAULT_TIMEOUT) + GRACE


def _is_prove_item(item: Any) -> bool:
    if not isinstance(item, dict):
        return False
    tid = item.get("task_id")
    if isinstance(tid, str):
        return tid.startswith("prove/")
    task = item.get("task")
    return isinstance(task, dict) and task.get("family") == "prove"


def create_app(pool: WorkerPool, limits: Limits = Limits(), api_key: str | None = None) -> "Starlette":
    """The Starlette application (see the module docstring for the endpoints)."""
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    def error(code: str, message: str, rid: Any = None, kimina: bool = False) -> Response:
        body: dict[str, Any] = {"error": {"code": code, "message": message}}
        if rid is not None:
            body["id"] = rid
        if kimina:
            body["detail"] = message
        return JSONResponse(body, status_code=ERROR_STATUS.get(code, 400))

    async def read_json(request: Request) -> Any:
        if api_key is not None:
            given = request.headers.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {api_key}".encode()):
                raise _HTTPError("unauthorized", "missing or wrong API key (send Authorization: Bearer <key>)")
        if request.method == "GET":
            return None
        cl = request.headers.get("content-length")
        if cl is not None and (not cl.isdigit() or int(cl) > limits.max_body_bytes):
            raise _HTTPError("too_large", f"the body is larger than {limits.max_body_bytes} bytes")
        chunks: list[bytes] = []
        size = 0

        async def receive_all() -> None:
            nonlocal size
            async for chunk in request.stream():
                size += len(chunk)
                if size > limits.max_body_bytes:
                    raise _HTTPError("too_large", f"the body is larger than {limits.max_body_bytes} bytes")
                chunks.append(chunk)

        try:
            await asyncio.wait_for(receive_all(), limits.body_timeout)
        except asyncio.TimeoutError:
            raise _HTTPError("request_timeout", f"the body did not arrive within {limits.body_timeout:g} s") from None
        raw = b"".join(chunks)
        if not raw.strip():
            raise _HTTPError("parse_error", "the body is empty; send a JSON object")
        try:
            return json.loads(raw)
        except (ValueError, RecursionError) as exc:
            raise _HTTPError("parse_error", f"not JSON: {str(exc)[:160]}") from None

    async def one(req: dict[str, Any], budget: float, probe: str | None = None) -> dict[str, Any]:
        job: dict[str, Any] = {"req": req}
        if probe is not None:
            job["probe"] = probe
        out: dict[str, Any] = json.loads((await pool.run([job], [budget]))[0])
        return out

    def reply(resp: dict[str, Any], envelope: bool) -> Response:
        if "error" in resp:
            e = resp["error"]
            return error(e["code"], e["message"], resp.get("id") if envelope else None)
        return JSONResponse(resp if envelope else resp["result"])

    async def batch(params: dict[str, Any]) -> bytes:
        items = params.get("items")
        if not isinstance(items, list):
            raise _HTTPError("invalid_params", "items must be a list of {id, task_id | task, answer}")
        if len(items) > limits.max_items:
            raise _HTTPError("too_large", f"{len(items)} items; at most {limits.max_items} per request")
        timeout = _check_timeout(params.get("timeout"))
        executor = params.get("executor", "local")
        if executor != "local":  # ray, or a bad value: the check_batch method decides, all in one call
            resp = await one({"id": None, "method": "check_batch", "params": params},
                             len(items) * _budget(timeout) + 60)
            if "error" in resp:
                raise _HTTPError(resp["error"]["code"], resp["error"]["message"])
            return _dumps(resp["result"])
        prove = [i for i, it in enumerate(items) if _is_prove_item(it)]
        rest = [i for i, it in enumerate(items) if not _is_prove_item(it)]
        parts: list[bytes] = [b""] * len(items)
        coros: list[Any] = []
        if rest:
            jobs = []
            for i in rest:
                it = items[i]
                iid = it.get("id", i) if isinstance(it, dict) else i
                p = {k: it[k] for k in ("task_id", "task", "answer") if k in it} if isinstance(it, dict) else {}
                if timeout is not None:
                    p["timeout"] = timeout
                jobs.append({"req": {"id": None, "method": "check", "params": p}, "item": iid})
            n_chunks = max(1, min(len(jobs), 2 * max(1, pool.size)))
            size = math.ceil(len(jobs) / n_chunks)
            chunks = [(rest[k:k + size], jobs[k:k + size]) for k in range(0, len(jobs), size)]

            async def run_chunk(idx: list[int], js: list[dict[str, Any]]) -> None:
                for i, out in zip(idx, await pool.run(js, [_budget(timeout)] * len(js))):
                    parts[i] = out

            coros.extend(run_chunk(idx, js) for idx, js in chunks)
        if prove:
            async def run_prove() -> None:
                sub = []
                for i in prove:
                    it = dict(items[i])
                    it.setdefault("id", i)
                    sub.append(it)
                n = max(1, min(len(sub), pool.size or 1, os.cpu_count() or 1))
                p = {"items": sub, "workers": n, **({"timeout": timeout} if timeout is not None else {})}
                resp = await one({"id": None, "method": "check_batch", "params": p},
                                 math.ceil(len(sub) / n) * _budget(timeout) + 60)
                if "result" in resp and isinstance(resp["result"], list) and len(resp["result"]) == len(prove):
                    for i, r in zip(prove, resp["result"]):
                        parts[i] = _dumps(r)
                    return
                why = resp.get("error", {}).get("message", "no verdicts")
                status = "timeout" if resp.get("error", {}).get("code") == "timeout" else "internal_error"
                for i in prove:
                    parts[i] = _dumps({"id": items[i].get("id", i), "verdict": _verdict_json(status, why)})

            coros.append(run_prove())
        await asyncio.gather(*coros)
        return b"[" + b",".join(parts) + b"]"

    async def handle_method(method: str, params: Any, rid: Any, envelope: bool) -> Response:
        if method == "check_batch":
            if not isinstance(params, dict):
                raise _HTTPError("invalid_params", "params must be a JSON object")
            body = await batch(params)
            if envelope:
                return Response(b'{"id":' + _dumps(rid) + b',"result":' + body + b"}", media_type="application/json")
            return Response(body, media_type="application/json")
        probe: str | None = None
        budget = LISTING_BUDGET
        if isinstance(params, dict):
            if method == "task" and isinstance(params.get("id"), str):
                probe = params["id"]
            if method == "check":
                budget = _budget(_check_timeout(params.get("timeout")))
                if isinstance(params.get("task_id"), str) and "task" not in params:
                    probe = params["task_id"]
        resp = await one({"id": rid, "method": method, "params": params}, budget, probe)
        return reply(resp, envelope)

    def endpoint(fn: Callable[[Request], Any], kimina: bool = False) -> Callable[[Request], Any]:
        async def wrapped(request: Request) -> Response:
            try:
                res: Response = await fn(request)
                return res
            except _HTTPError as exc:
                return error(exc.code, exc.message, kimina=kimina)
        return wrapped

    async def root(request: Request) -> Response:
        await read_json(request)
        return JSONResponse({"status": "ok", "service": "pyverify", "workers": pool.size,
                             "endpoints": ["/health", "/rpc", "/tasks", "/task", "/check", "/check_batch",
                                           "/api/check", "/verify"]})

    async def health(request: Request) -> Response:
        await read_json(request)
        return JSONResponse({"status": "ok", "workers": pool.size, "workers_replaced": pool.replaced})

    async def rpc(request: Request) -> Response:
        req = await read_json(request)
        if not isinstance(req, dict) or not isinstance(req.get("method"), str):
            resp = await one(req, LISTING_BUDGET)  # handle() words the error
            return reply(resp, True)
        return await handle_method(req["method"], req.get("params", {}), req.get("id"), True)

    def method_endpoint(method: str) -> Callable[[Request], Any]:
        async def fn(request: Request) -> Response:
            params = await read_json(request)
            if request.method == "GET":
                params = dict(request.query_params)
                if "seed" in params:
                    try:
                        params["seed"] = int(params["seed"])
                    except ValueError:
                        raise _HTTPError("invalid_params", "seed must be a non-negative integer") from None
            if params is None:
                params = {}
            return await handle_method(method, params, None, False)
        return fn

    async def get_task(request: Request) -> Response:
        await read_json(request)
        return await handle_method("task", {"id": request.path_params["task_id"]}, None, False)

    async def spec_lookup(tids: list[str]) -> dict[str, str | None]:
        """The lean_spec of each prove task id (None: unknown), from one worker call."""
        jobs = [{"req": {"id": t, "method": "task", "params": {"id": t}}, "probe": t} for t in tids]
        outs = await pool.run(jobs, [LISTING_BUDGET] * len(jobs))
        specs: dict[str, str | None] = {}
        for t, raw in zip(tids, outs):
            r = json.loads(raw)
            res = r.get("result")
            specs[t] = res.get("lean_spec") if isinstance(res, dict) and res.get("family") == "prove" else None
        return specs

    async def kimina(snips: list[tuple[str, Any]], timeout: float | None) -> list[dict[str, Any]]:
        """ReplResponse-shaped results for ``(id, code)`` snippets."""
        t0 = time.perf_counter()
        tids = sorted({t for t in (_task_id_of(i) for i, _ in snips) if t is not None})
        specs = await spec_lookup(tids) if tids else {}
        parsed = [parse_snippet(i, code, specs.get) for i, code in snips]
        todo = [k for k, p in enumerate(parsed) if isinstance(p, Snippet)]
        verdicts: dict[int, dict[str, Any]] = {}
        if todo:
            items = []
            for k in todo:
                p = parsed[k]
                assert isinstance(p, Snippet)
                items.append({"id": k, "task_id": p.task_id, "answer": p.proof})
            out = json.loads(await batch({"items": items, **({"timeout": timeout} if timeout else {})}))
            for k, r in zip(todo, out):
                verdicts[k] = r["verdict"]
        elapsed = time.perf_counter() - t0
        return [kimina_result(i, parsed[k], verdicts.get(k), elapsed) for k, (i, _) in enumerate(snips)]

    def kimina_timeout(v: Any, default: float) -> float:
        if v is None:
            return default
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0 or math.isnan(v):
            raise _HTTPError("unprocessable", "timeout must be a non-negative number of seconds")
        return min(3600.0, float(v)) if v > 0 else default

    async def api_check(request: Request) -> Response:
        body = await read_json(request)
        if not isinstance(body, dict) or not isinstance(body.get("snippets"), list) or not body["snippets"]:
            raise _HTTPError("unprocessable", "the body must be {\"snippets\": [{\"id\", \"code\"}, ...], ...} "
                                              "with at least one snippet")
        snippets = body["snippets"]
        if len(snippets) > limits.max_items:
            raise _HTTPError("too_large", f"{len(snippets)} snippets; at most {limits.max_items} per request")
        pairs: list[tuple[str, Any]] = []
        for s in snippets:
            if not (isinstance(s, dict) and isinstance(s.get("id"), str) and isinstance(s.get("code"), str)):
                raise _HTTPError("unprocessable", "every snippet is {\"id\": string, \"code\": string}")
            pairs.append((s["id"], s["code"]))
        if len({i for i, _ in pairs}) != len(pairs):
            raise _HTTPError("unprocessable", "`snippets` must have unique ids")
        results = await kimina(pairs, kimina_timeout(body.get("timeout"), 30.0))
        return JSONResponse({"results": results})

    async def verify(request: Request) -> Response:
        body = await read_json(request)
        if not isinstance(body, dict) or not isinstance(body.get("codes"), list):
            raise _HTTPError("unprocessable", "the body must be {\"codes\": [{\"custom_id\", \"proof\" | \"code\"}], ...}")
        codes = body["codes"]
        if len(codes) > limits.max_items:
            raise _HTTPError("too_large", f"{len(codes)} codes; at most {limits.max_items} per request")
        pairs = []
        for c in codes:
            if not (isinstance(c, dict) and isinstance(c.get("custom_id"), (str, int))
                    and not isinstance(c.get("custom_id"), bool)):
                raise _HTTPError("unprocessable", "every code is {\"custom_id\": string or integer, \"proof\": string}")
            text = c.get("proof") if c.get("proof") is not None else c.get("code")
            pairs.append((str(c["custom_id"]), text))
        results = await kimina(pairs, kimina_timeout(body.get("timeout"), 300.0))
        out = []
        for r in results:
            resp = r["response"]
            if resp is not None:
                resp = {**resp, "time": r["time"]}
            out.append({"custom_id": r["id"], "error": r["error"], "response": resp, "verdict": r["verdict"]})
        return JSONResponse({"results": out})

    async def not_found(request: Request, exc: Exception) -> Response:
        code = getattr(exc, "status_code", 404)
        if code == 405:
            return error("method_not_allowed", f"{request.method} is not allowed on {request.url.path}")
        return error("not_found", f"no endpoint {request.url.path}; see GET /")

    async def internal(request: Request, exc: Exception) -> Response:
        return error("internal_error", f"{type(exc).__name__}: {exc}")

    routes = [
        Route("/", endpoint(root), methods=["GET"]),
        Route("/health", endpoint(health), methods=["GET"]),
        Route("/rpc", endpoint(rpc), methods=["POST"]),
        Route("/tasks", endpoint(method_endpoint("tasks")), methods=["GET", "POST"]),
        Route("/tasks/{task_id:path}", endpoint(get_task), methods=["GET"]),
        Route("/task", endpoint(method_endpoint("task")), methods=["POST"]),
        Route("/check", endpoint(method_endpoint("check")), methods=["POST"]),
        Route("/check_batch", endpoint(method_endpoint("check_batch")), methods=["POST"]),
        Route("/api/check", endpoint(api_check, kimina=True), methods=["POST"]),
        Route("/verify", endpoint(verify, kimina=True), methods=["POST"]),
    ]
    return Starlette(routes=routes, exception_handlers={HTTPException: not_found, Exception: internal})


# -- the server -----------------------------------------------------------------------------------------------
def _protocol_class(header_timeout: float) -> Any:
    """uvicorn's h11 protocol, plus a deadline for each request's headers (a slow client gets a 408)."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    body = _dumps({"error": {"code": "request_timeout",
                             "message": f"the request headers did not arrive within {header_timeout:g} s"}})
    raw = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\ncontent-length: "
           + str(len(body)).encode() + b"\r\nconnection: close\r\n\r\n" + body)

    class _Protocol(H11Protocol):
        _pv_timer: asyncio.TimerHandle | None = None

        def _pv_arm(self) -> None:
            self._pv_cancel()
            self._pv_timer = self.loop.call_later(header_timeout, self._pv_fire)

        def _pv_cancel(self) -> None:
            if self._pv_timer is not None:
                self._pv_timer.cancel()
                self._pv_timer = None

        def _pv_fire(self) -> None:
            self._pv_timer = None
            if self.transport.is_closing() or (self.cycle is not None and not self.cycle.response_complete):
                return
            if getattr(self.conn.their_state, "__name__", "") == "IDLE":  # h11: no request line yet
                self.transport.write(raw)
            self.transport.close()

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._pv_arm()

        def handle_events(self) -> None:
            super().handle_events()
            if self.cycle is not None and not self.cycle.response_complete:
                self._pv_cancel()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
                self._pv_arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._pv_cancel()
            super().connection_lost(exc)

    return _Protocol


def warm_catalog(families: Sequence[str], log: Callable[[str], None] | None = None) -> None:
    """Generate the tasks of `families` (seed 0) in this process, so that forked workers start with them."""
    from .tasks import generate

    for fam in families:
        t0 = time.perf_counter()
        n = len(generate(fam))
        if log is not None:
            log(f"pyverify serve: {n} {fam} tasks ready ({time.perf_counter() - t0:.1f} s)")


def run_server(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, workers: int | None = None,
               warm: Sequence[str] = ("prove", "refute", "tune"), limits: Limits = Limits(),
               api_key: str | None = None, log: Callable[[str], None] | None = None) -> int:
    """Warm the catalog, fork the worker pool, and serve until interrupted (returns the exit code)."""
    require_http_extra()
    import uvicorn

    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    import socket

    try:  # listen first: a taken address fails at once, not after the warm-up
        sock = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)
    except OSError as exc:
        raise InvalidArgumentError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    warm_catalog(warm, log)
    pool = WorkerPool(workers)
    config = uvicorn.Config(create_app(pool, limits, api_key), host=host, port=port,
                            http=_protocol_class(limits.header_timeout), lifespan="off", loop="asyncio",
                            log_level="warning", access_log=False, server_header=False, timeout_keep_alive=5)
    if log is not None:
        log(f"pyverify serve: http://{host}:{port} ({pool.size} worker{'s' if pool.size != 1 else ''}; "
            f"body ≤ {limits.max_body_bytes} bytes, ≤ {limits.max_items} items)")
    # uvicorn restores the previous SIGTERM handler after its graceful shutdown and raises the signal again:
    # let that end the run here, so that the workers are stopped (SIGINT raises KeyboardInterrupt already)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminated) if main_thread else None
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except _Terminated:
        pass
    finally:
        pool.close()
        sock.close()
        if main_thread and previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


class _Terminated(Exception):
    pass


def _terminated(signum: int, frame: Any) -> None:
    raise _Terminated()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_server())
