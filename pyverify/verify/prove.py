"""Checking `prove` answers: pre-filter, sandboxed elaboration, and an audit in a separate trusted process.

The verifier writes every Lean file itself; the answer only ever fills the proof position of

    <template header lines>            -- `prelude` for the test binary, nothing for a full toolchain
    import <template imports>           -- `LearningRules`, or a test fixture module
    theorem pv_fresh_<random> : <spec> :=
      <answer, every line indented by two spaces>

and the statement comes only from the task's ``lean_spec``. The steps, in order (the first failure decides):

1. `pyverify.verify.prefilter.prefilter` on the answer text.
2. **Elaboration** of that file, ``lean --json -o out/PvAnswer.olean PvAnswer.lean``, by
   `pyverify.lean.sandbox.run_sandboxed`: a fresh temporary directory, scrubbed environment, ``LEAN_PATH``
   set to the template's library directories only, the whole file system read-only except ``out/`` (a
   mount namespace, where the OS allows; ``details.enforced`` says whether it was in force), a hard wall-clock timeout that kills the process group,
   ``RLIMIT_AS``/``RLIMIT_CPU`` plus Lean's own ``-M`` heap cap, an output cap, no network where ``unshare``
   works. A timeout → ``timeout``; a limit → ``resource_exhausted``; any error → ``lean_error`` (with the
   position, in the file and in the answer); a sorry warning → ``sorry``.
3. **Audit**, which runs nothing the answer wrote:
   a. the answer module's ``.olean`` is copied (after the elaborating process group was killed; its
      SHA-256 is recorded) and read by `pyverify.verify.olean` (plain data parsing): its imports must be
      the template's; it must declare the fresh theorem as a ``theorem``; every other constant must carry
      one of the auxiliary names Lean 4.35 generates for it (`aux_name_ok`: ``pv_fresh_….proof_<n>``,
      ``._proof_<n>``, ``._simp_<n>``, ``.match_<n>`` and its ``splitter``/``eq_<n>``, …; no blanket module
      prefix) and be a safe definition or a theorem (no axiom, opaque, quotient, inductive, unsafe or
      partial definition);
   b. a second Lean process, in another fresh directory that holds only the answer's ``.olean``, compiles the
      verifier's audit file ``import <template imports>; import PvAnswer;
      theorem pv_audit_… : <spec> := pv_fresh_…; #print axioms pv_fresh_…``: the spec is elaborated again
      without the answer, the answer's theorem must have that type (by definitional equality, checked by
      the kernel), and ``#print axioms`` (run by the verifier, not by the answer's file) must answer with a
      subset of `ALLOWED_AXIOMS`; a missing answer is a failure, never a pass;
   c. the fresh theorem's type (from the answer's .olean) must be *structurally identical* to the type of
      ``pv_audit_…`` (from the audit .olean): the same kernel term, not merely a definitionally equal one;
   d. **independent kernel replay** (`pyverify.verify.replay`): a separate process replays every constant
      of the module through the kernel from a fresh read-only copy of the ``.olean`` whose SHA-256 must
      still match. ``valid`` requires it. No replay tool → ``unavailable`` with the reason; only a template
      with ``allow_unreplayed=True`` (off by default) skips it, and its ``backed_by`` says so.

`ProveTemplate` parameterises the header, imports, library path and Lean binary, so that the tests drive
this exact path with the prelude-only Lean 4.35.0 binary and small ``prelude`` fixture modules.

The two Lean runs (elaboration and audit) go through a `LeanRunner`. By default that is one fresh sandboxed
process per run (`pyverify.lean.sandbox.run_sandboxed` on ``template.lean``); ``runner=WarmLean(...).run``
(`pyverify.verify.warm`) runs them as forks of a pre-initialised Lean instead, under the same limits and the
same read-only file system (the fork server runs in the mount namespace; ``details.enforced`` says which
isolation applied). The kernel replay (d) always uses a fresh process.
"""

from __future__ import annotations

