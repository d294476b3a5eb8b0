"""`pyverify serve --http`: the real server on localhost, driven by the real `kimina-client` and by httpx.

Needs the ``http`` extra (starlette, uvicorn, httpx) and, for the Kimina tests, kimina-client (``test`` extra);
each test that needs it skips with the reason otherwise. The server runs as a subprocess (``python -m pyverify.cli serve --http``) with one worker,
small limits and short timeouts, so that the limit and timeout paths are reached quickly.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from pyverify.cli import main
from pyverify.serve_http import Snippet, kimina_result, parse_address, parse_snippet


def _have(*mods: str) -> bool:
    for m in mods:
        try:
            importlib.import_module(m)
        except ImportError:
            return False
    return True


HAVE_HTTP = _have("starlette", "uvicorn", "httpx")
needs_http = pytest.mark.skipif(not HAVE_HTTP, reason="the http extra is not installed: pip install 'pyverify[http]'")


def _kimina() -> Any:
    """`kimina_client`, imported as published (0.2.1). On Python < 3.12 its models use `typing.TypedDict`, which
    pydantic refuses there (fixed upstream in kimina-lean-server PR #63, not yet on PyPI), so the import sees
    typing_extensions' TypedDict/NotRequired in their place; nothing else is changed."""
    if "kimina_client" in sys.modules or sys.version_info >= (3, 12):
        return importlib.import_module("kimina_client")
    import typing

    import typing_extensions

    saved = typing.TypedDict, typing.NotRequired
    typing.TypedDict, typing.NotRequired = typing_extensions.TypedDict, typing_extensions.NotRequired  # type: ignore[misc]
    try:
        return importlib.import_module("kimina_client")
    finally:
        typing.TypedDict, typing.NotRequired = saved  # type: ignore[misc]


try:
    kimina: Any = _kimina() if HAVE_HTTP else None
except ImportError:
    kimina = None
needs_kimina = pytest.mark.skipif(kimina is None, reason="kimina-client is not installed: pip install 'pyverify[test]'")

SPEC_TASK = "prove/ewc.improves"
SPEC = "LearningRules.EWC.improves_spec"


def _file(proof: str, stmt: str = SPEC) -> str:
    return f"import LearningRules\n\ntheorem attempt : {stmt} := {proof}\n"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not HAVE_HTTP:
        pytest.skip("the http extra is not installed: pip install 'pyverify[http]'")
    import httpx

    port = _free_port()
    log = tmp_path_factory.mktemp("http") / "server.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pyverify.cli", "serve", "--http", f"127.0.0.1:{port}", "--workers", "1",
             "--warm", "prove,tune", "--max-body", "65536", "--max-items", "50", "--header-timeout", "1",
             "--body-timeout", "1"], stdout=fh, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(base + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, f"the server exited: {Path(log).read_text()}"
            assert time.monotonic() < deadline, f"the server did not start: {Path(log).read_text()}"
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _tune() -> tuple[str, str]:
    from pyverify.tasks import generate, reference_answer

    t = generate("tune")[0]
    return t.id, json.dumps(reference_answer(t))


# -- the stdio methods as JSON endpoints --------------------------------------------------------------------------
@needs_http
def test_stdio_methods_over_http(server: str) -> None:
    import httpx

    from pyverify.serve import handle

    tid, ref = _tune()
    with httpx.Client(base_url=server, timeout=60) as c:
        root = c.get("/").json()
        assert root["status"] == "ok"  # the older Kimina Lean4Client probes GET /
        listed = c.get("/tasks", params={"family": "tune", "split": "test"}).json()
        assert listed and all(t["family"] == "tune" and t["split"] == "test" for t in listed)
        assert c.post("/tasks", json={"family": "prove"}).json()[0]["family"] == "prove"
        assert c.get(f"/tasks/{tid}").json()["id"] == tid
        assert c.post("/task", json={"id": tid}).json()["id"] == tid
        v = c.post("/check", json={"task_id": tid, "answer": ref}).json()
        assert v["status"] == "valid" and v["reward"] == 1.0
        bad = c.post("/check", json={"task_id": tid, "answer": "{oops"})
        assert bad.status_code == 200 and bad.json()["status"] == "invalid"
        # the /rpc envelope answers exactly as the stdio dispatch does
        req = {"id": 7, "method": "check", "params": {"task_id": tid, "answer": ref}}
        assert c.post("/rpc", json=req).json() == handle(req)
        # unknown tasks, methods and endpoints: 4xx with a JSON error
        for r in (c.post("/check", json={"task_id": "tune/none/0-0", "answer": ref}),
                  c.post("/task", json={"id": "prove/none"}), c.get("/tasks/prove/none")):
            assert r.status_code == 404 and r.json()["error"]["code"] == "unknown_task"
        r = c.post("/rpc", json={"id": 1, "method": "frobnicate"})
        assert r.status_code == 404 and r.json() == {"id": 1, "error": r.json()["error"]}
        assert r.json()["error"]["code"] == "unknown_method"
        r = c.post("/check", json={"task_id": tid})
        assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_params"
        assert c.post("/tasks", json={"family": "nope"}).status_code == 400
        assert c.get("/nowhere").status_code == 404 and c.get("/check").status_code == 405


@needs_http
def test_batch_endpoint_one_verdict_per_item_in_order(server: str) -> None:
    import httpx

    tid, ref = _tune()
    items: list[Any] = [
        {"id": "ok", "task_id": tid, "answer": ref},
        {"id": "nan", "task_id": tid, "answer": "NaN"},
        {"id": "unknown", "task_id": "tune/none/0-0", "answer": ref},
        {"id": "sorry", "task_id": SPEC_TASK, "answer": "by\n  sorry"},
        "junk",
        {"id": "ok2", "task_id": tid, "answer": ref},
    ]
    with httpx.Client(base_url=server, timeout=120) as c:
        out = c.post("/check_batch", json={"items": items}).json()
        assert [o["id"] for o in out] == ["ok", "nan", "unknown", "sorry", 4, "ok2"]
        assert [o["verdict"]["status"] for o in out] == ["valid", "invalid", "invalid", "sorry", "invalid", "valid"]
        env = c.post("/rpc", json={"id": "b", "method": "check_batch", "params": {"items": items[:2]}}).json()
        assert env["id"] == "b" and [o["verdict"]["status"] for o in env["result"]] == ["valid", "invalid"]
        r = c.post("/check_batch", json={"items": [items[0]] * 51})  # past --max-items 50
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
        r = c.post("/check_batch", json={"items": items, "timeout": -1})
        assert r.status_code == 400


# -- the Kimina Lean Server API, through the real kimina-client ---------------------------------------------------
@needs_kimina
def test_kimina_client_check(server: str) -> None:
    client = kimina.KiminaClient(api_url=server, n_retries=1, http_timeout=120)
    snips = [
        kimina.Snippet(id=SPEC_TASK, code=_file("by\n  intro K\n  exact trivial")),
        kimina.Snippet(id="ewc.improves#sorry", code=_file("by\n  intro K\n  sorry")),
        kimina.Snippet(id=f"{SPEC_TASK}#other-statement", code=_file("trivial", stmt="True")),
        kimina.Snippet(id="prove/no.such.task", code=_file("trivial")),
        kimina.Snippet(id=f"{SPEC_TASK}#banned", code=_file("by\n  native_decide")),
    ]
    resp = client.check(snips, show_progress=False, timeout=60)
    by_id = {r.id: r for r in resp.results}
    assert set(by_id) == {s.id for s in snips}
    status = {i: r.analyze().status.value for i, r in by_id.items()}
    # no Lean toolchain here: the proof cannot be checked, and the response says so (never a success)
    first = by_id[SPEC_TASK]
    if first.error is not None:
        assert status[SPEC_TASK] == "server_error" and "unavailable" in first.error
    else:  # with a toolchain, Lean rejects this wrong proof
        assert status[SPEC_TASK] == "lean_error"
    assert status["ewc.improves#sorry"] == "sorry"
    sorry = by_id["ewc.improves#sorry"].response
    assert sorry is not None and sorry["sorries"][0]["pos"] == {"line": 5, "column": 2}  # `sorry` in the file
    assert status[f"{SPEC_TASK}#other-statement"] == "server_error"
    assert "not this task's spec" in (by_id[f"{SPEC_TASK}#other-statement"].error or "")
    assert status["prove/no.such.task"] == "server_error"
    assert "names no prove task" in (by_id["prove/no.such.task"].error or "")
    assert status[f"{SPEC_TASK}#banned"] == "lean_error"  # forbidden construct: an error message
    assert all(s != "valid" for s in status.values())
    assert client.health()["status"] == "ok"


@needs_kimina
def test_kimina_verify_backward_api(server: str) -> None:
    """The older `Lean4Client.verify`: GET / must say status ok, POST /verify takes VerifyRequestBody."""
    import httpx

    assert httpx.get(server + "/", timeout=10).json()["status"] == "ok"
    body = kimina.VerifyRequestBody(codes=[
        kimina.Code(custom_id="a", proof=_file("by\n  sorry")),
        kimina.Code(custom_id=f"{SPEC_TASK}#1", code=_file("by\n  sorry")),
    ], timeout=60).model_dump(mode="json")
    r = httpx.post(server + "/verify", json=body, timeout=120)
    assert r.status_code == 200
    parsed = kimina.VerifyResponse.model_validate(r.json())
    a, b = parsed.results
    assert a["custom_id"] == "a" and "names no prove task" in (a.get("error") or "")
    assert b["custom_id"] == f"{SPEC_TASK}#1" and b.get("error") is None
    resp = b.get("response")
    assert resp is not None and resp.get("sorries") and "time" in resp
    assert any("declaration uses 'sorry'" in m["data"] for m in resp.get("messages") or [])


# -- errors: 4xx JSON, never a 500 or a hang ---------------------------------------------------------------------
@needs_http
def test_malformed_oversized_and_invalid_requests(server: str) -> None:
    import httpx

    def post(path: str, content: bytes, **kw: Any) -> httpx.Response:
        return httpx.post(server + path, content=content, timeout=30, **kw)

    cases = [
        ("/check", b"{oops", 400, "parse_error"),
        ("/check", b"\xff\xfe{", 400, "parse_error"),
        ("/check", b"", 400, "parse_error"),
        ("/check", b"[" * 30000 + b"]" * 30000, 400, "parse_error"),
        ("/rpc", b"[1, 2]", 400, "invalid_request"),
        ("/check_batch", b'{"items": 3}', 400, "invalid_params"),
        ("/check", b"x" * 70000, 413, "too_large"),
        ("/api/check", b'{"snippets": []}', 422, "unprocessable"),
        ("/api/check", b'{"snippets": [{"id": "a", "code": "x"}, {"id": "a", "code": "y"}]}', 422, "unprocessable"),
        ("/verify", b'{"codes": [{"proof": "x"}]}', 422, "unprocessable"),
    ]
    for path, content, status, code in cases:
        r = post(path, content)
        assert r.status_code == status, (path, content[:20], r.text)
        assert r.json()["error"]["code"] == code

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while reading
        for _ in range(20):
            yield b" " * 8192

    r = httpx.post(server + "/check", content=chunks(), timeout=30)
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"


def _raw(port: int, data: bytes, wait: float) -> bytes:
    """Send `data` and read one response (until its Content-Length is in, or the server closes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait + 10) as s:
        s.sendall(data)
        got = b""
        while True:
            head, sep, body = got.partition(b"\r\n\r\n")
            if sep:
                length = [int(ln.split(b":", 1)[1]) for ln in head.split(b"\r\n")
                          if ln.lower().startswith(b"content-length:")]
                if length and len(body) >= length[0]:
                    return got
            chunk = s.recv(65536)
            if not chunk:
                return got
            got += chunk


@needs_http
def test_slow_clients_get_408(server: str) -> None:
    port = int(server.rsplit(":", 1)[1])
    t0 = time.monotonic()
    got = _raw(port, b"POST /check HTTP/1.1\r\nHost: x\r\nContent-Type: appl", wait=1)  # headers never end
    assert got.startswith(b"HTTP/1.1 408"), got[:200]
    assert json.loads(got.split(b"\r\n\r\n", 1)[1])["error"]["code"] == "request_timeout"
    got = _raw(port, b"POST /check HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"task", wait=1)  # body stalls
    assert got.startswith(b"HTTP/1.1 408"), got[:200]
    assert b"request_timeout" in got
    assert time.monotonic() - t0 < 15


# -- pieces, without a server --------------------------------------------------------------------------------------
def test_parse_snippet_reads_a_complete_file() -> None:
    spec_of = {SPEC_TASK: SPEC}.get
    s = parse_snippet(SPEC_TASK, _file("by\n  intro K\n  simp"), spec_of)
    assert isinstance(s, Snippet) and s.proof == "by\n  intro K\n  simp" and (s.line, s.column) == (3, 53)
    code = (f"-- a comment\n/- block -/\nimport LearningRules\n\n-- the attempt\ntheorem t :\n    ({SPEC}) :=\n"
            "    by\n      intro K\n      simp\n")
    s = parse_snippet("ewc.improves#7", code, spec_of)
    assert isinstance(s, Snippet) and s.task_id == SPEC_TASK and s.proof == "by\n  intro K\n  simp"
    assert (s.line, s.column, s.dedent) == (8, 4, 4)
    for code, why in [
        ("theorem t : x := y", "does not start with an import"),
        (f"import Mathlib\ntheorem t : {SPEC} := trivial", "import LearningRules and nothing else"),
        (f"import LearningRules\ndef t : {SPEC} := trivial", "must state one theorem"),
        (f"import LearningRules\ntheorem t (h : True) : {SPEC} := trivial", "no binders"),
        ("import LearningRules\ntheorem t : True := trivial", "not this task's spec"),
        (f"import LearningRules\ntheorem t : {SPEC}", "no `:=`"),
        (f"import LearningRules\ntheorem t : {SPEC} :=\n\n", "no proof"),
    ]:
        out = parse_snippet(SPEC_TASK, code, spec_of)
        assert isinstance(out, str) and why in out, (code, out)
    assert "names no prove task" in str(parse_snippet("prove/x", _file("trivial"), spec_of))
    assert "names no task" in str(parse_snippet("", _file("trivial"), spec_of))
    big = "import LearningRules\ntheorem t : " + " " * 200_000 + "x"  # linear, not a regex blow-up
    t0 = time.monotonic()
    assert isinstance(parse_snippet(SPEC_TASK, big, spec_of), str) and time.monotonic() - t0 < 2


def test_kimina_result_never_fakes_success() -> None:
    s = Snippet(SPEC_TASK, "by\n  simp", 3, 40, 0)
    for status in ("invalid", "forbidden", "lean_error", "timeout", "unavailable", "resource_exhausted",
                   "internal_error", "sorry"):
        r = kimina_result("x", s, {"status": status, "reason": "because", "position": None}, 0.1)
        assert (r["error"] is None) != (r["response"] is None)
        if r["error"] is not None:
            assert status in r["error"] and ("timed out" in r["error"]) == (status == "timeout")
        else:
            msgs = r["response"]["messages"]
            assert any(m["severity"] == "error" for m in msgs) or r["response"]["sorries"]
    ok = kimina_result("x", s, {"status": "valid", "reason": "", "backed_by": "T"}, 0.1)
    assert ok["error"] is None and not any(m["severity"] == "error" for m in ok["response"]["messages"])
    pos = kimina_result("x", s, {"status": "lean_error", "reason": "r",
                                 "position": {"line": 9, "column": 4, "answer_line": 2, "answer_column": 2}}, 0)
    assert pos["response"]["messages"][0]["pos"] == {"line": 4, "column": 2}


def test_parse_address() -> None:
    assert parse_address(None) == ("127.0.0.1", 8000)
    assert parse_address(":9001") == ("127.0.0.1", 9001)
    assert parse_address("9001") == ("127.0.0.1", 9001)
    assert parse_address("0.0.0.0:80") == ("0.0.0.0", 80)
    assert parse_address("localhost") == ("localhost", 8000)
    assert parse_address("[::1]:8080") == ("::1", 8080)
    for bad in ("h:0", "h:x", "h:70000", "::1:80", "[::1"):
        with pytest.raises(ValueError):
            parse_address(bad)


def test_cli_without_the_extra_exits_3(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # `import uvicorn` raises ImportError
    assert main(["serve", "--http", "127.0.0.1:9"]) == 3
    assert "pip install 'pyverify[http]'" in capsys.readouterr().err
    assert main(["serve"]) == 2 and main(["serve", "--stdio", "--http", ":1"]) == 2


@needs_http
@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_worker_past_its_budget_is_killed_and_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    from pyverify import serve
    from pyverify.serve_http import WorkerPool

    monkeypatch.setitem(serve.METHODS, "nap", lambda p: time.sleep(float(p["s"])) or "awake")
    pool = WorkerPool(1)  # forked now: the workers know "nap"
    try:
        jobs = [{"req": {"id": i, "method": "nap", "params": {"s": s}}, **({"item": i} if i == 1 else {})}
                for i, s in enumerate((0, 30, 0))]
        jobs.append({"req": {"id": 3, "method": "nap", "params": {"s": 30}}})
        t0 = time.monotonic()
        out = [json.loads(b) for b in asyncio.run(pool.run(jobs, [5.0, 0.5, 5.0, 0.5]))]
        assert time.monotonic() - t0 < 20
        assert out[0] == {"id": 0, "result": "awake"} and out[2] == {"id": 2, "result": "awake"}
        assert out[1]["id"] == 1 and out[1]["verdict"]["status"] == "timeout"
        assert out[3]["id"] == 3 and out[3]["error"]["code"] == "timeout"
        assert pool.replaced == 2 and all(w.proc.is_alive() for w in pool._workers)
    finally:
        pool.close()


@needs_http
def test_p9_benchmark_is_registered_and_well_formed() -> None:
    """P9 runs end to end (quick: tune tasks); its rate is reported by `pyverify bench`, never asserted."""
    import math

    from pyverify.bench import run_benchmarks

    (r,) = run_benchmarks(["P9"], quick=True)
    d = r.to_json()
    assert "skipped" not in d, d
    assert d["answers"] == 3 * d["batch"] and math.isfinite(r.ratio) and r.ratio > 0
    assert set(d["statuses"]) == {"valid", "invalid"}  # reference answers pass, the constant answers do not
    assert d["answers_per_s"] == pytest.approx(r.ratio * 1000)


@needs_http
def test_api_key_is_required_when_set() -> None:
    from starlette.testclient import TestClient

    from pyverify.serve_http import WorkerPool, create_app

    with TestClient(create_app(WorkerPool(0), api_key="s3cret")) as c:
        for r in (c.get("/health"), c.post("/check", json={}), c.get("/", headers={"Authorization": "Bearer nope"})):
            assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
        assert c.get("/health", headers={"Authorization": "Bearer s3cret"}).json()["status"] == "ok"
