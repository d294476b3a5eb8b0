"""The `pyverify` command line.

Every command prints a rich table for people or, with ``--json``, one JSON document for machines.
Errors never show a traceback: a `PyVerifyError` or a usage error prints one line
``ErrorType: message`` on stderr and exits 2 (usage) or 1 (a failure while running).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import click
import typer

import types

_tclick: types.ModuleType
try:  # typer >= 0.16 vendors its own copy of click
    from typer._click import exceptions as _tclick
except ImportError:  # pragma: no cover
    _tclick = click.exceptions
_NO_ARGS: tuple[type[BaseException], ...] = tuple(
    c for c in (getattr(_tclick, "NoArgsIsHelpError", None), getattr(click.exceptions, "NoArgsIsHelpError", None)) if c
)
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import InvalidArgumentError, PyVerifyError
from .lean.sources import project_root

app = typer.Typer(
    name="pyverify",
    help="Formally specified learning rules: Lean specs and proofs, numeric cross-checks, verifiable tasks.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
lean_app = typer.Typer(help="The Lean side: source audit and `lake build`.", no_args_is_help=True)
app.add_typer(lean_app, name="lean")

out = Console()
err = Console(stderr=True)


def _emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, indent=2, default=str) + "\n")


def _progress(enabled: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not enabled,
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
@app.command("check")
def check_cmd(
    rule: Optional[str] = typer.Option(None, "--rule", help="Only this rule."),
    entry_id: Optional[str] = typer.Option(None, "--id", help="Only this catalog id."),
    exact: bool = typer.Option(False, "--exact", help="Exact rational arithmetic only (default: float64 and exact)."),
    mode: Optional[list[str]] = typer.Option(None, "--mode", help="Modes: float64, float32, exact, exact-fraction, torch."),
    samples: int = typer.Option(200, "--samples", help="Instances per entry and mode."),
    seed: int = typer.Option(0, "--seed", help="Seed of the instance sampler."),
    necessity: bool = typer.Option(False, "--necessity", help="Drop each hypothesis and search for counterexamples."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Cross-check catalog entries on sampled instances (float sampling and exact arithmetic)."""
    from .catalog import entries_for
    from .checking import DEFAULT_MODES, check_entry, check_necessity

    if samples < 0:
        raise InvalidArgumentError(f"--samples={samples} must be >= 0; pass a non-negative count")
    if exact and mode:
        raise InvalidArgumentError("--exact and --mode contradict each other; pass one of them")
    modes = ["exact"] if exact else (list(mode) if mode else list(DEFAULT_MODES))
    from .backend import MODES

    for m in modes:
        if m not in MODES:
            raise InvalidArgumentError(f"--mode={m!r} is not one of {', '.join(MODES)}")
    entries = entries_for(rule=rule, entry_id=entry_id)
    if necessity:
        _run_necessity(entries, samples, seed, json_out, check_necessity)
        return
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
    ok = all(r.status == "held" for r in checked)
    if json_out:
        _emit_json({"results": [r.to_json() for r in checked], "all_held": ok,
                    "skipped": [{"id": r.id, "mode": r.mode, "reason": r.message} for r in skipped],
                    "samples": samples, "seed": seed, "modes": modes})
    else:
        table = Table(title="pyverify check — float sampling (tolerance) and exact rational arithmetic")
        table.add_column("id", overflow="fold", min_width=24)
        for col in ("mode", "status", "instances", "worst margin", "counterexample / note"):
            table.add_column(col, overflow="fold")
        for r in results:
            style = {"held": "green", "violated": "red", "error": "yellow", "skipped": "dim"}[r.status]
            note = json.dumps(r.counterexample["instance"]) if r.counterexample else r.message
            margin = "" if r.worst_margin is None else f"{r.worst_margin:.3g}"
            table.add_row(r.id, r.mode, f"[{style}]{r.status}[/{style}]", str(r.instances), margin, note[:300])
        out.print(table)
        held = sum(r.status == "held" for r in checked)
        note = f" ({len(skipped)} skipped: the mode cannot decide them)" if skipped else ""
        out.print(f"{held}/{len(checked)} held{note}. Not a proof: the Lean theorems named in `pyverify catalog` are.")
    raise typer.Exit(0 if ok else 1)


