import LearningRulesProofs.Vec
import LearningRules.LMS

/-!
# Proofs for the LMS (Widrow–Hoff) rule

## Main definitions

None: this file proves the statements of `lean/LearningRules/LMS.lean`.

## Main statements

* `LearningRules.LMS.error_step` : `error_step_spec`.
* `LearningRules.LMS.loss_decrease_iff` : `loss_decrease_iff_spec`.
* `LearningRules.LMS.error_iterate` : `error_iterate_spec`.
* `LearningRules.LMS.convergence` : `convergence_spec`.

## Implementation notes

Everything follows from the one-step identity `error_step_eq`: `e' = (1 - t) e` with
`t = η ⟪x, x⟫`. The squared-error difference is `((1 - t)² - 1) e² / 2 = t (t - 2) e² / 2`
(`one_sub_mul_self`), whose sign is decided by `mul_neg_of_pos_of_neg`, `mul_nonneg` and friends
from `LearningRulesProofs.Algebra`. The iterates are handled by induction on `k` with the power
unfolded by `pow_succ`. Ring identities are closed by `simp only` with the commutative-ring lemmas
of `LearningRulesProofs.Algebra` (AC normalisation) or by `rw` chains; no `grind`.

## References

* B. Widrow and M. E. Hoff, *Adaptive switching circuits*, 1960.
-/

namespace LearningRules.LMS

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

omit [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] in
/-- The numeral `2` is `1 + 1`. -/
theorem two_eq_one_add_one : (2 : K) = 1 + 1 := by
  have h := two_mul (1 : K)
  rw [mul_one] at h
  exact h

omit [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] in
/-- `(1 - t) (1 - t) = t (t - 2) + 1`, the ring identity behind the squared-error change. -/
theorem one_sub_mul_self (t : K) : (1 - t) * (1 - t) = t * (t - 2) + 1 := by
  rw [two_eq_one_add_one]
  simp only [sub_eq_add_neg, mul_add, neg_add, mul_neg, neg_neg, add_assoc,
    add_comm, add_left_comm, mul_comm, mul_one]

/-- A negative times a positive is negative. -/
theorem mul_neg_of_neg_of_pos' {a b : K} (ha : a < 0) (hb : 0 < b) : a * b < 0 := by
  rw [mul_comm]
  exact mul_neg_of_pos_of_neg hb ha

/-- One LMS step multiplies the error on its sample by `1 - η ⟪x, x⟫`. -/
theorem error_step_eq (η : K) (x : Vec K n) (y : K) (w : Vec K n) :
    error x y (step η x y w) = (1 - η * ⟪x, x⟫) * error x y w := by
  show y - ⟪w + (η * (y - ⟪w, x⟫)) • x, x⟫ = (1 - η * ⟪x, x⟫) * (y - ⟪w, x⟫)
  rw [Vec.dot_add_left w ((η * (y - ⟪w, x⟫)) • x) x,
    Vec.dot_smul_left (η * (y - ⟪w, x⟫)) x x]
  simp only [sub_eq_add_neg, mul_add, add_mul, neg_add, neg_mul, mul_neg, neg_neg, add_assoc,
    add_comm, add_left_comm, mul_assoc, mul_comm, mul_left_comm, one_mul, mul_one]

/-- The change of the squared error in one step: `t (t - 2) e² / 2` with `t = η ⟪x, x⟫`. -/
theorem loss_step_sub (η : K) (x : Vec K n) (y : K) (w : Vec K n) :
    loss x y (step η x y w) - loss x y w =
      η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) * (error x y w * error x y w) / 2 := by
  have hstep := error_step_eq η x y w
  show error x y (step η x y w) * error x y (step η x y w) / 2 - error x y w * error x y w / 2 =
    η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) * (error x y w * error x y w) / 2
  rw [hstep]
  have hce : (1 - η * ⟪x, x⟫) * error x y w * ((1 - η * ⟪x, x⟫) * error x y w) =
      (1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫) * (error x y w * error x y w) := by
    simp only [mul_assoc, mul_comm, mul_left_comm]
  rw [hce, one_sub_mul_self, add_mul, one_mul, div_eq_mul_inv, div_eq_mul_inv, div_eq_mul_inv,
    add_mul, add_sub_cancel_right]

/-- The error after `k` steps on the same sample, from any start `w`. -/
theorem error_iterate_eq (η : K) (x : Vec K n) (y : K) :
    ∀ (k : Nat) (w : Vec K n),
      error x y (iterate (step η x y) k w) = (1 - η * ⟪x, x⟫) ^ k * error x y w := by
  intro k
  induction k with
  | zero =>
    intro w
    show error x y w = (1 - η * ⟪x, x⟫) ^ 0 * error x y w
    rw [pow_zero, one_mul]
  | succ k ih =>
    intro w
    have h1 := ih (step η x y w)
    have h2 := error_step_eq η x y w
    have h3 : (1 - η * ⟪x, x⟫) ^ (k + 1) = (1 - η * ⟪x, x⟫) ^ k * (1 - η * ⟪x, x⟫) :=
      pow_succ (1 - η * ⟪x, x⟫) k
    show error x y (iterate (step η x y) k (step η x y w)) =
      (1 - η * ⟪x, x⟫) ^ (k + 1) * error x y w
    rw [h1, h2, h3, mul_assoc]

