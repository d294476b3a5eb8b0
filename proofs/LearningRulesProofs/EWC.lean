import LearningRulesProofs.Vec
import LearningRulesProofs.GradientDescent
import LearningRules.EWC

/-!
# Proofs for elastic weight consolidation

## Main definitions

None: this file proves the statements of `lean/LearningRules/EWC.lean`.

## Main statements

* `LearningRules.EWC.penalty_nonneg` : `penalty_nonneg_spec`.
* `LearningRules.EWC.penalty_eq_zero_iff` : `penalty_eq_zero_iff_spec`.
* `LearningRules.EWC.total_smooth` : `total_smooth_spec`.
* `LearningRules.EWC.improves` : `improves_spec`.
* `LearningRules.EWC.penalty_step_bound` : `penalty_step_bound_spec`.

## Implementation notes

The quadratic upper bound of the penalty (`penalty_upper`) is proved coordinatewise: with
`a = x i - wstar i` and `d = y i - x i`, the gap is `lam (Fmax - fisher i) d² / 2 ≥ 0`; the
coordinates are then summed with `Vec.finSum_le_finSum` and the linearity lemmas of `Vec.finSum`.
The one-step descent bound is `LearningRules.GradientDescent.descent_bound`, applied to the total
loss once `total_smooth_aux` has shown it smooth.

## References

* J. Kirkpatrick et al., *Overcoming catastrophic forgetting in neural networks*, 2017.
* Y. Nesterov, *Introductory Lectures on Convex Optimization*, 2004 (the descent lemma).
-/

namespace LearningRules.EWC

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- The sum inside the penalty is nonnegative for a nonnegative Fisher diagonal. -/
theorem penaltySum_nonneg (fisher wstar w : Vec K n) (hf : ∀ i, 0 ≤ fisher i) :
    0 ≤ Vec.finSum n (fun i => fisher i * (w i - wstar i) * (w i - wstar i)) :=
  Vec.finSum_nonneg_aux n (fun i => fisher i * (w i - wstar i) * (w i - wstar i)) (fun i => by
    have h1 : 0 ≤ (w i - wstar i) * (w i - wstar i) := Vec.mul_self_nonneg (w i - wstar i)
    have h2 : 0 ≤ fisher i * ((w i - wstar i) * (w i - wstar i)) :=
      Lean.Grind.OrderedRing.mul_nonneg (hf i) h1
    show 0 ≤ fisher i * (w i - wstar i) * (w i - wstar i)
    grind)

