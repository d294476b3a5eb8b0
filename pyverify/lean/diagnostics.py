"""Lean's messages as data: ``lean --json`` lines, ``file:line:col`` text lines, ``#print axioms`` answers.

* `parse_json_diagnostics` reads the output of ``lean --json FILE``: one JSON object per line with the keys
  ``fileName``, ``pos`` ``{line, column}``, ``endPos`` (may be null), ``severity`` (``error`` | ``warning`` |
  ``information``), ``data`` (the message), ``caption`` and ``kind`` (for example ``hasSorry``,
  ``linter.unusedVariables``, ``lean.unknownIdentifier._namedError``). Lines that are not such objects (panics,
  ``failed to create thread``, a crash trace) are kept apart, never dropped.
* `parse_text_diagnostics` reads the human format that ``lean`` without ``--json`` and ``lake build`` print,
  in either of its shapes ``error: F.lean:3:4: msg`` and ``F.lean:3:4: error: msg``, with continuation lines.
* `parse_axioms_message` reads the answer of ``#print axioms X``: ``'X' depends on axioms: [propext,
  Classical.choice, Quot.sound]`` or ``'X' does not depend on any axioms``.
* `run_lean_file` runs one file with ``lean --json`` through `pyverify.lean.sandbox.run_sandboxed` and returns
  a `LeanRun` with the diagnostics, the ``#print axioms`` answers and the sandbox's verdict on limits.

Lean 4.35 phrases the sorry warning as ``declaration uses `sorry` `` (kind ``hasSorry``); older versions used
``declaration uses 'sorry'``. `is_sorry_warning` accepts both.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict, Unpack

from ..errors import InvalidArgumentError
from .sandbox import DEFAULT_MAX_OUTPUT_BYTES, SandboxResult, fresh_workdir, run_sandboxed

__all__ = [
    "Diagnostic",
    "LeanRun",
    "SEVERITIES",
    "parse_json_diagnostics",
    "parse_text_diagnostics",
    "parse_axioms_message",
    "axioms_from_diagnostics",
    "parse_axioms_text",
    "is_sorry_warning",
    "run_lean_file",
    "run_lean_source",
    "check_lean_file",
    "LeanCheckOptions",
    "DEFAULT_LEAN_MEMORY_BYTES",
]

#: The severities Lean reports (``info`` in text output is normalised to ``information``).
SEVERITIES = ("error", "warning", "information")

#: Address-space limit that lets Lean 4.35 start its thread pool (see the sandbox module docstring).
DEFAULT_LEAN_MEMORY_BYTES = 16 * 1024**3

_SORRY_RE = re.compile(r"declaration uses [`']sorry[`']")
_AXIOMS_RE = re.compile(r"^'(?P<name>.+)' depends on axioms: \[(?P<axioms>.*)\]\s*$", re.DOTALL)
_NO_AXIOMS_RE = re.compile(r"^'(?P<name>.+)' does not depend on any axioms\s*$", re.DOTALL)
# `severity: path:line:col: msg` (lake, recent lean) and `path:line:col: severity: msg` (older lean).
_TEXT_SEV_FIRST = re.compile(
    r"^(?P<sev>error|warning|info|information): (?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<msg>.*)$"
)
_TEXT_POS_FIRST = re.compile(
    r"^(?P<file>[^\s:][^:]*?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info|information): (?P<msg>.*)$"
)


@dataclass(frozen=True)
class Diagnostic:
    """One message from Lean.

    ``line`` is 1-based and ``column`` 0-based (Lean's convention); both are ``None`` for a message with no
    position. ``severity`` is one of `SEVERITIES`; ``kind`` is Lean's message kind when it gave one.
    """

    file: str
    line: int | None
    column: int | None
    severity: str
    message: str
    end_line: int | None = None
    end_column: int | None = None
    kind: str | None = None
    caption: str = ""

    @property
    def is_error(self) -> bool:
        """Severity ``error``."""
        return self.severity == "error"

    @property
    def is_sorry(self) -> bool:
        """A ``declaration uses sorry`` warning (see `is_sorry_warning`)."""
        return is_sorry_warning(self)

    def location(self) -> str:
        """``file:line:column`` (or just ``file`` without a position)."""
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column if self.column is not None else 0}"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "file": self.file, "line": self.line, "column": self.column, "end_line": self.end_line,
            "end_column": self.end_column, "severity": self.severity, "kind": self.kind,
            "message": self.message,
        }

    def __str__(self) -> str:
        return f"{self.location()}: {self.severity}: {self.message}"


def is_sorry_warning(d: Diagnostic) -> bool:
    """Whether ``d`` is Lean's "declaration uses sorry" warning (kind ``hasSorry`` or the message text)."""
    return d.severity in ("warning", "error") and (d.kind == "hasSorry" or bool(_SORRY_RE.search(d.message)))


def _int_or_none(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _from_json_obj(obj: Mapping[str, Any]) -> Diagnostic | None:
    sev = obj.get("severity")
    data = obj.get("data")
    if sev not in SEVERITIES or not isinstance(data, str):
        return None
    raw_pos, raw_end = obj.get("pos"), obj.get("endPos")
    pos: Mapping[str, Any] = raw_pos if isinstance(raw_pos, dict) else {}
    end: Mapping[str, Any] = raw_end if isinstance(raw_end, dict) else {}
    kind = obj.get("kind")
    caption = obj.get("caption")
    return Diagnostic(
        file=str(obj.get("fileName", "")),
        line=_int_or_none(pos.get("line")),
        column=_int_or_none(pos.get("column")),
        severity=str(sev),
        message=data,
        end_line=_int_or_none(end.get("line")),
        end_column=_int_or_none(end.get("column")),
        kind=kind if isinstance(kind, str) and kind != "[anonymous]" else None,
        caption=caption if isinstance(caption, str) else "",
    )


def parse_json_diagnostics(text: str) -> tuple[list[Diagnostic], list[str]]:
    """Split ``lean --json`` output into diagnostics and the other (non-JSON or non-message) lines.

    Blank lines are skipped. A line that is JSON but not a message object (missing ``severity``/``data``) is
    returned among the other lines, so nothing Lean printed is silently lost.
    """
    if not isinstance(text, str):
        raise InvalidArgumentError(f"text must be str, not {type(text).__name__}; decode Lean's output first")
    diags: list[Diagnostic] = []
    other: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("{"):
            try:
                obj = json.loads(stripped)
            except ValueError:
                obj = None
            if isinstance(obj, dict):
                d = _from_json_obj(obj)
                if d is not None:
                    diags.append(d)
                    continue
        other.append(line)
    return diags, other


def parse_text_diagnostics(lines: Iterable[str]) -> tuple[list[Diagnostic], list[str]]:
    """Parse text-format diagnostics; lines that follow a diagnostic and start no new one continue it.

    Recognises ``error: F.lean:3:4: msg`` and ``F.lean:3:4: error: msg``. A continuation ends at a line that
    starts a new diagnostic or is a `stop line` (lake's ``✔``/``⚠``/``✖`` progress lines, ``trace:``,
    ``info:``, ``error:``/``warning:`` without a position, ``Some required targets …``, ``- Module``,
    ``Build completed …``). Returns the diagnostics and all lines that belong to none.
    """
    diags: list[Diagnostic] = []
    other: list[str] = []
    current: dict[str, Any] | None = None

    def flush() -> None:
        nonlocal current
        if current is not None:
            msg = "\n".join(current["msg"]).rstrip("\n")
            diags.append(Diagnostic(
                file=current["file"], line=current["line"], column=current["col"], severity=current["sev"],
                message=msg, kind="hasSorry" if _SORRY_RE.search(msg) else None,
            ))
            current = None

    for raw in lines:
        line = raw.rstrip("\r\n")
        m = _TEXT_SEV_FIRST.match(line) or _TEXT_POS_FIRST.match(line)
        if m:
            flush()
            sev = m.group("sev")
            current = {
                "file": m.group("file"), "line": int(m.group("line")), "col": int(m.group("col")),
                "sev": "information" if sev == "info" else sev, "msg": [m.group("msg")],
            }
            continue
        if current is not None and not _is_stop_line(line):
            current["msg"].append(line)
            continue
        flush()
        other.append(line)
    flush()
    return diags, other


_STOP_PREFIXES = ("✔", "⚠", "✖", "ℹ", "trace:", "info:", "error:", "warning:", "Some required targets",
                  "Build completed", "- ", "⣿")


def _is_stop_line(line: str) -> bool:
    return line.startswith(_STOP_PREFIXES)


def parse_axioms_message(message: str) -> tuple[str, frozenset[str]] | None:
    """``(name, axioms)`` from one ``#print axioms`` answer, or ``None`` if ``message`` is not one."""
    text = message.strip()
    m = _AXIOMS_RE.match(text)
    if m:
        axioms = frozenset(a.strip() for a in m.group("axioms").replace("\n", " ").split(",") if a.strip())
        return m.group("name"), axioms
    m = _NO_AXIOMS_RE.match(text)
    if m:
        return m.group("name"), frozenset()
    return None


def axioms_from_diagnostics(diags: Iterable[Diagnostic]) -> dict[str, frozenset[str]]:
    """Every ``#print axioms`` answer among ``diags`` (information messages), keyed by constant name."""
    found: dict[str, frozenset[str]] = {}
    for d in diags:
        if d.severity != "information":
            continue
        parsed = parse_axioms_message(d.message)
        if parsed is not None:
            found[parsed[0]] = parsed[1]
    return found


def parse_axioms_text(text: str) -> dict[str, frozenset[str]]:
    """``#print axioms`` answers in plain (non-JSON) Lean output, one answer per line or wrapped list."""
    found: dict[str, frozenset[str]] = {}
    for m in re.finditer(r"^'[^\n]+' (?:depends on axioms: \[[^\]]*\]|does not depend on any axioms)",
                         text, flags=re.MULTILINE):
        parsed = parse_axioms_message(m.group(0))
        if parsed is not None:
            found[parsed[0]] = parsed[1]
    return found


@dataclass(frozen=True)
class LeanRun:
    """One ``lean --json`` run: its diagnostics, ``#print axioms`` answers and the sandbox outcome."""

    returncode: int
    diagnostics: list[Diagnostic]
    axioms: dict[str, frozenset[str]]
    timed_out: bool
    output_truncated: bool
    resource_exhausted: bool
    wall_seconds: float
    enforced: list[str] = field(default_factory=list)
    other_output: list[str] = field(default_factory=list)
    stderr: str = ""

    @property
    def errors(self) -> list[Diagnostic]:
        """The error diagnostics."""
        return [d for d in self.diagnostics if d.is_error]

    @property
    def sorry_warnings(self) -> list[Diagnostic]:
        """The ``declaration uses sorry`` warnings."""
        return [d for d in self.diagnostics if d.is_sorry]

    @property
    def ok(self) -> bool:
        """Exit 0, no error, no sorry, and no limit fired."""
        return (
            self.returncode == 0 and not self.errors and not self.sorry_warnings
            and not self.timed_out and not self.output_truncated and not self.resource_exhausted
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "returncode": self.returncode, "ok": self.ok, "timed_out": self.timed_out,
            "output_truncated": self.output_truncated, "resource_exhausted": self.resource_exhausted,
            "wall_seconds": self.wall_seconds, "enforced": list(self.enforced),
            "diagnostics": [d.to_json() for d in self.diagnostics],
            "axioms": {k: sorted(v) for k, v in self.axioms.items()},
            "other_output": list(self.other_output), "stderr": self.stderr,
        }

    @classmethod
    def from_sandbox(cls, res: SandboxResult) -> LeanRun:
        """Interpret a sandboxed ``lean --json`` run."""
        diags, other = parse_json_diagnostics(res.text("stdout"))
        return cls(
            returncode=res.returncode, diagnostics=diags, axioms=axioms_from_diagnostics(diags),
            timed_out=res.timed_out, output_truncated=res.output_truncated,
            resource_exhausted=res.resource_exhausted, wall_seconds=res.wall_seconds,
            enforced=list(res.enforced), other_output=other, stderr=res.text("stderr"),
        )


class LeanCheckOptions(TypedDict, total=False):
    """The keyword options of `check_lean_file`, shared by `run_lean_file`, `run_lean_source` and
    `pyverify.verify.warm.WarmLean.check_file`; the defaults are `check_lean_file`'s."""

    timeout: float
    memory_bytes: int | None
    cpu_seconds: int | None
    max_output_bytes: int
    extra_args: Sequence[str]
    env: Mapping[str, str] | None


def check_lean_file(
    run: Callable[..., LeanRun],
    file: str | os.PathLike[str],
    *,
    prefix: str = "pyverify-lean-",
    timeout: float = 60.0,
    memory_bytes: int | None = DEFAULT_LEAN_MEMORY_BYTES,
    cpu_seconds: int | None = None,
    max_output_bytes: int = DEFAULT_MAX_OUTPUT_BYTES,
    extra_args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
) -> LeanRun:
    """Copy ``file`` into a fresh directory and check it there with ``run(args, cwd=…, timeout=…, env=…,
    memory_bytes=…, cpu_seconds=…, max_output_bytes=…)``, ``args`` being ``[*extra_args, "--json", "--", name]``
    (``run`` supplies the ``lean`` program: a fresh sandboxed process or the warm zygote).

    ``extra_args`` go before the file name (for example ``["-M", "2048"]`` for Lean's own heap limit), ``env``
    (for example ``{"LEAN_PATH": ...}``) is added to the scrubbed environment, the limits are as in
    `run_sandboxed`. Raises `InvalidArgumentError` when ``file`` does not exist.
    """
    src = Path(file)
    if not src.is_file():
        raise InvalidArgumentError(f"file={str(src)!r} does not exist; pass a .lean file")
    with fresh_workdir(prefix=prefix) as work:
        shutil.copyfile(src, work / src.name)
        # "--" ends Lean's options (getopt): a file named "-.lean" is a file, not an option
        return run([*extra_args, "--json", "--", src.name], cwd=work, timeout=timeout, env=env,
                   memory_bytes=memory_bytes, cpu_seconds=cpu_seconds, max_output_bytes=max_output_bytes)


def run_lean_file(lean: Path, file: Path, **options: Unpack[LeanCheckOptions]) -> LeanRun:
    """Elaborate ``file`` with ``lean --json`` in a fresh sandbox directory and parse what it printed.

    The file is copied into a new temporary directory (so the run sees nothing else) and ``lean`` runs there
    under `run_sandboxed`; the options and their defaults are `check_lean_file`'s. Raises
    `InvalidArgumentError` when ``lean`` or ``file`` does not exist.
    """
    lean_path = Path(lean)
    if not lean_path.is_file() and shutil.which(str(lean)) is None:
        raise InvalidArgumentError(f"lean={str(lean)!r} is not an executable; pass the path of a lean binary")
    program = str(lean_path.resolve()) if lean_path.is_file() else str(lean)

    def fresh(args: Sequence[str], **limits: Any) -> LeanRun:
        return LeanRun.from_sandbox(run_sandboxed([program, *args], **limits))

    return check_lean_file(fresh, file, **options)


def run_lean_source(
    lean: Path, source: str, *, filename: str = "Check.lean", **options: Unpack[LeanCheckOptions]
) -> LeanRun:
    """Like `run_lean_file`, for Lean source text written to ``filename`` in a fresh sandbox directory."""
    if not isinstance(source, str):
        raise InvalidArgumentError(f"source must be str, not {type(source).__name__}")
    if "/" in filename or not filename.endswith(".lean"):
        raise InvalidArgumentError(f"filename={filename!r} must be a bare name ending in .lean")
    with fresh_workdir(prefix="pyverify-src-") as tmp:
        path = tmp / filename
        path.write_text(source, encoding="utf-8")
        return run_lean_file(lean, path, **options)
