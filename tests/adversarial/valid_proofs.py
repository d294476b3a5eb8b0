"""A corpus of valid-looking proofs in the styles agents produce (miniF2F-style `nlinarith`, `norm_num`,
`omega`, `simp`, `decide`, `calc` and `have` chains, comments holding `#check`, `open Classical in`,
`set_option <listed option> in`), written by the project. The pre-filter must accept every one of them
(no false rejections); whether each proves its statement is Lean's business, and needs Mathlib/Init.

`PROOFS` is built deterministically from the templates below; `tests/test_verify_adversarial.py` checks it.
"""

from __future__ import annotations

import itertools

_VARS = [("a", "b"), ("x", "y"), ("m", "n"), ("p", "q"), ("u", "v"), ("s", "t"), ("c", "d"), ("r", "w")]
_HINTS = ["sq_nonneg ({a} - {b})", "sq_nonneg ({a} + {b})", "mul_pos h{a} h{b}", "sq_nonneg ({a} * {b} - 1)",
          "mul_self_nonneg ({a} - 2 * {b})"]
_COMMENTS = ["-- #check mul_pos", "-- #eval 2 + 2 (to see the value)", "-- by AM-GM; see #check add_pow_le_pow_mul_pow_of_sq_le_sq",
             "/- #print axioms of this: none needed -/", "-- TODO: try `nlinarith` first; `sorry` free", "-- theorem: the key step",
             "/-- doc-style note: #check Nat.succ_le -/", "-- import Mathlib is already there; open Real would help"]
_PREFIXES = ["", "open Classical in\n  ", "open Real in\n  ", "set_option pp.all true in\n  ",
             "set_option linter.unusedVariables false in\n  ", "open Nat in\n  "]


def _nlinarith() -> list[str]:
    out = []
    for (a, b), k in itertools.product(_VARS, range(1, 5)):
        hints = ", ".join(h.format(a=a, b=b) for h in _HINTS[:k])
        out.append(f"by\n  nlinarith [{hints}]")
        out.append(f"by\n  intro h{a} h{b}\n  nlinarith [{hints}, h{a}, h{b}]")
    return out


def _misc() -> list[str]:
    out = []
    for n in range(2, 14):
        out.append(f"by norm_num [Nat.pow_succ] at *\n  -- {n} cases left")
        out.append(f"by\n  have h : {n} * {n} = {n * n} := by norm_num\n  omega")
        out.append(f"by\n  decide  -- {n} < {n + 1}")
        out.append(f"by\n  simp only [Nat.add_comm, Nat.mul_comm] at h ⊢\n  linarith [h, show (0:ℝ) ≤ {n} by norm_num]")
    for (a, b) in _VARS:
        out.append(f"by\n  calc {a} * {b} ≤ ({a} ^ 2 + {b} ^ 2) / 2 := by nlinarith [sq_nonneg ({a} - {b})]\n"
                   f"    _ ≤ {a} ^ 2 + {b} ^ 2 := by nlinarith [sq_nonneg {a}, sq_nonneg {b}]")
        out.append(f"by\n  have h₁ : 0 ≤ ({a} - {b}) ^ 2 := sq_nonneg _\n  have h₂ : 0 ≤ ({a} + {b}) ^ 2 := sq_nonneg _\n"
                   f"  nlinarith [h₁, h₂]")
        out.append(f"by\n  rcases h with ⟨h{a}, h{b}⟩\n  exact ⟨by linarith, by nlinarith [h{a}, h{b}]⟩")
        out.append(f"by\n  induction {a} with\n  | zero => simp\n  | succ k ih =>\n    simp [pow_succ] at *\n    omega")
        out.append(f"by\n  simp (config := {{ decide := true }}) [h{a}]")
        out.append(f"by\n  simp +arith [h{b}]")
        out.append(f"by\n  rw [show {a} = {b} + 0 by simp] at h\n  exact h")
        out.append(f"fun h{a} h{b} => by positivity")
        out.append(f"⟨fun h => by linarith, fun h => by nlinarith [sq_nonneg ({a} - {b})]⟩")
        out.append(f"by\n  constructor\n  · intro h\n    linarith\n  · intro h\n    nlinarith [sq_nonneg {a}]")
        out.append(f"by\n  field_simp\n  ring_nf\n  nlinarith [sq_nonneg ({a} - {b}), sq_abs {a}]")
        out.append(f"by\n  interval_cases {a} <;> simp_all <;> omega")
        out.append(f"Nat.le_antisymm (by omega) (by simp [h{a}])")
        out.append(f"by\n  obtain ⟨k, hk⟩ := h\n  subst hk\n  ring")
        out.append(f"by\n  exact Nat.rec (motive := fun _ => True) trivial (fun _ _ => trivial) {a}")
    return out


def _build() -> list[str]:
    base = _nlinarith() + _misc()
    out: list[str] = []
    for i, proof in enumerate(base):
        prefix = _PREFIXES[i % len(_PREFIXES)] if proof.startswith("by\n") else ""
        body = proof
        if prefix:  # put the scoped form inside the tactic block, where agents write it
            body = "by\n  " + prefix + proof[len("by\n  "):]
        if i % 3 == 0 and body.startswith("by\n"):
            body = "by\n  " + _COMMENTS[i % len(_COMMENTS)] + "\n  " + body[len("by\n  "):]
        out.append(body)
    return out


#: Written out: strings that mention banned words (only code is banned), term-level scoped forms, nested
#: comments holding commands, `«»` names.
_EXTRA = [
    'by\n  have h : ("stop here" : String).length = 9 := by decide\n  omega',
    'by\n  have h : "Environment".length = 11 := rfl\n  exact h',
    'open Classical in\n  fun h => (em _).elim (fun _ => h) (fun _ => h)',
    'set_option linter.unusedVariables false in\n  fun x y => Nat.le_refl _',
    'by\n  /- outer /- #eval 1 -/ still a comment: theorem, axiom -/\n  simp',
    'by\n  exact «Nat».le_refl _',
    "by\n  have : 'a' ≠ 'b' := by decide\n  decide",
    'by\n  -- sorry-free; #print axioms shows only propext\n  norm_num',
]

PROOFS: list[str] = _build() + _EXTRA
