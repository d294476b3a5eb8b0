import LearningRules.Learning

/-!
# Oja's rule

Oja's rule (Oja 1982) is the Hebbian rule with a decay term that keeps the weight norm bounded:
with output `y = ⟪w, x⟫`,

`w' = w + η y (x - y w) = w + (η ⟪w, x⟫) • (x - ⟪w, x⟫ • w)`.

Its averaged form converges to the leading principal component of the input correlation matrix
with `⟪w, w⟫ = 1`; the statements here are the exact one-step facts behind the normalisation:
the update is orthogonal to `w` exactly on the unit sphere, and the squared norm is pushed toward
`1` from both sides.

## Main definitions

* `LearningRules.Oja.step η x w` : one step `w + (η ⟪w, x⟫) • (x - ⟪w, x⟫ • w)`.

## Main statements

Write `y = ⟪w, x⟫`, `s = ⟪w, w⟫`, `w' = step η x w` and `d = x - y • w`.

* `inner_update_spec` (identity): `⟪w, w' - w⟫ = η y² (1 - s)`.
* `orthogonal_iff_spec` (other): for `y ≠ 0` and `η ≠ 0`, the update is orthogonal to `w` iff
  `⟪w, w⟫ = 1`.
* `norm_identity_spec` (identity): `⟪w', w'⟫ - 1 = (1 - 2 η y²)(s - 1) + η² y² ⟪d, d⟫`.
* `norm_increase_spec` (other): inside the unit ball (`s < 1`), with `y ≠ 0` and `η > 0`, the
  squared norm strictly increases.
* `norm_decrease_spec` (other): outside the unit ball (`s > 1`), with `y ≠ 0`, `η > 0` and the
  step-size condition `η ⟪d, d⟫ < 2 (s - 1)`, the squared norm strictly decreases.

## Implementation notes

All statements follow from the expansion
`⟪w', w'⟫ - ⟪w, w⟫ = 2 η y² (1 - s) + η² y² ⟪d, d⟫`, obtained by bilinearity with `y` an atom.

## References

* E. Oja, "Simplified neuron model as a principal component analyzer", *Journal of Mathematical
  Biology* 15, 1982.
-/

namespace LearningRules.Oja

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- One step of Oja's rule on input `x`: `w + (η ⟪w, x⟫) • (x - ⟪w, x⟫ • w)`. -/
def step (η : K) (x w : Vec K n) : Vec K n := w + (η * ⟪w, x⟫) • (x - ⟪w, x⟫ • w)

/-- The update's component along `w`: `⟪w, step η x w - w⟫ = η y² (1 - ⟪w, w⟫)`, `y = ⟪w, x⟫`. -/
def inner_update_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (x w : Vec K n),
    ⟪w, step η x w - w⟫ = η * (⟪w, x⟫ * ⟪w, x⟫) * (1 - ⟪w, w⟫)

/-- For `⟪w, x⟫ ≠ 0` and `η ≠ 0`, the update is orthogonal to `w` iff `⟪w, w⟫ = 1`. -/
def orthogonal_iff_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (x w : Vec K n),
    ⟪w, x⟫ ≠ 0 → η ≠ 0 → (⟪w, step η x w - w⟫ = 0 ↔ ⟪w, w⟫ = 1)

/-- The norm identity `⟪w', w'⟫ - 1 = (1 - 2 η y²)(⟪w, w⟫ - 1) + η² y² ⟪x - y w, x - y w⟫`. -/
def norm_identity_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (x w : Vec K n),
    ⟪step η x w, step η x w⟫ - 1
      = (1 - 2 * η * (⟪w, x⟫ * ⟪w, x⟫)) * (⟪w, w⟫ - 1)
        + η * η * (⟪w, x⟫ * ⟪w, x⟫) * ⟪x - ⟪w, x⟫ • w, x - ⟪w, x⟫ • w⟫

/-- Inside the unit ball (`⟪w, w⟫ < 1`), with `⟪w, x⟫ ≠ 0` and `η > 0`, the squared norm grows. -/
def norm_increase_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (x w : Vec K n),
    ⟪w, w⟫ < 1 → ⟪w, x⟫ ≠ 0 → 0 < η → ⟪w, w⟫ < ⟪step η x w, step η x w⟫

/-- Outside the unit ball (`⟪w, w⟫ > 1`), with `⟪w, x⟫ ≠ 0`, `η > 0` and
`η ⟪x - y w, x - y w⟫ < 2 (⟪w, w⟫ - 1)`, the squared norm shrinks. -/
def norm_decrease_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (x w : Vec K n),
    1 < ⟪w, w⟫ → ⟪w, x⟫ ≠ 0 → 0 < η →
    η * ⟪x - ⟪w, x⟫ • w, x - ⟪w, x⟫ • w⟫ < 2 * (⟪w, w⟫ - 1) →
    ⟪step η x w, step η x w⟫ < ⟪w, w⟫

end LearningRules.Oja
