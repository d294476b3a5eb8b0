import LearningRules.Learning

/-!
# Feedback alignment

Feedback alignment (Lillicrap, Cownden, Tweed & Akerman 2016) trains the first layer of a network
with a *fixed random* feedback matrix `B` in place of the transposed forward weights `W₂ᵀ` that
backpropagation would use. For the two-layer linear network `ŷ = W₂ (W₁ x)` with error
`e = W₂ (W₁ x) - y` and loss `½ ⟪e, e⟫`, the update of the first layer is

`W₁' = W₁ - η (B e) xᵀ`, i.e. `W₁' i j = W₁ i j - η * (B e) i * x j`.

The loss after one such step is an exact quadratic polynomial in `η` whose first-order term is
`-η ⟪e, W₂ B e⟫ ⟪x, x⟫`. Backpropagation is the same update with `B = W₂ᵀ`: its direction
`(W₂ᵀ e) xᵀ` is the chain-rule gradient of the loss in `W₁`, and feedback alignment replaces it by
`(B e) xᵀ`, whose Frobenius inner product with the true gradient is `⟪W₂ᵀ e, B e⟫ ⟪x, x⟫`. The FA
step descends for every error once the forward weights are *aligned* with the feedback in the
quantitative sense `α ⟪v, v⟫ ≤ ⟪v, W₂ B v⟫` and the feedback gain is bounded,
`⟪W₂ B v, W₂ B v⟫ ≤ β ⟪v, v⟫`, with the step `0 < η ⟪x, x⟫ β < 2 α`.

## Main definitions

* `LearningRules.FeedbackAlignment.forward W₁ W₂ x` : the network output `W₂ (W₁ x)`.
* `LearningRules.FeedbackAlignment.error W₁ W₂ x y` : `W₂ (W₁ x) - y`.
* `LearningRules.FeedbackAlignment.loss W₁ W₂ x y` : `⟪e, e⟫ / 2`.
* `LearningRules.FeedbackAlignment.faStep η B W₁ W₂ x y` : the feedback-alignment update of `W₁`.
* `LearningRules.FeedbackAlignment.outer a x`, `LearningRules.FeedbackAlignment.matDot A C` : the
  rank-one matrix `a xᵀ` and the Frobenius inner product `Σ i j, A i j * C i j`.
* `LearningRules.FeedbackAlignment.bpGrad W₁ W₂ x y` : the backpropagation gradient `(W₂ᵀ e) xᵀ`.
* `LearningRules.FeedbackAlignment.bpStep η W₁ W₂ x y` : the backpropagation update `W₁ - η bpGrad`.
* `LearningRules.FeedbackAlignment.faDir B W₁ W₂ x y` : the feedback-alignment direction `(B e) xᵀ`.
* `LearningRules.FeedbackAlignment.AlignmentBound W₂ B α` : `α ⟪v, v⟫ ≤ ⟪v, W₂ (B v)⟫` for all `v`.
* `LearningRules.FeedbackAlignment.FeedbackGain W₂ B β` : `⟪W₂ B v, W₂ B v⟫ ≤ β ⟪v, v⟫` for all `v`.

## Main statements

Write `e = error W₁ W₂ x y`, `u = W₂ (B e)` and `r = W₂ᵀ e`.

* `first_order_spec` (identity): `loss (faStep η B W₁ W₂ x y) W₂ x y
  = loss W₁ W₂ x y - η ⟪e, u⟫ ⟪x, x⟫ + η² ⟪x, x⟫² ⟪u, u⟫ / 2`.
* `improves_spec` (improvement): with `AlignmentBound W₂ B α`, `FeedbackGain W₂ B β`, `e ≠ 0` and
  `0 < η ⟪x, x⟫ β < 2 α`, one step strictly lowers the loss.
* `bp_descent_spec` (identity): `loss (bpStep η W₁ W₂ x y) W₂ x y
  = loss W₁ W₂ x y - η ⟪g, g⟫_F + η² ⟪x, x⟫² ⟪W₂ r, W₂ r⟫ / 2` with `g = bpGrad W₁ W₂ x y`.
