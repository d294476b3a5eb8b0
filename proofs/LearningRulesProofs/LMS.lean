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
`t = η ⟪x, x⟫`. The squared-error difference is `((1 - t)² - 1) e² / 2 = t (t - 2) e² / 2`, whose
sign is decided by `Lean.Grind.OrderedRing.mul_neg_of_pos_of_neg` and friends. The iterates are
handled by induction on `k` with the power unfolded by `Lean.Grind.Semiring.pow_succ`.

## References

* B. Widrow and M. E. Hoff, *Adaptive switching circuits*, 1960.
-/

namespace LearningRules.LMS

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- One LMS step multiplies the error on its sample by `1 - η ⟪x, x⟫`. -/
theorem error_step_eq (η : K) (x : Vec K n) (y : K) (w : Vec K n) :
    error x y (step η x y w) = (1 - η * ⟪x, x⟫) * error x y w := by
  show y - ⟪w + (η * (y - ⟪w, x⟫)) • x, x⟫ = (1 - η * ⟪x, x⟫) * (y - ⟪w, x⟫)
  rw [Vec.dot_add_left w ((η * (y - ⟪w, x⟫)) • x) x,
    Vec.dot_smul_left (η * (y - ⟪w, x⟫)) x x]
  grind

/-- The change of the squared error in one step: `t (t - 2) e² / 2` with `t = η ⟪x, x⟫`. -/
theorem loss_step_sub (η : K) (x : Vec K n) (y : K) (w : Vec K n) :
    loss x y (step η x y w) - loss x y w =
      η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) * (error x y w * error x y w) / 2 := by
  have hstep := error_step_eq η x y w
  show error x y (step η x y w) * error x y (step η x y w) / 2 - error x y w * error x y w / 2 =
    η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) * (error x y w * error x y w) / 2
  rw [hstep]
  grind

/-- The error after `k` steps on the same sample, from any start `w`. -/
theorem error_iterate_eq (η : K) (x : Vec K n) (y : K) :
    ∀ (k : Nat) (w : Vec K n),
      error x y (iterate (step η x y) k w) = (1 - η * ⟪x, x⟫) ^ k * error x y w := by
  intro k
  induction k with
  | zero =>
    intro w
    show error x y w = (1 - η * ⟪x, x⟫) ^ 0 * error x y w
    rw [Lean.Grind.Semiring.pow_zero] <;> grind
  | succ k ih =>
    intro w
    have h1 := ih (step η x y w)
    have h2 := error_step_eq η x y w
    have h3 : (1 - η * ⟪x, x⟫) ^ (k + 1) = (1 - η * ⟪x, x⟫) ^ k * (1 - η * ⟪x, x⟫) :=
      Lean.Grind.Semiring.pow_succ (1 - η * ⟪x, x⟫) k
    show error x y (iterate (step η x y) k (step η x y w)) =
      (1 - η * ⟪x, x⟫) ^ (k + 1) * error x y w
    rw [h1, h2, h3]
    grind

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
    rw [Lean.Grind.Semiring.pow_zero] <;> grind
  | succ k ih =>
    intro w
    have h1 := ih (step η x y w)
    have h2 := error_step_eq η x y w
    have h3 : ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) ^ (k + 1) =
        ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) ^ k * ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) :=
      Lean.Grind.Semiring.pow_succ ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) k
    show error x y (iterate (step η x y) k (step η x y w)) *
        error x y (iterate (step η x y) k (step η x y w)) =
      ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) ^ (k + 1) * (error x y w * error x y w)
    rw [h1, h2, h3]
    grind

/-- `error_step_spec`: one step multiplies the error by `1 - η ⟪x, x⟫`. -/
theorem error_step : LearningRules.LMS.error_step_spec := by
  intro K _ _ _ _ _ _ n η x y w
  exact error_step_eq η x y w

/-- `loss_decrease_iff_spec`: for a nonzero error, one step strictly lowers the squared error iff
`0 < η ⟪x, x⟫ < 2`. -/
theorem loss_decrease_iff : LearningRules.LMS.loss_decrease_iff_spec := by
  intro K _ _ _ _ _ _ n η x y w he
  have hdiff := loss_step_sub η x y w
  have hE : 0 < error x y w * error x y w := Vec.mul_self_pos he
  have hE0 : 0 ≤ error x y w * error x y w := Vec.mul_self_nonneg (error x y w)
  constructor
  · intro hlt
    refine Classical.byContradiction (fun hn => ?_)
    have hnn : 0 ≤ η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) := by
      cases Classical.em (0 < η * ⟪x, x⟫) with
      | inl hpos =>
        have ht : 2 ≤ η * ⟪x, x⟫ := by grind
        have h1 : 0 ≤ η * ⟪x, x⟫ := by grind
        have h2 : 0 ≤ η * ⟪x, x⟫ - 2 := by grind
        exact Lean.Grind.OrderedRing.mul_nonneg h1 h2
      | inr hnpos =>
        have h1 : η * ⟪x, x⟫ ≤ 0 := by grind
        have h2 : η * ⟪x, x⟫ - 2 ≤ 0 := by grind
        exact Lean.Grind.OrderedRing.mul_nonneg_of_nonpos_of_nonpos h1 h2
    have hprod : 0 ≤ η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) * (error x y w * error x y w) :=
      Lean.Grind.OrderedRing.mul_nonneg hnn hE0
    grind
  · intro h
    have h1 : 0 < η * ⟪x, x⟫ := h.1
    have h2 : η * ⟪x, x⟫ - 2 < 0 := by grind
    have hneg : η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) < 0 :=
      Lean.Grind.OrderedRing.mul_neg_of_pos_of_neg h1 h2
    have hprod : η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) * (error x y w * error x y w) < 0 :=
      Lean.Grind.OrderedRing.mul_neg_of_neg_of_pos hneg hE
    grind

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
  · have h2' : η * ⟪x, x⟫ - 2 < 0 := by grind
    have hneg : η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) < 0 :=
      Lean.Grind.OrderedRing.mul_neg_of_pos_of_neg h1 h2'
    grind
  · intro k
    have h := sq_error_iterate_eq η x y k w
    grind

end LearningRules.LMS
