import LearningRules.Learning

/-!
# The least-mean-squares (Widrow–Hoff) rule

The LMS rule of Widrow and Hoff (1960), also called the delta rule or ADALINE rule: for a sample
`(x, y)` with input `x : Vec K n` and target `y : K`, a linear unit with weights `w` makes the error
`e = y - ⟪w, x⟫` and moves its weights by `η e x`. It is stochastic gradient descent on the squared
error `e² / 2` of one sample.

## Main definitions

* `LearningRules.LMS.error x y w` : the error `y - ⟪w, x⟫` of the weights `w` on the sample
  `(x, y)`.
* `LearningRules.LMS.loss x y w` : the squared error `e * e / 2`.
* `LearningRules.LMS.step η x y w` : one LMS update `w + (η * e) • x`, argument order
  `(η : K) (x : Vec K n) (y : K) (w : Vec K n)`.

## Main statements

* `error_step_spec` (identity): one step on `(x, y)` multiplies the error on that sample by
  `1 - η ⟪x, x⟫`.
* `loss_decrease_iff_spec` (improvement): when the error is nonzero, one step strictly lowers the
  squared error exactly when `0 < η ⟪x, x⟫ < 2` (both directions).
* `error_iterate_spec` (identity): after `k` steps on the same sample the error is
  `(1 - η ⟪x, x⟫) ^ k` times the initial error.
* `convergence_spec` (convergence): for `0 < η ⟪x, x⟫ < 2` the factor
  `ρ = (1 - η ⟪x, x⟫) * (1 - η ⟪x, x⟫)` is below `1`, and the squared error after `k` steps on the
  same sample is at most `ρ ^ k` times the initial squared error, so it converges linearly to zero.

## Implementation notes

The statements are about one sample, presented repeatedly: this is the setting of Widrow and Hoff's
step-size condition `0 < η ⟪x, x⟫ < 2` (the normalised-LMS range). Squared errors are written
`e * e`, so that no power lemma is needed in the statements.

## References

* B. Widrow and M. E. Hoff, *Adaptive switching circuits*, IRE WESCON Convention Record, 1960.
-/

namespace LearningRules.LMS

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- The error `y - ⟪w, x⟫` of the linear unit with weights `w` on the sample `(x, y)`. -/
def error (x : Vec K n) (y : K) (w : Vec K n) : K := y - ⟪w, x⟫

/-- The squared error `e * e / 2` of the weights `w` on the sample `(x, y)`. -/
def loss (x : Vec K n) (y : K) (w : Vec K n) : K := error x y w * error x y w / 2

/-- One LMS (Widrow–Hoff) update `w + (η * e) • x` with `e = y - ⟪w, x⟫`. -/
def step (η : K) (x : Vec K n) (y : K) (w : Vec K n) : Vec K n := w + (η * error x y w) • x

/-- One step on `(x, y)` multiplies the error on that sample by `1 - η ⟪x, x⟫`. -/
def error_step_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (x : Vec K n) (y : K) (w : Vec K n),
    error x y (step η x y w) = (1 - η * ⟪x, x⟫) * error x y w

/-- For a nonzero error, one step strictly lowers the squared error if and only if
`0 < η ⟪x, x⟫` and `η ⟪x, x⟫ < 2`. -/
def loss_decrease_iff_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (x : Vec K n) (y : K) (w : Vec K n),
    error x y w ≠ 0 →
      (loss x y (step η x y w) < loss x y w ↔ 0 < η * ⟪x, x⟫ ∧ η * ⟪x, x⟫ < 2)

/-- After `k` steps on the same sample the error is `(1 - η ⟪x, x⟫) ^ k` times the initial one. -/
def error_iterate_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (x : Vec K n) (y : K) (w : Vec K n) (k : Nat),
    error x y (iterate (step η x y) k w) = (1 - η * ⟪x, x⟫) ^ k * error x y w

/-- Linear convergence on a repeated sample: for `0 < η ⟪x, x⟫ < 2` the factor
`ρ = (1 - η ⟪x, x⟫) * (1 - η ⟪x, x⟫)` satisfies `ρ < 1`, and after `k` steps the squared error is at
most `ρ ^ k` times the initial squared error. -/
def convergence_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (x : Vec K n) (y : K) (w : Vec K n),
    0 < η * ⟪x, x⟫ → η * ⟪x, x⟫ < 2 →
      (1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫) < 1 ∧
      ∀ k : Nat,
        error x y (iterate (step η x y) k w) * error x y (iterate (step η x y) k w) ≤
          ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) ^ k * (error x y w * error x y w)

end LearningRules.LMS
