import LearningRules.GradientDescent

/-!
# Stochastic gradient descent on a finite sum

Stochastic gradient descent (Robbins and Monro 1951) on a finite-sum objective
`F = (1/m) Σ_i f_i` given by the per-sample gradient maps `grads : Fin m → Vec K n → Vec K n`:
draw a sample `i` uniformly and step `w' = w - η • grads i w`. Expectations over the uniform draw
are finite averages `(1/m) Σ_i`, so every statement is exact (no probability theory needed).

## Main definitions

* `LearningRules.SGD.step grads η i w` : the step on sample `i`, `w - η • grads i w`.
* `LearningRules.SGD.meanGrad grads w` : the mean gradient `ḡ = (1/m) Σ_i grads i w`.
* `LearningRules.SGD.variance grads w` : the gradient variance
  `σ² = (1/m) Σ_i ⟪grads i w - ḡ, grads i w - ḡ⟫`.
* `LearningRules.SGD.expectedLoss F grads η w` : the expected loss after one step,
  `(1/m) Σ_i F (step grads η i w)`.

Argument order of the executable definitions: `step grads η i w`, `meanGrad grads w`,
`variance grads w`, `expectedLoss F grads η w`. The number `m` enters the field as
`Vec.natCast m`.

## Main statements

* `expected_descent_spec` : if `F` is `L`-smooth with gradient `meanGrad grads` and `m ≥ 1`, then
  `E[F (w')] ≤ F w - η (1 - L η / 2) ⟪ḡ, ḡ⟫ + L η² σ² / 2` (the descent lemma in expectation;
  the variance term is the price of sampling). The key identity is
  `(1/m) Σ_i ⟪g_i, g_i⟫ = ⟪ḡ, ḡ⟫ + σ²`.
* `expected_improves_spec` : for `0 < η`, `η L < 2`, `m ≥ 1` and
  `L η σ² < (2 - L η) ⟪ḡ, ḡ⟫`, the expected loss after one step is strictly below `F w`
  (ΔF > 0 in expectation).

## Implementation notes

All averages are written `(1 / Vec.natCast m) * Σ`, with `Vec.natCast m = Σ i < m, 1`; the
hypothesis `0 < m` makes the factor `1 / m` meaningful. The strict-improvement threshold is stated
without division.

## References

* H. Robbins, S. Monro, *A stochastic approximation method*, 1951.
* L. Bottou, F. E. Curtis, J. Nocedal, *Optimization methods for large-scale machine learning*,
  SIAM Review, 2018, Lemma 4.4.
-/

namespace LearningRules.SGD

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n m : Nat}

/-- One SGD step on sample `i`: `w - η • grads i w`. -/
def step (grads : Fin m → Vec K n → Vec K n) (η : K) (i : Fin m) (w : Vec K n) : Vec K n :=
  w - η • grads i w

/-- The mean gradient `ḡ = (1/m) Σ_i grads i w`, the gradient of `F = (1/m) Σ_i f_i`. -/
def meanGrad (grads : Fin m → Vec K n → Vec K n) (w : Vec K n) : Vec K n :=
  ((1 : K) / Vec.natCast m) • Vec.sumFam m (fun i => grads i w)

/-- The gradient variance `σ² = (1/m) Σ_i ⟪grads i w - ḡ, grads i w - ḡ⟫`. -/
def variance (grads : Fin m → Vec K n → Vec K n) (w : Vec K n) : K :=
  (1 : K) / Vec.natCast m *
    Vec.finSum m (fun i => ⟪grads i w - meanGrad grads w, grads i w - meanGrad grads w⟫)

/-- The expected loss after one SGD step with a uniformly drawn sample:
`(1/m) Σ_i F (step grads η i w)`. -/
def expectedLoss (F : Vec K n → K) (grads : Fin m → Vec K n → Vec K n) (η : K)
    (w : Vec K n) : K :=
  (1 : K) / Vec.natCast m * Vec.finSum m (fun i => F (step grads η i w))

/-- Descent in expectation: for `F` `L`-smooth with gradient `meanGrad grads` and `m ≥ 1`,
`E[F w'] ≤ F w - η (1 - L η / 2) ⟪ḡ, ḡ⟫ + L η η σ² / 2`. -/
def expected_descent_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n m : Nat) (F : Vec K n → K)
    (grads : Fin m → Vec K n → Vec K n) (L η : K) (w : Vec K n),
    GradientDescent.IsLSmooth F (meanGrad grads) L → 0 < m →
    expectedLoss F grads η w
      ≤ F w - η * (1 - L * η / 2) * ⟪meanGrad grads w, meanGrad grads w⟫
        + L * η * η * variance grads w / 2

/-- Strict improvement in expectation (ΔF > 0): for `0 < η`, `η L < 2`, `m ≥ 1` and
`L η σ² < (2 - L η) ⟪ḡ, ḡ⟫`, `E[F w'] < F w`. -/
def expected_improves_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n m : Nat) (F : Vec K n → K)
    (grads : Fin m → Vec K n → Vec K n) (L η : K) (w : Vec K n),
    GradientDescent.IsLSmooth F (meanGrad grads) L → GradientDescent.StepBound η L → 0 < m →
    L * η * variance grads w < (2 - L * η) * ⟪meanGrad grads w, meanGrad grads w⟫ →
    expectedLoss F grads η w < F w

end LearningRules.SGD
