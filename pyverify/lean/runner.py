"""Run ``lake build`` on the project and report per module; without a toolchain, say so (never "passed").

`lake_build` finds the toolchain with `pyverify.lean.toolchain.find_toolchain`. Without one it returns a
`BuildReport` with status ``"not_checked"`` and the message `NO_TOOLCHAIN_MESSAGE`. With one it runs plain
``lake build`` in the project root under `pyverify.lean.sandbox.run_sandboxed` (hard timeout that kills the
whole process group, output cap; network *not* isolated and ``HOME``/``ELAN_HOME`` passed through, because the
elan proxy may need to install the pinned toolchain) and parses what lake printed:

* progress lines ``✔ [n/m] Built M (1.2s)``, ``⚠ [n/m] Built M`` / ``Replayed M`` (with warnings),
  ``✖ [n/m] Building M`` (failed); the diagnostics printed after a progress line belong to that module;
* diagnostics ``error: path:line:col: msg`` / ``warning: …`` with their continuation lines (lake has ``lean``
  emit JSON and prints it back as text; `pyverify.lean.diagnostics.parse_text_diagnostics` reads it);
* the footer ``Some required targets logged failures:`` followed by ``- Module`` lines, and
  ``Build completed successfully``.

The status is ``"passed"`` only when lake exited 0, nothing timed out, no error diagnostic was printed, no
module failed, and no ``declaration uses sorry`` warning appeared (lake itself does not fail on sorry).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Literal

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..errors import InvalidArgumentError
from .diagnostics import Diagnostic, parse_text_diagnostics
from .sandbox import run_sandboxed
from .toolchain import NO_TOOLCHAIN_MESSAGE, Toolchain, find_toolchain

__all__ = [
    "BuildReport",
    "ModuleResult",
    "BuildStatus",
    "parse_lake_output",
    "lake_build",
    "module_of_path",
    "NO_TOOLCHAIN_MESSAGE",
]

BuildStatus = Literal["passed", "failed", "not_checked"]

_PROGRESS_RE = re.compile(
    r"^(?P<mark>[✔⚠✖ℹ]) \[(?P<i>\d+)/(?P<n>\d+)\] (?P<verb>[A-Z][a-z]+) (?P<target>\S+)(?: \((?P<time>[^)]*)\))?\s*$"
)
_SRC_DIRS = ("lean", "proofs")
_LAKE_OUTPUT_CAP = 64 * 1024 * 1024


@dataclass
class ModuleResult:
    """What lake reported for one module (or other build target).

    ``state`` is ``"built"`` (✔), ``"warnings"`` (⚠), ``"failed"`` (✖ or listed in lake's failure footer),
    or ``"unknown"`` for a module only seen in a diagnostic's path.
    """

    name: str
    state: str
    verb: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        """Error diagnostics of this module."""
        return [d for d in self.diagnostics if d.is_error]

    @property
    def sorries(self) -> list[Diagnostic]:
        """``declaration uses sorry`` warnings of this module."""
        return [d for d in self.diagnostics if d.is_sorry]

    @property
    def ok(self) -> bool:
        """Neither failed, nor an error, nor a sorry."""
        return self.state != "failed" and not self.errors and not self.sorries

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "module": self.name, "state": self.state, "ok": self.ok, "errors": len(self.errors),
            "sorries": len(self.sorries),
            "warnings": sum(1 for d in self.diagnostics if d.severity == "warning"),
            "diagnostics": [d.to_json() for d in self.diagnostics],
        }


@dataclass
class BuildReport:
    """The outcome of ``lake build``: ``status`` is ``"passed"``, ``"failed"`` or ``"not_checked"``."""

    status: BuildStatus
    message: str
    modules: list[ModuleResult] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed_targets: list[str] = field(default_factory=list)
    returncode: int | None = None
    timed_out: bool = False
    wall_seconds: float = 0.0
    toolchain: Toolchain | None = None
    output_tail: str = ""
    checked_by: str = "Lean kernel via lake build"

    @property
    def ok(self) -> bool:
        """True only for ``status == "passed"``."""
        return self.status == "passed"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict with the status, message, per-module results and unattributed diagnostics."""
        return {
            "status": self.status,
            "message": self.message,
            "checked_by": self.checked_by if self.status != "not_checked" else None,
            "toolchain": self.toolchain.to_json() if self.toolchain else None,
            "returncode": self.returncode,
            "timed_out": self.timed_out,
            "wall_seconds": round(self.wall_seconds, 3),
            "failed_targets": list(self.failed_targets),
            "modules": [m.to_json() for m in self.modules],
            "diagnostics": [d.to_json() for d in self.diagnostics],
            "output_tail": self.output_tail,
        }

    def render(self) -> RenderableType:
        """A rich renderable: a status line, then a per-module table and the problems."""
        style = {"passed": "bold green", "failed": "bold red", "not_checked": "bold yellow"}[self.status]
        parts: list[RenderableType] = [Text(f"lake build: {self.status} — {self.message}", style=style)]
        if self.modules:
            table = Table(title="Modules")
            for col in ("module", "state", "errors", "sorries", "warnings"):
                table.add_column(col)
            for m in self.modules:
                js = m.to_json()
                st = "green" if m.ok else "red"
                table.add_row(m.name, Text(m.state, style=st), str(js["errors"]), str(js["sorries"]),
                              str(js["warnings"]))
            parts.append(table)
        problems = [d for m in self.modules for d in m.diagnostics if d.is_error or d.is_sorry]
        problems += [d for d in self.diagnostics if d.is_error or d.is_sorry]
        for d in problems[:50]:
            parts.append(Text(str(d).splitlines()[0], style="red"))
        if len(problems) > 50:
            parts.append(Text(f"… {len(problems) - 50} more"))
        return Group(*parts)


def module_of_path(path: str) -> str | None:
    """The module name of a source path as lake prints it (``././lean/LearningRules/Vec.lean`` ↦
    ``LearningRules.Vec``); ``None`` for a path that is not a ``.lean`` file."""
    p = path.strip()
    if not p.endswith(".lean"):
        return None
    parts = [s for s in p[: -len(".lean")].split("/") if s not in ("", ".")]
    if len(parts) > 1 and parts[0] in _SRC_DIRS:
        parts = parts[1:]
    return ".".join(parts) if parts else None


def parse_lake_output(lines: Iterable[str]) -> tuple[list[ModuleResult], list[Diagnostic], list[str], bool]:
    """Parse ``lake build`` output.

    Returns ``(modules, unattributed diagnostics, failed targets from the footer, completed)`` where
    ``completed`` says lake printed ``Build completed successfully``. A diagnostic after a progress line
    belongs to that line's module; one before any progress line is attributed by its path when that names a
    module already seen, else left unattributed.
    """
    modules: dict[str, ModuleResult] = {}
    order: list[str] = []
    # Group the raw lines into segments, each starting at a progress line.
    segments: list[tuple[str | None, list[str]]] = [(None, [])]
    failed: list[str] = []
    completed = False
    in_footer = False
    for raw in lines:
        line = raw.rstrip("\r\n")
        m = _PROGRESS_RE.match(line)
        if m:
            in_footer = False
            name = m.group("target")
            mark = m.group("mark")
            state = {"✔": "built", "⚠": "warnings", "✖": "failed", "ℹ": "built"}[mark]
            if name not in modules:
                modules[name] = ModuleResult(name=name, state=state, verb=m.group("verb"))
                order.append(name)
            else:
                prev = modules[name]
                if prev.state != "failed":
                    prev.state = state
                    prev.verb = m.group("verb")
            segments.append((name, []))
            continue
        if line.startswith("Some required targets logged failures"):
            in_footer = True
            continue
        if in_footer and line.startswith("- "):
            failed.append(line[2:].strip())
            continue
        in_footer = False
        if line.startswith("Build completed successfully"):
            completed = True
            continue
        segments[-1][1].append(line)
    loose: list[Diagnostic] = []
    for owner, seg in segments:
        diags, _ = parse_text_diagnostics(seg)
        for d in diags:
            target = owner
            if target is None:
                guess = module_of_path(d.file)
                target = guess if guess in modules else None
            if target is None:
                loose.append(d)
            else:
                modules[target].diagnostics.append(d)
    for name in failed:
        if name in modules:
            modules[name].state = "failed"
        else:
            modules[name] = ModuleResult(name=name, state="failed")
            order.append(name)
    return [modules[n] for n in order], loose, failed, completed


def _lake_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for key in ("HOME", "ELAN_HOME", "ELAN_TOOLCHAIN", "LEAN_PATH", "LEAN_SRC_PATH", "LAKE_HOME",
                "TMPDIR", "XDG_CACHE_HOME"):
        if key in os.environ:
            env[key] = os.environ[key]
    return env


class _LineSplitter:
    """Turns the chunks of two output streams into whole lines, one callback per line."""

    def __init__(self, on_line: Callable[[str], None]) -> None:
        self._on_line = on_line
        self._partial: dict[str, bytes] = {}

    def feed(self, stream: str, chunk: bytes) -> None:
        data = self._partial.pop(stream, b"") + chunk
        *complete, rest = data.split(b"\n")
        for line in complete:
            self._on_line(line.decode("utf-8", "replace"))
        if rest:
            self._partial[stream] = rest

    def flush(self) -> None:
        for rest in self._partial.values():
            self._on_line(rest.decode("utf-8", "replace"))
        self._partial.clear()


def lake_build(root: Path, timeout: float = 3600.0, *, toolchain: Toolchain | None = None,
               on_line: Callable[[str], None] | None = None) -> BuildReport:
    """Run ``lake build`` in ``root`` and report per module (see the module docstring).

    ``toolchain`` defaults to `find_toolchain`; ``on_line``, if given, receives each line lake prints (stdout
    and stderr, without the newline) as soon as it is complete, for streaming a long build. Raises
    `InvalidArgumentError` when ``root`` has no ``lakefile.lean``/``lakefile.toml`` or ``timeout`` is not
    positive.
    """
    root = Path(root)
    if not ((root / "lakefile.lean").is_file() or (root / "lakefile.toml").is_file()):
        raise InvalidArgumentError(f"root={str(root)!r} has no lakefile.lean; pass the project root")
    if not (isinstance(timeout, (int, float)) and timeout > 0):
        raise InvalidArgumentError(f"timeout={timeout!r} must be a positive number of seconds")
    tc = toolchain if toolchain is not None else find_toolchain()
    if tc is None:
        return BuildReport(status="not_checked", message=NO_TOOLCHAIN_MESSAGE)
    lines = _LineSplitter(on_line) if on_line is not None else None
    res = run_sandboxed(
        [str(tc.lake), "build"], cwd=root, timeout=timeout, env=_lake_env(),
        max_output_bytes=_LAKE_OUTPUT_CAP, max_open_files=None, isolate_network=False,
        on_output=lines.feed if lines is not None else None,
    )
    if lines is not None:
        lines.flush()
    text = res.text("stdout") + ("\n" + res.text("stderr") if res.stderr else "")
    modules, loose, failed, completed = parse_lake_output(text.splitlines())
    errors = [d for m in modules for d in m.errors] + [d for d in loose if d.is_error]
    sorries = [d for m in modules for d in m.sorries] + [d for d in loose if d.is_sorry]
    bad_modules = [m.name for m in modules if m.state == "failed"]
    reasons: list[str] = []
    if res.timed_out:
        reasons.append(f"lake build timed out after {timeout:g}s and was killed")
    if res.output_truncated:
        reasons.append("lake output exceeded the cap and was cut")
    if res.returncode != 0 and not res.timed_out:
        reasons.append(f"lake exited with code {res.returncode}")
    if errors:
        reasons.append(f"{len(errors)} error(s)")
    if bad_modules:
        reasons.append(f"failed modules: {', '.join(bad_modules)}")
    if sorries:
        reasons.append(f"{len(sorries)} declaration(s) use sorry")
    status: BuildStatus = "failed" if reasons else "passed"
    if status == "passed":
        message = f"all {len(modules)} target(s) built by {tc.version}" + (
            "" if completed else " (lake printed no completion line)"
        )
    else:
        message = "; ".join(reasons)
    return BuildReport(
        status=status, message=message, modules=modules, diagnostics=loose, failed_targets=failed,
        returncode=res.returncode, timed_out=res.timed_out, wall_seconds=res.wall_seconds, toolchain=tc,
        output_tail=text[-4000:],
    )
