"""Run an untrusted command in a sandbox: own process group, rlimits, scrubbed env, output cap, hard timeout.

`run_sandboxed` is the one way this package starts Lean (or anything else it does not trust). What it does,
in order:

* **Fresh process group.** The child is started with ``start_new_session=True``, so it leads its own session
  and process group. Every exit path (normal exit, timeout, output overflow) ends with ``SIGKILL`` sent to the
  *whole group* while the leader is still an unreaped zombie (so the group id cannot be reused), then the leader
  is reaped. No descendant that stayed in the group outlives the call. A descendant that calls ``setsid``
  itself leaves the group and is not tracked; that is the limit of process-group containment.
* **rlimits**: ``RLIMIT_AS`` (``memory_bytes``), ``RLIMIT_CPU`` (``cpu_seconds``; soft limit sends
  ``SIGXCPU``, hard limit one second later ``SIGKILL``), ``RLIMIT_NOFILE``, ``RLIMIT_CORE = 0``, optionally
  ``RLIMIT_NPROC`` and ``RLIMIT_FSIZE``. ``RLIMIT_NPROC`` counts every process of the real user on the
  machine and is ignored for root, so it is off unless asked for. Where util-linux's ``prlimit`` exists
  (probed once per process) the command runs under ``prlimit --core=0:0 … --``, which sets the limits on
  itself and then ``exec``s the command, so no Python runs between ``fork`` and ``exec`` and callers may
  start sandboxed runs from several threads. Without ``prlimit`` the limits are set by a ``preexec_fn``,
  which Python documents as unsafe when other threads exist (the child can deadlock before ``exec``).
  ``enforced`` says which of the two was used. A limit above the current hard limit, which an unprivileged
  process cannot raise, is refused up front with `InvalidArgumentError`.
* **Scrubbed environment.** Only ``PATH`` (the parent's), ``HOME`` (the working directory), ``LANG=C.UTF-8``
  and the variables the caller passes in ``env`` (for example ``LEAN_PATH``) reach the child.
* **Output cap.** stdout and stderr are read concurrently with a selector; once their total passes
  ``max_output_bytes`` the group is killed and ``output_truncated`` is set.
* **Hard wall-clock timeout.** Past ``timeout`` seconds the group is killed and ``timed_out`` is set.
* **No network where the OS allows it.** If ``unshare -rn`` (a new user and network namespace with only a
  down loopback) works on this machine, probed once per process and cached, the command is run under it.

* **Read-only file system where the OS allows it** (``writable=[dirs]``). If ``unshare -rnm`` (user,
  network and mount namespaces) works here, probed once per process, the command runs under a small
  ``/bin/sh`` script inside the new mount namespace that makes each ``writable`` directory its own bind
  mount and then remounts *every* mount point read-only (``mount -o remount,bind,ro``) except those, then
  ``exec``s the command inside a nested user + mount namespace (``unshare -Um``), where those read-only flags
  are *locked*: the command, although root of the outer namespace's view, cannot remount anything read-write
  (without the nested namespace it could: ``mount -o remount,bind,rw /``). It runs there as the unmapped user
  (``nobody`` inside; its files still belong to the caller's user), can read the library's files and can
  write only into ``writable``. The warm worker (`pyverify.verify.warm.WarmLean`) starts its fork server under
  the same script (`fs_isolated_argv`), so every child it forks is in such a namespace. A
  remount that fails aborts the run (exit `FS_SETUP_FAILED`, never a silent fallback). Where the probe
  fails the run goes ahead without it and ``enforced`` lacks ``fs-readonly``: the documented fallback is the
  fresh directory per run plus the verifier copying every output before reading it.

`SandboxResult.enforced` lists what was actually enforced for that run, so that callers can report it
honestly (for example ``"no-network(unshare -rn)"`` is absent where the probe failed).

Memory note for Lean: Lean 4.35 reserves several GiB of address space for its thread pool, so an
``RLIMIT_AS`` below about 8 GiB makes it die with "failed to create thread" before elaborating anything
(measured on the 4.35.0 binary). Give Lean ``memory_bytes >= 8 GiB`` and bound its heap with Lean's own
``-M <megabytes>`` option instead; both failures are classified as ``resource_exhausted``.
"""