* `bias_spec` (identity): `⟪faDir B W₁ W₂ x y, bpGrad W₁ W₂ x y⟫_F = ⟪r, B e⟫ ⟪x, x⟫`.

## References

* T. P. Lillicrap, D. Cownden, D. B. Tweed and C. J. Akerman, "Random synaptic feedback weights
  support error backpropagation for deep learning", *Nature Communications* 7, 2016.
-/

namespace LearningRules.FeedbackAlignment

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n h p : Nat}

/-- The output `W₂ (W₁ x)` of the two-layer linear network. -/
def forward (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n) : Vec K p :=
  Mat.mulVec W₂ (Mat.mulVec W₁ x)

/-- The output error `W₂ (W₁ x) - y`. -/
def error (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n) (y : Vec K p) : Vec K p :=
  forward W₁ W₂ x - y

/-- The squared-error loss `½ ⟪e, e⟫` of the network on the example `(x, y)`. -/
def loss (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n) (y : Vec K p) : K :=
  ⟪error W₁ W₂ x y, error W₁ W₂ x y⟫ / 2

/-- The feedback-alignment update of the first layer: `W₁ i j - η * (B e) i * x j`. -/
def faStep (η : K) (B : Mat K h p) (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n)
    (y : Vec K p) : Mat K h n :=
  fun i j => W₁ i j - η * Mat.mulVec B (error W₁ W₂ x y) i * x j

/-- The rank-one matrix `a xᵀ`: `outer a x i j = a i * x j`. -/
def outer (a : Vec K h) (x : Vec K n) : Mat K h n := fun i j => a i * x j

/-- The Frobenius inner product `⟪A, C⟫_F = Σ i, ⟪A i, C i⟫ = Σ i j, A i j * C i j`. -/
def matDot (A C : Mat K h n) : K := Vec.finSum h (fun i => Vec.dot (n := n) (A i) (C i))

/-- The backpropagation gradient of the loss in the first layer, `(W₂ᵀ e) xᵀ`: by the chain rule
`∂ loss / ∂ W₁ i j = (W₂ᵀ e) i * x j`, the matrix that feedback alignment replaces. -/
def bpGrad (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n) (y : Vec K p) : Mat K h n :=
  outer (Mat.mulVec (Mat.transpose W₂) (error W₁ W₂ x y)) x

/-- The backpropagation (gradient-descent) update of the first layer: `W₁ i j - η * bpGrad i j`. -/
def bpStep (η : K) (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n) (y : Vec K p) : Mat K h n :=
  fun i j => W₁ i j - η * bpGrad W₁ W₂ x y i j

/-- The feedback-alignment direction `(B e) xᵀ` (so that `faStep` is `W₁ - η faDir`). -/
def faDir (B : Mat K h p) (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n) (y : Vec K p) :
    Mat K h n :=
  outer (Mat.mulVec B (error W₁ W₂ x y)) x

/-- Forward weights aligned with the feedback, quantitatively: `α ⟪v, v⟫ ≤ ⟪v, W₂ (B v)⟫` for every
`v` (the symmetric part of `W₂ B` is at least `α I`; with `α > 0` it is positive definite). -/
def AlignmentBound (W₂ : Mat K p h) (B : Mat K h p) (α : K) : Prop :=
  ∀ v : Vec K p, α * ⟪v, v⟫ ≤ ⟪v, Mat.mulVec W₂ (Mat.mulVec B v)⟫

/-- The feedback loop `W₂ B` has gain at most `β`: `⟪W₂ B v, W₂ B v⟫ ≤ β ⟪v, v⟫` for every `v`. -/
def FeedbackGain (W₂ : Mat K p h) (B : Mat K h p) (β : K) : Prop :=
  ∀ v : Vec K p, ⟪Mat.mulVec W₂ (Mat.mulVec B v), Mat.mulVec W₂ (Mat.mulVec B v)⟫ ≤ β * ⟪v, v⟫

