import LearningRules.Learning

/-!
# Feedback alignment

Feedback alignment (Lillicrap, Cownden, Tweed & Akerman 2016) trains the first layer of a network
with a *fixed random* feedback matrix `B` in place of the transposed forward weights `W₂ᵀ` that
backpropagation would use. For the two-layer linear network `ŷ = W₂ (W₁ x)` with error
`e = W₂ (W₁ x) - y` and loss `½ ⟪e, e⟫`, the update of the first layer is

`W₁' = W₁ - η (B e) xᵀ`, i.e. `W₁' i j = W₁ i j - η * (B e) i * x j`.

The loss after one such step is an exact quadratic polynomial in `η` whose first-order term is
`-η ⟪e, W₂ B e⟫ ⟪x, x⟫`: the step descends whenever the forward weights are *aligned* with the
feedback, `⟪e, W₂ B e⟫ > 0` (which holds for every `e ≠ 0` when the symmetric part of `W₂ B` is
positive definite), and `η` is small enough.

## Main definitions

* `LearningRules.FeedbackAlignment.forward W₁ W₂ x` : the network output `W₂ (W₁ x)`.
* `LearningRules.FeedbackAlignment.error W₁ W₂ x y` : `W₂ (W₁ x) - y`.
* `LearningRules.FeedbackAlignment.loss W₁ W₂ x y` : `⟪e, e⟫ / 2`.
* `LearningRules.FeedbackAlignment.faStep η B W₁ W₂ x y` : the feedback-alignment update of `W₁`.
* `LearningRules.FeedbackAlignment.AlignmentCondition W₂ B` : `0 < ⟪v, W₂ (B v)⟫` for all `v ≠ 0`.

## Main statements

Write `e = error W₁ W₂ x y` and `u = W₂ (B e)`.

* `first_order_spec` (identity): `loss (faStep η B W₁ W₂ x y) W₂ x y
  = loss W₁ W₂ x y - η ⟪e, u⟫ ⟪x, x⟫ + η² ⟪x, x⟫² ⟪u, u⟫ / 2`.
* `improves_spec` (improvement): under the alignment condition, with `x ≠ 0`, `e ≠ 0`, `0 < η` and
  `η ⟪x, x⟫ ⟪u, u⟫ < 2 ⟪e, u⟫`, one step strictly lowers the loss.

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

/-- Forward weights aligned with the feedback: `0 < ⟪v, W₂ (B v)⟫` for every `v ≠ 0` (the
symmetric part of `W₂ B` is positive definite). -/
def AlignmentCondition (W₂ : Mat K p h) (B : Mat K h p) : Prop :=
  ∀ v : Vec K p, v ≠ 0 → 0 < ⟪v, Mat.mulVec W₂ (Mat.mulVec B v)⟫

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

/-- Strict descent under alignment: with `x ≠ 0`, `e ≠ 0`, `0 < η` and
`η ⟪x, x⟫ ⟪u, u⟫ < 2 ⟪e, u⟫` (`u = W₂ (B e)`), one step lowers the loss. -/
def improves_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n h p : Nat) (η : K) (B : Mat K h p) (W₁ : Mat K h n)
    (W₂ : Mat K p h) (x : Vec K n) (y : Vec K p),
    AlignmentCondition W₂ B → x ≠ 0 → error W₁ W₂ x y ≠ 0 → 0 < η →
    η * ⟪x, x⟫ * ⟪Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y)),
        Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫
      < 2 * ⟪error W₁ W₂ x y, Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫ →
    loss (faStep η B W₁ W₂ x y) W₂ x y < loss W₁ W₂ x y

end LearningRules.FeedbackAlignment
