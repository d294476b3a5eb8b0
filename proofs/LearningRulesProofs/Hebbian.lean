import LearningRules.Hebbian
import LearningRulesProofs.Vec

/-!
# Proofs for Hebbian learning

## Main statements

Proofs of the statements of `lean/LearningRules/Hebbian.lean`: `increment`, `increase`,
`incrementC`, `increaseC` and `growth`.

## Implementation notes

* `step_dot` : `⟪step η x w, x⟫ = (1 + η ⟪x, x⟫) ⟪w, x⟫`, the one fact behind the single-example
  statements; `dot_iterate` iterates it.
* `pow_two_mul` : `r ^ (2 k) = r ^ k * r ^ k`, by recursion on `k` with `pow_succ`.
* `add_div`, `sub_div`, `add_self_div_two` : the three facts about `/ 2` the objectives need
  (`(a + a) / 2 = a` from `two_mul` and `mul_div_cancel_right₀`).
* Ring identities are proved by `generalize`-ing the dot products to atoms and normalising both
  sides with `simp only` (distributivity and the commutativity/associativity lemmas of
  `LearningRulesProofs/Algebra.lean`); positivity of products comes from `mul_pos` / `mul_nonneg`.
  No `grind` or `omega`.

## References

* D. O. Hebb, *The Organization of Behavior*, 1949.
-/

namespace LearningRules.Hebbian

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

omit [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] in
/-- Division distributes over a sum: `(a + b) / c = a / c + b / c`. -/
theorem add_div (a b c : K) : (a + b) / c = a / c + b / c := by
  rw [div_eq_mul_inv, div_eq_mul_inv, div_eq_mul_inv, add_mul]

omit [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] in
/-- Division distributes over a difference: `(a - b) / c = a / c - b / c`. -/
theorem sub_div (a b c : K) : (a - b) / c = a / c - b / c := by
  rw [div_eq_mul_inv, div_eq_mul_inv, div_eq_mul_inv, sub_mul]

/-- Halving a double: `(a + a) / 2 = a`. -/
theorem add_self_div_two (a : K) : (a + a) / 2 = a := by
  rw [← two_mul, mul_comm, mul_div_cancel_right₀ a two_ne_zero]

/-- The output after one step: `⟪step η x w, x⟫ = (1 + η ⟪x, x⟫) ⟪w, x⟫`. -/
theorem step_dot (η : K) (x w : Vec K n) :
    ⟪step η x w, x⟫ = (1 + η * ⟪x, x⟫) * ⟪w, x⟫ := by
  have h1 : ⟪step η x w, x⟫ = ⟪w, x⟫ + ⟪(η * ⟪w, x⟫) • x, x⟫ :=
    Vec.dot_add_left w ((η * ⟪w, x⟫) • x) x
  have h2 : ⟪(η * ⟪w, x⟫) • x, x⟫ = (η * ⟪w, x⟫) * ⟪x, x⟫ :=
    Vec.dot_smul_left (η * ⟪w, x⟫) x x
  rw [h1, h2, add_mul, one_mul, mul_assoc, mul_comm ⟪w, x⟫ ⟪x, x⟫, mul_assoc]

/-- The output along the iterates: `⟪w_k, x⟫ = (1 + η ⟪x, x⟫)^k ⟪w_0, x⟫`. -/
theorem dot_iterate (η : K) (x : Vec K n) : ∀ (k : Nat) (w : Vec K n),
    ⟪iterate (step η x) k w, x⟫ = (1 + η * ⟪x, x⟫) ^ k * ⟪w, x⟫
  | 0, w => by
    show ⟪w, x⟫ = (1 + η * ⟪x, x⟫) ^ 0 * ⟪w, x⟫
    rw [pow_zero, one_mul]
  | k + 1, w => by
    have ih := dot_iterate η x k (step η x w)
    have hs := step_dot η x w
    show ⟪iterate (step η x) k (step η x w), x⟫ = (1 + η * ⟪x, x⟫) ^ (k + 1) * ⟪w, x⟫
    rw [ih, hs, pow_succ, mul_assoc]

