"""P7: the cost of grading refute/tune answers built to be expensive, under the grading budget.

For every served refute and tune task (seed 0), `pyverify.tasks.budget.adversarial_answers` builds five
answers: the largest numbers the parser accepts (200-digit numerators and denominators, 200-digit integers),
the largest counts the domain allows (``T``, ``fuel`` at their ``nat_max``), both together, and small ones.
Each is graded once with `pyverify.tasks.grade` (wall clock per call); the result is the p99 over all of them.
Target: p99 ≤ 50 ms. The details also give p50, the maximum, and how many verdicts each status got (so a
reader can see how many were stopped by the budget and how many were graded in full). ``--quick`` uses the
refute tasks only.
"""

from __future__ import annotations

import time
from collections import Counter

from ..bench import BenchResult, register

__all__ = ["run_p7"]


def run_p7(quick: bool = False) -> list[BenchResult]:
    """p99 of `grade` over the adversarial corpus (milliseconds)."""
    from ..tasks import generate, grade
    from ..tasks.budget import DEADLINE_SECONDS, MAX_DIGIT_STEPS, adversarial_answers

    tasks = generate("refute", seed=0) + ([] if quick else generate("tune", seed=0))
    times: list[float] = []
    statuses: Counter[str] = Counter()
    worst = ("", 0.0)
    for t in tasks:
        for ans in adversarial_answers(t.to_json()):
            start = time.perf_counter()
            v = grade(t, ans)
            dt = time.perf_counter() - start
            times.append(dt)
            statuses[v.status] += 1
            if dt > worst[1]:
                worst = (t.id, dt)
    times.sort()
    p99_ms = 1000 * times[min(len(times) - 1, int(0.99 * len(times)))]
    return [BenchResult(
        "P7 grade p99", "grade() on the adversarial refute/tune corpus: p99 wall time (ms)", p99_ms, "≤ 50 ms",
        p99_ms <= 50.0,
        {"answers": len(times), "tasks": len(tasks), "p50_ms": 1000 * times[len(times) // 2],
         "max_ms": 1000 * times[-1], "slowest_task": worst[0], "statuses": dict(statuses),
         "budget": {"max_digit_steps": MAX_DIGIT_STEPS, "deadline_s": DEADLINE_SECONDS}},
    )]


register("P7", "Grading budget: p99 of grade() over adversarial refute/tune answers")(run_p7)
