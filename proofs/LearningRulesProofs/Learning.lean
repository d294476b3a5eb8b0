import LearningRules.Learning
import LearningRulesProofs.Vec

/-!
# Proofs for the vocabulary of learning

## Main definitions

None: this file proves the statements of `lean/LearningRules/Learning.lean`.

## Main statements

* `LearningRules.linear_rate` : proves `linear_rate_spec`: from `0 ≤ ρ` and `e (k+1) ≤ ρ * e k`
  for all `k`, `e k ≤ ρ ^ k * e 0` for all `k`.
* `LearningRules.iterate_succ_eq_apply` : `iterate rule (k + 1) w = rule (iterate rule k w)`, the
  form in which one-step bounds are chained along iterates.

## Implementation notes

`linear_rate` is an induction on `k`; the step multiplies the induction hypothesis by `ρ ≥ 0`
with `mul_le_mul_of_nonneg_left`, rewrites `ρ ^ (k + 1)` with `pow_succ` and regroups the product
with `mul_assoc` and `mul_left_comm` (all from `LearningRulesProofs.Algebra`), then chains the two
bounds with `le_trans`.

## References

* Geometric (linear) convergence rates: B. T. Polyak, *Introduction to Optimization*, 1987.
-/

namespace LearningRules

/-- `iterate` peels off its last step: `iterate rule (k + 1) w = rule (iterate rule k w)`. -/
theorem iterate_succ_eq_apply {W : Type} (rule : W → W) :
    ∀ (k : Nat) (w : W), iterate rule (k + 1) w = rule (iterate rule k w)
  | 0, _ => rfl
  | k + 1, w => by
    show iterate rule (k + 1) (rule w) = rule (iterate rule k (rule w))
    exact iterate_succ_eq_apply rule k (rule w)

/-- Linear rate: `0 ≤ ρ` and `e (k+1) ≤ ρ * e k` for all `k` give `e k ≤ ρ ^ k * e 0`. -/
theorem linear_rate : linear_rate_spec := by
  intro K _ _ _ _ _ _ e ρ hρ hstep k
  induction k with
  | zero =>
    rw [pow_zero, one_mul]
    exact le_refl (e 0)
  | succ k ih =>
    have h1 := hstep k
    have h2 : ρ * e k ≤ ρ * (ρ ^ k * e 0) := mul_le_mul_of_nonneg_left ih hρ
    rw [mul_left_comm ρ (ρ ^ k) (e 0)] at h2
    rw [pow_succ, mul_assoc]
    exact le_trans h1 h2

end LearningRules