/-- The squared error after `k` steps on the same sample is `ρ ^ k` times the initial one, with
`ρ = (1 - η ⟪x, x⟫) * (1 - η ⟪x, x⟫)`. -/
theorem sq_error_iterate_eq (η : K) (x : Vec K n) (y : K) :
    ∀ (k : Nat) (w : Vec K n),
      error x y (iterate (step η x y) k w) * error x y (iterate (step η x y) k w) =
        ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) ^ k * (error x y w * error x y w) := by
  intro k
  induction k with
  | zero =>
    intro w
    show error x y w * error x y w =
      ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) ^ 0 * (error x y w * error x y w)
    rw [pow_zero, one_mul]
  | succ k ih =>
    intro w
    have h1 := ih (step η x y w)
    have h2 := error_step_eq η x y w
    have h3 : ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) ^ (k + 1) =
        ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) ^ k * ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) :=
      pow_succ ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) k
    show error x y (iterate (step η x y) k (step η x y w)) *
        error x y (iterate (step η x y) k (step η x y w)) =
      ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) ^ (k + 1) * (error x y w * error x y w)
    rw [h1, h2, h3]
    simp only [mul_assoc, mul_comm, mul_left_comm]

/-- `error_step_spec`: one step multiplies the error by `1 - η ⟪x, x⟫`. -/
theorem error_step : LearningRules.LMS.error_step_spec := by
  intro K _ _ _ _ _ _ n η x y w
  exact error_step_eq η x y w

/-- `loss_decrease_iff_spec`: for a nonzero error, one step strictly lowers the squared error iff
`0 < η ⟪x, x⟫ < 2`. -/
theorem loss_decrease_iff : LearningRules.LMS.loss_decrease_iff_spec := by
  intro K _ _ _ _ _ _ n η x y w he
  have hdiff := loss_step_sub η x y w
  have hE : 0 < error x y w * error x y w := mul_self_pos he
  have hE0 : 0 ≤ error x y w * error x y w := mul_self_nonneg (error x y w)
  have hi : (0 : K) < 2⁻¹ := inv_pos zero_lt_two
  constructor
  · intro hlt
    refine Classical.byContradiction (fun hn => ?_)
    have hnn : 0 ≤ η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) := by
      cases Classical.em (0 < η * ⟪x, x⟫) with
      | inl hpos =>
        have ht : 2 ≤ η * ⟪x, x⟫ := not_lt.mp (fun h2 => hn ⟨hpos, h2⟩)
        have h1 : 0 ≤ η * ⟪x, x⟫ := le_of_lt hpos
        have h2 : 0 ≤ η * ⟪x, x⟫ - 2 := sub_nonneg.mpr ht
        exact mul_nonneg h1 h2
      | inr hnpos =>
        have h1 : η * ⟪x, x⟫ ≤ 0 := not_lt.mp hnpos
        have h2 : η * ⟪x, x⟫ - 2 ≤ 0 := sub_nonpos.mpr (le_trans h1 (le_of_lt zero_lt_two))
        exact mul_nonneg_of_nonpos_of_nonpos h1 h2
    have hprod : 0 ≤ η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) * (error x y w * error x y w) :=
      mul_nonneg hnn hE0
    have hq : 0 ≤ η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) * (error x y w * error x y w) / 2 := by
      rw [div_eq_mul_inv]
      exact mul_nonneg hprod (le_of_lt hi)
    have hneg : loss x y (step η x y w) - loss x y w < 0 := sub_neg.mpr hlt
    rw [hdiff] at hneg
    exact lt_irrefl 0 (lt_of_le_of_lt hq hneg)
  · intro h
    have h1 : 0 < η * ⟪x, x⟫ := h.1
    have h2 : η * ⟪x, x⟫ - 2 < 0 := sub_neg.mpr h.2
    have hneg : η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) < 0 := mul_neg_of_pos_of_neg h1 h2
    have hprod : η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) * (error x y w * error x y w) < 0 :=
      mul_neg_of_neg_of_pos' hneg hE
    have hq : η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) * (error x y w * error x y w) / 2 < 0 := by
      rw [div_eq_mul_inv]
      exact mul_neg_of_neg_of_pos' hprod hi
    rw [← hdiff] at hq
    exact sub_neg.mp hq

/-- `error_iterate_spec`: after `k` steps the error is `(1 - η ⟪x, x⟫) ^ k` times the initial
one. -/
theorem error_iterate : LearningRules.LMS.error_iterate_spec := by
  intro K _ _ _ _ _ _ n η x y w k
  exact error_iterate_eq η x y k w

/-- `convergence_spec`: for `0 < η ⟪x, x⟫ < 2`, `ρ < 1` and the squared error after `k` steps is at
most `ρ ^ k` times the initial one. -/
theorem convergence : LearningRules.LMS.convergence_spec := by
  intro K _ _ _ _ _ _ n η x y w h1 h2
  constructor
  · have h2' : η * ⟪x, x⟫ - 2 < 0 := sub_neg.mpr h2
    have hneg : η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) < 0 := mul_neg_of_pos_of_neg h1 h2'
    rw [one_sub_mul_self]
    have h := add_lt_add_right hneg 1
    rw [zero_add] at h
    exact h
  · intro k
    exact le_of_eq (sq_error_iterate_eq η x y k w)

end LearningRules.LMS
