"""P8: shortcut baselines — the best mean reward an answer-blind policy earns, per task family.

Runs `pyverify.tasks.baselines.measure` (constants, the instance copied back, random small rationals,
another task's reference answer) on every served refute task and the tune tasks of several seeds. The
target is that every policy earns at most 2 % mean reward in every family; it is a measured outcome,
reported here, never asserted by a test.
"""

from __future__ import annotations

from ..bench import BenchResult, register


@register("P8", "worst shortcut-baseline mean reward per family (refute, tune)")
def p7(quick: bool) -> list[BenchResult]:
    from ..tasks.baselines import TARGET, measure

    rep = measure(2 if quick else 3)
    out = []
    for fam in rep.by_family:
        pol, val = rep.worst(fam)
        out.append(BenchResult(
            name=f"P8 {fam}",
            description=f"worst shortcut baseline on {rep.tasks[fam]} {fam} tasks: {pol} at {val:.1%} mean reward",
            ratio=(TARGET / val) if val > 0 else float("inf"),
            target=f"every baseline ≤ {TARGET:.0%} mean reward (ratio = target / worst ≥ 1)",
            met=val <= TARGET,
            details={"worst_policy": pol, "worst_mean_reward": val, "tasks": rep.tasks[fam],
                     "by_policy": rep.by_family[fam]},
        ))
    return out
