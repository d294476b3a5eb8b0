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

Two-layer linear network against backpropagation (Whittington and Bogacz, 2017): input `x`, hidden
value node `μ`, output clamped to the target `y`, weights `W₁ : Mat K h n`, `W₂ : Mat K p h`.

* `netEnergy W₁ W₂ x y μ = ½ ⟪μ - W₁ x, μ - W₁ x⟫ + ½ ⟪y - W₂ μ, y - W₂ μ⟫`, with the hidden error
  `hiddenError W₁ x μ = μ - W₁ x`, the output error `outputError W₂ y μ = y - W₂ μ` and the inference
  gradient `netGrad W₁ W₂ x y μ = hiddenError - W₂ᵀ outputError`.
* `bpError W₁ W₂ x y = y - W₂ (W₁ x)`: backpropagation's output error `δ`.
* `pcUpdate₁ W₁ x μ = (hiddenError) xᵀ`, `pcUpdate₂ W₂ y μ = (outputError) μᵀ`: PC's Hebbian weight
  updates; `bpUpdate₁ W₂ x d = (W₂ᵀ d) xᵀ`, `bpUpdate₂ W₁ x d = d (W₁ x)ᵀ`: backpropagation's updates
  (the negative loss gradients of `½ ⟪δ, δ⟫`) with the output error `d` (`d = δ` for backprop).

## Main statements

* `energy_decrease_spec` (improvement): for `0 < γ`, `γ L < 2`, `L` a curvature bound and a nonzero
  gradient, one inference step strictly lowers the energy.
* `fixed_point_spec` (identity): at a stationary point (`grad = 0`) the prior error balances the
  back-projected prediction error, `lam • (mu - mu0) = Wᵀ (x - W mu)`. This is `grad = 0` with the
  definition of `grad` rearranged; its docstring says why it stays.
* `equilibrium_spec` (identity): at an inference equilibrium of the two-layer network
  (`netGrad = 0`), the hidden error is `W₂ᵀ ε` and the output error `ε` solves
  `ε + W₂ (W₂ᵀ ε) = δ`, i.e. `(I + W₂ W₂ᵀ) ε = δ`.
* `weight_updates_spec` (identity): at equilibrium PC's updates are backprop's with `δ` replaced by
  `ε`: `pcUpdate₁ = bpUpdate₁ ε` exactly, and `pcUpdate₂ = bpUpdate₂ ε + ε (W₂ᵀ ε)ᵀ` (the hidden
  node sits at `W₁ x + W₂ᵀ ε`, not at `W₁ x`).
* `coincide_spec` (other): at equilibrium `ε = δ ↔ W₂ (W₂ᵀ δ) = 0`, and then both updates equal
  backprop's exactly. Since `⟪W₂ᵀ δ, W₂ᵀ δ⟫ = ⟪δ, W₂ W₂ᵀ δ⟫`, this happens only when backprop's
  hidden error `W₂ᵀ δ` vanishes: otherwise PC and backprop differ at equilibrium, by the factor
  `(I + W₂ W₂ᵀ)⁻¹` on the output error.

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
* J. C. R. Whittington and R. Bogacz, *An approximation of the error backpropagation algorithm in a
  predictive coding network with local Hebbian synaptic plasticity*, Neural Computation 29(5), 2017.
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
error: `grad = 0 → lam • (mu - mu0) = Wᵀ (x - W mu)`.

This is `grad = 0` with the definition `grad = lam • (mu - mu0) - Wᵀ (x - W mu)` rearranged, nothing
more. It stays because it is the balance equation in which Rao–Ballard and Bogacz state the
equilibrium of inference (the prior-error units equal the back-projected prediction-error units)
and the energy-minimising tune tasks rest on it; the substantive equilibrium statements are the
two-layer ones, `equilibrium_spec`, `weight_updates_spec` and `coincide_spec`. -/
def fixed_point_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (m n : Nat) (W : Mat K m n) (lam : K) (mu0 : Vec K n)
    (x : Vec K m) (mu : Vec K n),
    grad W lam mu0 x mu = 0 →
      lam • (mu - mu0) = Mat.mulVec (Mat.transpose W) (x - Mat.mulVec W mu)

/-! ### Two-layer linear network against backpropagation -/

section TwoLayer

variable {h p : Nat}

/-- The outer product `a bᵀ`: `outer a b i j = a i * b j`. -/
def outer {q r : Nat} (a : Vec K q) (b : Vec K r) : Mat K q r := fun i j => a i * b j

/-- The hidden error `μ - W₁ x` of the hidden value node `μ` against its prediction `W₁ x`. -/
def hiddenError (W₁ : Mat K h n) (x : Vec K n) (μ : Vec K h) : Vec K h := μ - Mat.mulVec W₁ x

/-- The output error `y - W₂ μ` of the clamped target `y` against its prediction `W₂ μ`. -/
def outputError (W₂ : Mat K p h) (y : Vec K p) (μ : Vec K h) : Vec K p := y - Mat.mulVec W₂ μ

/-- The energy of the two-layer network with input `x` and output clamped to `y`:
`½ ⟪μ - W₁ x, μ - W₁ x⟫ + ½ ⟪y - W₂ μ, y - W₂ μ⟫`. -/
def netEnergy (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n) (y : Vec K p) (μ : Vec K h) : K :=
  ⟪hiddenError W₁ x μ, hiddenError W₁ x μ⟫ / 2 + ⟪outputError W₂ y μ, outputError W₂ y μ⟫ / 2

