"""Benchmarks that report measured ratios against targets, both sides timed in the same run.

A benchmark is a function `(quick: bool) -> BenchResult` registered with `@register("P1", ...)` in a
module of `pyverify.benchmarks`. Timing targets are reported, never asserted by tests: timings on a
shared machine are noisy, so each result says what was measured, on which hardware, and whether the
target was met in this run.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import platform
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from rich.table import Table

from .errors import UnknownNameError

__all__ = ["BenchResult", "register", "run_benchmarks", "render", "hardware", "best_of"]


@dataclass
class BenchResult:
    """One benchmark's outcome: `ratio` compared with `target` (`met` says whether it held here)."""

    name: str
    description: str
    ratio: float
    target: str
    met: bool
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description, "ratio": self.ratio, "target": self.target,
                "met": self.met, "hardware": hardware(), **self.details}


_REGISTRY: dict[str, tuple[str, Callable[[bool], list[BenchResult]]]] = {}


def register(name: str, description: str) -> Callable[[Callable[[bool], list[BenchResult]]], Callable[[bool], list[BenchResult]]]:
    """Register a benchmark function returning one or more `BenchResult`s."""

    def deco(fn: Callable[[bool], list[BenchResult]]) -> Callable[[bool], list[BenchResult]]:
        _REGISTRY[name] = (description, fn)
        return fn

    return deco


def _discover() -> None:
    from . import benchmarks

    for mod in pkgutil.iter_modules(benchmarks.__path__):
        importlib.import_module(f"{benchmarks.__name__}.{mod.name}")


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def hardware() -> dict[str, Any]:
    """What the timings were measured on."""
    return {"machine": platform.machine(), "processor": _cpu_model(),
            "cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()}


def best_of(fn: Callable[[], Any], repeats: int = 3) -> float:
    """The smallest wall time of `repeats` calls (seconds)."""
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def run_benchmarks(names: list[str] | None = None, quick: bool = False, progress: bool = True) -> list[BenchResult]:
    """Run the selected benchmarks (all by default)."""
    _discover()
    selected = sorted(_REGISTRY) if not names else names
    for n in selected:
        if n not in _REGISTRY:
            raise UnknownNameError(f"unknown benchmark {n!r}; known: {', '.join(sorted(_REGISTRY))}")
    results: list[BenchResult] = []
    for n in selected:
        results.extend(_REGISTRY[n][1](quick))
    return results


def render(results: list[BenchResult]) -> Table:
    """A rich table of results, with the hardware in the title."""
    hw = hardware()
    table = Table(title=f"pyverify bench — {hw['processor']}, {hw['cpus']} CPUs, Python {hw['python']}")
    for col in ("name", "description", "ratio", "target", "met"):
        table.add_column(col, overflow="fold")
    for r in results:
        table.add_row(r.name, r.description, f"{r.ratio:.1f}×", r.target, "yes" if r.met else "[red]no[/red]")
    return table
