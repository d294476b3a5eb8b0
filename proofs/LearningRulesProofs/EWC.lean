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
* `LearningRules.EWC.joint_objective` : `joint_objective_spec`.

## Implementation notes

The quadratic upper bound of the penalty (`penalty_upper`) is proved coordinatewise
(`coord_bound`): with `a = x i - wstar i` and `d = y i - x i`, `f (a + d)² = f a² + 2 f a d + f d²`
and `f d² ≤ Fmax d²`, multiplied by `lam / 2 ≥ 0`; the coordinates are then summed with
`Vec.finSum_le_finSum_aux` and the linearity lemmas of `Vec.finSum`. Scalar steps use the algebra
layer (`LearningRulesProofs.Algebra`) through `rw`, `exact` and `simp only [...]`; no `grind`.
The one-step descent bound is `LearningRules.GradientDescent.descent_bound`, applied to the total
loss once `total_smooth_aux` has shown it smooth.
The joint-objective identity is coordinatewise: with `g i = h i * wstar i`,
`h (w - s)² = (h w² - 2 g w) - (h s² - 2 g s)` (`joint_coord`), summed with `Vec.finSum_sub` and
`Vec.finSum_mul_left`, and halved by `diff_half` (cancellations by explicit `rw` chains).

## References

* J. Kirkpatrick et al., *Overcoming catastrophic forgetting in neural networks*, 2017.
* Y. Nesterov, *Introductory Lectures on Convex Optimization*, 2004 (the descent lemma).
-/

namespace LearningRules.EWC

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- The coordinatewise quadratic bound of the penalty, with `a = x i - wstar i`, `d = y i - x i`:
`lam / 2 (f (a + d)²) ≤ lam / 2 (f a²) + lam f a d + lam Fmax / 2 d²` for `0 ≤ lam`, `f ≤ Fmax`. -/
theorem coord_bound (lam f Fmax a d : K) (hlam : 0 ≤ lam) (hf : f ≤ Fmax) :
    lam / 2 * (f * (a + d) * (a + d)) ≤
      (lam / 2 * (f * a * a) + lam * f * a * d) + lam * Fmax / 2 * (d * d) := by
  have h1 : f * (a + d) * (a + d) = (f * a * a + 2 * (f * a * d)) + f * (d * d) := by
    rw [two_mul]
    simp only [mul_add, add_mul, add_assoc, add_comm, add_left_comm, mul_assoc, mul_comm,
      mul_left_comm]
  have h2 : f * (d * d) ≤ Fmax * (d * d) := mul_le_mul_of_nonneg_right hf (mul_self_nonneg d)
  have h3 := add_le_add_left h2 (f * a * a + 2 * (f * a * d))
  rw [← h1] at h3
  have h4 := mul_le_mul_of_nonneg_left h3 (half_nonneg hlam)
  have h5 : lam / 2 * ((f * a * a + 2 * (f * a * d)) + Fmax * (d * d)) =
      (lam / 2 * (f * a * a) + lam * f * a * d) + lam * Fmax / 2 * (d * d) := by
    rw [mul_add, mul_add, ← mul_assoc (lam / 2) 2, div_mul_cancel₀ lam two_ne_zero]
    simp only [div_eq_mul_inv, mul_assoc, mul_comm, mul_left_comm]
  rw [h5] at h4
  exact h4

/-- Adding two quadratic upper bounds:
`(A + G₁ + L / 2 D) + (B + G₂ + M / 2 D) = A + B + (G₁ + G₂) + (L + M) / 2 D`. -/
theorem upper_add_upper (A B G₁ G₂ L M D : K) :
    (A + G₁ + L / 2 * D) + (B + G₂ + M / 2 * D) = A + B + (G₁ + G₂) + (L + M) / 2 * D := by
  simp only [div_eq_mul_inv, add_mul, add_assoc, add_comm, add_left_comm]