from __future__ import annotations

import contextlib
import functools
import os
import resource
import selectors
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InvalidArgumentError

__all__ = [
    "SandboxResult",
    "run_sandboxed",
    "fresh_workdir",
    "network_isolation_available",
    "fs_isolation_available",
    "fs_isolated_argv",
    "fs_readonly_tag",
    "FS_SETUP_FAILED",
    "DEFAULT_MAX_OUTPUT_BYTES",
    "RESOURCE_MARKERS",
]

#: Default cap on stdout + stderr together.
DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024

#: Substrings of stderr/stdout that mean the child ran out of a resource (memory, threads, CPU).
RESOURCE_MARKERS: tuple[bytes, ...] = (
    b"out of memory",
    b"MemoryError",
    b"std::bad_alloc",
    b"Cannot allocate memory",
    b"failed to create thread",
    b"Resource temporarily unavailable",
    b"(deterministic) timeout",
    b"maximum recursion depth has been reached",
)

_CHUNK = 65536

#: Exit status of the mount-namespace set-up script when it could not make the file system read-only.
FS_SETUP_FAILED = 97

# Run by /bin/sh inside `unshare -rnm`: $1 is `unshare`, then the writable directories, then `--`, then the
# command. The last step enters a nested user + mount namespace (`unshare -Um`, no uid mapping: /proc is
# read-only by then): the mounts copied into it carry the read-only flag *locked*, so the command cannot undo it
# (without it, the namespace's root could simply `mount -o remount,bind,rw /`).
_FS_SCRIPT = r"""
unshare_exe="$1"
shift
mount --make-rprivate / 2>/dev/null
keep=""
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
  mount --bind "$1" "$1" || { echo "pyverify-sandbox: cannot bind $1" >&2; exit 97; }
  keep="$keep
$1"
  shift
done
shift
for mp in $(awk '{print $5}' /proc/self/mountinfo | sort -u); do
  case "$keep
" in *"
$mp
"*) continue ;; esac
  mount -o remount,bind,ro "$mp" 2>/dev/null || { echo "pyverify-sandbox: cannot make $mp read-only" >&2; exit 97; }
done
exec "$unshare_exe" -Um -- "$@"
"""

# The probe: the same steps on `/` alone, then the nested namespace, in which a remount read-write must fail.
_FS_PROBE = r"""
mount --make-rprivate / && mount -o remount,bind,ro / || exit 1
exec "$1" -Um -- /bin/sh -c 'if mount -o remount,bind,rw / 2>/dev/null; then exit 1; fi; exit 0'
"""


@dataclass(frozen=True)
class SandboxResult:
    """The outcome of one sandboxed run.

    ``returncode`` follows `subprocess` conventions (negative: killed by that signal). ``timed_out`` means the
    wall-clock limit fired; ``output_truncated`` that the output cap fired (``stdout``/``stderr`` then hold at
    most ``max_output_bytes`` together); ``resource_exhausted`` that the child hit a memory/CPU/thread limit
    (signal ``SIGXCPU``, CPU time past ``cpu_seconds``, or an out-of-memory message). ``enforced`` names each
    protection that was in force. ``pid`` is the leader's pid, which is also the (now empty) process group id;
    ``cpu_seconds`` is the leader's own user + system CPU time.
    """

    returncode: int
    stdout: bytes
    stderr: bytes
    timed_out: bool
    output_truncated: bool
    resource_exhausted: bool
    wall_seconds: float
    enforced: list[str] = field(default_factory=list)
    cpu_seconds: float = 0.0
    pid: int = 0

    @property
    def ok(self) -> bool:
        """True when the command exited 0 with no limit firing."""
        return (
            self.returncode == 0
            and not self.timed_out
            and not self.output_truncated
            and not self.resource_exhausted
        )

    def text(self, stream: str = "stdout") -> str:
        """``stdout`` or ``stderr`` decoded as UTF-8 (invalid bytes replaced)."""
        if stream not in ("stdout", "stderr"):
            raise InvalidArgumentError(f"stream={stream!r} must be 'stdout' or 'stderr'")
        data = self.stdout if stream == "stdout" else self.stderr
        return data.decode("utf-8", errors="replace")