import math
import os
import re
import secrets
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import InvalidArgumentError
from .olean import OleanFormatError, read_olean, structurally_equal
from .prefilter import prefilter
from .replay import NO_REPLAY_REASON, find_replay_tool, run_replay, sha256_file
from .verdict import Verdict

if TYPE_CHECKING:
    from ..lean.diagnostics import LeanRun

__all__ = [
    "LeanRunner",
    "ALLOWED_AXIOMS",
    "ANSWER_MODULE",
    "ProveTemplate",
    "check_prove",
    "render_answer_file",
    "template_for_project",
    "compile_fixture_module",
    "DEFAULT_LEAN_HEAP_MB",
    "prelude_template",
    "aux_name_ok",
]

#: The axioms a valid proof may depend on (Lean's three standard axioms).
ALLOWED_AXIOMS: frozenset[str] = frozenset({"propext", "Classical.choice", "Quot.sound"})
#: Module name of the answer's file inside the sandbox directory.
ANSWER_MODULE = "PvAnswer"
#: Lean's own heap limit (``-M``), in megabytes.
DEFAULT_LEAN_HEAP_MB = 4096
#: Address-space rlimit: Lean 4.35 reserves several GiB for its thread pool (see pyverify.lean.sandbox).
LEAN_ADDRESS_SPACE = 16 * 1024**3
#: Output cap for one Lean run (stdout + stderr).
DEFAULT_OUTPUT_CAP = 1024 * 1024

_SPEC_IDENT = re.compile(r"^[A-Za-z_][\w'.]*$")


class LeanRunner(Protocol):
    """Runs ``lean <args>`` (the arguments after the program) in ``cwd`` under the given limits, with nothing
    writable but the directories ``writable`` where the OS allows it, and returns the parsed run;
    `pyverify.verify.warm.WarmLean.run` is one."""

    def __call__(self, args: Sequence[str], *, cwd: Path, timeout: float, env: Mapping[str, str],
                 memory_bytes: int | None, cpu_seconds: int | None, max_output_bytes: int,
                 writable: Sequence[Path]) -> LeanRun: ...


@dataclass(frozen=True)
class ProveTemplate:
    """How the verifier builds and runs the Lean files of a `prove` check.

    ``lean``: the Lean executable; ``header``: lines before the imports (``("prelude",)`` for the test
    binary); ``imports``: the modules the answer may use; ``lean_path``: directories holding their .olean
    files; ``replay``: the kernel replay command (default: `pyverify.verify.replay.find_replay_tool`);
    ``allow_unreplayed``: accept without a replay (off by default; named in ``backed_by``); ``label``: shown
    in verdicts. ``kernel_recheck`` is kept for compatibility and ignored: the replay is never optional
    except through ``allow_unreplayed``.
    """

    lean: Path
    imports: tuple[str, ...]
    lean_path: tuple[Path, ...] = ()
    header: tuple[str, ...] = ()
    heap_mb: int = DEFAULT_LEAN_HEAP_MB
    max_output_bytes: int = DEFAULT_OUTPUT_CAP
    kernel_recheck: bool = True
    replay: tuple[str, ...] | None = None
    allow_unreplayed: bool = False
    extra_env: tuple[tuple[str, str], ...] = ()
    label: str = "lean"

    @property
    def implicit_imports(self) -> tuple[str, ...]:
        """Imports Lean adds by itself (``Init`` unless the file starts with ``prelude``)."""
        return () if "prelude" in self.header else ("Init",)

    def env(self, extra_dirs: Sequence[Path] = ()) -> dict[str, str]:
        """The environment for a Lean run: ``LEAN_PATH`` = ``extra_dirs`` + the template's directories."""
        dirs = [str(Path(d).resolve()) for d in (*extra_dirs, *self.lean_path)]
        return {"LEAN_PATH": os.pathsep.join(dirs), **dict(self.extra_env)}


def render_answer_file(template: ProveTemplate, spec: str, answer: str, fresh: str) -> tuple[str, int]:
    """The answer file's text and the 1-based line on which the answer starts."""
    head = [*template.header, *(f"import {m}" for m in template.imports), f"theorem {fresh} : {spec} :="]
    body = ["  " + line if line.strip() else "" for line in answer.split("\n")]
    return "\n".join([*head, *body]) + "\n", len(head) + 1


