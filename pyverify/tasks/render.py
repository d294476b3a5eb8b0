"""Rendering tasks as text for an agent (the gymnasium observation), and their answer formats."""

from __future__ import annotations

import json
from typing import Any, Mapping

from .answers import skeleton

__all__ = ["render_prompt", "prove_answer_format", "numeric_answer_format", "describe_shape"]

NUMBERS = ('exact rationals as JSON strings: an integer "-3", a fraction "3/7" or a finite decimal "0.125" '
           '(read exactly as 1/8); JSON numbers, exponents, NaN and infinities are rejected')


def describe_shape(shape: list[int] | tuple[int, ...]) -> str:
    """``scalar``, ``vector of length 2``, ``2×2 matrix``, ``array of shape 2×3×4``."""
    if not shape:
        return "scalar"
    if len(shape) == 1:
        return f"vector of length {shape[0]}"
    if len(shape) == 2:
        return f"{shape[0]}×{shape[1]} matrix"
    return "array of shape " + "×".join(map(str, shape))


def prove_answer_format(lean_spec: str) -> str:
    return (
        f"A Lean 4 proof body, a tactic block `by …` or a term, for `{lean_spec}`. The verifier builds the file "
        f"itself: `import LearningRules`, then `theorem <fresh name> : {lean_spec} := <your answer>`. Only the spec "
        "library LearningRules and Lean core are imported. Indent every line after the first; commands, `sorry`, "
        "`native_decide` and new axioms are rejected."
    )


def numeric_answer_format(shapes: Mapping[str, Any]) -> str:
    example = json.dumps({k: skeleton(tuple(v)) for k, v in shapes.items()}, ensure_ascii=False)
    return f"A JSON object with exactly the keys {sorted(shapes)}, with these shapes: {example}; numbers are {NUMBERS}."


def _hyp_lines(hyps: list[dict[str, str]]) -> str:
    return "\n".join(f"  - {h['name']}: {h['text']}" + (f" [{h['graded']}]" if h.get("graded") else "")
                     for h in hyps) or "  (none)"


def _var_lines(shapes: Mapping[str, Any], domain: Mapping[str, Any]) -> str:
    from .domains import describe_domain

    out = []
    for k, v in shapes.items():
        extra = describe_domain(domain.get(k, {}))
        out.append(f"  - {k}: {describe_shape(v)}" + (f" of {extra}" if extra and v else f" ({extra})" if extra else ""))
    return "\n".join(out)


def render_prompt(task: Any) -> str:
    """The text an agent sees for `task` (deterministic; it never contains a solution)."""
    p = task.payload
    head = f"Task {task.id} (family: {task.family}, rule: {task.rule})\n\n"
    if task.family == "prove":
        ctx = "\n\n".join(p["context"]) if p["context"] else "(none)"
        return (
            head
            + f"Prove the Lean 4 statement `{task.lean_spec}`.\n\n"
            + f"In words: {p['in_words']}\n\n"
            + f"Statement ({p['spec_file']}):\n{p['spec_text']}\n\n"
            + f"Definitions it uses:\n{ctx}\n\n"
            + f"Answer: {task.answer_format}\n"
        )
    if task.family == "refute":
        d = p["dropped"]
        return (
            head
            + f"The theorem `{task.lean_proof}` states: {p['property']}\n"
            + f"Its hypotheses:\n{_hyp_lines(p['remaining'] + [d])}\n\n"
            + f"Drop the hypothesis `{d['name']}` ({d['text']}). Without it the statement is false. Give a concrete "
            + "instance that satisfies every remaining hypothesis but violates the conclusion.\n\n"
            + f"Remaining hypotheses:\n{_hyp_lines(p['remaining'])}\n\n"
            + f"Variables:\n{_var_lines(p['variables'], p.get('domain', {}))}\n\n"
            + "It is checked in exact rational arithmetic with the catalog's model of the rule.\n\n"
            + f"Answer: {task.answer_format}\n"
        )
    inst = json.dumps(p["instance"], ensure_ascii=False)
    return (
        head
        + f"The theorem `{task.lean_proof}` states: {p['property']}\n"
        + f"Its hypotheses:\n{_hyp_lines(p['hypotheses'])}\n\n"
        + f"Instance ({p['label']}): {inst}\n\n"
        + f"Choose the hyperparameters {', '.join(p['tunable'])} so that every hypothesis holds for this instance; "
        + "then the theorem guarantees its conclusion, which is also checked exactly.\n\n"
        + f"Hyperparameters:\n{_var_lines(p['tunable'], p.get('domain', {}))}\n\n"
        + f"Answer: {task.answer_format}\n"
    )
