import LearningRules.Learning

/-!
# Predictive coding: inference of the latent cause

In the predictive-coding model of Rao and Ballard (1999), in the tutorial form of Bogacz (2017), an
observation `x : Vec K m` is explained by a latent cause `mu : Vec K n` through a linear generative
model `x ≈ W mu`, with a Gaussian prior around `mu0` of precision `lam`. Inference descends the
free energy (a sum of squared prediction errors)

`energy mu = ⟪x - W mu, x - W mu⟫ / 2 + lam / 2 * ⟪mu - mu0, mu - mu0⟫`

along its gradient `lam • (mu - mu0) - Wᵀ (x - W mu)`: the prediction error `x - W mu` is sent back
through `Wᵀ` and balanced against the prior error `mu - mu0`.

## Main definitions

* `LearningRules.PredictiveCoding.energy W lam mu0 x mu` : the free energy, argument order
  `(W : Mat K m n) (lam : K) (mu0 : Vec K n) (x : Vec K m) (mu : Vec K n)`.
* `LearningRules.PredictiveCoding.grad W lam mu0 x mu` : its gradient in `mu`,
  `lam • (mu - mu0) - Wᵀ (x - W mu)`.
* `LearningRules.PredictiveCoding.step γ W lam mu0 x mu` : one inference step `mu - γ • grad`,
  argument order `(γ : K) (W : Mat K m n) (lam : K) (mu0 : Vec K n) (x : Vec K m) (mu : Vec K n)`.
* `LearningRules.PredictiveCoding.CurvatureBound W lam L` : `L` bounds the curvature `WᵀW + lam I`
  of the energy, `⟪W v, W v⟫ + lam ⟪v, v⟫ ≤ L ⟪v, v⟫` for every `v`.

## Main statements

* `energy_decrease_spec` (improvement): for `0 < γ`, `γ L < 2`, `L` a curvature bound and a nonzero
  gradient, one inference step strictly lowers the energy.
* `fixed_point_spec` (identity): at a stationary point (`grad = 0`) the prior error balances the
  back-projected prediction error, `lam • (mu - mu0) = Wᵀ (x - W mu)`.

## Implementation notes

The energy is an exact quadratic in `mu`, so the descent proof uses the exact second-order
expansion `energy (mu - γ g) = energy mu - γ ⟪g, g⟫ + γ² / 2 (⟪W g, W g⟫ + lam ⟪g, g⟫)` rather
than a smoothness hypothesis. No sign of `lam` or `L` is assumed: the curvature bound carries all
that is needed.

## References

* R. P. N. Rao and D. H. Ballard, *Predictive coding in the visual cortex: a functional
  interpretation of some extra-classical receptive-field effects*, Nature Neuroscience 2(1), 1999.
* R. Bogacz, *A tutorial on the free-energy framework for modelling perception and learning*,
  Journal of Mathematical Psychology 76, 2017.
-/

namespace LearningRules.PredictiveCoding

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {m n : Nat}

/-- The free energy `⟪x - W mu, x - W mu⟫ / 2 + lam / 2 * ⟪mu - mu0, mu - mu0⟫` of the latent
cause `mu` for the observation `x`, the generative weights `W` and the prior `(mu0, lam)`. -/
def energy (W : Mat K m n) (lam : K) (mu0 : Vec K n) (x : Vec K m) (mu : Vec K n) : K :=
  ⟪x - Mat.mulVec W mu, x - Mat.mulVec W mu⟫ / 2 + lam / 2 * ⟪mu - mu0, mu - mu0⟫

/-- The gradient of the energy in `mu`: `lam • (mu - mu0) - Wᵀ (x - W mu)`. -/
def grad (W : Mat K m n) (lam : K) (mu0 : Vec K n) (x : Vec K m) (mu : Vec K n) : Vec K n :=
  lam • (mu - mu0) - Mat.mulVec (Mat.transpose W) (x - Mat.mulVec W mu)

/-- One inference step `mu - γ • grad W lam mu0 x mu` with rate `γ`. -/
def step (γ : K) (W : Mat K m n) (lam : K) (mu0 : Vec K n) (x : Vec K m) (mu : Vec K n) :
    Vec K n :=
  mu - γ • grad W lam mu0 x mu

/-- `L` bounds the curvature `WᵀW + lam I` of the energy: `⟪W v, W v⟫ + lam ⟪v, v⟫ ≤ L ⟪v, v⟫`. -/
def CurvatureBound (W : Mat K m n) (lam L : K) : Prop :=
  ∀ v : Vec K n, ⟪Mat.mulVec W v, Mat.mulVec W v⟫ + lam * ⟪v, v⟫ ≤ L * ⟪v, v⟫

/-- Strict improvement: for `0 < γ`, `γ L < 2`, a curvature bound `L` and a nonzero gradient, one
inference step strictly lowers the energy. -/
def energy_decrease_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (m n : Nat) (W : Mat K m n) (lam L γ : K) (mu0 : Vec K n)
    (x : Vec K m) (mu : Vec K n),
    0 < γ → γ * L < 2 → CurvatureBound W lam L → grad W lam mu0 x mu ≠ 0 →
      energy W lam mu0 x (step γ W lam mu0 x mu) < energy W lam mu0 x mu

/-- At a stationary point of inference the prior error balances the back-projected prediction
error: `grad = 0 → lam • (mu - mu0) = Wᵀ (x - W mu)`. -/
def fixed_point_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (m n : Nat) (W : Mat K m n) (lam : K) (mu0 : Vec K n)
    (x : Vec K m) (mu : Vec K n),
    grad W lam mu0 x mu = 0 →
      lam • (mu - mu0) = Mat.mulVec (Mat.transpose W) (x - Mat.mulVec W mu)

end LearningRules.PredictiveCoding
