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

* `LearningRules.SGD.pathMean grads η k f w` : the expectation `E f (w_k)` of a function of the
  `k`-th SGD iterate from `w`, the exact average over all `m ^ k` equally likely sample paths.
* `LearningRules.SGD.drawMean grads w b f s` : the expectation of `f (s + g_{i_1} + … + g_{i_b})`
  over all `m ^ b` tuples of samples drawn with replacement, `g_i = grads i w`.
* `LearningRules.SGD.minibatchVariance grads b w` : the variance
  `E ⟪(1/b) Σ_j g_{i_j} - ḡ, (1/b) Σ_j g_{i_j} - ḡ⟫` of the mean of `b` samples drawn with
  replacement.

Argument order of the executable definitions: `step grads η i w`, `meanGrad grads w`,
`variance grads w`, `expectedLoss F grads η w`, `pathMean grads η k f w`, `drawMean grads w b f s`,
`minibatchVariance grads b w`. The number `m` enters the field as
`Vec.natCast m`.

## Main statements

* `expected_descent_spec` : if `F` is `L`-smooth with gradient `meanGrad grads` and `m ≥ 1`, then
  `E[F (w')] ≤ F w - η (1 - L η / 2) ⟪ḡ, ḡ⟫ + L η² σ² / 2` (the descent lemma in expectation;
  the variance term is the price of sampling). The key identity is
  `(1/m) Σ_i ⟪g_i, g_i⟫ = ⟪ḡ, ḡ⟫ + σ²`.
* `expected_improves_spec` : for `0 < η`, `η L < 2`, `m ≥ 1` and
  `L η σ² < (2 - L η) ⟪ḡ, ḡ⟫`, the expected loss after one step is strictly below `F w`
  (ΔF > 0 in expectation).
* `nonconvex_rate_spec` : SGD over `T ≥ 1` steps on an `L`-smooth `F` bounded below by `F*`, with
  `0 < η`, `η L ≤ 1` and an oracle whose variance is at most `σ²` at every point: some `k < T` has
  `E ⟪∇F (w_k), ∇F (w_k)⟫ ≤ 2 (F w₀ - F*) / (η T) + L η σ²`, the expectation being exact over the
  `m ^ k` sample paths. This is the min form: the minimum over `k < T` is at most the bound (and so
  is the average, which the proof telescopes; Ghadimi and Lan 2013, Bottou et al. 2018, Thm 4.8).
* `minibatch_variance_spec` : for `m ≥ 1` and `b ≥ 1`, the mean of `b` samples drawn with
  replacement has variance exactly `σ² / b` (an equality, averaged over all `m ^ b` tuples).

## Implementation notes

All averages are written `(1 / Vec.natCast m) * Σ`, with `Vec.natCast m = Σ i < m, 1`; the
hypothesis `0 < m` makes the factor `1 / m` meaningful. The strict-improvement threshold is stated
without division.

The multi-step expectations are recursive finite averages, so they are executable (`m ^ k` terms)
and need no measure theory. `pathMean` recurses on the last step,
`E f (w_{k+1}) = E [(1/m) Σ_i f (step grads η i w_k)]`, so that the one-step `expected_descent`
applies under the expectation by monotonicity and linearity of the average. `drawMean` recurses
on the first draw, `E f (s + g_{i_1} + …) = (1/m) Σ_i E f ((s + g_i) + …)`, so that the
cross terms of the variance vanish by induction on `b` (each draw has mean `ḡ`).

## References

* H. Robbins, S. Monro, *A stochastic approximation method*, 1951.
* L. Bottou, F. E. Curtis, J. Nocedal, *Optimization methods for large-scale machine learning*,
  SIAM Review, 2018, Lemma 4.4 and Theorem 4.8.
* S. Ghadimi, G. Lan, *Stochastic first- and zeroth-order methods for nonconvex stochastic
  programming*, SIAM J. Optim., 2013.
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

