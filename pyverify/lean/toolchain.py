"""Find a full Lean toolchain (``lake`` and ``lean``).

Lookup order, for each of the two programs:

1. the environment variables ``PYVERIFY_LAKE`` and ``PYVERIFY_LEAN`` (a path to the executable; when set
   it must exist and be executable, otherwise `find_toolchain` raises `LeanError` naming the variable, since a
   silently ignored override would hide a broken setup);
2. ``PATH`` (`shutil.which`);
3. ``~/.elan/bin`` (where elan installs its proxies), or ``$ELAN_HOME/bin`` if ``ELAN_HOME`` is set.

When only ``lake`` is found, ``lean`` is taken from beside it (elan and toolchain directories ship both). A
toolchain needs ``lake``: without it `find_toolchain` returns ``None`` and callers must report "Lean not
checked", never success. The prelude-only test binary of `pyverify.lean.prelude` is *not* a toolchain (it
has no ``Init``) and is never returned here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import LeanError

__all__ = ["Toolchain", "find_toolchain", "find_program", "ENV_LAKE", "ENV_LEAN", "NO_TOOLCHAIN_MESSAGE"]

#: Environment variable naming the ``lake`` executable.
ENV_LAKE = "PYVERIFY_LAKE"
#: Environment variable naming the ``lean`` executable.
ENV_LEAN = "PYVERIFY_LEAN"
#: The one message every caller prints when no toolchain exists.
NO_TOOLCHAIN_MESSAGE = "Lean not checked: no toolchain found (set PYVERIFY_LAKE or put lake on PATH)"


@dataclass(frozen=True)
class Toolchain:
    """A located Lean toolchain: the ``lake`` and ``lean`` executables and ``lean --version``'s first line."""

    lake: Path
    lean: Path | None
    version: str

    def to_json(self) -> dict[str, str | None]:
        """A JSON-ready dict."""
        return {"lake": str(self.lake), "lean": str(self.lean) if self.lean else None, "version": self.version}


def _elan_bin() -> Path:
    home = os.environ.get("ELAN_HOME")
    return (Path(home) if home else Path.home() / ".elan") / "bin"


def _is_exe(p: Path) -> bool:
    return p.is_file() and os.access(p, os.X_OK)


def find_program(name: str, env_var: str) -> Path | None:
    """Locate ``name`` via ``env_var``, then PATH, then the elan bin directory (see the module docstring)."""
    override = os.environ.get(env_var)
    if override:
        p = Path(override).expanduser()
        if not _is_exe(p):
            raise LeanError(f"{env_var}={override!r} is not an executable file; fix the path or unset {env_var}")
        return p
    found = shutil.which(name)
    if found:
        return Path(found)
    cand = _elan_bin() / name
    return cand if _is_exe(cand) else None


def _version(exe: Path) -> str:
    try:
        proc = subprocess.run(
            [str(exe), "--version"], capture_output=True, timeout=120, check=False, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"unknown ({exc})"
    text = (proc.stdout or proc.stderr).decode("utf-8", errors="replace").strip()
    return text.splitlines()[0] if text else f"unknown (exit {proc.returncode})"


def find_toolchain() -> Toolchain | None:
    """The Lean toolchain on this machine, or ``None`` when no ``lake`` can be found.

    Raises `LeanError` when ``PYVERIFY_LAKE``/``PYVERIFY_LEAN`` is set to something that is not an executable.
    """
    lake = find_program("lake", ENV_LAKE)
    if lake is None:
        return None
    lean = find_program("lean", ENV_LEAN)
    if lean is None and _is_exe(lake.parent / "lean"):
        lean = lake.parent / "lean"
    version = _version(lean) if lean is not None else _version(lake)
    return Toolchain(lake=lake, lean=lean, version=version)