def _render_audit_file(template: ProveTemplate, spec: str, fresh: str, audit_name: str) -> tuple[str, int]:
    head = [*template.header, *(f"import {m}" for m in template.imports), f"import {ANSWER_MODULE}"]
    lines = [*head, f"theorem {audit_name} : {spec} :=", f"  {fresh}", f"#print axioms {fresh}"]
    return "\n".join(lines) + "\n", len(lines)


def _project_lib_dirs(root: Path) -> list[Path]:
    return [d for d in (root / ".lake" / "build" / "lib" / "lean", root / ".lake" / "build" / "lib") if d.is_dir()]


def template_for_project(root: Path | None = None, toolchain: Any = None) -> ProveTemplate | Verdict:
    """The full-toolchain template (``import LearningRules``), or an ``unavailable`` verdict saying why."""
    from ..lean.toolchain import NO_TOOLCHAIN_MESSAGE, find_toolchain

    try:
        tc = toolchain if toolchain is not None else find_toolchain()
    except Exception as exc:  # a broken PYVERIFY_LAKE override
        return Verdict("unavailable", reason=f"Lean toolchain lookup failed: {exc}")
    if tc is None:
        return Verdict("unavailable", reason=NO_TOOLCHAIN_MESSAGE)
    lean = getattr(tc, "lean", None)
    if lean is None:
        return Verdict("unavailable", reason=f"toolchain at {tc.lake} has no `lean` executable beside lake")
    if root is None:
        from ..lean.sources import project_root

        root = project_root()
    libs = _project_lib_dirs(Path(root))
    if not any((d / "LearningRules.olean").is_file() for d in libs):
        return Verdict("unavailable", reason=f"LearningRules is not built under {root}/.lake/build; run "
                                             "`lake build LearningRules` (or `pyverify lean build`) first")
    return ProveTemplate(lean=Path(lean), imports=("LearningRules",), lean_path=tuple(libs),
                         label=f"toolchain {getattr(tc, 'version', '')}".strip())


def compile_fixture_module(lean: Path, source: str, module: str, out_dir: Path, *, timeout: float = 60.0) -> Path:
    """Compile trusted ``source`` to ``out_dir/<module>.olean`` (for test fixtures); `InvalidArgumentError`
    with Lean's messages when it does not compile."""
    from ..lean.diagnostics import LeanRun
    from ..lean.sandbox import fresh_workdir, run_sandboxed

    out_dir.mkdir(parents=True, exist_ok=True)
    with fresh_workdir(prefix="pyverify-fixture-") as work:
        (work / f"{module}.lean").write_text(source, encoding="utf-8")
        res = run_sandboxed([str(lean), "--json", "-o", str((out_dir / f"{module}.olean").resolve()),
                             f"{module}.lean"], cwd=work, timeout=timeout, memory_bytes=LEAN_ADDRESS_SPACE,
                            env={"LEAN_PATH": str(out_dir.resolve())})
        run = LeanRun.from_sandbox(res)
    if not run.ok:
        raise InvalidArgumentError(f"fixture module {module} does not compile: "
                                   + "; ".join(str(d) for d in run.errors) + run.stderr[-500:])
    return out_dir / f"{module}.olean"


def isolation_summary(enforced: Sequence[str]) -> str:
    """Which file-system isolation the elaborating run had, from its ``enforced`` tags (for ``backed_by`` and
    ``details.isolation``): the read-only mount namespace, or the documented fallback; and which runner."""
    runner = "warm zygote fork" if "warm-zygote(fork)" in enforced else "fresh process"
    fs = next((t for t in enforced if t.startswith("fs-readonly(")), None)
    if fs is None:
        return (f"{runner}, NO read-only file system (mount namespaces unavailable; fallback: fresh directory, "
                "only copies read)")
    return f"{runner}, {fs}"