/-- The loss after one step, exactly: with `e` the error and `u = W₂ (B e)`,
`loss' = loss - η ⟪e, u⟫ ⟪x, x⟫ + η² ⟪x, x⟫² ⟪u, u⟫ / 2`. -/
def first_order_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n h p : Nat) (η : K) (B : Mat K h p) (W₁ : Mat K h n)
    (W₂ : Mat K p h) (x : Vec K n) (y : Vec K p),
    loss (faStep η B W₁ W₂ x y) W₂ x y
      = loss W₁ W₂ x y
        - η * ⟪error W₁ W₂ x y, Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫ * ⟪x, x⟫
        + η * η * (⟪x, x⟫ * ⟪x, x⟫)
          * ⟪Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y)),
              Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫ / 2

/-- Strict descent where alignment does the work: if `α ⟪v, v⟫ ≤ ⟪v, W₂ B v⟫` and
`⟪W₂ B v, W₂ B v⟫ ≤ β ⟪v, v⟫` for all `v`, then every step with `0 < η ⟪x, x⟫ β < 2 α` lowers the
loss for every error `e ≠ 0`. The step-size condition is uniform in `e`: it mentions only `α`, `β`
and `⟪x, x⟫`. `α > 0`, `β > 0`, `η > 0` and `x ≠ 0` are not separate hypotheses because they follow:
`0 < η ⟪x, x⟫ β < 2 α` gives `α > 0` and `⟪x, x⟫ ≠ 0`, and the gain bound at `v = e ≠ 0` gives
`β ≥ 0`, hence `β > 0` and `η > 0`. -/
def improves_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n h p : Nat) (η α β : K) (B : Mat K h p) (W₁ : Mat K h n)
    (W₂ : Mat K p h) (x : Vec K n) (y : Vec K p),
    AlignmentBound W₂ B α → FeedbackGain W₂ B β → error W₁ W₂ x y ≠ 0 →
    0 < η * ⟪x, x⟫ * β → η * ⟪x, x⟫ * β < 2 * α →
    loss (faStep η B W₁ W₂ x y) W₂ x y < loss W₁ W₂ x y

/-- Backpropagation's exact descent: with `g = bpGrad W₁ W₂ x y` and `r = W₂ᵀ e`, one gradient step
changes the loss by exactly `-η ⟪g, g⟫_F + η² ⟪x, x⟫² ⟪W₂ r, W₂ r⟫ / 2` (so it descends for
`0 < η ⟪x, x⟫² ⟪W₂ r, W₂ r⟫ < 2 ⟪g, g⟫_F`). -/
def bp_descent_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n h p : Nat) (η : K) (W₁ : Mat K h n) (W₂ : Mat K p h)
    (x : Vec K n) (y : Vec K p),
    loss (bpStep η W₁ W₂ x y) W₂ x y
      = loss W₁ W₂ x y - η * matDot (bpGrad W₁ W₂ x y) (bpGrad W₁ W₂ x y)
        + η * η * (⟪x, x⟫ * ⟪x, x⟫)
          * ⟪Mat.mulVec W₂ (Mat.mulVec (Mat.transpose W₂) (error W₁ W₂ x y)),
              Mat.mulVec W₂ (Mat.mulVec (Mat.transpose W₂) (error W₁ W₂ x y))⟫ / 2

/-- The bias of feedback alignment against the true gradient: the Frobenius inner product of the FA
direction `(B e) xᵀ` with the backpropagation gradient `(W₂ᵀ e) xᵀ` is `⟪W₂ᵀ e, B e⟫ ⟪x, x⟫`. -/
def bias_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n h p : Nat) (B : Mat K h p) (W₁ : Mat K h n) (W₂ : Mat K p h)
    (x : Vec K n) (y : Vec K p),
    matDot (faDir B W₁ W₂ x y) (bpGrad W₁ W₂ x y)
      = ⟪Mat.mulVec (Mat.transpose W₂) (error W₁ W₂ x y), Mat.mulVec B (error W₁ W₂ x y)⟫ * ⟪x, x⟫

end LearningRules.FeedbackAlignment