/-- The expectation `E f (w_k)` of a function `f` of the `k`-th SGD iterate started at `w`, the
exact average over the `m ^ k` equally likely sample paths: `pathMean grads η 0 f w = f w` and
`pathMean grads η (k + 1) f w = pathMean grads η k (fun v => (1/m) Σ_i f (step grads η i v)) w`. -/
def pathMean (grads : Fin m → Vec K n → Vec K n) (η : K) : Nat → (Vec K n → K) → Vec K n → K
  | 0, f, w => f w
  | k + 1, f, w => pathMean grads η k (fun v => expectedLoss f grads η v) w

/-- The expectation of `f (s + g_{i_1} + … + g_{i_b})` over the `m ^ b` equally likely tuples
`(i_1, …, i_b)` of samples drawn with replacement, `g_i = grads i w`: `drawMean grads w 0 f s = f s`
and `drawMean grads w (b + 1) f s = (1/m) Σ_i drawMean grads w b f (s + grads i w)`. -/
def drawMean (grads : Fin m → Vec K n → Vec K n) (w : Vec K n) :
    Nat → (Vec K n → K) → Vec K n → K
  | 0, f, s => f s
  | b + 1, f, s =>
    (1 : K) / Vec.natCast m * Vec.finSum m (fun i => drawMean grads w b f (s + grads i w))

/-- The variance of the minibatch mean of `b` samples drawn with replacement at `w`:
`E ⟪(1/b) Σ_j g_{i_j} - ḡ, (1/b) Σ_j g_{i_j} - ḡ⟫`, averaged exactly over all `m ^ b` tuples. -/
def minibatchVariance (grads : Fin m → Vec K n → Vec K n) (b : Nat) (w : Vec K n) : K :=
  drawMean grads w b
    (fun s => ⟪((1 : K) / Vec.natCast b) • s - meanGrad grads w,
      ((1 : K) / Vec.natCast b) • s - meanGrad grads w⟫) 0

/-- Non-convex rate of SGD in expectation (min form): for `F` `L`-smooth with gradient
`meanGrad grads`, `0 < η`, `η L ≤ 1`, an oracle of variance at most `σ2` at every point, a lower
bound `Fstar` of `F`, `m ≥ 1` samples and `T ≥ 1` steps, some `k < T` has
`E ⟪∇F (w_k), ∇F (w_k)⟫ ≤ 2 (F w₀ - Fstar) / (η T) + L η σ2`, the expectation `pathMean` being
the exact average over the `m ^ k` sample paths. The minimum over `k < T` is at most the average
`(1/T) Σ_{k<T} E ⟪∇F (w_k), ∇F (w_k)⟫`, which obeys the same bound. -/
def nonconvex_rate_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n m : Nat) (F : Vec K n → K)
    (grads : Fin m → Vec K n → Vec K n) (L η σ2 Fstar : K) (w0 : Vec K n) (T : Nat),
    GradientDescent.IsLSmooth F (meanGrad grads) L → 0 < η → η * L ≤ 1 →
    (∀ w : Vec K n, variance grads w ≤ σ2) → (∀ w : Vec K n, Fstar ≤ F w) → 0 < m → 0 < T →
    ∃ k, k < T ∧
      pathMean grads η k (fun v => ⟪meanGrad grads v, meanGrad grads v⟫) w0
        ≤ 2 * (F w0 - Fstar) / (η * Vec.natCast T) + L * η * σ2

/-- Minibatch variance: for `m ≥ 1` samples and a batch of `batch ≥ 1` samples drawn with
replacement, the variance of the minibatch mean is exactly the single-sample variance divided by the
batch size, `minibatchVariance grads batch w = σ² / batch` with `σ² = variance grads w`. -/
def minibatch_variance_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n m : Nat) (grads : Fin m → Vec K n → Vec K n) (w : Vec K n)
    (batch : Nat),
    0 < m → 0 < batch → minibatchVariance grads batch w = variance grads w / Vec.natCast batch

end LearningRules.SGD
