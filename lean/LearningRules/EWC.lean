import LearningRules.GradientDescent

/-!
# Elastic weight consolidation

Elastic weight consolidation (EWC, Kirkpatrick et al. 2017) protects what a network learned on an
old task while it learns a new one: the loss of the new task `Lnew` is augmented by a quadratic
penalty that anchors each weight `w i` to its old value `wstar i`, weighted by the diagonal Fisher
information `fisher i` of the old task and a strength `lam`:

`penalty w = lam / 2 * Σ i, fisher i * (w i - wstar i) ^ 2`, `totalLoss w = Lnew w + penalty w`.

## Main definitions

* `LearningRules.EWC.penalty lam fisher wstar w` : the EWC penalty, argument order
  `(lam : K) (fisher wstar w : Vec K n)`.
* `LearningRules.EWC.totalLoss Lnew lam fisher wstar w` : `Lnew w + penalty lam fisher wstar w`.
* `LearningRules.EWC.penaltyGrad lam fisher wstar w` : the gradient of the penalty,
  `i ↦ lam * fisher i * (w i - wstar i)`.
* `LearningRules.EWC.totalGrad gnew lam fisher wstar w` : `gnew w + penaltyGrad lam fisher wstar w`,
  the gradient map of the total loss when `gnew` is the gradient map of `Lnew`.