def _limits_verdict(run: Any, stage: str, timeout: float) -> Verdict | None:
    enforced = {"enforced": list(run.enforced), "stage": stage}
    if run.timed_out:
        return Verdict("timeout", reason=f"{stage}: Lean ran past the {timeout:g} s wall-clock limit and its "
                                         "process group was killed", details=enforced)
    if run.output_truncated:
        return Verdict("resource_exhausted", reason=f"{stage}: Lean's output passed the output cap; killed",
                       construct="output cap", details=enforced)
    if run.resource_exhausted:
        first = run.errors[0].message.splitlines()[0][:200] if run.errors else run.stderr[-200:].strip()
        return Verdict("resource_exhausted", reason=f"{stage}: Lean hit a memory/CPU/recursion limit "
                                                    f"(exit {run.returncode}): {first}", details=enforced)
    return None


def _answer_position(line: int | None, column: int | None, first_line: int) -> dict[str, int] | None:
    if line is None:
        return None
    pos = {"line": line, "column": column or 0}
    if line >= first_line:
        pos["answer_line"] = line - first_line + 1
        pos["answer_column"] = max(0, (column or 0) - 2)
    return pos


#: The auxiliary declarations Lean 4.35 adds for a theorem ``T`` (derived from the v4.35 sources:
#: ``AbstractNestedProofs`` names ``T.proof_<n>``; ``mkAuxLemma``/``mkAuxDeclName (kind := k)`` name
#: ``T.<k>_<n>`` with ``k`` = ``_proof`` (default), ``_simp`` (simp's preprocessed lemmas),
#: ``_sparseCasesOn``; the match compiler names ``T.match_<n>``, whose equation theorems and splitter are
#: realised under it as ``T.match_<n>.eq_<m>``, ``.congr_eq_<m>``, ``.splitter``). A name is allowed only
#: as ``<fresh>.<first>[.<rest>]`` with ``first`` and ``rest`` matching these.
AUX_FIRST = re.compile(r"^(?:proof_\d+|_proof_\d+|_simp_\d+(?:_\d+)?|_sparseCasesOn_\d+|match_\d+)$")
AUX_REST = re.compile(r"^(?:eq_\d+|congr_eq_\d+|splitter|proof_\d+|_proof_\d+)$")


def aux_name_ok(name: str, fresh: str) -> bool:
    """Whether ``name`` is one of the auxiliary names Lean 4.35 generates for the theorem ``fresh`` (also in
    its private form ``_private.PvAnswer.0.<name>``)."""
    private = f"_private.{ANSWER_MODULE}.0."
    if name.startswith(private):
        name = name[len(private):]
    if not name.startswith(fresh + "."):
        return False
    first, *rest = name[len(fresh) + 1:].split(".")
    if not AUX_FIRST.match(first):
        return False
    return all(AUX_REST.match(r) for r in rest) and (not rest or first.startswith("match_"))


def check_prove(
    task: Mapping[str, Any],
    answer: str,
    *,
    timeout: float,
    toolchain: Any = None,
    template: ProveTemplate | None = None,
    skip_prefilter: bool = False,
    runner: LeanRunner | None = None,
) -> Verdict:
    """Check a `prove` answer (see the module docstring); never raises because of the answer.

    ``template`` defaults to the project's full toolchain (``import LearningRules``); with none installed the
    verdict is ``unavailable``. ``skip_prefilter`` exists for tests that must show the audit catches what
    the pre-filter would have (never use it for real answers). ``runner`` runs the elaboration and audit
    (default: a fresh sandboxed ``template.lean`` process each; see `LeanRunner`).
    """
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or not timeout > 0 or math.isinf(timeout):
        raise InvalidArgumentError(f"timeout={timeout!r} must be a positive finite number of seconds")
    spec = task.get("lean_spec") if isinstance(task, Mapping) else None
    if not isinstance(spec, str) or not spec.strip() or "\n" in spec:
        raise InvalidArgumentError(f"task['lean_spec']={spec!r} must be a one-line Lean proposition")
    if not skip_prefilter:
        pre = prefilter(answer)
        if pre is not None:
            return pre
    elif not isinstance(answer, str):
        return Verdict("invalid", reason=f"the answer must be a str, not {type(answer).__name__}")
    if template is None:
        tmpl = template_for_project(toolchain=toolchain)
        if isinstance(tmpl, Verdict):
            return tmpl
        template = tmpl
    try:
        return _check_in_lean(template, spec.strip(), answer, float(timeout), runner)
    except Exception as exc:  # the verifier's own failure: never a pass, never an exception
        return Verdict("internal_error", reason=f"verifier failure: {type(exc).__name__}: {exc}")