/-- The sum inside the penalty is nonnegative for a nonnegative Fisher diagonal. -/
theorem penaltySum_nonneg (fisher wstar w : Vec K n) (hf : ∀ i, 0 ≤ fisher i) :
    0 ≤ Vec.finSum n (fun i => fisher i * (w i - wstar i) * (w i - wstar i)) :=
  Vec.finSum_nonneg_aux n (fun i => fisher i * (w i - wstar i) * (w i - wstar i)) (fun i => by
    have h1 : 0 ≤ (w i - wstar i) * (w i - wstar i) := mul_self_nonneg (w i - wstar i)
    have h2 : 0 ≤ fisher i * ((w i - wstar i) * (w i - wstar i)) := mul_nonneg (hf i) h1
    show 0 ≤ fisher i * (w i - wstar i) * (w i - wstar i)
    rw [mul_assoc]
    exact h2)

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
      show lam / 2 * (fisher i * (y i - wstar i) * (y i - wstar i)) ≤
        (lam / 2 * (fisher i * (x i - wstar i) * (x i - wstar i)) +
          lam * fisher i * (x i - wstar i) * (y i - x i)) +
          lam * Fmax / 2 * ((y i - x i) * (y i - x i))
      rw [sub_eq_sub_add_sub (y i) (wstar i) (x i)]
      exact coord_bound lam (fisher i) Fmax (x i - wstar i) (y i - x i) hlam (hF.le_max i))

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
  rw [e1, e2, e3, e4, e5] at hsum
  exact hsum

/-- The total loss is `(L + lam * Fmax)`-smooth (statement with explicit arguments). -/
theorem total_smooth_aux (Lnew : Vec K n → K) (gnew : Vec K n → Vec K n) (L lam Fmax : K)
    (fisher wstar : Vec K n) (hL : GradientDescent.IsLSmooth Lnew gnew L) (hlam : 0 ≤ lam)
    (hF : FisherBound fisher Fmax) :
    GradientDescent.IsLSmooth (totalLoss Lnew lam fisher wstar) (totalGrad gnew lam fisher wstar)
      (L + lam * Fmax) := by
  constructor
  · exact add_nonneg hL.nonneg (mul_nonneg hlam hF.max_nonneg)
  · intro x y
    have h1 := hL.upper x y
    have h2 := penalty_upper lam Fmax fisher wstar hlam hF x y
    have h3 : ⟪totalGrad gnew lam fisher wstar x, y - x⟫ =
        ⟪gnew x, y - x⟫ + ⟪penaltyGrad lam fisher wstar x, y - x⟫ :=
      Vec.dot_add_left (gnew x) (penaltyGrad lam fisher wstar x) (y - x)
    show Lnew y + penalty lam fisher wstar y ≤
      Lnew x + penalty lam fisher wstar x + ⟪totalGrad gnew lam fisher wstar x, y - x⟫ +
        (L + lam * Fmax) / 2 * ⟪y - x, y - x⟫
    rw [h3, ← upper_add_upper]
    exact add_le_add h1 h2

/-- `penalty_nonneg_spec`: the penalty is nonnegative for `0 ≤ lam` and `0 ≤ fisher i`. -/
theorem penalty_nonneg : LearningRules.EWC.penalty_nonneg_spec := by
  intro K _ _ _ _ _ _ n lam fisher wstar w hlam hf
  have hs := penaltySum_nonneg fisher wstar w hf
  exact mul_nonneg (half_nonneg hlam) hs

