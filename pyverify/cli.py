"""The `pyverify` command line.

Every command prints a rich table for people or, with ``--json``, one JSON document for machines.
Errors never show a traceback: a `PyVerifyError` or a usage error prints one line
``ErrorType: message`` on stderr. Exit codes (`EXIT_CODES`, also in ``pyverify --help``):

* 0: everything checked held (a verdict ``valid``, an audit clean);
* 1: a property was violated, or a check failed (a verdict other than ``valid``, an audit finding);
* 2: bad input or usage, including a run that would check nothing (``--samples 0``, no entry to check);
* 3: an environment problem: no Lean toolchain, a missing optional dependency, a Lean tool that fails.

Only declared dependencies are imported at module level; click is never imported directly (typer ships
its own copy; its exception classes are looked up at run time, from typer's copy and, where installed, from
a standalone click that an older typer uses).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import sys
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import InvalidArgumentError, LeanError, MissingDependencyError, PyVerifyError
from .lean.sources import project_root

EXIT_HELD, EXIT_VIOLATED, EXIT_USAGE, EXIT_ENVIRONMENT = 0, 1, 2, 3
#: Exit code → meaning, as printed by ``pyverify --help`` and documented in the README.
EXIT_CODES: dict[int, str] = {
    EXIT_HELD: "everything checked held",
    EXIT_VIOLATED: "a property was violated or a check failed",
    EXIT_USAGE: "bad input or usage (also: a run that would check nothing)",
    EXIT_ENVIRONMENT: "an environment problem (no Lean toolchain, a missing optional dependency)",
}
_EPILOG = "\b\nExit codes:\n" + "\n".join(f"  {code}  {text}" for code, text in EXIT_CODES.items())


def _exception_classes(name: str) -> tuple[type[BaseException], ...]:
    """The click exception class `name` from typer's own copy of click and from a standalone click, where each
    is importable (typer >= 0.16 vendors click as ``typer._click``; older typers raise the standalone one)."""
    found: list[type[BaseException]] = []
    for module in ("typer._click.exceptions", "click.exceptions"):
        try:
            cls = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if isinstance(cls, type) and issubclass(cls, BaseException) and cls not in found:
            found.append(cls)
    return tuple(found)


def _version_callback(value: bool) -> None:
    if value:
        from . import __version__

        sys.stdout.write(f"pyverify {__version__}\n")
        raise typer.Exit(EXIT_HELD)


app = typer.Typer(
    name="pyverify",
    help="Formally specified learning rules: Lean specs and proofs, numeric cross-checks, verifiable tasks.",
    epilog=_EPILOG,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
lean_app = typer.Typer(help="The Lean side: source audit and `lake build`.", no_args_is_help=True)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit.",
                                 callback=_version_callback, is_eager=True),
) -> None:
    """Formally specified learning rules: Lean specs and proofs, numeric cross-checks, verifiable tasks."""

app.add_typer(lean_app, name="lean")

out = Console()
err = Console(stderr=True)


def _emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, indent=2, default=str) + "\n")


@contextlib.contextmanager
def _status(enabled: bool, message: str) -> Iterator[None]:
    """A spinner with `message` and the elapsed time on stderr while the block runs (only when `enabled`)."""
    if not enabled:
        yield
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
                  transient=True) as progress:
        progress.add_task(message, total=None)
        yield


def _progress(enabled: bool, *, redirect_stdout: bool = False) -> Progress:
    """A progress bar on stderr (only when `enabled`); `redirect_stdout` routes ``sys.stdout`` writes above the
    bar while it is live (for output that streams to the same terminal)."""
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not enabled, redirect_stdout=redirect_stdout, redirect_stderr=False,
    )


# -- catalog -----------------------------------------------------------------------------------
@app.command("catalog")
def catalog_cmd(
    json_out: bool = typer.Option(False, "--json", help="Print a JSON list of entries."),
    rule: Optional[str] = typer.Option(None, "--rule", help="Only this rule's entries."),
) -> None:
    """List the invariant catalog: one entry per spec Prop in lean/."""
    from .catalog import entries_for

    entries = entries_for(rule=rule)
    if json_out:
        _emit_json([e.summary() for e in entries])
        return
    table = Table(title=f"Invariant catalog ({len(entries)} entries)")
    for col in ("id", "kind", "lean_spec", "statement"):
        table.add_column(col, overflow="fold")
    for e in entries:
        table.add_row(e.id, e.kind, e.lean_spec, e.statement)
    out.print(table)


# -- check -------------------------------------------------------------------------------------
#: The JSON envelope of every `check` variant (documented in docs/CONTRACTS.md, "check --json").
CHECK_SCHEMA_VERSION = 1


def _check_envelope(variant: str, results: list[dict[str, Any]], summary: dict[str, Any]) -> dict[str, Any]:
    return {"results": results, "summary": {"schema": CHECK_SCHEMA_VERSION, "variant": variant, **summary}}


def _counts(statuses: list[str]) -> dict[str, int]:
    out_counts: dict[str, int] = {}
    for st in statuses:
        out_counts[st] = out_counts.get(st, 0) + 1
    return out_counts


def _cx_text(cx: dict[str, Any] | None) -> str:
    return json.dumps(cx["instance"]) if cx else ""


@app.command("check")
def check_cmd(
    rule: Optional[str] = typer.Option(None, "--rule", help="Only this rule."),
    entry_id: Optional[str] = typer.Option(None, "--id", help="Only this catalog id."),
    exact: bool = typer.Option(False, "--exact", help="Exact rational arithmetic only (default: float64 and exact)."),
    mode: Optional[list[str]] = typer.Option(None, "--mode", help="Modes: float64, float32, exact, exact-fraction, torch."),
    samples: int = typer.Option(200, "--samples", help="Instances per entry and mode (at least 1)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the instance sampler."),
    necessity: bool = typer.Option(False, "--necessity", help="Drop each hypothesis and search for counterexamples "
                                   "(exact arithmetic; float64 for float-only entries; refuses --mode/--exact)."),
    wide: bool = typer.Option(False, "--wide", help="Counterexamples inside the table, however wide it gets "
                              "(default: in full below the table)."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON: {\"results\": [...], \"summary\": {...}}."),
) -> None:
    """Cross-check catalog entries on sampled instances (float sampling and exact rational arithmetic).

    Exit 0 iff every checked entry held; 1 if one was violated or errored; 2 if nothing could be checked.
    """
    from .catalog import entries_for
    from .checking import DEFAULT_MODES, check_entry, check_necessity

    if samples < 1:
        raise InvalidArgumentError(f"--samples={samples} would check no instance (a vacuous success); "
                                   "pass a count >= 1")
    if necessity and (exact or mode):
        given = "--exact" if exact else f"--mode {' --mode '.join(mode or [])}"
        raise InvalidArgumentError(f"--necessity does not take {given}: it always searches in exact arithmetic "
                                   "(float64 for the float-only entries); drop the flag")
    if exact and mode:
        raise InvalidArgumentError("--exact and --mode contradict each other; pass one of them")
    modes = ["exact"] if exact else (list(mode) if mode else list(DEFAULT_MODES))
    from .backend import MODES

    for m in modes:
        if m not in MODES:
            raise InvalidArgumentError(f"--mode={m!r} is not one of {', '.join(MODES)}")
    entries = entries_for(rule=rule, entry_id=entry_id)
    if not entries:
        raise InvalidArgumentError("no catalog entry matches the selection; see `pyverify catalog`")
    if necessity:
        _run_necessity(entries, samples, seed, json_out, check_necessity)
        return
    checkable = [(e, m) for e in entries for m in modes if not (m.startswith("exact") and not e.exact)]
    if not checkable:
        reasons = sorted({e.float_only_reason for e in entries if not e.exact})
        raise InvalidArgumentError(
            f"nothing to check: the {len(entries)} selected entries are float-only ({'; '.join(reasons)}), so "
            f"mode {', '.join(modes)} cannot check them; pass --mode float64 (or another float mode)")
    results = []
    with _progress(not json_out and err.is_terminal) as progress:
        task = progress.add_task("checking", total=len(entries) * len(modes))
        for e in entries:
            for m in modes:
                progress.update(task, description=f"{e.id} [{m}]")
                results.append(check_entry(e, m, samples, seed))
                progress.advance(task)
    checked = [r for r in results if r.status != "skipped"]
    skipped = [r for r in results if r.status == "skipped"]
    violated = [r for r in checked if r.status in ("violated", "error")]
    undecided = [r for r in checked if r.status == "undecided"]
    ok = not violated and not undecided
    code = EXIT_VIOLATED if violated else (EXIT_USAGE if undecided else EXIT_HELD)
    held = sum(r.status == "held" for r in checked)
    if json_out:
        _emit_json(_check_envelope("check", [r.to_json() for r in results], {
            "all_held": ok, "exit_code": code, "counts": _counts([r.status for r in results]),
            "entries": len(entries), "checked": len(checked), "held": held,
            "instances": sum(r.instances for r in checked), "undecided_instances": sum(r.undecided for r in checked),
            "samples": samples, "seed": seed, "modes": modes,
            "checked_by": "exact rational arithmetic (exact modes) and float sampling with a tolerance (float modes)",
        }))
    else:
        _render_check(results, wide)
        note = f" ({len(skipped)} skipped: the mode cannot decide them)" if skipped else ""
        und = sum(r.undecided for r in checked)
        und_note = f"; {und} instance(s) not decidable in their float mode (listed above, never counted as violations)" if und else ""
        out.print(f"{held}/{len(checked)} held{note}{und_note}. Checked by sampling, not a proof: the Lean theorems "
                  "named in `pyverify catalog` are.", highlight=False)
    if undecided and not violated:
        sys.stderr.write("NothingDecided: no sampled instance of "
                         + ", ".join(f"{r.id} [{r.mode}]" for r in undecided)
                         + " could be decided in its mode (see the reasons above); nothing was checked there\n")
    raise typer.Exit(code)


def _render_check(results: list[Any], wide: bool) -> None:
    """The check table; counterexamples and undecided reasons in full below it (or in the table with --wide)."""
    # --wide: a console as wide as the table needs (the table keeps its natural width; the terminal wraps it)
    console = Console(width=100_000, force_terminal=out.is_terminal, no_color=out.no_color) if wide else out
    table = Table(title="pyverify check — float sampling (tolerance) and exact rational arithmetic",
                  show_edge=False, pad_edge=False)
    table.add_column("id", overflow="fold", min_width=18)
    table.add_column("mode", overflow="fold", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("checked", justify="right", no_wrap=True)
    table.add_column("undecided", justify="right", no_wrap=True)
    table.add_column("margin", justify="right", no_wrap=True)
    table.add_column("counterexample / note" if wide else "note", overflow="fold", min_width=6)
    details: list[tuple[str, str]] = []
    refs: dict[tuple[str, str], int] = {}

    def ref(head: str, body: str) -> str:
        if (head, body) not in refs:
            details.append((head, body))
            refs[(head, body)] = len(details)
        return f"see #{refs[(head, body)]}"

    for r in results:
        style = {"held": "green", "violated": "red", "error": "yellow", "skipped": "dim", "undecided": "yellow"}[r.status]
        margin = "" if r.worst_margin is None else f"{r.worst_margin:.3g}"
        if wide:
            note = _cx_text(r.counterexample) or r.message
        elif r.counterexample:
            note = ref(f"[red]{r.status}[/red] {escape(r.id)} {escape(f'[{r.mode}]')} "
                       f"({escape(str(r.counterexample.get('label', '')))}, "
                       f"margin {r.counterexample.get('margin', float('nan')):.3g}):", _cx_text(r.counterexample))
        elif r.undecided:
            note = ref(f"[yellow]undecided[/yellow] {escape(r.id)} {escape(f'[{r.mode}]')}: {escape(r.message)}",
                       f"e.g. {_cx_text(r.undecided_example)}" if r.undecided_example else "")
        elif r.message:
            note = ref(f"[{style}]{r.status}[/{style}] {escape(f'[{r.mode}]')}: {escape(r.message)}", "")
        else:
            note = ""
        table.add_row(r.id, r.mode, f"[{style}]{r.status}[/{style}]", str(r.instances),
                      str(r.undecided) if r.undecided else "", margin, escape(note))
    console.print(table)
    for k, (head, body) in enumerate(details, start=1):
        out.print(f"#{k} {head}", highlight=False)
        if body:  # one unbroken line (the terminal wraps it), so that the JSON can be copied as it is
            out.print(f"   {body}", highlight=False, markup=False, soft_wrap=True)


def _run_necessity(entries: list[Any], samples: int, seed: int, json_out: bool, check_necessity: Any) -> None:
    """Necessity rows stream as each entry finishes (one line per row on a terminal or in a file)."""
    rows = []
    cx_lines: list[str] = []
    with _progress(not json_out and err.is_terminal) as progress:
        task = progress.add_task("necessity", total=len(entries))
        for e in entries:
            progress.update(task, description=f"{e.id} [necessity]")
            got = check_necessity(e, samples, seed)
            rows.extend(got)
            progress.advance(task)
            if json_out:
                continue
            for r in got:
                style = {"counterexample": "green", "none_found": "yellow", "no_sampler": "yellow", "error": "red"}[r.status]
                tail = ""
                if r.counterexample:
                    cx_lines.append(f"#{len(cx_lines) + 1} {r.id} without {r.hypothesis}: {_cx_text(r.counterexample)}")
                    tail = f" (counterexample #{len(cx_lines)} below)"
                elif r.message:
                    tail = f" ({r.message})"
                # stdout; through the live display when both go to the same terminal, so that it stays intact
                (progress.console if out.is_terminal and err.is_terminal else out).print(
                    f"{escape(r.id)}  {escape(r.hypothesis)}  [{style}]{r.status}[/{style}]  tried {r.tried}"
                    f"{escape(tail)}", highlight=False)
    bad = any(r.status == "error" for r in rows)
    hyps = [r for r in rows if not r.demonstration]
    demos = [r for r in rows if r.demonstration]
    found = sum(r.status == "counterexample" for r in hyps)
    shown = sum(r.status == "counterexample" for r in demos)
    tried = sum(r.tried for r in rows)
    vacuous = tried == 0
    code = EXIT_VIOLATED if bad else (EXIT_USAGE if vacuous else EXIT_HELD)
    if json_out:
        _emit_json(_check_envelope("necessity", [r.to_json() for r in rows], {
            "ok": not bad and not vacuous, "exit_code": code, "counts": _counts([r.status for r in rows]),
            "entries": len(entries), "hypotheses": len(hyps), "shown_necessary": found,
            "demonstrations": len(demos), "demonstrations_found": shown, "instances_tried": tried,
            "samples": samples, "seed": seed,
            "checked_by": "exact rational arithmetic (float64 with a tolerance for float-only entries)",
        }))
    else:
        for line in cx_lines:  # one unbroken line each, so that the JSON can be copied as it is
            out.print(line, highlight=False, markup=False, soft_wrap=True)
        out.print(f"{found}/{len(hyps)} hypotheses shown necessary by a concrete exact counterexample"
                  + (f"; {shown}/{len(demos)} demonstrations found theirs." if demos else "."), highlight=False)
    if vacuous:
        sys.stderr.write("NothingChecked: no relaxed instance was tried for the selected entries (they have no "
                         "relaxed sampler, or none of its instances met the other hypotheses)\n")
    raise typer.Exit(code)


# -- lean --------------------------------------------------------------------------------------
@lean_app.command("audit")
def lean_audit_cmd(json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Audit lean/ and proofs/ for banned constructs and missing docstrings (needs no Lean)."""
    from .lean.audit import audit_tree

    report = audit_tree(project_root())
    if json_out:
        _emit_json(report.to_json())
    else:
        out.print(report.render())
    raise typer.Exit(0 if report.ok else 1)