_SYSTEM_BIN = ("/usr/bin", "/bin", "/usr/sbin", "/sbin")


@functools.lru_cache(maxsize=None)
def _working_tool(name: str, *probe: str) -> str | None:
    """The executable ``name`` if ``name *probe true`` succeeds here (probed once per process; the lookup
    also searches the system bin directories, so a scrubbed ``PATH`` at probe time does not matter)."""
    search = os.pathsep.join([os.environ.get("PATH", ""), *_SYSTEM_BIN])
    exe = shutil.which(name, path=search)
    if exe is None:
        return None
    try:
        proc = subprocess.run(
            [exe, *probe, "true"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return exe if proc.returncode == 0 else None


def _unshare_path() -> str | None:
    """``unshare`` if ``unshare -rn true`` works here (a new user and network namespace)."""
    return _working_tool("unshare", "-rn")


def _prlimit_path() -> str | None:
    """util-linux ``prlimit`` if ``prlimit --core=0:0 -- true`` works here."""
    return _working_tool("prlimit", "--core=0:0", "--")


def _use_prlimit() -> bool:
    """Whether limits are set by ``prlimit`` (set ``PYVERIFY_SANDBOX_NO_PRLIMIT=1`` to force the
    ``preexec_fn`` fallback)."""
    return not os.environ.get("PYVERIFY_SANDBOX_NO_PRLIMIT") and _prlimit_path() is not None


def fs_isolation_available() -> bool:
    """Whether a user+network+mount namespace with a read-only remount works here (``unshare -rnm``). Set
    ``PYVERIFY_SANDBOX_NO_FS_ISOLATION=1`` to turn it off (tests of the fallback)."""
    if os.environ.get("PYVERIFY_SANDBOX_NO_FS_ISOLATION") or os.environ.get("PYVERIFY_SANDBOX_NO_UNSHARE"):
        return False
    return _fs_probe()


@functools.lru_cache(maxsize=None)
def _fs_probe() -> bool:
    """Whether `_FS_SCRIPT`'s steps work here (probed once per process)."""
    exe = _unshare_path()
    if exe is None:
        return False
    try:
        proc = subprocess.run(
            [exe, "-rnm", "--", "/bin/sh", "-c", _FS_PROBE, "pyverify-probe", exe], stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return proc.returncode == 0


def fs_isolated_argv(argv: Sequence[str], writable: Sequence[str | os.PathLike[str]]) -> tuple[list[str], list[str]]:
    """``argv`` wrapped to run with the whole file system read-only except the directories ``writable`` (each
    must exist), in a new user + network + mount namespace (`_FS_SCRIPT`), and the ``enforced`` tags that say
    so. Only where `fs_isolation_available`; `run_sandboxed` and `pyverify.verify.warm.WarmLean` both use it."""
    dirs = [str(Path(w).resolve()) for w in writable]
    for d in dirs:
        if not Path(d).is_dir():
            raise InvalidArgumentError(f"writable={d!r} is not a directory; create it first")
    exe = _unshare_path() or "unshare"
    wrapped = [exe, "-rnm", "--", "/bin/sh", "-c", _FS_SCRIPT, "pyverify-sandbox", exe, *dirs, "--", *argv]
    return wrapped, ["no-network(unshare -rnm)", fs_readonly_tag(dirs)]


def fs_readonly_tag(writable: Sequence[str | os.PathLike[str]]) -> str:
    """The ``enforced`` tag of a read-only file system with these writable directories."""
    return "fs-readonly(mount-ns; writable: " + (", ".join(Path(d).name for d in writable) or "none") + ")"


def network_isolation_available() -> bool:
    """Whether ``unshare -rn`` works here. Set ``PYVERIFY_SANDBOX_NO_UNSHARE=1`` to turn isolation off."""
    if os.environ.get("PYVERIFY_SANDBOX_NO_UNSHARE"):
        return False
    return _unshare_path() is not None


@contextlib.contextmanager
def fresh_workdir(prefix: str = "pyverify-") -> Iterator[Path]:
    """A new empty temporary directory, removed with everything in it on exit."""
    with tempfile.TemporaryDirectory(prefix=prefix) as d:
        yield Path(d)


def _check_limit(name: str, value: float | int | None, *, allow_none: bool = True) -> None:
    if value is None:
        if not allow_none:
            raise InvalidArgumentError(f"{name}=None is not allowed; pass a positive number")
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise InvalidArgumentError(f"{name}={value!r} must be a positive number (or None for no limit)")


def _check_limits(timeout: float, max_output_bytes: int, **optional: int | None) -> None:
    """`_check_limit` on the two required limits and each optional one (``None``: no limit)."""
    _check_limit("timeout", timeout, allow_none=False)
    _check_limit("max_output_bytes", max_output_bytes, allow_none=False)
    for name, value in optional.items():
        _check_limit(name, value)


def _enforced_limits(
    timeout: float,
    max_output_bytes: int,
    memory_bytes: int | None,
    cpu_seconds: int | None,
    max_open_files: int | None,
    max_processes: int | None,
    max_file_bytes: int | None,
) -> list[str]:
    """The ``enforced`` labels of a run under these limits (network isolation is added by the caller)."""
    enforced = ["process-group-kill", f"wall-timeout={timeout:g}s", "env-scrubbed",
                f"output-cap={max_output_bytes}B", "rlimit-core=0"]
    if memory_bytes is not None:
        enforced.append(f"rlimit-as={memory_bytes}B")
    if cpu_seconds is not None:
        enforced.append(f"rlimit-cpu={cpu_seconds}s")
    if max_open_files is not None:
        enforced.append(f"rlimit-nofile={max_open_files}")
    if max_processes is not None:
        enforced.append(f"rlimit-nproc={max_processes}" + (" (ignored for root)" if os.geteuid() == 0 else ""))
    if max_file_bytes is not None:
        enforced.append(f"rlimit-fsize={max_file_bytes}B")
    return enforced


def _resource_exhausted(
    returncode: int,
    cpu: float,
    out: bytes | bytearray,
    err: bytes | bytearray,
    *,
    timed_out: bool,
    truncated: bool,
    memory_bytes: int | None,
    cpu_seconds: int | None,
) -> bool:
    """Whether a run that neither timed out nor hit the output cap stopped on a resource limit."""
    if timed_out or truncated:
        return False
    if returncode == -signal.SIGXCPU or (cpu_seconds is not None and cpu >= cpu_seconds):
        return True
    if returncode != 0 and any(m in out or m in err for m in RESOURCE_MARKERS):
        return True
    # allocation failure under RLIMIT_AS typically aborts or faults
    return memory_bytes is not None and returncode in (-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGKILL)


def _rlimits(
    memory_bytes: int | None,
    cpu_seconds: int | None,
    max_open_files: int | None,
    max_processes: int | None,
    max_file_bytes: int | None,
) -> list[tuple[str, int, int, int, str]]:
    """The limits to set, as ``(argument name, resource, soft, hard, prlimit option)``."""
    wanted = [
        ("core", resource.RLIMIT_CORE, 0, 0, "--core"),
        ("memory_bytes", resource.RLIMIT_AS, memory_bytes, memory_bytes, "--as"),
        ("cpu_seconds", resource.RLIMIT_CPU, cpu_seconds, None if cpu_seconds is None else cpu_seconds + 1, "--cpu"),
        ("max_open_files", resource.RLIMIT_NOFILE, max_open_files, max_open_files, "--nofile"),
        ("max_processes", resource.RLIMIT_NPROC, max_processes, max_processes, "--nproc"),
        ("max_file_bytes", resource.RLIMIT_FSIZE, max_file_bytes, max_file_bytes, "--fsize"),
    ]
    return [(name, res, int(soft), int(hard), opt) for name, res, soft, hard, opt in wanted
            if soft is not None and hard is not None]


def _check_against_hard_limits(limits: list[tuple[str, int, int, int, str]]) -> None:
    """Refuse a limit that this (unprivileged) process could not set, before starting anything."""
    if os.geteuid() == 0:
        return
    for name, res, _, hard, _ in limits:
        current = resource.getrlimit(res)[1]
        if current != resource.RLIM_INFINITY and hard > current:
            raise InvalidArgumentError(
                f"{name} asks for a hard limit of {hard}, above this process's own hard limit {current}, which "
                f"an unprivileged process cannot raise; pass at most {current - 1 if name == 'cpu_seconds' else current}"
            )


def _prlimit_argv(exe: str, limits: list[tuple[str, int, int, int, str]]) -> list[str]:
    """``prlimit --as=soft:hard … --``: sets the limits on itself, then ``exec``s what follows."""
    return [exe, *(f"{opt}={soft}:{hard}" for _, _, soft, hard, opt in limits), "--"]


def _make_preexec(limits: list[tuple[str, int, int, int, str]]) -> Callable[[], None]:
    """The fallback where ``prlimit`` is missing: set the limits in the child between fork and exec."""
    def preexec() -> None:  # no allocation-heavy work here
        for _, res, soft, hard, _ in limits:
            resource.setrlimit(res, (soft, hard))

    return preexec


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _leader_exited(pid: int) -> bool:
    """Whether the leader has exited, *without* reaping it (so its pid/pgid stays reserved)."""
    try:
        info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return True
    return info is not None


def run_sandboxed(
    argv: Sequence[str | os.PathLike[str]],
    *,
    cwd: str | os.PathLike[str],
    timeout: float,
    env: Mapping[str, str] | None = None,
    memory_bytes: int | None = None,
    cpu_seconds: int | None = None,
    max_output_bytes: int = DEFAULT_MAX_OUTPUT_BYTES,
    stdin: bytes | None = None,
    max_open_files: int | None = 256,
    max_processes: int | None = None,
    max_file_bytes: int | None = None,
    isolate_network: bool = True,
    writable: Sequence[str | os.PathLike[str]] | None = None,
    on_output: Callable[[str, bytes], None] | None = None,
) -> SandboxResult:
    """Run ``argv`` in ``cwd`` under the protections described in the module docstring.

    ``timeout`` is the hard wall-clock limit in seconds; ``env`` adds variables to the scrubbed environment
    (``PATH``, ``HOME=cwd``, ``LANG``); ``memory_bytes``/``cpu_seconds``/``max_open_files``/
    ``max_processes``/``max_file_bytes`` become rlimits (``None``: no limit); ``max_output_bytes`` caps
    stdout + stderr together; ``stdin`` is fed to the child (``None``: ``/dev/null``); ``isolate_network``
    runs the command under ``unshare -rn`` where that works; ``writable`` (a list of directories, possibly
    empty) makes everything else read-only for the command where `fs_isolation_available` (``None``: off);
    ``on_output(stream, chunk)``, if given, is called with ``"stdout"``/``"stderr"`` and each chunk as it is
    read (within the output cap), so that a caller can stream a long run's output.

    Raises `InvalidArgumentError` for an empty ``argv``, a missing ``cwd`` or a non-positive limit, and
    `FileNotFoundError` when the program does not exist. Never raises because of what the child does.
    """
    args = [os.fspath(a) for a in argv]
    if not args:
        raise InvalidArgumentError("argv=[] is empty; pass the program and its arguments")
    workdir = Path(cwd)
    if not workdir.is_dir():
        raise InvalidArgumentError(f"cwd={str(workdir)!r} is not a directory; create it or use fresh_workdir()")
    _check_limits(timeout, max_output_bytes, memory_bytes=memory_bytes, cpu_seconds=cpu_seconds,
                  max_open_files=max_open_files, max_processes=max_processes, max_file_bytes=max_file_bytes)
    if stdin is not None and not isinstance(stdin, (bytes, bytearray)):
        raise InvalidArgumentError(f"stdin must be bytes or None, not {type(stdin).__name__}; encode it first")

    limits = _rlimits(memory_bytes, cpu_seconds, max_open_files, max_processes, max_file_bytes)
    _check_against_hard_limits(limits)
    enforced = _enforced_limits(timeout, max_output_bytes, memory_bytes, cpu_seconds, max_open_files,
                                max_processes, max_file_bytes)

    program = args[0]
    if os.sep not in program:
        found = shutil.which(program)
        if found is None:
            raise FileNotFoundError(f"program {program!r} not found on PATH")
        args[0] = found
    elif not os.access(program, os.X_OK) or os.path.isdir(program):
        raise FileNotFoundError(f"program {program!r} does not exist or is not executable")
    if writable is not None and fs_isolation_available():
        args, tags = fs_isolated_argv(args, writable)
        enforced += tags
    elif isolate_network and network_isolation_available():
        args = [_unshare_path() or "unshare", "-rn", "--", *args]
        enforced.append("no-network(unshare -rn)")
    preexec: Callable[[], None] | None = None
    prlimit = _prlimit_path() if _use_prlimit() else None
    if prlimit is not None:
        # outermost, so the limits are in place before the namespace is entered and cannot be raised there
        args = [*_prlimit_argv(prlimit, limits), *args]
        enforced.append("rlimits-via(prlimit)")
    else:
        preexec = _make_preexec(limits)
        enforced.append("rlimits-via(preexec_fn)")

    child_env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": str(workdir.resolve()),
        "LANG": "C.UTF-8",
    }
    if env:
        for k, v in env.items():
            if not isinstance(k, str) or not isinstance(v, str):
                raise InvalidArgumentError(f"env[{k!r}]={v!r}: keys and values must be strings")
            child_env[k] = v

    start = time.monotonic()
    proc = subprocess.Popen(
        args,
        cwd=workdir,
        env=child_env,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        close_fds=True,
        preexec_fn=preexec,
        restore_signals=True,  # SIGPIPE/SIGXFSZ back to their defaults in the child (done in C)
    )
    pgid = proc.pid  # start_new_session: the child leads its own group
    writer: threading.Thread | None = None
    if stdin is not None and proc.stdin is not None:
        pipe_in = proc.stdin

        def feed() -> None:
            with contextlib.suppress(OSError, ValueError):
                pipe_in.write(bytes(stdin))
            with contextlib.suppress(OSError, ValueError):
                pipe_in.close()

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()

    out = bytearray()
    err = bytearray()
    timed_out = False
    truncated = False
    deadline = start + timeout
    assert proc.stdout is not None and proc.stderr is not None
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ, out)
    sel.register(proc.stderr, selectors.EVENT_READ, err)
    try:
        while sel.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            if _leader_exited(proc.pid):
                # The leader is gone: kill what is left of its group (still reserved), then drain to EOF.
                _kill_group(pgid)
            for key, _ in sel.select(timeout=min(remaining, 0.05)):
                chunk = os.read(key.fd, _CHUNK)
                if not chunk:
                    sel.unregister(key.fileobj)
                    continue
                buf: bytearray = key.data
                room = max_output_bytes - len(out) - len(err)
                buf += chunk[:room]
                if on_output is not None and room > 0:
                    on_output("stdout" if buf is out else "stderr", chunk[:room])
                if len(chunk) > room:
                    truncated = True
            if truncated:
                break
        if not timed_out and not truncated:
            # Both pipes are at EOF, but the leader may still be exiting (it can close its output before it
            # exits): wait for it, up to the deadline, before killing what is left of the group.
            pause = 0.0005
            while not _leader_exited(proc.pid):
                if time.monotonic() >= deadline:
                    timed_out = True
                    break
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
    finally:
        _kill_group(pgid)
        sel.close()
        for pipe in (proc.stdout, proc.stderr):
            with contextlib.suppress(OSError):
                pipe.close()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if writer is not None:
            writer.join(timeout=1)
        if proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()
    wall = time.monotonic() - start
    cpu = usage.ru_utime + usage.ru_stime
    returncode = proc.returncode
    exhausted = _resource_exhausted(returncode, cpu, out, err, timed_out=timed_out, truncated=truncated,
                                    memory_bytes=memory_bytes, cpu_seconds=cpu_seconds)
    return SandboxResult(
        returncode=returncode,
        stdout=bytes(out),
        stderr=bytes(err),
        timed_out=timed_out,
        output_truncated=truncated,
        resource_exhausted=exhausted,
        wall_seconds=wall,
        enforced=enforced,
        cpu_seconds=cpu,
        pid=proc.pid,
    )