/-- `penalty_eq_zero_iff_spec`: for `0 < lam` and `0 < fisher i`, the penalty vanishes exactly at
`w = wstar`. -/
theorem penalty_eq_zero_iff : LearningRules.EWC.penalty_eq_zero_iff_spec := by
  intro K _ _ _ _ _ _ n lam fisher wstar w hlam hf
  have hf0 : ∀ i, 0 ≤ fisher i := fun i => le_of_lt (hf i)
  constructor
  · intro h
    have h' : lam / 2 * Vec.finSum n (fun i => fisher i * (w i - wstar i) * (w i - wstar i)) = 0 :=
      h
    have hS0 := penaltySum_nonneg fisher wstar w hf0
    have hS : Vec.finSum n (fun i => fisher i * (w i - wstar i) * (w i - wstar i)) = 0 := by
      refine Classical.byContradiction (fun hne => ?_)
      have hSpos : 0 < Vec.finSum n (fun i => fisher i * (w i - wstar i) * (w i - wstar i)) :=
        lt_of_le_of_ne hS0 (Ne.symm hne)
      have hl : 0 < lam / 2 := div_pos hlam zero_lt_two
      have hp := mul_pos hl hSpos
      rw [h'] at hp
      exact lt_irrefl 0 hp
    have hz := Vec.finSum_eq_zero_of_nonneg n
      (fun i => fisher i * (w i - wstar i) * (w i - wstar i))
      (fun i => by
        have h1 : 0 ≤ (w i - wstar i) * (w i - wstar i) := mul_self_nonneg (w i - wstar i)
        have h2 : 0 ≤ fisher i * ((w i - wstar i) * (w i - wstar i)) := mul_nonneg (hf0 i) h1
        show 0 ≤ fisher i * (w i - wstar i) * (w i - wstar i)
        rw [mul_assoc]
        exact h2) hS
    funext i
    have hzi : fisher i * (w i - wstar i) * (w i - wstar i) = 0 := hz i
    have hdd : (w i - wstar i) * (w i - wstar i) = 0 := by
      refine Classical.byContradiction (fun hne => ?_)
      have hdd0 : 0 ≤ (w i - wstar i) * (w i - wstar i) := mul_self_nonneg (w i - wstar i)
      have hddpos : 0 < (w i - wstar i) * (w i - wstar i) := lt_of_le_of_ne hdd0 (Ne.symm hne)
      have hp := mul_pos (hf i) hddpos
      rw [← mul_assoc, hzi] at hp
      exact lt_irrefl 0 hp
    have hd : w i - wstar i = 0 := eq_zero_of_mul_self_eq_zero hdd
    exact eq_of_sub_eq_zero hd
  · intro h
    rw [h]
    have hz : Vec.finSum n (fun i => fisher i * (wstar i - wstar i) * (wstar i - wstar i)) =
        Vec.finSum n (fun _ => (0 : K)) :=
      Vec.finSum_congr (fun i => by
        show fisher i * (wstar i - wstar i) * (wstar i - wstar i) = 0
        rw [sub_self, mul_zero])
    have hz2 : Vec.finSum n (fun _ => (0 : K)) = 0 := Vec.finSum_zero_fun n
    show lam / 2 * Vec.finSum n (fun i => fisher i * (wstar i - wstar i) * (wstar i - wstar i)) = 0
    rw [hz, hz2, mul_zero]

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
  have hp1 : 0 < 1 - (L + lam * Fmax) * η / 2 := by
    rw [mul_comm (L + lam * Fmax) η]
    exact one_sub_half_pos hηL
  have hp2 : 0 < η * (1 - (L + lam * Fmax) * η / 2) := mul_pos hη hp1
  have hp : 0 < η * (1 - (L + lam * Fmax) * η / 2) *
      ⟪totalGrad gnew lam fisher wstar w, totalGrad gnew lam fisher wstar w⟫ :=
    mul_pos hp2 hG
  show totalLoss Lnew lam fisher wstar
      (GradientDescent.step (totalGrad gnew lam fisher wstar) η w) <
    totalLoss Lnew lam fisher wstar w
  exact lt_of_le_of_lt hd (sub_lt_self _ hp)

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
  have hη0 : 0 ≤ η := le_of_lt hη
  have hp1 : 0 ≤ 1 - (L + lam * Fmax) * η / 2 := by
    rw [mul_comm (L + lam * Fmax) η]
    exact le_of_lt (one_sub_half_pos hηL)
  have hp2 : 0 ≤ η * (1 - (L + lam * Fmax) * η / 2) := mul_nonneg hη0 hp1
  have hp : 0 ≤ η * (1 - (L + lam * Fmax) * η / 2) *
      ⟪totalGrad gnew lam fisher wstar w, totalGrad gnew lam fisher wstar w⟫ :=
    mul_nonneg hp2 hG
  have ht : totalLoss Lnew lam fisher wstar
        (GradientDescent.step (totalGrad gnew lam fisher wstar) η w) =
      Lnew (GradientDescent.step (totalGrad gnew lam fisher wstar) η w) +
        penalty lam fisher wstar (GradientDescent.step (totalGrad gnew lam fisher wstar) η w) :=
    rfl
  rw [ht] at hd
  exact le_sub_left_of_add_le (le_trans hd (sub_le_self _ hp))

/-- The difference of two values of `diagQuad`, halved:
`(a / 2 - b + c) - (d / 2 - e + c) = ((a - 2 * b) - (d - 2 * e)) / 2`. -/
theorem diff_half (a b c d e : K) :
    (a / 2 - b + c) - (d / 2 - e + c) = ((a - 2 * b) - (d - 2 * e)) / 2 := by
  rw [sub_div _ _ 2, sub_two_mul_div_two, sub_two_mul_div_two, add_sub_add_right_eq_sub]

/-- The coordinate identity behind `joint_objective`, with `g = h * s` written out:
`h (w - s) (w - s) = (h w w - 2 (h s) w) - (h s s - 2 (h s) s)`. -/
theorem joint_coord (h s w : K) :
    h * (w - s) * (w - s) = (h * w * w - 2 * (h * s * w)) - (h * s * s - 2 * (h * s * s)) := by
  rw [sub_two_mul_self (h * s * s), sub_neg_eq_add, two_mul]
  simp only [sub_eq_add_neg, mul_add, add_mul, neg_add, neg_mul, mul_neg, neg_neg, add_assoc,
    add_comm, add_left_comm, mul_assoc, mul_comm, mul_left_comm]

/-- The penalty sum of a stationary diagonal quadratic: if `h i * wstar i = g i` for every `i`, then
`Σ h i (w i - wstar i)² = (Σ h i w i² - 2 ⟪g, w⟫) - (Σ h i wstar i² - 2 ⟪g, wstar⟫)`. -/
theorem penaltySum_eq (h g wstar w : Vec K n) (hs : ∀ i, h i * wstar i = g i) :
    Vec.finSum n (fun i => h i * (w i - wstar i) * (w i - wstar i)) =
      (Vec.finSum n (fun i => h i * w i * w i) - 2 * ⟪g, w⟫) -
        (Vec.finSum n (fun i => h i * wstar i * wstar i) - 2 * ⟪g, wstar⟫) := by
  have e1 : Vec.finSum n (fun i => h i * (w i - wstar i) * (w i - wstar i)) =
      Vec.finSum n (fun i => (h i * w i * w i - 2 * (g i * w i)) -
        (h i * wstar i * wstar i - 2 * (g i * wstar i))) :=
    Vec.finSum_congr (fun i => by
      show h i * (w i - wstar i) * (w i - wstar i) =
        (h i * w i * w i - 2 * (g i * w i)) - (h i * wstar i * wstar i - 2 * (g i * wstar i))
      rw [← hs i]
      exact joint_coord (h i) (wstar i) (w i))
  have e2 := Vec.finSum_sub n (fun i => h i * w i * w i - 2 * (g i * w i))
    (fun i => h i * wstar i * wstar i - 2 * (g i * wstar i))
  have e3 := Vec.finSum_sub n (fun i => h i * w i * w i) (fun i => 2 * (g i * w i))
  have e4 := Vec.finSum_sub n (fun i => h i * wstar i * wstar i) (fun i => 2 * (g i * wstar i))
  have e5 := Vec.finSum_mul_left n 2 (fun i => g i * w i)
  have e6 := Vec.finSum_mul_left n 2 (fun i => g i * wstar i)
  rw [e1, e2, e3, e4, e5, e6, Vec.dot_eq_finSum g w, Vec.dot_eq_finSum g wstar]

/-- `joint_objective_spec`: for an old loss `diagQuad h g c` stationary at `wstar`, the EWC objective
with Fisher diagonal `h` is `Lnew w + lam * (diagQuad h g c w - diagQuad h g c wstar)`. -/
theorem joint_objective : LearningRules.EWC.joint_objective_spec := by
  intro K _ _ _ _ _ _ n Lnew lam c h g wstar w hs
  have hq : diagQuad h g c w - diagQuad h g c wstar =
      Vec.finSum n (fun i => h i * (w i - wstar i) * (w i - wstar i)) / 2 := by
    show (Vec.finSum n (fun i => h i * w i * w i) / 2 - ⟪g, w⟫ + c) -
        (Vec.finSum n (fun i => h i * wstar i * wstar i) / 2 - ⟪g, wstar⟫ + c) =
      Vec.finSum n (fun i => h i * (w i - wstar i) * (w i - wstar i)) / 2
    rw [diff_half, penaltySum_eq h g wstar w hs]
  show Lnew w + lam / 2 * Vec.finSum n (fun i => h i * (w i - wstar i) * (w i - wstar i)) =
    Lnew w + lam * (diagQuad h g c w - diagQuad h g c wstar)
  rw [hq, div_eq_mul_inv, div_eq_mul_inv, mul_assoc lam, mul_comm 2⁻¹]

end LearningRules.EWC
