import LearningRules.Learning

/-!
# Hebbian learning

The plain Hebbian rule (Hebb 1949, "cells that fire together wire together") for a linear neuron
with output `y = ⟪w, x⟫`: the weight change is proportional to the product of the presynaptic
input `x` and the postsynaptic output `y`,

`w' = w + η y x = w + (η ⟪w, x⟫) • x`.

On a single example it ascends the objective `½ ⟪w, x⟫²` (the output variance `½ ⟪w, C w⟫` for the
rank-one "correlation matrix" `C = x xᵀ`); on a data set it ascends `½ ⟪w, C w⟫` for the
correlation matrix `C`, `w' = w + η • C w`. It is unstable: the weights grow geometrically.

## Main definitions

* `LearningRules.Hebbian.output x w` : the neuron's output `⟪w, x⟫`.
* `LearningRules.Hebbian.step η x w` : one Hebbian step `w + (η ⟪w, x⟫) • x`.
* `LearningRules.Hebbian.objective x w` : `⟪w, x⟫ * ⟪w, x⟫ / 2` (ascended, not a loss).
* `LearningRules.Hebbian.objectiveC C w` : `Mat.quadForm C w / 2 = ⟪w, C w⟫ / 2`.
* `LearningRules.Hebbian.stepC η C w` : the averaged (data-set) step `w + η • C w`.

## Main statements

* `increment_spec` (identity): with `y = ⟪w, x⟫` and `s = ⟪x, x⟫`, one step changes the objective
  by exactly `η y² s + η² y² s² / 2`.
* `increase_spec` (improvement): for `η > 0` and `⟪w, x⟫ ≠ 0`, one step strictly increases the
  objective (Hebbian learning ascends the output variance).
* `incrementC_spec` (identity): for symmetric `C`, one averaged step changes `objectiveC` by exactly
  `η ⟪C w, C w⟫ + η² / 2 ⟪C w, C (C w)⟫`.
* `increaseC_spec` (improvement): for symmetric positive semidefinite `C`, `C w ≠ 0` and `η > 0`,
  one averaged step strictly increases `objectiveC`.
* `rayleigh_spec` (improvement): for symmetric positive semidefinite `C` and `η ≥ 0`, the Rayleigh
  quotient `⟪w, C w⟫ / ⟪w, w⟫` does not decrease under the averaged step (power iteration with
  `I + η C`), cross-multiplied: `⟪w, C w⟫ ⟪w', w'⟫ ≤ ⟪w', C w'⟫ ⟪w, w⟫`.
* `growth_spec` (bound): iterating the step on a single example `x`, the output grows
  geometrically, `⟪w_k, x⟫ = (1 + η ⟪x, x⟫)^k ⟪w_0, x⟫` with factor `1 + η ⟪x, x⟫ > 1`, and the
  squared weight norm is bounded below (Cauchy–Schwarz, written without division):
  `(1 + η ⟪x, x⟫)^(2k) ⟪w_0, x⟫² ≤ ⟪w_k, w_k⟫ ⟪x, x⟫`. This is the instability that Oja's rule
  repairs.

## Implementation notes

The sign convention of the project is that a loss decreases; Hebbian learning *ascends* its
objective, so the improvement statements say `objective w < objective (step w)` explicitly.

## References

* D. O. Hebb, *The Organization of Behavior*, 1949.
* P. Dayan and L. F. Abbott, *Theoretical Neuroscience*, 2001, Section 8.2.
-/

namespace LearningRules.Hebbian

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- The output of a linear neuron with weights `w` on input `x`: `⟪w, x⟫`. -/
def output (x w : Vec K n) : K := ⟪w, x⟫

/-- One Hebbian step on input `x`: `w + (η ⟪w, x⟫) • x`. -/
def step (η : K) (x : Vec K n) (w : Vec K n) : Vec K n := w + (η * ⟪w, x⟫) • x

/-- The single-example Hebbian objective `⟪w, x⟫² / 2 = ½ ⟪w, (x xᵀ) w⟫` (ascended). -/
def objective (x w : Vec K n) : K := ⟪w, x⟫ * ⟪w, x⟫ / 2

/-- The data-set Hebbian objective `½ ⟪w, C w⟫` for a correlation matrix `C` (ascended). -/
def objectiveC (C : Mat K n n) (w : Vec K n) : K := Mat.quadForm C w / 2

/-- The averaged Hebbian step for a correlation matrix `C`: `w + η • C w`. -/
def stepC (η : K) (C : Mat K n n) (w : Vec K n) : Vec K n := w + η • Mat.mulVec C w