/-- The quadratic upper bound of the penalty, with curvature `lam * Fmax`:
`penalty y ≤ penalty x + ⟪penaltyGrad x, y - x⟫ + lam * Fmax / 2 * ⟪y - x, y - x⟫`. -/
theorem penalty_upper (lam Fmax : K) (fisher wstar : Vec K n) (hlam : 0 ≤ lam)
    (hF : FisherBound fisher Fmax) (x y : Vec K n) :
    penalty lam fisher wstar y ≤
      penalty lam fisher wstar x + ⟪penaltyGrad lam fisher wstar x, y - x⟫ +
        lam * Fmax / 2 * ⟪y - x, y - x⟫ := by
  have hsum : Vec.finSum n (fun i => lam / 2 * (fisher i * (y i - wstar i) * (y i - wstar i))) ≤
      Vec.finSum n (fun i =>
        (lam / 2 * (fisher i * (x i - wstar i) * (x i - wstar i)) +
          lam * fisher i * (x i - wstar i) * (y i - x i)) +
          lam * Fmax / 2 * ((y i - x i) * (y i - x i))) :=
    Vec.finSum_le_finSum_aux n _ _ (fun i => by
      have hdd : 0 ≤ (y i - x i) * (y i - x i) := Vec.mul_self_nonneg (y i - x i)
      have hFf : 0 ≤ Fmax - fisher i := by
        have := hF.le_max i
        grind
      have h1 : 0 ≤ (Fmax - fisher i) * ((y i - x i) * (y i - x i)) :=
        Lean.Grind.OrderedRing.mul_nonneg hFf hdd
      have h2 : 0 ≤ lam * ((Fmax - fisher i) * ((y i - x i) * (y i - x i))) :=
        Lean.Grind.OrderedRing.mul_nonneg hlam h1
      show lam / 2 * (fisher i * (y i - wstar i) * (y i - wstar i)) ≤
        (lam / 2 * (fisher i * (x i - wstar i) * (x i - wstar i)) +
          lam * fisher i * (x i - wstar i) * (y i - x i)) +
          lam * Fmax / 2 * ((y i - x i) * (y i - x i))
      grind)
  have e1 : Vec.finSum n (fun i => lam / 2 * (fisher i * (y i - wstar i) * (y i - wstar i))) =
      lam / 2 * Vec.finSum n (fun i => fisher i * (y i - wstar i) * (y i - wstar i)) :=
    Vec.finSum_mul_left n (lam / 2) (fun i => fisher i * (y i - wstar i) * (y i - wstar i))
  have e2 : Vec.finSum n (fun i =>
        (lam / 2 * (fisher i * (x i - wstar i) * (x i - wstar i)) +
          lam * fisher i * (x i - wstar i) * (y i - x i)) +
          lam * Fmax / 2 * ((y i - x i) * (y i - x i))) =
      Vec.finSum n (fun i =>
        lam / 2 * (fisher i * (x i - wstar i) * (x i - wstar i)) +
          lam * fisher i * (x i - wstar i) * (y i - x i)) +
      Vec.finSum n (fun i => lam * Fmax / 2 * ((y i - x i) * (y i - x i))) :=
    Vec.finSum_add n
      (fun i => lam / 2 * (fisher i * (x i - wstar i) * (x i - wstar i)) +
        lam * fisher i * (x i - wstar i) * (y i - x i))
      (fun i => lam * Fmax / 2 * ((y i - x i) * (y i - x i)))
  have e3 : Vec.finSum n (fun i =>
        lam / 2 * (fisher i * (x i - wstar i) * (x i - wstar i)) +
          lam * fisher i * (x i - wstar i) * (y i - x i)) =
      Vec.finSum n (fun i => lam / 2 * (fisher i * (x i - wstar i) * (x i - wstar i))) +
      Vec.finSum n (fun i => lam * fisher i * (x i - wstar i) * (y i - x i)) :=
    Vec.finSum_add n (fun i => lam / 2 * (fisher i * (x i - wstar i) * (x i - wstar i)))
      (fun i => lam * fisher i * (x i - wstar i) * (y i - x i))
  have e4 : Vec.finSum n (fun i => lam / 2 * (fisher i * (x i - wstar i) * (x i - wstar i))) =
      lam / 2 * Vec.finSum n (fun i => fisher i * (x i - wstar i) * (x i - wstar i)) :=
    Vec.finSum_mul_left n (lam / 2) (fun i => fisher i * (x i - wstar i) * (x i - wstar i))
  have e5 : Vec.finSum n (fun i => lam * Fmax / 2 * ((y i - x i) * (y i - x i))) =
      lam * Fmax / 2 * Vec.finSum n (fun i => (y i - x i) * (y i - x i)) :=
    Vec.finSum_mul_left n (lam * Fmax / 2) (fun i => (y i - x i) * (y i - x i))
  have e6 : ⟪penaltyGrad lam fisher wstar x, y - x⟫ =
      Vec.finSum n (fun i => lam * fisher i * (x i - wstar i) * (y i - x i)) :=
    Vec.dot_eq_finSum (penaltyGrad lam fisher wstar x) (y - x)
  have e7 : ⟪y - x, y - x⟫ = Vec.finSum n (fun i => (y i - x i) * (y i - x i)) :=
    Vec.dot_eq_finSum (y - x) (y - x)
  rw [e6, e7]
  show lam / 2 * Vec.finSum n (fun i => fisher i * (y i - wstar i) * (y i - wstar i)) ≤
    lam / 2 * Vec.finSum n (fun i => fisher i * (x i - wstar i) * (x i - wstar i)) +
      Vec.finSum n (fun i => lam * fisher i * (x i - wstar i) * (y i - x i)) +
      lam * Fmax / 2 * Vec.finSum n (fun i => (y i - x i) * (y i - x i))
  grind

