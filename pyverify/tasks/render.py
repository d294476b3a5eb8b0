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
    defs = _definitions(p)
    syms = _symbol_lines(p.get("symbols", {}))
    if task.family == "refute":
        d = p["dropped"]
        fixed = json.dumps(p.get("fixed", {}), ensure_ascii=False)
        return (
            head
            + f"The theorem `{task.lean_proof}` states: {p['property']}\n"
            + f"Its hypotheses:\n{_hyp_lines(p['remaining'] + [d])}\n\n"
            + f"Drop the hypothesis `{d['name']}` ({d['text']}). Without it the statement is false. Complete the "
            + "instance below so that it satisfies every remaining hypothesis but violates the conclusion.\n\n"
            + f"Remaining hypotheses:\n{_hyp_lines(p['remaining'])}\n\n"
            + defs
            + f"Symbols:\n{syms}\n\n"
            + f"Given part of the instance (fixed): {fixed}\n\n"
            + f"Asked (your answer):\n{_var_lines(p['variables'], p.get('domain', {}))}\n\n"
            + "It is checked in exact rational arithmetic with the catalog's model of the rule.\n\n"
            + f"Answer: {task.answer_format}\n\n"
            + f"Task data (JSON): {_data(task)}\n"
        )
    inst = json.dumps(p["instance"], ensure_ascii=False)
    o = p["objective"]
    sup = ("" if o["attained"] else
           " The optimum is a supremum that no admissible choice attains (a hypothesis is strict): answer with an "
           "admissible choice whose quantity is within the tolerance of it.")
    return (
        head
        + f"The theorem `{task.lean_proof}` states: {p['property']}\n"
        + f"Its hypotheses:\n{_hyp_lines(p['hypotheses'])}\n\n"
        + defs
        + f"Symbols:\n{syms}\n\n"
        + f"Instance: {inst}\n\n"
        + f"Choose the hyperparameters {', '.join(p['tunable'])} so that every hypothesis holds for this instance "
        + f"and they {o['sense']} {o['quantity']} (backed by `{o['source']}`). The answer earns reward when every "
        + f"hypothesis holds and the quantity is within a relative tolerance of {o['tolerance']} of its exact optimum "
        + f"over all admissible choices.{sup}\n\n"
        + f"Hyperparameters:\n{_var_lines(p['tunable'], p.get('domain', {}))}\n\n"
        + f"Answer: {task.answer_format}\n\n"
        + f"Task data (JSON): {_data(task)}\n"
    )


def _definitions(p: Mapping[str, Any]) -> str:
    parts = []
    if p.get("spec_text"):
        parts.append(f"Lean statement:\n{p['spec_text']}\n\n")
    if p.get("context"):
        parts.append("Definitions it uses (Lean source):\n" + "\n\n".join(p["context"]) + "\n\n")
    return "".join(parts)


def _symbol_lines(symbols: Mapping[str, str]) -> str:
    return "\n".join(f"  - {k}: {v}" for k, v in symbols.items()) or "  (none)"


#: The task fields a prompt's final JSON block carries: everything grading reads, and nothing else.
DATA_FIELDS = ("id", "family", "rule", "entry_id", "lean_spec", "lean_proof")


def _data(task: Any) -> str:
    """One JSON line with the task's identity and the payload fields grading reads (never a solution)."""
    keep = ("property", "dropped", "remaining", "fixed", "variables", "order", "domain", "hypotheses", "instance",
            "tunable", "objective")
    d = {k: getattr(task, k) for k in DATA_FIELDS}
    d["payload"] = {k: task.payload[k] for k in keep if k in task.payload}
    return json.dumps(d, ensure_ascii=False, sort_keys=True)