@lean_app.command("build")
def lean_build_cmd(
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    timeout: float = typer.Option(3600.0, "--timeout", help="Seconds before `lake build` is killed."),
) -> None:
    """Run `lake build` and report per module; says 'Lean not checked' when there is no toolchain. lake's own
    output streams to stderr line by line while it runs."""
    from .lean.runner import BuildReport, lake_build
    from .lean.toolchain import NO_TOOLCHAIN_MESSAGE, find_toolchain

    root = project_root()
    with _status(err.is_terminal, "looking for a Lean toolchain (`lean --version` may take up to 120 s while "
                                  "elan downloads one)…"):
        tc = find_toolchain()
    if tc is None:  # the same report lake_build gives without a toolchain, without probing twice
        report = BuildReport(status="not_checked", message=NO_TOOLCHAIN_MESSAGE)
    else:
        # lake's own lines stream to stderr as they come (stdout stays the report, or clean JSON)
        with _status(err.is_terminal, f"lake build running ({tc.version}; killed after {timeout:g} s)…"):
            report = lake_build(root, timeout=timeout, toolchain=tc,
                                on_line=lambda ln: err.print(f"lake│ {ln}", markup=False, highlight=False,
                                                             soft_wrap=True))
    if json_out:
        _emit_json(report.to_json())
    else:
        out.print(report.render())
    raise typer.Exit(0 if report.status == "passed" else (3 if report.status == "not_checked" else 1))