/-- The gradient of `netEnergy` in the hidden node: `hiddenError - W₂ᵀ outputError`; inference
descends it, and an equilibrium is a zero of it. -/
def netGrad (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n) (y : Vec K p) (μ : Vec K h) : Vec K h :=
  hiddenError W₁ x μ - Mat.mulVec (Mat.transpose W₂) (outputError W₂ y μ)

/-- Backpropagation's output error `δ = y - W₂ (W₁ x)` (the feed-forward prediction's error). -/
def bpError (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n) (y : Vec K p) : Vec K p :=
  y - Mat.mulVec W₂ (Mat.mulVec W₁ x)

/-- PC's update of the first layer: hidden error times presynaptic input, `(μ - W₁ x) xᵀ`. -/
def pcUpdate₁ (W₁ : Mat K h n) (x : Vec K n) (μ : Vec K h) : Mat K h n :=
  outer (hiddenError W₁ x μ) x

/-- PC's update of the second layer: output error times presynaptic hidden node, `(y - W₂ μ) μᵀ`. -/
def pcUpdate₂ (W₂ : Mat K p h) (y : Vec K p) (μ : Vec K h) : Mat K p h :=
  outer (outputError W₂ y μ) μ

/-- Backpropagation's update of the first layer with output error `d`: `(W₂ᵀ d) xᵀ`
(with `d = bpError`, the negative gradient of `½ ⟪δ, δ⟫` in `W₁`). -/
def bpUpdate₁ (W₂ : Mat K p h) (x : Vec K n) (d : Vec K p) : Mat K h n :=
  outer (Mat.mulVec (Mat.transpose W₂) d) x

/-- Backpropagation's update of the second layer with output error `d`: `d (W₁ x)ᵀ`
(with `d = bpError`, the negative gradient of `½ ⟪δ, δ⟫` in `W₂`). -/
def bpUpdate₂ (W₁ : Mat K h n) (x : Vec K n) (d : Vec K p) : Mat K p h :=
  outer d (Mat.mulVec W₁ x)

end TwoLayer

/-- Whittington and Bogacz's equilibrium: if the hidden node is at an inference equilibrium
(`netGrad = 0`), the hidden error is the back-projected output error, `hiddenError = W₂ᵀ ε`, and the
output error `ε = outputError W₂ y μ` solves `ε + W₂ (W₂ᵀ ε) = δ` with `δ = bpError W₁ W₂ x y`, i.e.
`(I + W₂ W₂ᵀ) ε = δ`. -/
def equilibrium_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n h p : Nat) (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n)
    (y : Vec K p) (μ : Vec K h),
    netGrad W₁ W₂ x y μ = 0 →
      hiddenError W₁ x μ = Mat.mulVec (Mat.transpose W₂) (outputError W₂ y μ) ∧
      outputError W₂ y μ + Mat.mulVec W₂ (Mat.mulVec (Mat.transpose W₂) (outputError W₂ y μ)) =
        bpError W₁ W₂ x y

/-- At an inference equilibrium PC's weight updates are backpropagation's with the output error `δ`
replaced by `ε = outputError W₂ y μ` (which solves `(I + W₂ W₂ᵀ) ε = δ`): the first layer's exactly,
`pcUpdate₁ = bpUpdate₁ ε`, and the second layer's up to the term `ε (W₂ᵀ ε)ᵀ` that comes from the
hidden node sitting at `W₁ x + W₂ᵀ ε`: `pcUpdate₂ i j = bpUpdate₂ ε i j + ε i * (W₂ᵀ ε) j`. -/
def weight_updates_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n h p : Nat) (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n)
    (y : Vec K p) (μ : Vec K h),
    netGrad W₁ W₂ x y μ = 0 →
      pcUpdate₁ W₁ x μ = bpUpdate₁ W₂ x (outputError W₂ y μ) ∧
      ∀ i j, pcUpdate₂ W₂ y μ i j = bpUpdate₂ W₁ x (outputError W₂ y μ) i j +
        outputError W₂ y μ i * Mat.mulVec (Mat.transpose W₂) (outputError W₂ y μ) j

/-- At an inference equilibrium, PC's output error equals backprop's exactly when `W₂ W₂ᵀ` acts as
`0` on `δ`: `outputError W₂ y μ = δ ↔ W₂ (W₂ᵀ δ) = 0`; and then both weight updates are
backpropagation's, `pcUpdate₁ = bpUpdate₁ δ` and `pcUpdate₂ = bpUpdate₂ δ`. -/
def coincide_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n h p : Nat) (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n)
    (y : Vec K p) (μ : Vec K h),
    netGrad W₁ W₂ x y μ = 0 →
      (outputError W₂ y μ = bpError W₁ W₂ x y ↔
        Mat.mulVec W₂ (Mat.mulVec (Mat.transpose W₂) (bpError W₁ W₂ x y)) = 0) ∧
      (Mat.mulVec W₂ (Mat.mulVec (Mat.transpose W₂) (bpError W₁ W₂ x y)) = 0 →
        pcUpdate₁ W₁ x μ = bpUpdate₁ W₂ x (bpError W₁ W₂ x y) ∧
        pcUpdate₂ W₂ y μ = bpUpdate₂ W₁ x (bpError W₁ W₂ x y))

end LearningRules.PredictiveCoding
