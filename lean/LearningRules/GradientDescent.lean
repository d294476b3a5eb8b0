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
* `LearningRules.GradientDescent.PolyakLojasiewicz F grad μ Fstar` : `0 < μ`, `Fstar ≤ F` everywhere
  and the PL inequality `2 μ (F w - Fstar) ≤ ⟪grad w, grad w⟫`.
* `LearningRules.GradientDescent.IsConvex F grad` : first-order convexity,
  `F x + ⟪grad x, y - x⟫ ≤ F y` for all `x y`.
* `LearningRules.GradientDescent.IsStronglyConvex F grad μ` : first-order `μ`-strong convexity,
  `F x + ⟪grad x, y - x⟫ + μ/2 ⟪y - x, y - x⟫ ≤ F y` for all `x y`.

Argument order of the executable definition: `step grad η w`.

## Main statements

* `descent_bound_spec` : one step satisfies `F w' ≤ F w - η (1 - L η / 2) ⟪g, g⟫`, `g = grad w`.
* `improves_spec` : for `0 < η`, `η L < 2` and `g ≠ 0`, one step strictly decreases `F` (ΔF > 0).
* `best_step_decrease_spec` : with `0 < L`, the step `η = 1/L` (the minimiser of the descent-lemma
  bound) decreases `F` by at least `⟪g, g⟫ / (2 L)`.