/-- The total loss is `(L + lam * Fmax)`-smooth (statement with explicit arguments). -/
theorem total_smooth_aux (Lnew : Vec K n → K) (gnew : Vec K n → Vec K n) (L lam Fmax : K)
    (fisher wstar : Vec K n) (hL : GradientDescent.IsLSmooth Lnew gnew L) (hlam : 0 ≤ lam)
    (hF : FisherBound fisher Fmax) :
    GradientDescent.IsLSmooth (totalLoss Lnew lam fisher wstar) (totalGrad gnew lam fisher wstar)
      (L + lam * Fmax) := by
  constructor
  · have h1 := hL.nonneg
    have h2 : 0 ≤ lam * Fmax := Lean.Grind.OrderedRing.mul_nonneg hlam hF.max_nonneg
    grind
  · intro x y
    have h1 := hL.upper x y
    have h2 := penalty_upper lam Fmax fisher wstar hlam hF x y
    have h3 : ⟪totalGrad gnew lam fisher wstar x, y - x⟫ =
        ⟪gnew x, y - x⟫ + ⟪penaltyGrad lam fisher wstar x, y - x⟫ :=
      Vec.dot_add_left (gnew x) (penaltyGrad lam fisher wstar x) (y - x)
    show Lnew y + penalty lam fisher wstar y ≤
      Lnew x + penalty lam fisher wstar x + ⟪totalGrad gnew lam fisher wstar x, y - x⟫ +
        (L + lam * Fmax) / 2 * ⟪y - x, y - x⟫
    grind

/-- `penalty_nonneg_spec`: the penalty is nonnegative for `0 ≤ lam` and `0 ≤ fisher i`. -/
theorem penalty_nonneg : LearningRules.EWC.penalty_nonneg_spec := by
  intro K _ _ _ _ _ _ n lam fisher wstar w hlam hf
  have hs := penaltySum_nonneg fisher wstar w hf
  have hl : 0 ≤ lam / 2 := by grind
  exact Lean.Grind.OrderedRing.mul_nonneg hl hs

/-- `penalty_eq_zero_iff_spec`: for `0 < lam` and `0 < fisher i`, the penalty vanishes exactly at
`w = wstar`. -/
theorem penalty_eq_zero_iff : LearningRules.EWC.penalty_eq_zero_iff_spec := by
  intro K _ _ _ _ _ _ n lam fisher wstar w hlam hf
  have hf0 : ∀ i, 0 ≤ fisher i := fun i => by
    have := hf i
    grind
  constructor
  · intro h
    have h' : lam / 2 * Vec.finSum n (fun i => fisher i * (w i - wstar i) * (w i - wstar i)) = 0 :=
      h
    have hS0 := penaltySum_nonneg fisher wstar w hf0
    have hS : Vec.finSum n (fun i => fisher i * (w i - wstar i) * (w i - wstar i)) = 0 := by
      refine Classical.byContradiction (fun hne => ?_)
      have hSpos : 0 < Vec.finSum n (fun i => fisher i * (w i - wstar i) * (w i - wstar i)) := by
        grind
      have hl : 0 < lam / 2 := by grind
      have hp := Lean.Grind.OrderedRing.mul_pos hl hSpos
      grind
    have hz := Vec.finSum_eq_zero_of_nonneg n
      (fun i => fisher i * (w i - wstar i) * (w i - wstar i))
      (fun i => by
        have h1 : 0 ≤ (w i - wstar i) * (w i - wstar i) := Vec.mul_self_nonneg (w i - wstar i)
        have h2 : 0 ≤ fisher i * ((w i - wstar i) * (w i - wstar i)) :=
          Lean.Grind.OrderedRing.mul_nonneg (hf0 i) h1
        show 0 ≤ fisher i * (w i - wstar i) * (w i - wstar i)
        grind) hS
    funext i
    have hzi : fisher i * (w i - wstar i) * (w i - wstar i) = 0 := hz i
    have hdd : (w i - wstar i) * (w i - wstar i) = 0 := by
      refine Classical.byContradiction (fun hne => ?_)
      have hdd0 : 0 ≤ (w i - wstar i) * (w i - wstar i) := Vec.mul_self_nonneg (w i - wstar i)
      have hddpos : 0 < (w i - wstar i) * (w i - wstar i) := by grind
      have hp := Lean.Grind.OrderedRing.mul_pos (hf i) hddpos
      grind
    have hd : w i - wstar i = 0 := Vec.eq_zero_of_mul_self_eq_zero hdd
    grind
  · intro h
    rw [h]
    have hz : Vec.finSum n (fun i => fisher i * (wstar i - wstar i) * (wstar i - wstar i)) =
        Vec.finSum n (fun _ => (0 : K)) :=
      Vec.finSum_congr (fun i => by
        show fisher i * (wstar i - wstar i) * (wstar i - wstar i) = 0
        grind)
    have hz2 : Vec.finSum n (fun _ => (0 : K)) = 0 := Vec.finSum_zero_fun n
    show lam / 2 * Vec.finSum n (fun i => fisher i * (wstar i - wstar i) * (wstar i - wstar i)) = 0
    rw [hz, hz2]
    grind

