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
* On a data set `xs : Fin m → Vec K n`, `ys : Fin m → K`:
  `LearningRules.LMS.corr xs` : the correlation matrix `R = (1/m) Σ_i x_i x_iᵀ`;
  `LearningRules.LMS.crossCorr xs ys` : `p = (1/m) Σ_i y_i x_i`;
  `LearningRules.LMS.mse xs ys w` : the mean squared error `(1/m) Σ_i loss (xs i) (ys i) w`;
  `LearningRules.LMS.mseGrad xs ys w` : its gradient `R w - p`;
  `LearningRules.LMS.avgStep η xs ys w` : the averaged (batch) LMS update
  `w + (η / m) • Σ_i e_i • x_i`, the mean of the `m` single-sample increments.

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
  It is the square of `error_iterate_spec` plus `ρ < 1`; it stays as the single-sample rate, which
  the data-set rate below does not cover (for one sample `R = x xᵀ` is singular when `n ≥ 2`).
* `avg_step_eq_gd_spec` (identity): averaged LMS on `m` samples is gradient descent on the mean
  squared error, `avgStep η xs ys w = w - η • (R w - p)`.
* `mse_taylor_spec` (identity): `mse (w + d) = mse w + ⟪R w - p, d⟫ + ⟪d, R d⟫ / 2`, so `R w - p`
  is the gradient and `R` the Hessian of the mean squared error.
* `avg_contraction_spec` (convergence): if `μ ⟪v, v⟫ ≤ ⟪v, R v⟫ ≤ L ⟪v, v⟫` for all `v`, `0 < μ`,
  `0 < η` and `η L < 2`, one averaged step satisfies
  `mse w' - mse w⋆ ≤ ρ (mse w - mse w⋆)` with `ρ = 1 - μ η (2 - L η) < 1`, for every `w⋆`.
* `avg_rate_spec` (convergence): under the same hypotheses,
  `mse w_k - mse w⋆ ≤ ρ ^ k (mse w₀ - mse w⋆)`: with `w⋆` the minimiser (the Wiener solution
  `R w⋆ = p`), the excess loss contracts linearly (Widrow–Hoff mean convergence).

## Implementation notes

The first four statements are about one sample, presented repeatedly: this is the setting of Widrow
and Hoff's step-size condition `0 < η ⟪x, x⟫ < 2` (the normalised-LMS range). Squared errors are
written `e * e`, so that no power lemma is needed in the statements.

The data-set statements follow the Polyak–Łojasiewicz route: the exact quadratic expansion of the
mean squared error gives the descent bound (from `⟪v, R v⟫ ≤ L ⟪v, v⟫`) and the PL inequality
`2 μ (mse w - mse w⋆) ≤ ⟪R w - p, R w - p⟫` (from `μ ⟪v, v⟫ ≤ ⟪v, R v⟫`), so no spectral theorem and
no eigenvalues are needed. The reference point `w⋆` is arbitrary (the PL inequality holds for every
`w⋆`, since `mse w - ⟪g, g⟫ / (2 μ)` is below every value of `mse`); for the minimiser the gap is
the excess loss. The rate factor is nonnegative because `μ ≤ L` (when `n ≥ 1`). The count `m` is read
in `K` as `Vec.natCast m`; for `m = 0` every mean is `0`.

## References

* B. Widrow and M. E. Hoff, *Adaptive switching circuits*, IRE WESCON Convention Record, 1960.
* B. Widrow and S. D. Stearns, *Adaptive Signal Processing*, Prentice-Hall, 1985 (mean
  convergence of LMS on the correlation matrix `R`).
* H. Karimi, J. Nutini, M. Schmidt, *Linear convergence of gradient and proximal-gradient methods
  under the Polyak–Łojasiewicz condition*, 2016.
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

/-- The correlation matrix `R = (1/m) Σ_i x_i x_iᵀ` of the inputs of the data set `xs`:
`R j k = (Σ_i xs i j * xs i k) / m`. -/
def corr {m : Nat} (xs : Fin m → Vec K n) : Mat K n n :=
  fun j k => Vec.finSum m (fun i => xs i j * xs i k) / Vec.natCast m

/-- The cross-correlation `p = (1/m) Σ_i y_i x_i` of targets and inputs:
`p j = (Σ_i ys i * xs i j) / m`. -/
def crossCorr {m : Nat} (xs : Fin m → Vec K n) (ys : Fin m → K) : Vec K n :=
  fun j => Vec.finSum m (fun i => ys i * xs i j) / Vec.natCast m

/-- The mean squared error `(1/m) Σ_i (y_i - ⟪w, x_i⟫)² / 2` of the weights `w` on the data set
`(xs, ys)`: the mean of the per-sample losses `loss (xs i) (ys i) w`. -/
def mse {m : Nat} (xs : Fin m → Vec K n) (ys : Fin m → K) (w : Vec K n) : K :=
  Vec.finSum m (fun i => loss (xs i) (ys i) w) / Vec.natCast m

/-- The gradient `R w - p` of the mean squared error (`R = corr xs`, `p = crossCorr xs ys`);
`mse_taylor_spec` shows it is the linear term of `mse` around `w`. -/
def mseGrad {m : Nat} (xs : Fin m → Vec K n) (ys : Fin m → K) (w : Vec K n) : Vec K n :=
  Mat.mulVec (corr xs) w - crossCorr xs ys