* `pl_rate_spec` : under the Polyak–Łojasiewicz inequality `2 μ (F w - F*) ≤ ⟪∇F w, ∇F w⟫`
  (Polyak 1963, Łojasiewicz 1963; Karimi, Nutini and Schmidt 2016), `0 < η` and `η L < 2`, the gap
  to `F*` after `k` steps is at most `ρ ^ k` times the initial gap, `ρ = 1 - μ η (2 - L η)` (a
  linear rate; no hypothesis `ρ ≥ 0` is needed, see the statement's docstring).
* `nonconvex_min_grad_spec` : without convexity, for `0 < η`, `η L < 2`, a lower bound `F*` of `F`
  and `T ≥ 1` steps, some iterate `k < T` has `⟪g_k, g_k⟫ * (η (2 - L η) T) ≤ 2 (F w₀ - F*)`: the
  smallest squared gradient norm decays like `1/T` (Nesterov 2004, §1.2.3).
* `convex_rate_spec` : on a convex, `L`-smooth `F` with `0 < L` and the step `η = 1/L`, against any
  comparator `x*`: `T (F w_T - F x*) ≤ L/2 ⟪w₀ - x*, w₀ - x*⟫` (the `O(1/T)` rate; Nesterov 2004,
  Theorem 2.1.14).
* `strongly_convex_rate_spec` : on a `μ`-strongly convex, `L`-smooth `F` with `0 < L`, the step
  `1/L` and a minimiser `x*`: `⟪w_k - x*, w_k - x*⟫ ≤ (1 - μ/L) ^ k ⟪w₀ - x*, w₀ - x*⟫`
  (Nesterov 2004, Theorem 2.1.15).
* `strongly_convex_pl_spec` : a `μ`-strongly convex `F` (`0 < μ`) with a minimiser `x*` satisfies
  the Polyak–Łojasiewicz condition with `F* = F x*`, so `pl_rate_spec` applies to it.

## Implementation notes

Iteration counts `T` enter the field as `Vec.natCast T` (`Σ i < T, 1`), since Lean core registers no
global cast `Nat → K` for its `Lean.Grind` classes.

## References

* A.-L. Cauchy, *Méthode générale pour la résolution des systèmes d'équations simultanées*, 1847.
* Y. Nesterov, *Introductory Lectures on Convex Optimization*, 2004.
* B. T. Polyak, *Gradient methods for minimizing functionals*, 1963.
* A. Beck, *First-Order Methods in Optimization*, 2017, §10.4.
* H. Karimi, J. Nutini, M. Schmidt, *Linear convergence of gradient and proximal-gradient methods
  under the Polyak–Łojasiewicz condition*, 2016.
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

/-- The Polyak–Łojasiewicz condition for `F` with gradient map `grad`: a positive constant `μ`, a lower
bound `Fstar` of `F`, and `2 μ (F w - Fstar) ≤ ⟪grad w, grad w⟫` at every `w`. -/
structure PolyakLojasiewicz (F : Vec K n → K) (grad : Vec K n → Vec K n) (μ Fstar : K) : Prop where
  /-- The PL constant is positive. -/
  mu_pos : 0 < μ
  /-- `Fstar` is a lower bound of `F`. -/
  lower : ∀ w : Vec K n, Fstar ≤ F w
  /-- The PL inequality `2 μ (F w - Fstar) ≤ ⟪grad w, grad w⟫`. -/
  pl : ∀ w : Vec K n, 2 * μ * (F w - Fstar) ≤ ⟪grad w, grad w⟫

/-- Best constant step: for `0 < L`, `F (w - (1/L) • g) ≤ F w - ⟪g, g⟫ / (2 L)`, `g = grad w`. -/
def best_step_decrease_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (F : Vec K n → K) (grad : Vec K n → Vec K n) (L : K)
    (w : Vec K n),
    IsLSmooth F grad L → 0 < L → F (step grad (1 / L) w) ≤ F w - ⟪grad w, grad w⟫ / (2 * L)

/-- Linear rate under Polyak–Łojasiewicz: with `0 < η` and `η L < 2`,
`F (w_k) - Fstar ≤ ρ ^ k (F w₀ - Fstar)` for the GD iterates `w_k = iterate (step grad η) k w₀`,
`ρ = 1 - μ η (2 - L η)`.

There is no hypothesis `μ η (2 - L η) ≤ 1` (`ρ ≥ 0`). It does not follow from the others as a
proposition (`F` constant `= Fstar` with `grad = 0` is `L`-smooth and PL for every `μ > 0`), but the
statement holds without it: at any `w` with `F w > Fstar`, the descent lemma with
`Fstar ≤ F (step grad η w)` and PL give `μ η (2 - L η) (F w - Fstar) ≤ F w - Fstar`, so
`μ η (2 - L η) ≤ 1`; and if no such `w` exists, `F = Fstar` everywhere and both sides are `0`.
The lower-bound field of `PolyakLojasiewicz` is what makes this work: without it, a constant
`F = c < Fstar` with `grad = 0` satisfies the PL inequality for every `μ`, its gap `c - Fstar < 0`
never moves, and `ρ ^ 2 (c - Fstar) < c - Fstar` once `ρ < -1`. -/
def pl_rate_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (F : Vec K n → K) (grad : Vec K n → Vec K n)
    (L η μ Fstar : K) (w0 : Vec K n) (k : Nat),
    IsLSmooth F grad L → StepBound η L → PolyakLojasiewicz F grad μ Fstar →
    F (iterate (step grad η) k w0) - Fstar ≤ (1 - μ * η * (2 - L * η)) ^ k * (F w0 - Fstar)

/-- Non-convex stationarity: for `0 < η`, `η L < 2`, `Fstar ≤ F` everywhere and `T ≥ 1` steps, some
iterate `k < T` has `⟪g_k, g_k⟫ * (η (2 - L η) T) ≤ 2 (F w₀ - Fstar)`, `g_k = grad (w_k)`. -/
def nonconvex_min_grad_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (F : Vec K n → K) (grad : Vec K n → Vec K n)
    (L η Fstar : K) (w0 : Vec K n) (T : Nat),
    IsLSmooth F grad L → StepBound η L → (∀ w : Vec K n, Fstar ≤ F w) → 0 < T →
    ∃ k, k < T ∧
      ⟪grad (iterate (step grad η) k w0), grad (iterate (step grad η) k w0)⟫
        * (η * (2 - L * η) * Vec.natCast T) ≤ 2 * (F w0 - Fstar)

/-- `F` with gradient map `grad` is convex in first-order form: every tangent plane lies below `F`,
`F x + ⟪grad x, y - x⟫ ≤ F y` for all `x y`. -/
structure IsConvex (F : Vec K n → K) (grad : Vec K n → Vec K n) : Prop where
  /-- The first-order lower bound (the tangent plane at `x` lies below `F`). -/
  lower : ∀ x y : Vec K n, F x + ⟪grad x, y - x⟫ ≤ F y

/-- Sublinear rate of gradient descent on a convex, `L`-smooth `F` (Nesterov 2004, Theorem 2.1.14,
in the form of Beck 2017, Theorem 10.21): with `0 < L` and the step `η = 1/L`, for every comparator
`xstar` (in particular a minimiser) and every `T`,
`T (F w_T - F xstar) ≤ L/2 ⟪w₀ - xstar, w₀ - xstar⟫`, `w_T = iterate (step grad (1/L)) T w₀`. -/
def convex_rate_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (F : Vec K n → K) (grad : Vec K n → Vec K n) (L : K)
    (xstar w0 : Vec K n) (T : Nat),
    IsLSmooth F grad L → 0 < L → IsConvex F grad →
    Vec.natCast T * (F (iterate (step grad (1 / L)) T w0) - F xstar)
      ≤ L / 2 * ⟪w0 - xstar, w0 - xstar⟫

/-- `F` with gradient map `grad` is `μ`-strongly convex in first-order form:
`F x + ⟪grad x, y - x⟫ + μ/2 ⟪y - x, y - x⟫ ≤ F y` for all `x y`. The predicate itself asks no sign of
`μ` (for `μ = 0` it is `IsConvex`); the statements that need `0 < μ` say so. -/
structure IsStronglyConvex (F : Vec K n → K) (grad : Vec K n → Vec K n) (μ : K) : Prop where
  /-- The first-order lower bound with the quadratic term `μ/2 ⟪y - x, y - x⟫`. -/
  lower : ∀ x y : Vec K n, F x + ⟪grad x, y - x⟫ + μ / 2 * ⟪y - x, y - x⟫ ≤ F y

/-- Linear convergence of the iterates on a `μ`-strongly convex, `L`-smooth `F` (Nesterov 2004,
Theorem 2.1.15, with the step `1/L`): for `0 < L` and a minimiser `xstar` of `F`,
`⟪w_k - xstar, w_k - xstar⟫ ≤ (1 - μ/L) ^ k ⟪w₀ - xstar, w₀ - xstar⟫`,
`w_k = iterate (step grad (1/L)) k w₀`. No sign condition on `μ` is needed (for `μ ≤ 0` the factor
is `≥ 1`), nor `μ ≤ L` (it follows when `w₀ ≠ xstar`). -/
def strongly_convex_rate_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (F : Vec K n → K) (grad : Vec K n → Vec K n) (L μ : K)
    (xstar w0 : Vec K n) (k : Nat),
    IsLSmooth F grad L → 0 < L → IsStronglyConvex F grad μ → (∀ y : Vec K n, F xstar ≤ F y) →
    ⟪iterate (step grad (1 / L)) k w0 - xstar, iterate (step grad (1 / L)) k w0 - xstar⟫
      ≤ (1 - μ / L) ^ k * ⟪w0 - xstar, w0 - xstar⟫

/-- Strong convexity implies Polyak–Łojasiewicz (Karimi, Nutini and Schmidt 2016, Appendix B):
a `μ`-strongly convex `F` with `0 < μ` and a minimiser `xstar` satisfies
`PolyakLojasiewicz F grad μ (F xstar)`, i.e. `2 μ (F w - F xstar) ≤ ⟪grad w, grad w⟫` for all `w`. -/
def strongly_convex_pl_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (F : Vec K n → K) (grad : Vec K n → Vec K n) (μ : K)
    (xstar : Vec K n),
    IsStronglyConvex F grad μ → 0 < μ → (∀ y : Vec K n, F xstar ≤ F y) →
    PolyakLojasiewicz F grad μ (F xstar)

end LearningRules.GradientDescent
