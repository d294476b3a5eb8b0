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
* `LearningRules.Oja.stepC η C w` : the averaged step `w + η • (C w - ⟪w, C w⟫ • w)` for a
  correlation matrix `C`.

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

* `fixed_iff_spec` (other): for `η ≠ 0` and any `C`, `stepC η C w = w ↔ C w = ⟪w, C w⟫ • w`.
* `eigen_fixed_iff_spec` (other): for an eigenvector `C w = λ • w`, `w ≠ 0`, with `λ ≠ 0` (e.g.
  `λ > 0`) and `η ≠ 0`: `stepC η C w = w ↔ ⟪w, w⟫ = 1`.
* `fixed_points_spec` (other): for positive definite `C` (`0 < ⟪v, C v⟫` for `v ≠ 0`), `η ≠ 0` and
  `w ≠ 0`: `stepC η C w = w ↔ ⟪w, w⟫ = 1 ∧ ∃ λ, C w = λ • w`, the nonzero fixed points of the
  averaged Oja map are exactly the unit eigenvectors. For singular `C` this fails: every kernel
  vector (`C w = 0`) is fixed whatever its length, and by `fixed_iff_spec` the fixed points are then
  the kernel vectors together with the unit eigenvectors of nonzero eigenvalues
  (`eigen_fixed_iff_spec`).

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

/-- The averaged Oja step for a correlation matrix `C`: `w + η • (C w - ⟪w, C w⟫ • w)`. -/
def stepC (η : K) (C : Mat K n n) (w : Vec K n) : Vec K n :=
  w + η • (Mat.mulVec C w - Mat.quadForm C w • w)

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

/-- Fixed points of the averaged Oja map: for `η ≠ 0` and any matrix `C`,
`stepC η C w = w ↔ C w = ⟪w, C w⟫ • w`. -/
def fixed_iff_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (C : Mat K n n) (w : Vec K n),
    η ≠ 0 → (stepC η C w = w ↔ Mat.mulVec C w = Mat.quadForm C w • w)

/-- An eigenvector `w ≠ 0` of `C` with eigenvalue `λ ≠ 0` (in particular `λ > 0`) is a fixed point of
the averaged Oja map (`η ≠ 0`) exactly when it is a unit vector: `stepC η C w = w ↔ ⟪w, w⟫ = 1`.
For `λ = 0` (a kernel vector of a singular `C`) it is fixed whatever its length. -/
def eigen_fixed_iff_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η lam : K) (C : Mat K n n) (w : Vec K n),
    η ≠ 0 → lam ≠ 0 → w ≠ 0 → Mat.mulVec C w = lam • w →
    (stepC η C w = w ↔ ⟪w, w⟫ = 1)

/-- For positive definite `C` (`0 < ⟪v, C v⟫` for every `v ≠ 0`) and `η ≠ 0`, the nonzero fixed points
of the averaged Oja map are exactly the unit eigenvectors:
`stepC η C w = w ↔ ⟪w, w⟫ = 1 ∧ ∃ λ, C w = λ • w` for `w ≠ 0`. Symmetry of `C` is not needed. For a
singular positive semidefinite `C` the forward direction fails: kernel vectors of any length are
fixed (`fixed_iff_spec`, `eigen_fixed_iff_spec`). -/
def fixed_points_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (η : K) (C : Mat K n n) (w : Vec K n),
    (∀ v : Vec K n, v ≠ 0 → 0 < Mat.quadForm C v) → η ≠ 0 → w ≠ 0 →
    (stepC η C w = w ↔ ⟪w, w⟫ = 1 ∧ ∃ lam : K, Mat.mulVec C w = lam • w)

end LearningRules.Oja