/-- The averaged (batch) LMS update on the data set `(xs, ys)`: the mean of the `m` single-sample
LMS increments `η e_i x_i`, `e_i = y_i - ⟪w, x_i⟫`, applied at once:
`w + (η / m) • Σ_i e_i • x_i`. -/
def avgStep {m : Nat} (η : K) (xs : Fin m → Vec K n) (ys : Fin m → K) (w : Vec K n) : Vec K n :=
  w + (η / Vec.natCast m) • Vec.sumFam m (fun i => error (xs i) (ys i) w • xs i)

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
most `ρ ^ k` times the initial squared error.

The bound is the square of `error_iterate_spec` (it holds with equality); what this statement adds
is `ρ < 1` on the step-size range, i.e. that the squared error converges linearly to zero. It stays
as the one-sample rate: for a single sample `R = x xᵀ` is singular when `n ≥ 2`, so the data-set
rate `avg_rate_spec` (which needs `μ ⟪v, v⟫ ≤ ⟪v, R v⟫` with `μ > 0`) does not cover it. -/
def convergence_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (x : Vec K n) (y : K) (w : Vec K n),
    0 < η * ⟪x, x⟫ → η * ⟪x, x⟫ < 2 →
      (1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫) < 1 ∧
      ∀ k : Nat,
        error x y (iterate (step η x y) k w) * error x y (iterate (step η x y) k w) ≤
          ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) ^ k * (error x y w * error x y w)

/-- Averaged LMS is gradient descent on the mean squared error: the averaged update on `m` samples
equals the gradient step `w - η • (R w - p)` with `R = (1/m) Σ_i x_i x_iᵀ` (`corr xs`) and
`p = (1/m) Σ_i y_i x_i` (`crossCorr xs ys`), for every data set, step size and weights (an exact
identity). -/
def avg_step_eq_gd_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (m n : Nat) (η : K) (xs : Fin m → Vec K n) (ys : Fin m → K)
    (w : Vec K n),
    avgStep η xs ys w = w - η • mseGrad xs ys w

/-- The mean squared error is the quadratic with gradient `R w - p` and Hessian `R`: for all `w`
and `d`, `mse (w + d) = mse w + ⟪R w - p, d⟫ + ⟪d, R d⟫ / 2` exactly (so `mseGrad` is its
gradient and `avgStep` a gradient step on it). -/
def mse_taylor_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (m n : Nat) (xs : Fin m → Vec K n) (ys : Fin m → K)
    (w d : Vec K n),
    mse xs ys (w + d) = mse xs ys w + ⟪mseGrad xs ys w, d⟫ + ⟪d, Mat.mulVec (corr xs) d⟫ / 2

/-- One-step linear contraction of averaged LMS (Widrow–Hoff mean convergence, by the
Polyak–Łojasiewicz route): if `R = corr xs` satisfies `μ ⟪v, v⟫ ≤ ⟪v, R v⟫ ≤ L ⟪v, v⟫` for all `v`
with `0 < μ`, and `0 < η`, `η L < 2`, then the factor `ρ = 1 - μ η (2 - L η)` is below `1` and
`mse (avgStep w) - mse w⋆ ≤ ρ (mse w - mse w⋆)` for every weight vector `w` and every reference point
`w⋆`; for the minimiser `w⋆` (the Wiener solution `R w⋆ = p`) the left side is the excess loss. -/
def avg_contraction_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (m n : Nat) (xs : Fin m → Vec K n) (ys : Fin m → K)
    (μ L η : K) (w wstar : Vec K n),
    0 < μ → (∀ v : Vec K n, μ * ⟪v, v⟫ ≤ ⟪v, Mat.mulVec (corr xs) v⟫) →
    (∀ v : Vec K n, ⟪v, Mat.mulVec (corr xs) v⟫ ≤ L * ⟪v, v⟫) → 0 < η → η * L < 2 →
      1 - μ * η * (2 - L * η) < 1 ∧
      mse xs ys (avgStep η xs ys w) - mse xs ys wstar ≤
        (1 - μ * η * (2 - L * η)) * (mse xs ys w - mse xs ys wstar)

/-- Linear rate of averaged LMS: under the hypotheses of `avg_contraction_spec`, after `k` averaged
steps from `w₀`, `mse w_k - mse w⋆ ≤ ρ ^ k (mse w₀ - mse w⋆)` with `ρ = 1 - μ η (2 - L η)`, for every
reference point `w⋆` (for the minimiser: the excess loss contracts linearly). No eigenvalues are
needed: `μ` and `L` enter only through the quadratic-form bounds. -/
def avg_rate_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (m n : Nat) (xs : Fin m → Vec K n) (ys : Fin m → K)
    (μ L η : K) (w0 wstar : Vec K n) (k : Nat),
    0 < μ → (∀ v : Vec K n, μ * ⟪v, v⟫ ≤ ⟪v, Mat.mulVec (corr xs) v⟫) →
    (∀ v : Vec K n, ⟪v, Mat.mulVec (corr xs) v⟫ ≤ L * ⟪v, v⟫) → 0 < η → η * L < 2 →
      mse xs ys (iterate (avgStep η xs ys) k w0) - mse xs ys wstar ≤
        (1 - μ * η * (2 - L * η)) ^ k * (mse xs ys w0 - mse xs ys wstar)

end LearningRules.LMS
