"""P3: `env.step` latency for refute and tune tasks, graded in exact rational arithmetic.

Each timed step is one full grading: JSON decoding, exact parsing of every number, the domain and shape
checks, every hypothesis and the conclusion in python-flint rationals. Half the answers are the
reference answer (reward 1), half a wrong one (the reference with its first number replaced by "0",
usually reward 0), so that both paths are timed. `reset` is not timed. The per-task precomputation
(task generation, the fixed part of a tune instance, the parsed shapes) happens once, before timing, as in
a training loop that revisits tasks.
"""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

from ..bench import BenchResult, register

TARGET_US = 200.0


def _wrong(ans: Any) -> Any:
    if isinstance(ans, dict):
        k = next(iter(ans))
        return {**ans, k: _wrong(ans[k])}
    if isinstance(ans, list):
        return [_wrong(ans[0]), *ans[1:]] if ans else ans
    return "0"


def _measure(family: str, steps: int) -> dict[str, Any]:
    from ..env import LearningRulesEnv
    from ..tasks import reference_answer

    env = LearningRulesEnv(family=family)
    answers: dict[str, tuple[str, str]] = {}
    for t in env._pool(family, None, None):  # warm: precompute per task, as a training loop would
        ref = reference_answer(t)
        answers[t.id] = (json.dumps(ref), json.dumps(_wrong(ref)))
        env._task, env._done = t, False
        env.step(answers[t.id][0])
    times: list[float] = []
    rewards = 0.0
    for i in range(steps):
        _, info = env.reset(seed=i)
        ans = answers[info["task_id"]][i % 2]
        t0 = time.perf_counter_ns()
        _, r, _, _, _ = env.step(ans)
        times.append((time.perf_counter_ns() - t0) / 1000.0)
        rewards += float(r)
    times.sort()
    return {"median_us": statistics.median(times), "p99_us": times[min(len(times) - 1, int(0.99 * len(times)))],
            "max_us": times[-1], "steps": steps, "tasks": len(answers), "mean_reward": rewards / steps}


@register("P3", "median and p99 env.step latency, refute and tune, exact verification")
def p3(quick: bool) -> list[BenchResult]:
    steps = 300 if quick else 3000
    out = []
    for family in ("refute", "tune"):
        m = _measure(family, steps)
        out.append(BenchResult(
            name=f"P3 {family}",
            description=f"env.step median {m['median_us']:.0f} µs, p99 {m['p99_us']:.0f} µs "
                        f"({m['steps']} steps over {m['tasks']} {family} tasks, exact rationals)",
            ratio=TARGET_US / m["median_us"],
            target=f"median ≤ {TARGET_US:.0f} µs (ratio = target / median ≥ 1)",
            met=m["median_us"] <= TARGET_US,
            details={**m, "checked_by": "exact rational arithmetic (python-flint)"},
        ))
    return out