def _run_lean(template: ProveTemplate, args: list[str], work: Path, timeout: float,
              lib_dirs: Sequence[Path] = (), runner: LeanRunner | None = None,
              writable: Sequence[Path] = ()) -> Any:
    from ..lean.diagnostics import LeanRun
    from ..lean.sandbox import run_sandboxed

    full = ["-M", str(template.heap_mb), "--json", *args]
    cpu = max(2, math.ceil(timeout) + 1)
    if runner is not None:
        return runner(full, cwd=work, timeout=timeout, env=template.env(lib_dirs), memory_bytes=LEAN_ADDRESS_SPACE,
                      cpu_seconds=cpu, max_output_bytes=template.max_output_bytes, writable=list(writable))
    res = run_sandboxed(
        [str(template.lean), *full], cwd=work, timeout=timeout, env=template.env(lib_dirs),
        memory_bytes=LEAN_ADDRESS_SPACE, cpu_seconds=cpu, max_output_bytes=template.max_output_bytes,
        writable=list(writable),
    )
    return LeanRun.from_sandbox(res)


def _check_in_lean(template: ProveTemplate, spec: str, answer: str, timeout: float,
                   runner: LeanRunner | None = None) -> Verdict:
    from ..lean.sandbox import fresh_workdir

    fresh = f"pv_fresh_{secrets.token_hex(8)}"
    audit_name = f"pv_audit_{secrets.token_hex(8)}"
    text, first_line = render_answer_file(template, spec, answer, fresh)
    with fresh_workdir(prefix="pyverify-prove-") as work, fresh_workdir(prefix="pyverify-audit-") as audit_dir:
        (work / f"{ANSWER_MODULE}.lean").write_text(text, encoding="utf-8")
        out = work / "out"
        out.mkdir()
        olean_path = out / f"{ANSWER_MODULE}.olean"
        run = _run_lean(template, ["-o", f"out/{olean_path.name}", f"{ANSWER_MODULE}.lean"], work, timeout,
                        runner=runner, writable=[out])
        details: dict[str, Any] = {"enforced": list(run.enforced), "template": template.label,
                                   "elaboration_seconds": round(run.wall_seconds, 4),
                                   "isolation": isolation_summary(run.enforced)}
        lim = _limits_verdict(run, "elaboration", timeout)
        if lim is not None:
            return lim
        if run.errors:
            d = run.errors[0]
            return Verdict("lean_error", reason=f"Lean rejected the proof: {d.message[:2000]}",
                           position=_answer_position(d.line, d.column, first_line),
                           details={**details, "errors": [e.to_json() for e in run.errors[:20]]})
        if run.sorry_warnings:
            d = run.sorry_warnings[0]
            return Verdict("sorry", reason="Lean reports that the proof uses sorry", construct="sorry",
                           position=_answer_position(d.line, d.column, first_line), details=details)
        if run.returncode != 0:
            return Verdict("lean_error", reason=f"Lean exited {run.returncode} without an error message; "
                                                f"stderr: {run.stderr[-500:]}", details=details)
        if not olean_path.is_file():
            return Verdict("internal_error", reason="Lean accepted the file but wrote no .olean", details=details)
        # -- audit (a): the answer module's declarations, read as data -------------------------------
        # The elaborating process group is dead (run_sandboxed/the zygote killed it); from here on only this
        # copy is read, and its hash is checked again before the replay.
        lib = audit_dir / "lib"
        lib.mkdir()
        shutil.copyfile(olean_path, lib / olean_path.name)
        (lib / olean_path.name).chmod(0o444)
        details["olean_sha256"] = sha256_file(lib / olean_path.name)
        return _audit(template, spec, fresh, audit_name, lib, timeout, details, runner)


