"""A warm Lean worker: one long-lived ``lean --server`` spoken to over LSP (JSON-RPC on stdio).

Lean 4.35 has no REPL mode in core, but ``lean --server`` is in every binary (the prelude-only test binary
included). `WarmLean` starts it once, opens one document, and checks each new text by ``textDocument/didChange``
(a new version of the same document): the server's file worker re-elaborates from the first changed command
and reuses the processed header (imports), so a check pays no process start and no import. It waits for the
``textDocument/publishDiagnostics`` of that version after ``$/lean/fileProgress`` reports nothing left to
process.

Measured on Lean 4.35.0 (benchmark P4): each check through the server costs about 200 ms, most of it a
fixed delay inside the server between an edit and its diagnostics (4.35 has no ``editDelay`` option to lower
it), so on small files a warm server is *slower* than a fresh process. This is used for measurement (P4). It is not the verifier's trust path: a warm worker is shared
between answers, so `pyverify.verify.prove` keeps one fresh sandboxed process per check.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import time
from pathlib import Path
from typing import Any

from ..errors import LeanError

__all__ = ["WarmLean"]


class WarmLean:
    """A ``lean --server`` process with one open document; `check` returns that version's diagnostics."""

    def __init__(self, lean: Path, *, cwd: Path, env: dict[str, str] | None = None, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self.cwd = Path(cwd)
        full_env = {"PATH": os.environ.get("PATH", os.defpath), "HOME": str(self.cwd), "LANG": "C.UTF-8",
                    **(env or {})}
        self.proc = subprocess.Popen([str(lean), "--server"], cwd=self.cwd, env=full_env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
        self._buf = b""
        self._id = 0
        self._version = 0
        self.uri = (self.cwd / "PvWarm.lean").resolve().as_uri()
        self._diags: dict[int, list[dict[str, Any]]] = {}
        self._request("initialize", {"processId": os.getpid(), "rootUri": self.cwd.resolve().as_uri(),
                                     "capabilities": {}, "initializationOptions": {}})
        self._notify("initialized", {})

    # -- JSON-RPC framing ------------------------------------------------------------------------
    def _send(self, msg: dict[str, Any]) -> None:
        body = json.dumps(msg).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def _request(self, method: str, params: dict[str, Any]) -> Any:
        self._id += 1
        rid = self._id
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            msg = self._read()
            if msg.get("id") == rid and "method" not in msg:
                return msg.get("result")
            if msg.get("method") == "textDocument/publishDiagnostics":
                params = msg.get("params", {})
                if isinstance(params.get("version"), int):
                    self._diags[params["version"]] = params.get("diagnostics", [])

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + self.timeout
        sel = selectors.DefaultSelector()
        sel.register(fd, selectors.EVENT_READ)
        try:
            while True:
                head, sep, rest = self._buf.partition(b"\r\n\r\n")
                if sep:
                    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                                   if line.lower().startswith(b"content-length")), None)
                    if length is None:
                        raise LeanError(f"lean --server sent a header without Content-Length: {head[:200]!r}")
                    if len(rest) >= length:
                        self._buf = rest[length:]
                        obj: dict[str, Any] = json.loads(rest[:length])
                        return obj
                left = deadline - time.monotonic()
                if left <= 0:
                    raise LeanError(f"lean --server gave no message within {self.timeout:g} s")
                if not sel.select(timeout=left):
                    continue
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    raise LeanError("lean --server closed its output")
                self._buf += chunk
        finally:
            sel.close()

    # -- checking --------------------------------------------------------------------------------
    def check(self, text: str) -> list[dict[str, Any]]:
        """Elaborate ``text`` as the next version of the document; return its LSP diagnostics."""
        self._version += 1
        v = self._version
        if v == 1:
            self._notify("textDocument/didOpen", {"textDocument": {"uri": self.uri, "languageId": "lean4",
                                                                   "version": v, "text": text}})
        else:
            self._notify("textDocument/didChange", {"textDocument": {"uri": self.uri, "version": v},
                                                    "contentChanges": [{"text": text}]})
        # `textDocument/waitForDiagnostics` (Lean's LSP extension) is answered once elaboration of this
        # version is finished; its publishDiagnostics are stashed by `_request` on the way.
        self._request("textDocument/waitForDiagnostics", {"uri": self.uri, "version": v})
        return self._diags.pop(v, [])

    def close(self) -> None:
        """Shut the server down (and kill its process group)."""
        try:
            self._request("shutdown", {})
            self._notify("exit", {})
        except Exception:
            pass
        try:
            os.killpg(self.proc.pid, 9)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.wait(timeout=5)

    def __enter__(self) -> WarmLean:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