/-- Exact increment: `objective x (step η x w) - objective x w = η y² s + η² y² s² / 2` with
`y = ⟪w, x⟫`, `s = ⟪x, x⟫`. -/
def increment_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (x w : Vec K n),
    objective x (step η x w) - objective x w
      = η * (⟪w, x⟫ * ⟪w, x⟫) * ⟪x, x⟫ + η * η * (⟪w, x⟫ * ⟪w, x⟫) * (⟪x, x⟫ * ⟪x, x⟫) / 2

/-- Hebbian ascent: for `η > 0` and `⟪w, x⟫ ≠ 0`, the objective strictly increases. (`x ≠ 0` is
not a hypothesis: it follows from `⟪w, x⟫ ≠ 0`.)

It is close to `increment_spec` (both terms of the exact increment are positive under these
hypotheses) and stays because it is the rule's improvement statement, in the `Improves`-style
form shared with the other rules, with exactly the hypotheses under which the increase is strict:
the catalog's improvement checks and the necessity counterexamples (`η ≤ 0`, `⟪w, x⟫ = 0`) are
about it, not about the identity. -/
def increase_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (x w : Vec K n),
    0 < η → ⟪w, x⟫ ≠ 0 → objective x w < objective x (step η x w)

/-- Exact increment of the averaged step for symmetric `C`:
`objectiveC C (stepC η C w) - objectiveC C w = η ⟪C w, C w⟫ + η² / 2 ⟪C w, C (C w)⟫`. -/
def incrementC_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (C : Mat K n n) (w : Vec K n),
    Mat.IsSymm C →
    objectiveC C (stepC η C w) - objectiveC C w
      = η * ⟪Mat.mulVec C w, Mat.mulVec C w⟫
        + η * η / 2 * ⟪Mat.mulVec C w, Mat.mulVec C (Mat.mulVec C w)⟫

/-- Averaged Hebbian ascent: for symmetric positive semidefinite `C`, `C w ≠ 0` and `η > 0`,
`objectiveC` strictly increases. -/
def increaseC_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (C : Mat K n n) (w : Vec K n),
    Mat.IsSymm C → (∀ v : Vec K n, 0 ≤ Mat.quadForm C v) → Mat.mulVec C w ≠ 0 → 0 < η →
    objectiveC C w < objectiveC C (stepC η C w)

/-- The Rayleigh quotient `⟪w, C w⟫ / ⟪w, w⟫` never decreases under the averaged Hebbian step
`w ↦ (I + η C) w` for symmetric positive semidefinite `C` and `η ≥ 0` (one step of power iteration),
stated cross-multiplied, without division (so it also holds, trivially, at `w = 0`):
`⟪w, C w⟫ ⟪w', w'⟫ ≤ ⟪w', C w'⟫ ⟪w, w⟫` with `w' = stepC η C w`. -/
def rayleigh_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (C : Mat K n n) (w : Vec K n),
    Mat.IsSymm C → (∀ v : Vec K n, 0 ≤ Mat.quadForm C v) → 0 ≤ η →
    Mat.quadForm C w * ⟪stepC η C w, stepC η C w⟫ ≤ Mat.quadForm C (stepC η C w) * ⟪w, w⟫

/-- Instability: along the iterates `w_k` of the step on one example `x` with `⟪w_0, x⟫ ≠ 0` and
`η > 0`, the growth factor `1 + η ⟪x, x⟫` exceeds `1`, `⟪w_k, x⟫ = (1 + η ⟪x, x⟫)^k ⟪w_0, x⟫`, and
`(1 + η ⟪x, x⟫)^(2k) ⟪w_0, x⟫² ≤ ⟪w_k, w_k⟫ ⟪x, x⟫`. -/
def growth_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (x w₀ : Vec K n) (k : Nat),
    0 < η → ⟪w₀, x⟫ ≠ 0 →
    1 < 1 + η * ⟪x, x⟫ ∧
    ⟪iterate (step η x) k w₀, x⟫ = (1 + η * ⟪x, x⟫) ^ k * ⟪w₀, x⟫ ∧
    (1 + η * ⟪x, x⟫) ^ (2 * k) * (⟪w₀, x⟫ * ⟪w₀, x⟫)
      ≤ ⟪iterate (step η x) k w₀, iterate (step η x) k w₀⟫ * ⟪x, x⟫

end LearningRules.Hebbian