omit [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] in
/-- Doubling the exponent: `r ^ (2 k) = r ^ k * r ^ k`. -/
theorem pow_two_mul (r : K) : ∀ k : Nat, r ^ (2 * k) = r ^ k * r ^ k
  | 0 => by
    rw [Nat.mul_zero, pow_zero, mul_one]
  | k + 1 => by
    have ih := pow_two_mul r k
    have e : 2 * (k + 1) = 2 * k + 1 + 1 := rfl
    rw [e, pow_succ r (2 * k + 1), pow_succ r (2 * k), pow_succ r k, ih]
    simp only [mul_comm, mul_left_comm]

/-- The exact increment of the single-example objective (identity). -/
theorem increment : increment_spec := by
  intro K _ _ _ _ _ _ n η x w
  have h := step_dot η x w
  show ⟪step η x w, x⟫ * ⟪step η x w, x⟫ / 2 - ⟪w, x⟫ * ⟪w, x⟫ / 2
    = η * (⟪w, x⟫ * ⟪w, x⟫) * ⟪x, x⟫ + η * η * (⟪w, x⟫ * ⟪w, x⟫) * (⟪x, x⟫ * ⟪x, x⟫) / 2
  rw [h]
  generalize ⟪w, x⟫ = y
  generalize ⟪x, x⟫ = s
  have e : (1 + η * s) * y * ((1 + η * s) * y)
      = η * (y * y) * s + η * (y * y) * s + η * η * (y * y) * (s * s) + y * y := by
    simp only [mul_add, mul_one, add_assoc, add_comm, add_left_comm, 
      mul_comm, mul_left_comm]
  rw [e, ← sub_div, add_sub_cancel_right, add_div, add_self_div_two]

/-- Hebbian ascent on one example (improvement). -/
theorem increase : increase_spec := by
  intro K _ _ _ _ _ _ n η x w hη hy hx
  have hinc := increment K n η x w
  have hyy : 0 < ⟪w, x⟫ * ⟪w, x⟫ := Vec.mul_self_pos hy
  have hs : 0 < ⟪x, x⟫ := Vec.dot_self_pos hx
  have h1 : 0 < η * (⟪w, x⟫ * ⟪w, x⟫) * ⟪x, x⟫ := mul_pos (mul_pos hη hyy) hs
  have h2 : 0 ≤ η * η * (⟪w, x⟫ * ⟪w, x⟫) * (⟪x, x⟫ * ⟪x, x⟫) :=
    mul_nonneg (mul_nonneg (mul_self_nonneg η) (mul_self_nonneg ⟪w, x⟫))
      (mul_self_nonneg ⟪x, x⟫)
  have h2' : 0 ≤ η * η * (⟪w, x⟫ * ⟪w, x⟫) * (⟪x, x⟫ * ⟪x, x⟫) / 2 := by
    rw [div_eq_mul_inv]
    exact mul_nonneg h2 (inv_nonneg (le_of_lt zero_lt_two))
  apply lt_of_sub_pos
  rw [hinc]
  exact add_pos_of_pos_of_nonneg h1 h2'