* `LearningRules.EWC.FisherBound fisher Fmax` : `0 ≤ fisher i ≤ Fmax` for every `i`, and `0 ≤ Fmax`.
* `LearningRules.EWC.diagQuad h g c w` : the quadratic `½ Σ i, h i * w i ^ 2 - ⟪g, w⟫ + c` with
  diagonal Hessian `h` (the old task's loss in `joint_objective_spec`).

## Main statements

* `penalty_nonneg_spec` (bound): for `0 ≤ lam` and a nonnegative Fisher diagonal the penalty is
  nonnegative.
* `penalty_eq_zero_iff_spec` (other): for `0 < lam` and a positive Fisher diagonal the penalty
  vanishes exactly at the old weights, `penalty = 0 ↔ w = wstar`.
* `total_smooth_spec` (bound): if `Lnew` is `L`-smooth, `0 ≤ lam` and `0 ≤ fisher i ≤ Fmax`, then
  the total loss is `(L + lam * Fmax)`-smooth with gradient map `totalGrad`.
* `improves_spec` (improvement): a gradient step on the total loss with `0 < η`,
  `η (L + lam Fmax) < 2` and a nonzero total gradient strictly lowers the total loss.
* `penalty_step_bound_spec` (bound): after one such gradient step (nonzero gradient not needed),
  the penalty at the new weights is at most the old total loss minus the new-task loss at the new
  weights: `penalty w' ≤ totalLoss w - Lnew w'`. The forgetting measured by the penalty is paid for
  by the total loss already reached. This is the monotonicity `totalLoss w' ≤ totalLoss w` with
  `totalLoss w' = Lnew w' + penalty w'` moved across; its docstring says why it stays.
* `joint_objective_spec` (identity): for an old loss `diagQuad h g c` that is quadratic with
  diagonal Hessian `h` and stationary at `wstar` (`h i * wstar i = g i`), the EWC objective with
  Fisher diagonal `h` is the joint objective up to a constant:
  `totalLoss Lnew lam h wstar w = Lnew w + lam * (diagQuad h g c w - diagQuad h g c wstar)`.
  This is the exact case of EWC's Laplace approximation.

## Implementation notes

The Fisher information is only used through its diagonal, as in the paper. The smoothness
constant `L + lam * Fmax` comes from the quadratic upper bound of the penalty, whose curvature in
coordinate `i` is `lam * fisher i ≤ lam * Fmax`.

## References

* J. Kirkpatrick et al., *Overcoming catastrophic forgetting in neural networks*, PNAS 114(13),
  2017.
-/

namespace LearningRules.EWC

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- The EWC penalty `lam / 2 * Σ i, fisher i * (w i - wstar i) * (w i - wstar i)`. -/
def penalty (lam : K) (fisher wstar w : Vec K n) : K :=
  lam / 2 * Vec.finSum n (fun i => fisher i * (w i - wstar i) * (w i - wstar i))

/-- The EWC objective: the new-task loss plus the penalty, `Lnew w + penalty lam fisher wstar w`. -/
def totalLoss (Lnew : Vec K n → K) (lam : K) (fisher wstar w : Vec K n) : K :=
  Lnew w + penalty lam fisher wstar w

/-- The gradient of the penalty, `i ↦ lam * fisher i * (w i - wstar i)`. -/
def penaltyGrad (lam : K) (fisher wstar w : Vec K n) : Vec K n :=
  fun i => lam * fisher i * (w i - wstar i)

/-- The gradient map of the total loss, `gnew w + penaltyGrad lam fisher wstar w`. -/
def totalGrad (gnew : Vec K n → Vec K n) (lam : K) (fisher wstar w : Vec K n) : Vec K n :=
  gnew w + penaltyGrad lam fisher wstar w

/-- A quadratic with diagonal Hessian `h`, linear term `g` and constant `c`:
`diagQuad h g c w = (Σ i, h i * w i * w i) / 2 - ⟪g, w⟫ + c`. Its gradient is `i ↦ h i * w i - g i`,
so it is stationary at `wstar` exactly when `h i * wstar i = g i` for every `i`. -/
def diagQuad (h g : Vec K n) (c : K) (w : Vec K n) : K :=
  Vec.finSum n (fun i => h i * w i * w i) / 2 - ⟪g, w⟫ + c

/-- The Fisher diagonal is nonnegative and bounded by `Fmax`, with `0 ≤ Fmax`. -/
structure FisherBound (fisher : Vec K n) (Fmax : K) : Prop where
  /-- Every Fisher entry is nonnegative. -/
  nonneg : ∀ i, 0 ≤ fisher i
  /-- Every Fisher entry is at most `Fmax`. -/
  le_max : ∀ i, fisher i ≤ Fmax
  /-- The bound is nonnegative (needed when `n = 0`). -/
  max_nonneg : 0 ≤ Fmax

/-- For `0 ≤ lam` and `0 ≤ fisher i` for all `i`, the penalty is nonnegative. -/
def penalty_nonneg_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (lam : K) (fisher wstar w : Vec K n),
    0 ≤ lam → (∀ i, 0 ≤ fisher i) → 0 ≤ penalty lam fisher wstar w

/-- For `0 < lam` and `0 < fisher i` for all `i`, the penalty vanishes exactly at `w = wstar`. -/
def penalty_eq_zero_iff_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (lam : K) (fisher wstar w : Vec K n),
    0 < lam → (∀ i, 0 < fisher i) → (penalty lam fisher wstar w = 0 ↔ w = wstar)

/-- If `Lnew` is `L`-smooth with gradient map `gnew`, `0 ≤ lam` and `0 ≤ fisher i ≤ Fmax`, then the
total loss is `(L + lam * Fmax)`-smooth with gradient map `totalGrad gnew lam fisher wstar`. -/
def total_smooth_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (Lnew : Vec K n → K) (gnew : Vec K n → Vec K n)
    (L lam Fmax : K) (fisher wstar : Vec K n),
    GradientDescent.IsLSmooth Lnew gnew L → 0 ≤ lam → FisherBound fisher Fmax →
      GradientDescent.IsLSmooth (totalLoss Lnew lam fisher wstar) (totalGrad gnew lam fisher wstar)
        (L + lam * Fmax)

/-- Strict improvement (ΔF > 0) of the total loss: a gradient step with `0 < η`,
`η (L + lam Fmax) < 2` and a nonzero total gradient strictly lowers `totalLoss`. -/
def improves_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (Lnew : Vec K n → K) (gnew : Vec K n → Vec K n)
    (L lam Fmax η : K) (fisher wstar w : Vec K n),
    GradientDescent.IsLSmooth Lnew gnew L → 0 ≤ lam → FisherBound fisher Fmax →
      GradientDescent.StepBound η (L + lam * Fmax) → totalGrad gnew lam fisher wstar w ≠ 0 →
      Improves (totalLoss Lnew lam fisher wstar)
        (GradientDescent.step (totalGrad gnew lam fisher wstar) η) w

/-- After one gradient step `w'` on the total loss (with `0 < η`, `η (L + lam Fmax) < 2`), the
penalty at `w'` is at most the old total loss minus the new-task loss at `w'`:
`penalty w' ≤ totalLoss w - Lnew w'`.

This is the non-strict descent `totalLoss w' ≤ totalLoss w` with `totalLoss w' = Lnew w' + penalty w'`
moved across, nothing more. It stays, in this form, because it is EWC's forgetting statement (the
penalty paid at the new weights, the measure of forgetting, is bounded by the loss budget already
reached) and, unlike `improves_spec`, it needs no nonzero gradient (it covers stationary points);
the tune tasks on the largest admissible `lam` rest on it. Its quantitative form (with the decrease
`η (1 - (L + lam Fmax) η / 2) ⟪g, g⟫`) is `GradientDescent.descent_bound_spec` applied to the total
loss, smooth by `total_smooth_spec`. -/
def penalty_step_bound_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (Lnew : Vec K n → K) (gnew : Vec K n → Vec K n)
    (L lam Fmax η : K) (fisher wstar w : Vec K n),
    GradientDescent.IsLSmooth Lnew gnew L → 0 ≤ lam → FisherBound fisher Fmax →
      GradientDescent.StepBound η (L + lam * Fmax) →
      penalty lam fisher wstar (GradientDescent.step (totalGrad gnew lam fisher wstar) η w) ≤
        totalLoss Lnew lam fisher wstar w -
          Lnew (GradientDescent.step (totalGrad gnew lam fisher wstar) η w)

/-- EWC is exact for a quadratic old loss with diagonal Hessian (Kirkpatrick et al.'s Laplace
approximation with the Fisher diagonal equal to the Hessian `h`): if the old loss `diagQuad h g c`
is stationary at `wstar` (`h i * wstar i = g i` for every `i`), then for every `Lnew`, `lam` and
`w`, the EWC objective equals the joint objective `Lnew w + lam * diagQuad h g c w` up to the
constant `lam * diagQuad h g c wstar`:
`totalLoss Lnew lam h wstar w = Lnew w + lam * (diagQuad h g c w - diagQuad h g c wstar)`.
No sign condition is needed (`h` need not be nonnegative, nor `lam`). -/
def joint_objective_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (Lnew : Vec K n → K) (lam c : K) (h g wstar w : Vec K n),
    (∀ i, h i * wstar i = g i) →
      totalLoss Lnew lam h wstar w = Lnew w + lam * (diagQuad h g c w - diagQuad h g c wstar)

end LearningRules.EWC
