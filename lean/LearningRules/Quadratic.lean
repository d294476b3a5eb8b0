import LearningRules.GradientDescent

/-!
# Gradient descent on a quadratic objective

The quadratic loss `F w = ½ ⟪w, A w⟫ - ⟪b, w⟫` with a symmetric matrix `A` and gradient
`∇F w = A w - b`: the model problem of least squares and of every second-order analysis of gradient
descent (Cauchy 1847; Nesterov 2004, §1.2).

## Main definitions

* `LearningRules.Quadratic.loss A b w` : `⟪w, A w⟫ / 2 - ⟪b, w⟫`.
* `LearningRules.Quadratic.grad A b w` : `A w - b`.
* `LearningRules.Quadratic.IsPSD A` : `0 ≤ ⟪x, A x⟫` for all `x`.
* `LearningRules.Quadratic.QuadBound A L` : `⟪x, A x⟫ ≤ L ⟪x, x⟫` for all `x` (the largest
  eigenvalue is at most `L`, stated without eigenvalues).

Argument order of the executable definitions: `loss A b w` and `grad A b w`.

## Main statements

* `taylor_spec` (identity) : for symmetric `A`, the second-order Taylor expansion is exact:
  `F y = F x + ⟪A x - b, y - x⟫ + ½ ⟪y - x, A (y - x)⟫`.
* `is_l_smooth_spec` : for symmetric `A` with `⟪x, A x⟫ ≤ L ⟪x, x⟫` and `0 ≤ L`, the loss with
  gradient `A w - b` is `L`-smooth in descent-lemma form.
* `improves_spec` : under the same hypotheses, `0 < η`, `η L < 2` and `A w ≠ b`, one
  gradient-descent step strictly lowers the quadratic loss (ΔF > 0).
* `beyond_edge_spec` : beyond the edge, `2 < η λ` for an eigenpair `A v = λ v`: the component
  `⟪w_k - w*, v⟫` is exactly `(1 - η λ) ^ k ⟪w₀ - w*, v⟫` with `(1 - η λ) ^ 2 > 1`, so it grows
  geometrically (the `2/η` threshold).

## Implementation notes

`is_l_smooth_spec` and `improves_spec` ask no positive semidefiniteness: the descent lemma is an
upper bound and needs only `QuadBound A L` (an indefinite symmetric `A` below `L` is `L`-smooth too;
`IsPSD` is what makes `loss` convex, which neither statement uses). `0 ≤ L` stays: it is a field
of `GradientDescent.IsLSmooth`, and `QuadBound` does not give it (`A = -I`, `L = -1` is symmetric
with `QuadBound A L`; in dimension 0 every other hypothesis is vacuous).

## References

* A.-L. Cauchy, 1847.
* Y. Nesterov, *Introductory Lectures on Convex Optimization*, 2004, §1.2.
-/

namespace LearningRules.Quadratic

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- The quadratic loss `F w = ⟪w, A w⟫ / 2 - ⟪b, w⟫`. -/
def loss (A : Mat K n n) (b : Vec K n) (w : Vec K n) : K :=
  ⟪w, Mat.mulVec A w⟫ / 2 - ⟪b, w⟫

/-- The gradient `∇F w = A w - b` of the quadratic loss (for symmetric `A`). -/
def grad (A : Mat K n n) (b : Vec K n) (w : Vec K n) : Vec K n := Mat.mulVec A w - b

/-- `A` is positive semidefinite: `0 ≤ ⟪x, A x⟫` for every `x`. -/
def IsPSD (A : Mat K n n) : Prop := ∀ x : Vec K n, 0 ≤ Mat.quadForm A x

/-- The quadratic form of `A` is bounded by `L`: `⟪x, A x⟫ ≤ L ⟪x, x⟫` for every `x`. -/
def QuadBound (A : Mat K n n) (L : K) : Prop := ∀ x : Vec K n, Mat.quadForm A x ≤ L * ⟪x, x⟫

/-- Exact Taylor expansion of the quadratic loss, for symmetric `A`:
`F y = F x + ⟪A x - b, y - x⟫ + ⟪y - x, A (y - x)⟫ / 2`. -/
def taylor_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (A : Mat K n n) (b x y : Vec K n),
    Mat.IsSymm A →
    loss A b y = loss A b x + ⟪grad A b x, y - x⟫ + ⟪y - x, Mat.mulVec A (y - x)⟫ / 2

/-- The quadratic loss is `L`-smooth (descent-lemma form) when `A` is symmetric with
`⟪x, A x⟫ ≤ L ⟪x, x⟫` and `0 ≤ L`. No `IsPSD A` is needed: the descent lemma is the upper bound
only. `0 ≤ L` is needed for `IsLSmooth.nonneg` (`A = -I`, `L = -1` satisfies the others). -/
def is_l_smooth_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (A : Mat K n n) (b : Vec K n) (L : K),
    Mat.IsSymm A → QuadBound A L → 0 ≤ L →
    GradientDescent.IsLSmooth (loss A b) (grad A b) L

/-- Strict improvement (ΔF > 0) of one gradient-descent step on the quadratic loss, for symmetric
`A` with `⟪x, A x⟫ ≤ L ⟪x, x⟫`, `0 ≤ L`, `0 < η`, `η L < 2` and `A w ≠ b` (no `IsPSD A`, as in
`is_l_smooth_spec`). -/
def improves_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (A : Mat K n n) (b : Vec K n) (L η : K) (w : Vec K n),
    Mat.IsSymm A → QuadBound A L → 0 ≤ L → GradientDescent.StepBound η L →
    grad A b w ≠ 0 → Improves (loss A b) (GradientDescent.step (grad A b) η) w

/-- Gradient descent beyond the `2/η` threshold: for symmetric `A`, a stationary point `wstar`
(`A wstar = b`) and an eigenvector `v` of `A` with eigenvalue `lam` (`A v = lam • v`), the component
`c_k = ⟪w_k - wstar, v⟫` of the iterates `w_k = iterate (step (grad A b) η) k w₀` is exactly
`c_k = (1 - η lam) ^ k c_0`, and when `2 < η lam` the factor satisfies `1 < (1 - η lam) ^ 2`: the
component grows like `|1 - η lam| ^ k` (without square roots: `c_k ^ 2 = ((1 - η lam) ^ 2) ^ k c_0 ^ 2`)
and diverges unless `c_0 = 0`. This is the classical stability threshold `η < 2 / λ_max` of GD on a
quadratic, seen from the unstable side. -/
def beyond_edge_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (A : Mat K n n) (b wstar v w0 : Vec K n) (lam η : K)
    (k : Nat),
    Mat.IsSymm A → Mat.mulVec A wstar = b → Mat.mulVec A v = lam • v → 2 < η * lam →
    ⟪iterate (GradientDescent.step (grad A b) η) k w0 - wstar, v⟫
        = (1 - η * lam) ^ k * ⟪w0 - wstar, v⟫
      ∧ 1 < (1 - η * lam) ^ 2

end LearningRules.Quadratic