/-- The exact increment of the averaged objective for symmetric `C` (identity). -/
theorem incrementC : incrementC_spec := by
  intro K _ _ _ _ _ _ n η C w hC
  have e1 : Mat.mulVec C (w + η • Mat.mulVec C w)
      = Mat.mulVec C w + η • Mat.mulVec C (Mat.mulVec C w) := by
    rw [Vec.mulVec_add, Vec.mulVec_smul]
  have hsym : ⟪w, Mat.mulVec C (Mat.mulVec C w)⟫ = ⟪Mat.mulVec C w, Mat.mulVec C w⟫ :=
    Vec.dot_mulVec_of_isSymm hC w (Mat.mulVec C w)
  show ⟪w + η • Mat.mulVec C w, Mat.mulVec C (w + η • Mat.mulVec C w)⟫ / 2
      - ⟪w, Mat.mulVec C w⟫ / 2
    = η * ⟪Mat.mulVec C w, Mat.mulVec C w⟫
      + η * η / 2 * ⟪Mat.mulVec C w, Mat.mulVec C (Mat.mulVec C w)⟫
  rw [e1]
  simp only [Vec.dot_add_left, Vec.dot_add_right, Vec.dot_smul_left, Vec.dot_smul_right]
  rw [hsym]
  generalize ⟪w, Mat.mulVec C w⟫ = a
  generalize ⟪Mat.mulVec C w, Mat.mulVec C w⟫ = b
  generalize ⟪Mat.mulVec C w, Mat.mulVec C (Mat.mulVec C w)⟫ = c
  have e : a + η * b + η * (b + η * c) = η * b + η * b + η * η * c + a := by
    simp only [mul_add, add_assoc, add_comm, add_left_comm, mul_assoc]
  rw [e, ← sub_div, add_sub_cancel_right, add_div, add_self_div_two]
  simp only [div_eq_mul_inv, mul_assoc, mul_comm, mul_left_comm]

/-- Hebbian ascent of the averaged objective for symmetric PSD `C` (improvement). -/
theorem increaseC : increaseC_spec := by
  intro K _ _ _ _ _ _ n η C w hC hpsd hv hη
  have hinc := incrementC K n η C w hC
  have hvv : 0 < ⟪Mat.mulVec C w, Mat.mulVec C w⟫ := Vec.dot_self_pos hv
  have hq : 0 ≤ ⟪Mat.mulVec C w, Mat.mulVec C (Mat.mulVec C w)⟫ := hpsd (Mat.mulVec C w)
  have h1 : 0 < η * ⟪Mat.mulVec C w, Mat.mulVec C w⟫ := mul_pos hη hvv
  have hηη : 0 ≤ η * η / 2 := by
    rw [div_eq_mul_inv]
    exact mul_nonneg (mul_self_nonneg η) (inv_nonneg (le_of_lt zero_lt_two))
  have h2 : 0 ≤ η * η / 2 * ⟪Mat.mulVec C w, Mat.mulVec C (Mat.mulVec C w)⟫ :=
    mul_nonneg hηη hq
  apply lt_of_sub_pos
  rw [hinc]
  exact add_pos_of_pos_of_nonneg h1 h2

/-- Instability of the Hebbian rule: geometric growth along the iterates (bound). -/
theorem growth : growth_spec := by
  intro K _ _ _ _ _ _ n η x w₀ k hη hy
  have hx : x ≠ 0 := by
    intro hx0
    apply hy
    subst hx0
    exact Vec.dot_zero_right w₀
  have hs : 0 < ⟪x, x⟫ := Vec.dot_self_pos hx
  have hηs : 0 < η * ⟪x, x⟫ := mul_pos hη hs
  have hdot := dot_iterate η x k w₀
  have hcs := Vec.cauchy_schwarz_sq (iterate (step η x) k w₀) x
  have hpow := pow_two_mul (1 + η * ⟪x, x⟫) k
  have hgt : 1 < 1 + η * ⟪x, x⟫ := by
    have h := add_lt_add_left hηs 1
    rw [add_zero] at h
    exact h
  refine ⟨hgt, hdot, ?_⟩
  rw [hdot] at hcs
  have e : (1 + η * ⟪x, x⟫) ^ k * ⟪w₀, x⟫ * ((1 + η * ⟪x, x⟫) ^ k * ⟪w₀, x⟫)
      = (1 + η * ⟪x, x⟫) ^ k * (1 + η * ⟪x, x⟫) ^ k * (⟪w₀, x⟫ * ⟪w₀, x⟫) := by
    simp only [mul_assoc, mul_comm, mul_left_comm]
  rw [hpow, ← e]
  exact hcs

end LearningRules.Hebbian