def _audit(template: ProveTemplate, spec: str, fresh: str, audit_name: str, lib: Path, timeout: float,
           details: dict[str, Any], runner: LeanRunner | None = None) -> Verdict:
    from ..lean.sandbox import fresh_workdir

    try:
        mod = read_olean(lib / f"{ANSWER_MODULE}.olean")
        imports = mod.imports()
        consts = mod.constants()
        extra = mod.extra_const_names()
    except (OleanFormatError, UnicodeDecodeError) as exc:
        return Verdict("invalid", reason=f"audit: the answer's .olean could not be read: {exc}", details=details)
    allowed_imports = set(template.imports) | set(template.implicit_imports)
    bad_imports = [m for m in imports if m not in allowed_imports]
    if bad_imports:
        return Verdict("forbidden", reason=f"audit: the answer module imports {bad_imports}",
                       construct="extra import", details=details)
    details["declarations"] = [f"{c.kind} {c.name}" for c in consts]
    target = next((c for c in consts if c.name == fresh), None)
    if target is None or target.kind != "theorem":
        return Verdict("invalid", reason=f"audit: the answer module does not declare the theorem {fresh} "
                                         f"(found {details['declarations'][:10]})", details=details)
    for c in consts:
        if c.name == fresh:
            continue
        if not aux_name_ok(c.name, fresh):
            return Verdict("forbidden", reason=f"audit: the answer added the declaration {c.name} ({c.kind}), "
                                               "which Lean does not generate for a proof",
                           construct=f"extra declaration {c.name}", details=details)
        if c.kind not in ("theorem", "definition") or (c.kind == "definition" and c.safety != 1):
            return Verdict("forbidden", reason=f"audit: auxiliary {c.name} is a {c.kind}"
                                               + (" that is not safe" if c.kind == "definition" else ""),
                           construct=f"{c.kind} {c.name}", details=details)
    for n in extra:
        if not aux_name_ok(n, fresh) and n != fresh:
            return Verdict("forbidden", reason=f"audit: extra constant name {n} in the answer module",
                           construct=f"extra declaration {n}", details=details)
    # -- audit (b): a separate Lean process elaborates the spec again and prints the axioms ------------
    audit_text, print_line = _render_audit_file(template, spec, fresh, audit_name)
    with fresh_workdir(prefix="pyverify-auditrun-") as work:
        (work / "PvAudit.lean").write_text(audit_text, encoding="utf-8")
        (work / "out").mkdir()
        audit_olean = work / "out" / "PvAudit.olean"
        run = _run_lean(template, ["-o", "out/PvAudit.olean", "PvAudit.lean"], work, max(timeout, 10.0),
                        lib_dirs=[lib], runner=runner, writable=[work / "out"])
        details["audit_seconds"] = round(run.wall_seconds, 4)
        lim = _limits_verdict(run, "audit", max(timeout, 10.0))
        if lim is not None:
            return lim
        if run.errors:
            return Verdict("invalid", reason="audit: the theorem does not have the spec's type: "
                                             + run.errors[0].message[:1000],
                           details={**details, "errors": [e.to_json() for e in run.errors[:10]]})
        reports = [d for d in run.diagnostics if d.severity == "information" and d.line == print_line]
        axioms = run.axioms.get(fresh)
        if axioms is None or len(reports) != 1:
            return Verdict("internal_error", reason=f"audit: no `#print axioms {fresh}` answer from Lean",
                           details=details)
        details["axioms"] = sorted(axioms)
        if "sorryAx" in axioms:
            return Verdict("sorry", reason="audit: the proof depends on sorryAx", construct="sorry",
                           details=details)
        bad = sorted(axioms - ALLOWED_AXIOMS)
        if bad:
            return Verdict("forbidden", reason=f"audit: the proof depends on axioms {bad}, outside "
                                               f"{sorted(ALLOWED_AXIOMS)}",
                           construct=f"axiom {', '.join(bad)}", details=details)
        # -- audit (c): exactly the spec's kernel term --------------------------------------------------
        try:
            aud = read_olean(audit_olean)
            ref = aud.constant(audit_name)
            mod = read_olean(lib / f"{ANSWER_MODULE}.olean")
            tgt = mod.constant(fresh)
            if ref is None or tgt is None:
                return Verdict("internal_error", reason="audit: constants missing from the .olean files",
                               details=details)
            same = structurally_equal(mod, tgt.type_ptr, aud, ref.type_ptr)
            if same and _SPEC_IDENT.match(spec):
                same = mod.const_name_of_expr(tgt.type_ptr) is not None
        except (OleanFormatError, UnicodeDecodeError) as exc:
            return Verdict("internal_error", reason=f"audit: reading the .olean files failed: {exc}",
                           details=details)
        if not same:
            return Verdict("invalid", reason="audit: the theorem's type is definitionally equal to the spec but "
                                             "not the same term", details=details)
    # -- audit (d): independent kernel replay of a read-only copy ---------------------------------------------
    olean_copy = lib / f"{ANSWER_MODULE}.olean"
    if template.allow_unreplayed:
        details["kernel_replay"] = "skipped: allow_unreplayed opt-out"
        return Verdict("valid", reason=f"Lean accepted the proof of {spec} and the audit passed; NO independent "
                                       "kernel replay (allow_unreplayed opt-out)",
                       backed_by=f"elaborating Lean process ({template.label}) and audit only, NO independent "
                                 f"kernel replay (allow_unreplayed opt-out): theorem {fresh} : {spec}; axioms "
                                 f"{sorted(axioms)}; elaborated by {details['isolation']}", details=details)
    tool = find_replay_tool(template.replay, template.lean)
    if tool is None:
        details["kernel_replay"] = "not available"
        return Verdict("unavailable", reason=f"elaboration and audit passed, but {NO_REPLAY_REASON}",
                       details=details)
    outcome = run_replay(tool, ANSWER_MODULE, olean_copy, str(details["olean_sha256"]), fresh=fresh,
                         lib_dirs=template.lean_path, timeout=max(timeout, 30.0), memory_bytes=LEAN_ADDRESS_SPACE,
                         max_output_bytes=template.max_output_bytes)
    details["kernel_replay"] = dict(outcome.details or {}, ok=outcome.ok, reason=outcome.reason)
    if outcome.timed_out:
        return Verdict("timeout", reason=outcome.reason, details=details)
    if not outcome.ok:
        return Verdict("invalid", reason=outcome.reason, construct="kernel replay", details=details)
    return Verdict("valid", reason=f"Lean accepted the proof of {spec}, the audit passed and {outcome.reason}",
                   backed_by=f"Lean kernel ({template.label}): theorem {fresh} : {spec}, replayed independently by "
                             f"{tool.name} from a read-only copy of the .olean; axioms {sorted(axioms)}; elaborated by "
                             f"{details['isolation']}",
                   details=details)


def prelude_template(lean: Path, fixture_source: Path, out_dir: Path, *, module: str = "PvFixture",
                     max_output_bytes: int = DEFAULT_OUTPUT_CAP, replay: tuple[str, ...] | None = None,
                     allow_unreplayed: bool = False) -> ProveTemplate:
    """A `ProveTemplate` for the prelude-only test Lean: ``prelude`` + ``import <module>``, where the module is
    compiled from the trusted ``fixture_source`` into ``out_dir`` (tests use this to drive the real path)."""
    compile_fixture_module(lean, Path(fixture_source).read_text(encoding="utf-8"), module, out_dir)
    return ProveTemplate(lean=Path(lean), imports=(module,), lean_path=(out_dir,), header=("prelude",),
                         max_output_bytes=max_output_bytes, label="prelude-only Lean 4.35.0 (test fixture)",
                         replay=replay, allow_unreplayed=allow_unreplayed)