def _run_necessity(entries: list[Any], samples: int, seed: int, json_out: bool, check_necessity: Any) -> None:
    rows = []
    with _progress(not json_out and err.is_terminal) as progress:
        task = progress.add_task("necessity", total=len(entries))
        for e in entries:
            progress.update(task, description=f"{e.id} [necessity]")
            rows.extend(check_necessity(e, samples, seed))
            progress.advance(task)
    bad = any(r.status == "error" for r in rows)
    if json_out:
        _emit_json({"necessity": [r.to_json() for r in rows]})
    else:
        table = Table(title="Necessity: each hypothesis dropped, counterexamples searched in exact arithmetic")
        for col in ("id", "dropped hypothesis", "result", "tried", "counterexample"):
            table.add_column(col, overflow="fold")
        for r in rows:
            style = {"counterexample": "green", "none_found": "yellow", "no_sampler": "yellow", "error": "red"}[r.status]
            cx = json.dumps(r.counterexample["instance"]) if r.counterexample else r.message
            table.add_row(r.id, r.hypothesis, f"[{style}]{r.status}[/{style}]", str(r.tried), cx[:300])
        out.print(table)
        hyps = [r for r in rows if not r.demonstration]
        demos = [r for r in rows if r.demonstration]
        found = sum(r.status == "counterexample" for r in hyps)
        shown = sum(r.status == "counterexample" for r in demos)
        out.print(f"{found}/{len(hyps)} hypotheses shown necessary by a concrete exact counterexample"
                  + (f"; {shown}/{len(demos)} demonstrations found theirs." if demos else "."))
    raise typer.Exit(1 if bad else 0)


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
    """Run `lake build` and report per module; says 'Lean not checked' when there is no toolchain."""
    from .lean.runner import lake_build

    report = lake_build(project_root(), timeout=timeout)
    if json_out:
        _emit_json(report.to_json())
    else:
        out.print(report.render())
    raise typer.Exit(0 if report.status == "passed" else (3 if report.status == "not_checked" else 1))


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
    name: Optional[list[str]] = typer.Option(None, "--name", help="Only these benchmarks (P1, P2, P3, P4)."),
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
) -> None:
    """Export tasks as JSON lines (the task format of docs/AGENTS.md)."""
    if fmt not in ("jsonl", "json"):
        raise InvalidArgumentError(f"--format={fmt!r} is not one of jsonl, json")
    ts = _select_tasks(family, rule, split, seed, task_id)
    if fmt == "json":
        _emit_json([t.to_json() for t in ts])
        return
    for t in ts:
        sys.stdout.write(t.dumps() + "\n")


@app.command("serve")
def serve_cmd(stdio: bool = typer.Option(False, "--stdio", help="JSON lines on stdin/stdout (the only transport).")) -> None:
    """Serve tasks and verdicts over a JSON-lines protocol (docs/AGENTS.md)."""
    if not stdio:
        raise InvalidArgumentError("pass --stdio: JSON lines on stdin/stdout is the only transport")
    from .serve import serve

    raise typer.Exit(serve())


# -- verify (pyverify.verify) --------------------------------------------------------------------
def _read_json_file(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidArgumentError(f"{what}={str(path)!r} cannot be read: {exc}") from exc
    except ValueError as exc:
        raise InvalidArgumentError(f"{what}={str(path)!r} is not JSON: {exc}") from exc


@app.command("verify")
def verify_cmd(
    task: Path = typer.Option(..., "--task", help="A task JSON file (as printed by `pyverify tasks show`)."),
    answer: Path = typer.Option(..., "--answer", help="A file holding the answer text."),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds for each Lean run."),
    json_out: bool = typer.Option(False, "--json", help="Print the verdict as JSON."),
) -> None:
    """Check one answer to one task; exit 0 iff the verdict is valid."""
    from .verify.batch import check_one

    task_obj = _read_json_file(task, "--task")
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
    raise typer.Exit(0 if v.status == "valid" else 1)


@app.command("verify-batch")
def verify_batch_cmd(
    file: Path = typer.Argument(..., help="JSON lines, one {\"id\", \"task\", \"answer\"} object per line."),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds for each Lean run."),
    workers: int = typer.Option(2, "--workers", help="Worker processes (or Ray task concurrency)."),
    executor: str = typer.Option("local", "--executor", help="local | ray"),
    json_out: bool = typer.Option(False, "--json", help="Print one JSON document instead of JSON lines."),
) -> None:
    """Check a batch: one verdict per input line, in order, even when workers die."""
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
    results = check_batch(items, timeout=timeout, workers=workers, executor=executor)
    if json_out:
        _emit_json({"results": results})
    else:
        for r in results:
            sys.stdout.write(json.dumps(r, default=str) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI, mapping errors to one stderr line and an exit code."""
    command = typer.main.get_command(app)
    try:
        rv = command.main(args=argv, prog_name="pyverify", standalone_mode=False)
    except (click.exceptions.Exit, typer.Exit) as exc:
        return int(exc.exit_code)
    except (click.exceptions.Abort, typer.Abort):
        err.print("Aborted", highlight=False)
        return 130
    except _NO_ARGS as exc:  # bare `pyverify`: the help text, as a usage error
        sys.stdout.write(getattr(exc, "format_message", lambda: str(exc))() + "\n")
        return 2
    except (click.UsageError, _tclick.UsageError) as exc:
        sys.stderr.write(f"UsageError: {exc.format_message()}\n")
        return 2
    except (click.ClickException, _tclick.ClickException) as exc:
        sys.stderr.write(f"{type(exc).__name__}: {exc.format_message()}\n")
        return 2
    except InvalidArgumentError as exc:
        sys.stderr.write(f"{type(exc).__name__}: {exc}\n")
        return 2
    except PyVerifyError as exc:
        sys.stderr.write(f"{type(exc).__name__}: {exc}\n")
        return 1
    except KeyboardInterrupt:
        return 130
    return int(rv) if isinstance(rv, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