@lean_app.command("check")
def lean_check_cmd(
    module: Optional[list[str]] = typer.Option(None, "--module", "-m",
                                               help="Check only this module and its imports (repeatable)."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    keep: Optional[Path] = typer.Option(None, "--keep", help="Keep the private copies and oleans in this folder."),
    timeout: float = typer.Option(900.0, "--timeout", help="Seconds per module before Lean is killed."),
    allow_open_steps: bool = typer.Option(False, "--allow-open-steps",
                                          help="Exit 0 when the only failures are open grind/omega steps."),
    axioms: bool = typer.Option(False, "--axioms", help="Print `#print axioms` for every theorem of proofs/."),
) -> None:
    """Check lean/ and proofs/ with the real Lean 4.35.0 parser, elaborator and kernel, against the project's
    core shim (lean-shim/): per module, checked / open steps (grind, omega) / errors; exit 0 only when every
    module is kernel-checked with no open step (or, with --allow-open-steps, when nothing but open steps
    remains; they are still counted and printed)."""
    from .lean.checker import TRUST_NOTE, check_library, report_text

    root = project_root()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=not err.is_terminal or json_out, transient=True) as prog:
        task = prog.add_task("building the core shim…", total=None)

        def progress(name: str, res: Any) -> None:
            if res is None:
                prog.update(task, description=f"checking {name}")
                return
            prog.advance(task)
            if not json_out:
                style = {"checked": "green", "open_steps": "yellow", "error": "red"}.get(res.status, "dim")
                extra = f" ({len(res.open_steps)} open)" if res.open_steps else ""
                out.print(f"[{style}]{res.status:12}[/{style}] {res.file}{extra}  {escape(res.reason)}")
                for d in res.errors[:20]:
                    out.print(f"    {escape(str(d))}", soft_wrap=True)

        report = check_library(root, progress=progress, only=module or None, keep=keep, timeout=timeout)
    if json_out:
        _emit_json(report.to_json())
    else:
        for m in report.modules:
            if m.missing:
                out.print(f"[red]missing from the built environment[/red] ({m.file}): {', '.join(m.missing)}")
        for name, ax in report.bad_axioms.items():
            out.print(f"[red]non-core axioms[/red] {name}: {', '.join(ax)}")
        if report.catalog_missing:
            out.print(f"[red]catalog names not confirmed[/red]: {', '.join(report.catalog_missing)}")
        if axioms:
            for name, ax in report.axioms.items():
                out.print(f"{name}: {', '.join(ax) if ax else '(no axioms)'}", soft_wrap=True)
        usage: dict[str, int] = {}
        for ax in report.axioms.values():
            for a in ax:
                usage[a] = usage.get(a, 0) + 1
        out.print(f"#print axioms over {len(report.axioms)} theorems of proofs/: "
                  + (", ".join(f"{a} ({n})" for a, n in sorted(usage.items(), key=lambda kv: -kv[1])) or "none"),
                  soft_wrap=True)
        out.print(report_text(report))
    if allow_open_steps and report.open_steps:
        err.print(f"WARNING: {report.open_steps} grind/omega step(s) NOT checked here (--allow-open-steps)")
    raise typer.Exit(0 if report.ok or (allow_open_steps and report.ok_but_open_steps) else 1)


