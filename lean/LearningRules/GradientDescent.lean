import LearningRules.Learning

/-!
# Gradient descent on an L-smooth objective

Gradient descent `w' = w - η • ∇F w` (Cauchy 1847) on an objective given by its value `F` and a
gradient map `grad`, which satisfy the quadratic upper bound (L-smoothness in descent-lemma form,
Nesterov 2004, Lemma 1.2.3):

`F y ≤ F x + ⟪grad x, y - x⟫ + L/2 ⟪y - x, y - x⟫` for all `x y`.

## Main definitions

* `LearningRules.GradientDescent.IsLSmooth F grad L` : the quadratic upper bound, with `0 ≤ L`.
* `LearningRules.GradientDescent.step grad η w` : one step `w - η • grad w`.
* `LearningRules.GradientDescent.StepBound η L` : the step-size hypotheses `0 < η` and `η L < 2`.

## Main statements

* `descent_bound_spec` : one step satisfies `F w' ≤ F w - η (1 - L η / 2) ⟪g, g⟫`, `g = grad w`.
* `improves_spec` : for `0 < η`, `η L < 2` and `g ≠ 0`, one step strictly decreases `F` (ΔF > 0).

Further properties (best step, Polyak–Łojasiewicz rate, non-convex bound) are stated in this file as
they are added.

## References

* Y. Nesterov, *Introductory Lectures on Convex Optimization*, 2004.
-/

namespace LearningRules.GradientDescent

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- `F` with gradient map `grad` is `L`-smooth in descent-lemma form: `0 ≤ L` and the quadratic
upper bound `F y ≤ F x + ⟪grad x, y - x⟫ + L/2 ⟪y - x, y - x⟫` holds everywhere. -/
structure IsLSmooth (F : Vec K n → K) (grad : Vec K n → Vec K n) (L : K) : Prop where
  /-- The smoothness constant is nonnegative. -/
  nonneg : 0 ≤ L
  /-- The quadratic upper bound (descent lemma). -/
  upper : ∀ x y : Vec K n, F y ≤ F x + ⟪grad x, y - x⟫ + L / 2 * ⟪y - x, y - x⟫

/-- The step-size hypotheses of strict improvement: `0 < η` and `η L < 2`. -/
structure StepBound (η L : K) : Prop where
  /-- The step size is positive. -/
  step_pos : 0 < η
  /-- The step size is below `2 / L`, written without division. -/
  step_mul_lt_two : η * L < 2

/-- One gradient-descent step `w - η • grad w`. -/
def step (grad : Vec K n → Vec K n) (η : K) (w : Vec K n) : Vec K n := w - η • grad w

/-- The one-step descent bound: `F (w - η g) ≤ F w - η (1 - L η / 2) ⟪g, g⟫` for `g = grad w`. -/
def descent_bound_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (F : Vec K n → K) (grad : Vec K n → Vec K n) (L η : K)
    (w : Vec K n),
    IsLSmooth F grad L → F (step grad η w) ≤ F w - η * (1 - L * η / 2) * ⟪grad w, grad w⟫

/-- Strict improvement (ΔF > 0): for `0 < η`, `η L < 2` and `grad w ≠ 0`, `F (step grad η w) < F w`. -/
def improves_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (F : Vec K n → K) (grad : Vec K n → Vec K n) (L η : K)
    (w : Vec K n),
    IsLSmooth F grad L → StepBound η L → grad w ≠ 0 → Improves F (step grad η) w

end LearningRules.GradientDescent
