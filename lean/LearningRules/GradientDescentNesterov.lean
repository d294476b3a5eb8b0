import LearningRules.GradientDescent

/-!
# Nesterov's accelerated gradient method on a convex, L-smooth objective

Nesterov's accelerated gradient method (Nesterov 1983) in the form of FISTA without the proximal
step (Beck and Teboulle 2009, §4), with the step `1/L` and the momentum parameter
`t_k = (k + 2) / 2`, i.e. `t₀ = 1` and `t_{k+1} = t_k + 1/2`:

* `x_{k+1} = y_k - (1/L) • ∇F y_k` (a gradient step from the extrapolated point),
* `y_{k+1} = x_{k+1} + ((t_k - 1) / t_{k+1}) • (x_{k+1} - x_k)` (the momentum step),

from `x₀ = y₀ = w₀`. Beck and Teboulle take `t_{k+1} = (1 + √(1 + 4 t_k²)) / 2`, the largest
root of `t_{k+1}² - t_{k+1} = t_k²`; an ordered field has no square root, and their proof only
needs `t_{k+1}² - t_{k+1} ≤ t_k²` with `t₀ = 1`, which `t_k = (k + 2)/2` satisfies
(`(k + 3)(k + 1)/4 ≤ (k + 2)²/4`; Tseng 2008, Chambolle and Dossal 2015).

## Main definitions

* `LearningRules.GradientDescent.NesterovState K n` : the state `(x_k, y_k, t_k)`.
* `LearningRules.GradientDescent.nesterovInit w₀` : the start `(w₀, w₀, 1)`.
* `LearningRules.GradientDescent.nesterovStep grad L s` : one step of the method.
* `LearningRules.GradientDescent.nesterov grad L k w₀` : the state after `k` steps.

Argument order of the executable definitions: `nesterovStep grad L s`, `nesterov grad L k w₀`.

## Main statements

* `nesterov_rate_spec` : on a convex (`IsConvex`), `L`-smooth (`IsLSmooth`) `F` with `0 < L` and a
  minimiser `x*`, the iterates satisfy
  `F x_k - F x* ≤ 2 L ⟪w₀ - x*, w₀ - x*⟫ / (k + 1)²` for every `k` (Beck and Teboulle 2009,
  Theorem 4.4; the `O(1/k²)` rate of Nesterov 1983).

## Implementation notes

The iteration count `k + 1` enters the field as `Vec.natCast (k + 1)`, as in
`LearningRules.GradientDescent.convex_rate_spec`. The parameter `t_k` is carried in the state, so
the method is `iterate (nesterovStep grad L) k (nesterovInit w₀)`; the state after `k` steps has
`t = (k + 2) / 2`. For `L = 0` Lean's `1 / 0 = 0` makes the method stand still, which is why the
statement asks `0 < L`.

## References

* Y. Nesterov, *A method of solving a convex programming problem with convergence rate
  O(1/k²)*, Soviet Mathematics Doklady 27, 1983.
* A. Beck, M. Teboulle, *A fast iterative shrinkage-thresholding algorithm for linear inverse
  problems*, SIAM Journal on Imaging Sciences 2(1), 2009.
* P. Tseng, *On accelerated proximal gradient methods for convex-concave optimization*, 2008.
* A. Chambolle, C. Dossal, *On the convergence of the iterates of the "fast iterative
  shrinkage/thresholding algorithm"*, JOTA 166, 2015.
-/

namespace LearningRules.GradientDescent

open LearningRules

/-- The state of Nesterov's accelerated gradient method (FISTA form) after `k` steps. -/
structure NesterovState (K : Type) (n : Nat) where
  /-- The gradient-step iterate `x_k`, whose value the rate bounds. -/
  x : Vec K n
  /-- The extrapolated point `y_k`, where the next gradient is taken. -/
  y : Vec K n
  /-- The momentum parameter `t_k` (equal to `(k + 2) / 2` along the method). -/
  t : K

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- The start of the method: `x₀ = y₀ = w₀` and `t₀ = 1`. -/
def nesterovInit (w0 : Vec K n) : NesterovState K n := ⟨w0, w0, 1⟩

/-- One step of Nesterov's method with step `1/L`: `x' = y - (1/L) • grad y` (the gradient step
`step grad (1/L) y`), `t' = t + 1/2` and `y' = x' + ((t - 1) / t') • (x' - x)`. -/
def nesterovStep (grad : Vec K n → Vec K n) (L : K) (s : NesterovState K n) : NesterovState K n :=
  ⟨s.y - (1 / L) • grad s.y,
    (s.y - (1 / L) • grad s.y) + ((s.t - 1) / (s.t + 1 / 2)) • ((s.y - (1 / L) • grad s.y) - s.x),
    s.t + 1 / 2⟩

/-- The state `(x_k, y_k, t_k)` after `k` steps of Nesterov's method from `w₀`. -/
def nesterov (grad : Vec K n → Vec K n) (L : K) (k : Nat) (w0 : Vec K n) : NesterovState K n :=
  iterate (nesterovStep grad L) k (nesterovInit w0)

/-- The `O(1/k²)` rate of Nesterov's accelerated gradient method (Nesterov 1983; Beck and Teboulle
2009, Theorem 4.4) with `t_k = (k + 2)/2` and the step `1/L`: on a convex, `L`-smooth `F` with
`0 < L` and a minimiser `xstar`, for every `k`,
`F x_k - F xstar ≤ 2 L ⟪w₀ - xstar, w₀ - xstar⟫ / (k + 1)²`, `x_k = (nesterov grad L k w₀).x`. -/
def nesterov_rate_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (F : Vec K n → K) (grad : Vec K n → Vec K n) (L : K)
    (xstar w0 : Vec K n) (k : Nat),
    IsLSmooth F grad L → 0 < L → IsConvex F grad → (∀ y : Vec K n, F xstar ≤ F y) →
    F (nesterov grad L k w0).x - F xstar
      ≤ 2 * L * ⟪w0 - xstar, w0 - xstar⟫ / Vec.natCast (k + 1) ^ 2

end LearningRules.GradientDescent