/-- `total_smooth_spec`: the total loss is `(L + lam * Fmax)`-smooth with gradient `totalGrad`. -/
theorem total_smooth : LearningRules.EWC.total_smooth_spec := by
  intro K _ _ _ _ _ _ n Lnew gnew L lam Fmax fisher wstar hL hlam hF
  exact total_smooth_aux Lnew gnew L lam Fmax fisher wstar hL hlam hF

/-- `improves_spec`: a gradient step on the total loss with `0 < η`, `η (L + lam Fmax) < 2` and a
nonzero total gradient strictly lowers the total loss. -/
theorem improves : LearningRules.EWC.improves_spec := by
  intro K _ _ _ _ _ _ n Lnew gnew L lam Fmax η fisher wstar w hL hlam hF hstep hg
  have hS := total_smooth_aux Lnew gnew L lam Fmax fisher wstar hL hlam hF
  have hd := GradientDescent.descent_bound K n (totalLoss Lnew lam fisher wstar)
    (totalGrad gnew lam fisher wstar) (L + lam * Fmax) η w hS
  have hG : 0 < ⟪totalGrad gnew lam fisher wstar w, totalGrad gnew lam fisher wstar w⟫ :=
    Vec.dot_self_pos hg
  have hη : 0 < η := hstep.step_pos
  have hηL : η * (L + lam * Fmax) < 2 := hstep.step_mul_lt_two
  have hp1 : 0 < 1 - (L + lam * Fmax) * η / 2 := by grind
  have hp2 : 0 < η * (1 - (L + lam * Fmax) * η / 2) := Lean.Grind.OrderedRing.mul_pos hη hp1
  have hp : 0 < η * (1 - (L + lam * Fmax) * η / 2) *
      ⟪totalGrad gnew lam fisher wstar w, totalGrad gnew lam fisher wstar w⟫ :=
    Lean.Grind.OrderedRing.mul_pos hp2 hG
  show totalLoss Lnew lam fisher wstar
      (GradientDescent.step (totalGrad gnew lam fisher wstar) η w) <
    totalLoss Lnew lam fisher wstar w
  grind

/-- `penalty_step_bound_spec`: after one gradient step `w'` on the total loss,
`penalty w' ≤ totalLoss w - Lnew w'`. -/
theorem penalty_step_bound : LearningRules.EWC.penalty_step_bound_spec := by
  intro K _ _ _ _ _ _ n Lnew gnew L lam Fmax η fisher wstar w hL hlam hF hstep
  have hS := total_smooth_aux Lnew gnew L lam Fmax fisher wstar hL hlam hF
  have hd := GradientDescent.descent_bound K n (totalLoss Lnew lam fisher wstar)
    (totalGrad gnew lam fisher wstar) (L + lam * Fmax) η w hS
  have hG : 0 ≤ ⟪totalGrad gnew lam fisher wstar w, totalGrad gnew lam fisher wstar w⟫ :=
    Vec.dot_self_nonneg (totalGrad gnew lam fisher wstar w)
  have hη : 0 < η := hstep.step_pos
  have hηL : η * (L + lam * Fmax) < 2 := hstep.step_mul_lt_two
  have hη0 : 0 ≤ η := by grind
  have hp1 : 0 ≤ 1 - (L + lam * Fmax) * η / 2 := by grind
  have hp2 : 0 ≤ η * (1 - (L + lam * Fmax) * η / 2) := Lean.Grind.OrderedRing.mul_nonneg hη0 hp1
  have hp : 0 ≤ η * (1 - (L + lam * Fmax) * η / 2) *
      ⟪totalGrad gnew lam fisher wstar w, totalGrad gnew lam fisher wstar w⟫ :=
    Lean.Grind.OrderedRing.mul_nonneg hp2 hG
  have ht : totalLoss Lnew lam fisher wstar
        (GradientDescent.step (totalGrad gnew lam fisher wstar) η w) =
      Lnew (GradientDescent.step (totalGrad gnew lam fisher wstar) η w) +
        penalty lam fisher wstar (GradientDescent.step (totalGrad gnew lam fisher wstar) η w) :=
    rfl
  grind

end LearningRules.EWC