@lean_app.command("consistency")
def lean_consistency_cmd(json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Check that every catalog entry's spec and proof exist in lean/ and proofs/, and every spec is catalogued."""
    from .lean.consistency import check_consistency

    report = check_consistency(project_root())
    if json_out:
        _emit_json(report.to_json())
    else:
        out.print(report.render())
    raise typer.Exit(0 if report.ok else 1)


# -- symbolic and vectors ----------------------------------------------------------------------
@app.command("symbolic")
def symbolic_cmd(
    rule: Optional[str] = typer.Option(None, "--rule", help="Only this rule's checks."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Check the algebraic core of the proofs symbolically (sympy): every residual must simplify to 0."""
    from .symbolic import run_symbolic_checks

    results = run_symbolic_checks(rule)
    ok = all(r.status == "passed" for r in results)
    if json_out:
        _emit_json({"symbolic": [r.to_json() for r in results], "all_passed": ok})
    else:
        table = Table(title="Symbolic checks (sympy) of the identities behind the Lean proofs")
        for col in ("rule", "name", "lean_spec", "status", "detail"):
            table.add_column(col, overflow="fold")
        for r in results:
            style = "green" if r.status == "passed" else "red"
            table.add_row(r.rule, r.name, r.lean_spec, f"[{style}]{r.status}[/{style}]", r.detail)
        out.print(table)
        out.print(f"{sum(r.status == 'passed' for r in results)}/{len(results)} passed (sympy; not a Lean proof).")
    raise typer.Exit(0 if ok else 1)


@app.command("vectors")
def vectors_cmd(
    write: bool = typer.Option(False, "--write", help="Regenerate tests/vectors/*.json and the Lean #guard file."),
    check: bool = typer.Option(False, "--check", help="Check them (the default)."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Differential test vectors: exact inputs/outputs shared by Python and Lean (`#guard`)."""
    from .vectors import check_vectors, write_vectors

    if write and check:
        raise InvalidArgumentError("--write and --check contradict each other; pass one of them")
    root = project_root()
    if write:
        paths = write_vectors(root)
        if json_out:
            _emit_json({"written": [str(p) for p in paths]})
        else:
            for p in paths:
                out.print(f"wrote {p}")
        return
    report = check_vectors(root)
    if json_out:
        _emit_json(report.to_json())
    else:
        status = "[green]in sync[/green]" if report.ok else "[red]out of sync[/red]"
        out.print(f"{report.cases} vectors checked in exact arithmetic: {status}")
        for problem in report.problems:
            out.print(f"  - {problem}")
        out.print("The Lean side is checked only by `lake build` (proofs/LearningRulesProofs/Vectors.lean).")
    raise typer.Exit(0 if report.ok else 1)


# -- bench -------------------------------------------------------------------------------------
@app.command("bench")
def bench_cmd(
    name: Optional[list[str]] = typer.Option(None, "--name", help="Only these benchmarks (P1 … P9; see the README's Benchmarks section)."),
    quick: bool = typer.Option(False, "--quick", help="Smaller sizes, for a fast smoke run."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Run the benchmarks and report measured ratios against their targets (never a timed test)."""
    from .bench import render, run_benchmarks

    results = run_benchmarks(names=list(name) if name else None, quick=quick, progress=not json_out)
    if json_out:
        _emit_json({"benchmarks": [r.to_json() for r in results]})
    else:
        out.print(render(results))


# -- tasks and serve (the agent interface; see docs/AGENTS.md) ---------------------------------
tasks_app = typer.Typer(help="Tasks for proof-search agents: prove, refute, tune.", no_args_is_help=True)
app.add_typer(tasks_app, name="tasks")


def _select_tasks(family: str, rule: Optional[str], split: Optional[str], seed: int, task_id: Optional[str]) -> list[Any]:
    from .tasks import generate, get_task

    if seed < 0:
        raise InvalidArgumentError(f"--seed={seed} must be >= 0")
    if task_id is not None:
        t = get_task(task_id)
        if t.family != family:
            raise InvalidArgumentError(f"--id {task_id!r} is a {t.family} task, not {family}; pass --family {t.family}")
        return [t]
    return generate(family, rule=rule, split=split, seed=seed)


_FAMILY_OPT = typer.Option(..., "--family", help="prove, refute or tune.")
_RULE_OPT = typer.Option(None, "--rule", help="Only this rule's tasks.")
_SPLIT_OPT = typer.Option(None, "--split", help="train or test (stable hash split).")
_SEED_OPT = typer.Option(0, "--seed", help="Seed of the tune instances (prove and refute do not depend on it).")
_ID_OPT = typer.Option(None, "--id", help="Only this task id.")


@tasks_app.command("list")
def tasks_list_cmd(
    family: str = _FAMILY_OPT, rule: Optional[str] = _RULE_OPT, split: Optional[str] = _SPLIT_OPT,
    seed: int = _SEED_OPT, task_id: Optional[str] = _ID_OPT,
    json_out: bool = typer.Option(False, "--json", help="Print a JSON list of ids and splits."),
) -> None:
    """List task ids with their split and entry."""
    ts = _select_tasks(family, rule, split, seed, task_id)
    if json_out:
        _emit_json([{"id": t.id, "split": t.split, "entry_id": t.entry_id, "rule": t.rule} for t in ts])
        return
    table = Table(title=f"{family} tasks ({len(ts)})")
    for col in ("id", "split", "entry"):
        table.add_column(col, overflow="fold")
    for t in ts:
        table.add_row(t.id, t.split, t.entry_id)
    out.print(table)


@tasks_app.command("show")
def tasks_show_cmd(
    family: str = _FAMILY_OPT, rule: Optional[str] = _RULE_OPT, split: Optional[str] = _SPLIT_OPT,
    seed: int = _SEED_OPT, task_id: Optional[str] = _ID_OPT,
    json_out: bool = typer.Option(False, "--json", help="Print the tasks as JSON."),
) -> None:
    """Print the prompts an agent sees."""
    ts = _select_tasks(family, rule, split, seed, task_id)
    if json_out:
        _emit_json([t.to_json() for t in ts])
        return
    for t in ts:
        sys.stdout.write(t.prompt + "\n" + "-" * 80 + "\n")


@tasks_app.command("export")
def tasks_export_cmd(
    family: str = _FAMILY_OPT, rule: Optional[str] = _RULE_OPT, split: Optional[str] = _SPLIT_OPT,
    seed: int = _SEED_OPT, task_id: Optional[str] = _ID_OPT,
    fmt: str = typer.Option("jsonl", "--format", help="jsonl (one task per line) or json."),
    count: Optional[int] = typer.Option(
        None, "--count", help="Draw this many distinct tasks from the samplers (content-hashed ids), streamed as "
                              "they are made; --seed seeds the draw. Without it: the served tasks."),
) -> None:
    """Export tasks as JSON lines (the task format of docs/AGENTS.md): the served tasks, or with --count N, N
    distinct tasks drawn from the entries' samplers, each written as soon as it is made."""
    if fmt not in ("jsonl", "json"):
        raise InvalidArgumentError(f"--format={fmt!r} is not one of jsonl, json")
    if count is not None:
        _export_stream(family, rule, split, seed, task_id, fmt, count)
        return
    what = {"refute": " (runs the necessity search)", "prove": " (reads the Lean sources)"}.get(family, "")
    with _status(err.is_terminal, f"generating {family} tasks{what}…"):
        ts = _select_tasks(family, rule, split, seed, task_id)
    if fmt == "json":
        _emit_json([t.to_json() for t in ts])
        return
    for t in ts:
        sys.stdout.write(t.dumps() + "\n")
        sys.stdout.flush()


def _export_stream(family: str, rule: Optional[str], split: Optional[str], seed: int, task_id: Optional[str],
                   fmt: str, count: int) -> None:
    """`tasks export --count N`: write each task as `pyverify.tasks.stream` makes it (progress on stderr when
    it is a terminal); fewer than N distinct tasks for the selection is a usage error, after writing them."""
    from .tasks import stream

    if task_id is not None:
        raise InvalidArgumentError("--id selects one served task and --count draws new ones; pass only one of them")
    if count < 1:
        raise InvalidArgumentError(f"--count={count} must be >= 1")
    if seed < 0:
        raise InvalidArgumentError(f"--seed={seed} must be >= 0")
    tasks = stream(family, seed=seed, rule=rule, split=split)  # raises here on a bad family, rule or split
    n = 0
    if fmt == "json":
        sys.stdout.write("[")
    with _progress(err.is_terminal, redirect_stdout=out.is_terminal) as progress:
        bar = progress.add_task(f"{family} tasks (seed {seed})", total=count)
        for t in tasks:
            line = t.dumps()
            sys.stdout.write(line + "\n" if fmt == "jsonl" else ("\n" if n == 0 else ",\n") + line)
            sys.stdout.flush()
            n += 1
            progress.advance(bar)
            if n >= count:
                break
    if fmt == "json":
        sys.stdout.write("\n]\n")
        sys.stdout.flush()
    if n < count:
        sel = ", ".join(f"{k}={v}" for k, v in (("rule", rule), ("split", split)) if v is not None)
        raise InvalidArgumentError(f"only {n} distinct {family} tasks{' for ' + sel if sel else ''} could be drawn "
                                   f"(asked --count={count}); lower --count or widen the selection")


@tasks_app.command("baselines")
def tasks_baselines_cmd(
    seeds: int = typer.Option(3, "--seeds", help="Tune seeds to include (0 … N-1); random draws use seeds 1 … N."),
    json_out: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Run answer-blind shortcut policies (constants, copying the instance, random rationals, another task's
    answer) on every served refute and tune task; report the mean reward per family and rule. Exit 0 iff every
    policy stays at or below the target (2 %) in every family."""
    from .tasks.baselines import TARGET, measure

    if seeds < 1:
        raise InvalidArgumentError(f"--seeds={seeds} must be >= 1")
    with _status(err.is_terminal, "generating tasks and running the baselines…"):
        rep = measure(seeds)
    doc = rep.to_json()
    if json_out:
        _emit_json(doc)
    else:
        table = Table(title=f"shortcut baselines: mean reward (target ≤ {TARGET:.0%} in every family)")
        table.add_column("family / rule", overflow="fold")
        from .tasks.baselines import POLICIES

        for pol in POLICIES:
            table.add_column(pol, justify="right")
        for fam, row in rep.by_family.items():
            table.add_row(f"[bold]{fam}[/bold] ({rep.tasks[fam]} tasks)", *(f"{row[p]:.1%}" for p in POLICIES))
            for rule, rrow in rep.by_rule[fam].items():
                table.add_row(f"  {rule}", *(f"{rrow[p]:.1%}" for p in POLICIES))
        out.print(table)
        for fam in rep.by_family:
            pol, val = rep.worst(fam)
            out.print(f"{fam}: worst baseline {pol} at {val:.1%}", highlight=False)
    raise typer.Exit(EXIT_HELD if doc["met"] else EXIT_VIOLATED)


@app.command("serve")
def serve_cmd(
    stdio: bool = typer.Option(False, "--stdio", help="JSON lines on stdin/stdout."),
    http: Optional[str] = typer.Option(
        None, "--http", metavar="HOST:PORT",
        help="HTTP on HOST:PORT (HOST defaults to 127.0.0.1, PORT to 8000, kimina-client's default): the stdio "
             "methods as JSON endpoints, a batch endpoint and the Kimina Lean Server API. Needs "
             "pip install 'pyverify[http]'."),
    workers: Optional[int] = typer.Option(None, "--workers", help="HTTP: worker processes (default: the CPUs; "
                                                                   "0: answer in the server process)."),
    warm: str = typer.Option("prove,refute,tune", "--warm", help="HTTP: families whose tasks are generated "
                                                                  "before the workers start ('none' for none)."),
    max_body: int = typer.Option(8 * 1024 * 1024, "--max-body", help="HTTP: largest request body (bytes)."),
    max_items: int = typer.Option(10_000, "--max-items", help="HTTP: most items (or snippets) per request."),
    header_timeout: float = typer.Option(10.0, "--header-timeout", help="HTTP: seconds for a request's headers "
                                                                        "to arrive (then 408)."),
    body_timeout: float = typer.Option(30.0, "--body-timeout", help="HTTP: seconds for a request's body to "
                                                                    "arrive (then 408)."),
    api_key_env: Optional[str] = typer.Option(
        None, "--api-key-env", metavar="VAR",
        help="HTTP: require 'Authorization: Bearer <key>', the key read from this environment variable."),
) -> None:
    """Serve tasks and verdicts: JSON lines on stdin/stdout (--stdio) or HTTP (--http HOST:PORT); docs/AGENTS.md."""
    if stdio == (http is not None):
        raise InvalidArgumentError("pass --stdio (JSON lines on stdin/stdout) or --http HOST:PORT, not both")
    if stdio:
        from .serve import serve

        raise typer.Exit(serve())
    import os

    from .serve_http import Limits, parse_address, require_http_extra, run_server
    from .tasks import FAMILIES

    host, port = parse_address(http)
    require_http_extra()
    fams = [] if warm.strip().lower() == "none" else [f.strip() for f in warm.split(",") if f.strip()]
    bad = [f for f in fams if f not in FAMILIES]
    if bad:
        raise InvalidArgumentError(f"--warm: {', '.join(bad)} not among {', '.join(FAMILIES)} (or 'none')")
    if workers is not None and workers < 0:
        raise InvalidArgumentError(f"--workers={workers} must be >= 0")
    if max_body < 1 or max_items < 1 or not header_timeout > 0 or not body_timeout > 0:
        raise InvalidArgumentError("--max-body, --max-items, --header-timeout and --body-timeout must be positive")
    key = None
    if api_key_env is not None:
        key = os.environ.get(api_key_env)
        if not key:
            raise InvalidArgumentError(f"--api-key-env={api_key_env}: that environment variable is unset or empty")

    def log(msg: str) -> None:
        sys.stderr.write(msg + "\n")
        sys.stderr.flush()

    raise typer.Exit(run_server(host, port, workers=workers, warm=fams, api_key=key, log=log,
                                limits=Limits(max_body_bytes=max_body, max_items=max_items,
                                              header_timeout=header_timeout, body_timeout=body_timeout)))


# -- verify (pyverify.verify) --------------------------------------------------------------------
from .verify.batch import DEFAULT_TIMEOUT as _VERIFY_TIMEOUT  # noqa: E402  (one default: API, CLI, server)
def _read_json_file(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidArgumentError(f"{what}={str(path)!r} cannot be read: {exc}") from exc
    except ValueError as exc:
        raise InvalidArgumentError(f"{what}={str(path)!r} is not JSON: {exc}") from exc


def _require_task(obj: Any, path: Path) -> None:
    """`InvalidArgumentError` (exit 2) unless `obj` is something the verifier can check: an object with a known
    family; a ``prove`` task needs its ``lean_spec`` (the verifier's contract), ``refute``/``tune`` the full task."""
    from .tasks import FAMILIES, Task

    hint = "pass one task object, e.g. a line of `pyverify tasks export --family F --id ID`"
    if not isinstance(obj, dict):
        raise InvalidArgumentError(f"--task={str(path)!r} is not a task: it holds a JSON {type(obj).__name__}; {hint}")
    family = obj.get("family")
    if family not in FAMILIES:
        raise InvalidArgumentError(f"--task={str(path)!r} is not a task: family={family!r} is not one of "
                                   f"{', '.join(FAMILIES)}; {hint}")
    if family == "prove":
        if not isinstance(obj.get("lean_spec"), str) or not obj["lean_spec"].strip():
            raise InvalidArgumentError(f"--task={str(path)!r} is not a prove task: it has no lean_spec; {hint}")
        return
    try:
        Task.from_json(obj)
    except InvalidArgumentError as exc:
        raise InvalidArgumentError(f"--task={str(path)!r} is not a {family} task ({exc}); {hint}") from exc


@app.command("verify")
def verify_cmd(
    task: Optional[Path] = typer.Option(None, "--task", help="A task JSON file (as printed by `pyverify tasks show`)."),
    task_id: Optional[str] = typer.Option(None, "--task-id", help="A catalog task id (instead of --task)."),
    answer: Path = typer.Option(..., "--answer", help="A file holding the answer text."),
    timeout: float = typer.Option(_VERIFY_TIMEOUT, "--timeout", help="Seconds for each Lean run."),
    json_out: bool = typer.Option(False, "--json", help="Print the verdict as JSON."),
) -> None:
    """Check one answer to one task (--task-id, or --task with a task identical to the catalog's); exit 0 iff
    the verdict is valid, 1 if not, 2 if the file is not a task, 3 if the verdict is `unavailable` (no Lean
    toolchain)."""
    from .verify.batch import check_one

    if (task is None) == (task_id is None):
        raise InvalidArgumentError("give exactly one of --task FILE and --task-id ID")
    task_obj: Any = task_id
    if task is not None:
        task_obj = _read_json_file(task, "--task")
        if isinstance(task_obj, list) and len(task_obj) == 1:  # `pyverify tasks show --id ID --json` prints a list
            task_obj = task_obj[0]
        _require_task(task_obj, task)
    try:
        text = answer.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidArgumentError(f"--answer={str(answer)!r} cannot be read as UTF-8 text: {exc}") from exc
    if timeout <= 0:
        raise InvalidArgumentError(f"--timeout={timeout} must be positive")
    v = check_one(task_obj, text, timeout=timeout)
    if json_out:
        _emit_json(v.to_json())
    else:
        style = "green" if v.status == "valid" else "red"
        out.print(f"[{style}]{v.status}[/{style}] (reward {v.reward:g}): {v.reason}", highlight=False)
        if v.construct:
            out.print(f"construct: {v.construct}", highlight=False)
        if v.position:
            out.print(f"position: {v.position}", highlight=False)
    raise typer.Exit(EXIT_HELD if v.status == "valid" else (EXIT_ENVIRONMENT if v.status == "unavailable" else EXIT_VIOLATED))


@app.command("verify-batch")
def verify_batch_cmd(
    file: Path = typer.Argument(..., help="JSON lines, one {\"id\", \"task_id\" | \"task\", \"answer\"} object per line."),
    timeout: float = typer.Option(_VERIFY_TIMEOUT, "--timeout", help="Seconds for each Lean run."),
    workers: int = typer.Option(2, "--workers", help="Worker processes (or Ray task concurrency)."),
    executor: str = typer.Option("local", "--executor", help="local | ray"),
    ordered: bool = typer.Option(False, "--ordered", help="Write the lines in input order (each as soon as it and "
                                                          "every one before it are known)."),
    json_out: bool = typer.Option(False, "--json", help="Print one JSON document instead of JSON lines."),
) -> None:
    """Check a batch (the item shapes of pyverify.verify.check_batch and the server's check_batch): one verdict
    per input line, even when workers die. Each is written as a JSON line {"index", "id", "verdict"} as soon as
    it is ready (completion order; --ordered for input order), with --executor local or ray; a progress bar on
    a terminal's stderr."""
    from .verify.batch import check_batch

    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidArgumentError(f"FILE={str(file)!r} cannot be read: {exc}") from exc
    items: list[Any] = []
    for k, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            items.append(json.loads(line))
        except ValueError:
            items.append(f"line {k} is not JSON")  # still gets its own (invalid) verdict
    ready: dict[int, dict[str, Any]] = {}
    written: set[int] = set()
    next_in_order = 0

    def write(index: int, answer: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps({"index": index, **answer}, default=str) + "\n")
        sys.stdout.flush()
        written.add(index)

    with _progress(err.is_terminal, redirect_stdout=out.is_terminal) as progress:
        task = progress.add_task("verifying", total=len(items))

        def on_result(index: int, answer: dict[str, Any]) -> None:
            nonlocal next_in_order
            progress.advance(task)
            if json_out:
                return
            if not ordered:
                write(index, answer)
                return
            ready[index] = answer
            while next_in_order in ready:
                write(next_in_order, ready.pop(next_in_order))
                next_in_order += 1

        results = check_batch(items, timeout=timeout, workers=workers, executor=executor, on_result=on_result)
    if json_out:
        _emit_json({"results": results})
    else:
        for i, r in enumerate(results):  # every verdict was streamed already; this is a safety net only
            if i not in written:
                write(i, r)


# -- demo and report (issue 13; the logic lives in pyverify.demo_eos and pyverify.report_html) ------
demo_app = typer.Typer(help="Demonstrations on real training runs.", no_args_is_help=True)
app.add_typer(demo_app, name="demo")


@demo_app.command("edge-of-stability")
def demo_eos_cmd(
    lr: Optional[list[float]] = typer.Option(None, "--lr", help="Step sizes (default 0.1, 0.3, 0.5)."),
    steps: int = typer.Option(2000, "--steps", help="Full-batch GD steps per step size."),
    out_dir: Optional[Path] = typer.Option(None, "--out", help="Write the monitor records (JSON lines), a summary and a figure here."),
    seed: int = typer.Option(0, "--seed", help="Seed of the initialisation and of the Lanczos start vector."),
    json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Full-batch GD on a tanh MLP (digits), monitored: sharpness against 2/η (Cohen et al., ICLR 2021)."""
    from .demo_eos import DEFAULT_STEP_SIZES, describe, run_edge_of_stability

    lrs = tuple(lr) if lr else DEFAULT_STEP_SIZES
    with _progress(not json_out) as bar:
        task = bar.add_task("training", total=steps * len(lrs))
        res = run_edge_of_stability(lrs, steps=steps, seed=seed, out_dir=out_dir,
                                    progress=lambda _lr, _k: bar.advance(task))
    if out_dir is not None:
        from .report_html import draw_eos

        draw_eos(res, out_dir / "eos.png")
    if json_out:
        _emit_json(res.to_json())
        return
    for line in describe(res):
        out.print(line, highlight=False, markup=False)
    out.print(f"{res.seconds:.1f} s; measured in float (empirical, not a theorem)", highlight=False, markup=False)


@app.command("report")
def report_cmd(
    out_dir: Path = typer.Option(..., "--out", help="Directory for index.html and its figures."),
    demo_steps: int = typer.Option(2000, "--demo-steps", help="GD steps per step size in the monitor demo."),
    no_demo: bool = typer.Option(False, "--no-demo", help="Skip the training demo (no torch needed)."),
) -> None:
    """Write an HTML report: rule trajectories against their bounds, necessity pictures, monitor traces."""
    from .report_html import build_report

    page = build_report(out_dir, demo_steps=demo_steps, with_demo=not no_demo, progress=True)
    out.print(f"wrote {page}", highlight=False, markup=False)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI, mapping errors to one stderr line and an exit code (`EXIT_CODES`)."""
    command = typer.main.get_command(app)
    exit_cls: tuple[type[BaseException], ...] = (typer.Exit, *_exception_classes("Exit"))
    abort_cls: tuple[type[BaseException], ...] = (typer.Abort, *_exception_classes("Abort"))
    try:
        rv = command.main(args=argv, prog_name="pyverify", standalone_mode=False)
    except exit_cls as exc:
        return int(getattr(exc, "exit_code", 0))
    except abort_cls:
        err.print("Aborted", highlight=False)
        return 130
    except _exception_classes("NoArgsIsHelpError") as exc:  # bare `pyverify`: the help text, as a usage error
        sys.stdout.write(getattr(exc, "format_message", lambda: str(exc))() + "\n")
        return EXIT_USAGE
    except _exception_classes("UsageError") as exc:
        sys.stderr.write(f"UsageError: {getattr(exc, 'format_message', lambda: str(exc))()}\n")
        return EXIT_USAGE
    except _exception_classes("ClickException") as exc:
        sys.stderr.write(f"{type(exc).__name__}: {getattr(exc, 'format_message', lambda: str(exc))()}\n")
        return EXIT_USAGE
    except InvalidArgumentError as exc:
        sys.stderr.write(f"{type(exc).__name__}: {exc}\n")
        return EXIT_USAGE
    except (MissingDependencyError, LeanError) as exc:
        sys.stderr.write(f"{type(exc).__name__}: {exc}\n")
        return EXIT_ENVIRONMENT
    except PyVerifyError as exc:
        sys.stderr.write(f"{type(exc).__name__}: {exc}\n")
        return EXIT_VIOLATED
    except KeyboardInterrupt:
        return 130
    return int(rv) if isinstance(rv, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
