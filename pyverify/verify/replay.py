"""Independent kernel replay of the answer module: the last step before a `prove` answer may be ``valid``.

The elaborating process ran code from the answer's neighbourhood (tactics, configuration values), and the
``.olean`` it wrote is that process's claim, not a fact. So `pyverify.verify.prove` hands a *copy* of the
``.olean`` (made after that process's whole group was killed, checked against the SHA-256 taken when it was
first copied, read-only, in a directory of its own) to a separate replay process that re-adds every
constant of the module to the environment of its imports through the Lean kernel.

Which replay (`find_replay_tool`, first match wins):

1. ``template.replay``: an explicit command (tests pass stand-ins here);
2. ``PYVERIFY_REPLAY``: a path to an executable;
3. ``leanchecker`` or ``lean4checker`` beside the template's ``lean`` or on ``PATH`` (Lean's own replay
   tool, ``leanchecker <Module>``: ``Environment.replay`` from the module's imports);
4. ``pv-replay``, the project's replay program (``pyverify/verify/replay_tool/PvReplay.lean``, built with
   the toolchain by `build_replay_tool` into ``~/.cache/pyverify/pv-replay-<version>/``). It also prints
   ``{"pv_replay": 1, "constants": [...]}``, and the verifier then requires the fresh theorem among them.

None found → the verdict is ``unavailable`` with the reason, never ``valid``. A template with
``allow_unreplayed=True`` (off by default; the user accepts the risk) skips the replay, and the verdict's
``backed_by`` says so.

A replay runs under `pyverify.lean.sandbox.run_sandboxed` with nothing writable (where the OS allows), a
wall-clock limit, the output cap, no network. Exit 0 (and, for ``pv-replay``, the fresh theorem listed) is
a pass; anything else is a failed replay.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InvalidArgumentError

__all__ = ["ReplayTool", "ReplayOutcome", "find_replay_tool", "run_replay", "sha256_file", "build_replay_tool",
           "REPLAY_SOURCE_DIR", "NO_REPLAY_REASON"]

#: The project's replay program (Lean source and lakefile).
REPLAY_SOURCE_DIR = Path(__file__).with_name("replay_tool")
#: Why a check without a replay tool cannot be valid.
NO_REPLAY_REASON = ("no independent kernel replay is available (no leanchecker/lean4checker beside lean or on PATH, "
                    "no PYVERIFY_REPLAY, no built pv-replay; build it with pyverify.verify.replay.build_replay_tool "
                    "where a Lean toolchain exists): a prove answer is never valid without one")


@dataclass(frozen=True)
class ReplayTool:
    """A replay command (run as ``[*argv, <Module>]``) and the name shown in verdicts."""

    argv: tuple[str, ...]
    name: str
    lists_constants: bool = False  # prints {"pv_replay": 1, "constants": [...]} (pv-replay)


@dataclass(frozen=True)
class ReplayOutcome:
    """``ok``: the replay accepted the module (and listed the fresh theorem where it lists constants)."""

    ok: bool
    reason: str
    timed_out: bool = False
    details: Mapping[str, Any] | None = None


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _executable(p: Path) -> bool:
    return p.is_file() and os.access(p, os.X_OK)


def _cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "pyverify"


def find_replay_tool(explicit: Sequence[str] | None, lean: Path | None) -> ReplayTool | None:
    """The replay to use (see the module docstring), or ``None``."""
    if explicit:
        return ReplayTool(tuple(explicit), Path(explicit[0]).name,
                          lists_constants=Path(explicit[0]).name.startswith("pv-replay"))
    env = os.environ.get("PYVERIFY_REPLAY")
    if env:
        p = Path(env)
        if not _executable(p):
            return None
        return ReplayTool((str(p),), p.name, lists_constants=p.name.startswith("pv-replay"))
    for name in ("leanchecker", "lean4checker"):
        beside = Path(lean).parent / name if lean is not None else None
        if beside is not None and _executable(beside):
            return ReplayTool((str(beside),), name)
        found = shutil.which(name)
        if found:
            return ReplayTool((found,), name)
    for built in sorted(_cache_dir().glob("pv-replay-*/pv-replay")):
        if _executable(built):
            return ReplayTool((str(built),), "pv-replay", lists_constants=True)
    return None


def run_replay(tool: ReplayTool, module: str, olean: Path, expected_sha256: str, *, fresh: str,
               lib_dirs: Sequence[Path], timeout: float, memory_bytes: int, max_output_bytes: int) -> ReplayOutcome:
    """Replay ``module`` from a new read-only copy of ``olean`` (which must still hash to ``expected_sha256``)
    in a fresh directory, in a separate sandboxed process."""
    from ..lean.sandbox import fresh_workdir, run_sandboxed

    if sha256_file(olean) != expected_sha256:
        return ReplayOutcome(False, f"the answer's .olean changed after the elaborating process ended "
                                    f"(SHA-256 differs from the copy taken then): {olean}")
    with fresh_workdir(prefix="pyverify-replay-") as root:
        lib = root / "lib"
        lib.mkdir()
        copy = lib / f"{module}.olean"
        shutil.copyfile(olean, copy)
        if sha256_file(copy) != expected_sha256:
            return ReplayOutcome(False, "the .olean copy for the replay does not match the recorded SHA-256")
        copy.chmod(0o444)
        lib.chmod(0o555)
        work = root / "work"
        work.mkdir()
        dirs = [str(lib.resolve()), *(str(Path(d).resolve()) for d in lib_dirs)]
        try:
            res = run_sandboxed([*tool.argv, module], cwd=work, timeout=timeout,
                                env={"LEAN_PATH": os.pathsep.join(dirs)}, memory_bytes=memory_bytes,
                                max_output_bytes=max_output_bytes, writable=[])
        finally:
            lib.chmod(0o755)
    details = {"tool": tool.name, "returncode": res.returncode, "enforced": list(res.enforced),
               "seconds": round(res.wall_seconds, 4), "sha256": expected_sha256}
    tail = (res.text("stderr") + res.text("stdout"))[-500:].strip()
    if res.timed_out:
        return ReplayOutcome(False, f"kernel replay by {tool.name} ran past {timeout:g} s and was killed",
                             timed_out=True, details=details)
    if not res.ok:
        return ReplayOutcome(False, f"kernel replay by {tool.name} rejected the module (exit {res.returncode}): "
                                    f"{tail}", details=details)
    if tool.lists_constants:
        listed: list[str] | None = None
        for line in res.text("stdout").splitlines():
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if isinstance(obj, dict) and obj.get("pv_replay") == 1 and isinstance(obj.get("constants"), list):
                listed = [str(c) for c in obj["constants"]]
        if listed is None or fresh not in listed:
            return ReplayOutcome(False, f"kernel replay by {tool.name} did not report replaying {fresh}",
                                 details=details)
        details = {**details, "constants": len(listed)}
    return ReplayOutcome(True, f"kernel replay by {tool.name} accepted every constant of {module}", details=details)


def build_replay_tool(toolchain: Any, *, timeout: float = 1800.0) -> Path:
    """Build ``pv-replay`` with the toolchain's ``lake`` into ``~/.cache/pyverify/pv-replay-<version>/`` and
    return the executable. Needs a full Lean toolchain (not available in every environment: without one,
    `InvalidArgumentError`). The build runs ``lake build`` on a copy of `REPLAY_SOURCE_DIR`."""
    from ..lean.sandbox import run_sandboxed

    lake = getattr(toolchain, "lake", None)
    if lake is None:
        raise InvalidArgumentError("toolchain has no lake; pass pyverify.lean.toolchain.find_toolchain()")
    version = str(getattr(toolchain, "version", "unknown")).replace(" ", "_").replace("/", "_")
    dest = _cache_dir() / f"pv-replay-{version}"
    build = dest / "src"
    if build.exists():
        shutil.rmtree(build)
    shutil.copytree(REPLAY_SOURCE_DIR, build)
    res = run_sandboxed([str(lake), "build"], cwd=build, timeout=timeout, max_output_bytes=16 * 1024 * 1024,
                        max_open_files=None, isolate_network=False,
                        env={k: v for k, v in os.environ.items() if k in ("HOME", "ELAN_HOME", "ELAN_TOOLCHAIN")})
    exe = build / ".lake" / "build" / "bin" / "pv-replay"
    if not res.ok or not _executable(exe):
        raise InvalidArgumentError(f"building pv-replay failed (exit {res.returncode}): "
                                   f"{(res.text('stderr') + res.text('stdout'))[-1500:]}")
    shutil.copy2(exe, dest / "pv-replay")
    return dest / "pv-replay"
