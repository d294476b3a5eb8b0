import LearningRulesProofs.Vec
import LearningRules.PredictiveCoding

/-!
# Proofs for predictive-coding inference

## Main definitions

None: this file proves the statements of `lean/LearningRules/PredictiveCoding.lean`.

## Main statements

* `LearningRules.PredictiveCoding.energy_decrease` : `energy_decrease_spec`.
* `LearningRules.PredictiveCoding.fixed_point` : `fixed_point_spec`.

## Implementation notes

The energy is quadratic, so a step `mu - γ • g` along any `g` with
`⟪g, g⟫ = lam ⟪mu - mu0, g⟫ - ⟪Wᵀ (x - W mu), g⟫` (which the gradient satisfies) changes it
exactly by `- γ ⟪g, g⟫ + γ² / 2 (⟪W g, W g⟫ + lam ⟪g, g⟫)` (`energy_sub_smul_eq`). The proof expands
both squared norms with `Vec.dot_sub_smul_self` and moves `Wᵀ` across the dot product with
`Vec.dot_mulVec_transpose`. The curvature bound then gives the descent inequality.

## References

* R. P. N. Rao and D. H. Ballard, 1999; R. Bogacz, 2017.
-/

namespace LearningRules.PredictiveCoding

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {m n : Nat}

/-- The gradient satisfies `⟪g, g⟫ = lam ⟪mu - mu0, g⟫ - ⟪Wᵀ (x - W mu), g⟫`. -/
theorem grad_dot_self (W : Mat K m n) (lam : K) (mu0 : Vec K n) (x : Vec K m) (mu : Vec K n) :
    ⟪grad W lam mu0 x mu, grad W lam mu0 x mu⟫ =
      lam * ⟪mu - mu0, grad W lam mu0 x mu⟫ -
        ⟪Mat.mulVec (Mat.transpose W) (x - Mat.mulVec W mu), grad W lam mu0 x mu⟫ := by
  show ⟪lam • (mu - mu0) - Mat.mulVec (Mat.transpose W) (x - Mat.mulVec W mu),
      grad W lam mu0 x mu⟫ =
    lam * ⟪mu - mu0, grad W lam mu0 x mu⟫ -
      ⟪Mat.mulVec (Mat.transpose W) (x - Mat.mulVec W mu), grad W lam mu0 x mu⟫
  rw [Vec.dot_sub_left (lam • (mu - mu0)) (Mat.mulVec (Mat.transpose W) (x - Mat.mulVec W mu))
      (grad W lam mu0 x mu),
    Vec.dot_smul_left lam (mu - mu0) (grad W lam mu0 x mu)]

/-- Exact second-order expansion of the energy along a direction `g` that satisfies the gradient
identity `⟪g, g⟫ = lam ⟪mu - mu0, g⟫ - ⟪Wᵀ (x - W mu), g⟫`:
`energy (mu - γ • g) = energy mu - γ ⟪g, g⟫ + γ γ / 2 (⟪W g, W g⟫ + lam ⟪g, g⟫)`. -/
theorem energy_sub_smul_eq (γ : K) (W : Mat K m n) (lam : K) (mu0 : Vec K n) (x : Vec K m)
    (mu g : Vec K n)
    (hgg : ⟪g, g⟫ = lam * ⟪mu - mu0, g⟫ -
      ⟪Mat.mulVec (Mat.transpose W) (x - Mat.mulVec W mu), g⟫) :
    energy W lam mu0 x (mu - γ • g) =
      energy W lam mu0 x mu - γ * ⟪g, g⟫ +
        γ * γ / 2 * (⟪Mat.mulVec W g, Mat.mulVec W g⟫ + lam * ⟪g, g⟫) := by
  have hadj : ⟪x - Mat.mulVec W mu, Mat.mulVec W g⟫ =
      ⟪Mat.mulVec (Mat.transpose W) (x - Mat.mulVec W mu), g⟫ :=
    Vec.dot_mulVec_transpose W (x - Mat.mulVec W mu) g
  have hr : x - Mat.mulVec W (mu - γ • g) = (x - Mat.mulVec W mu) - (-γ) • Mat.mulVec W g := by
    rw [Vec.mulVec_sub W mu (γ • g), Vec.mulVec_smul W γ g]
    funext i
    show x i - (Mat.mulVec W mu i - γ * Mat.mulVec W g i) =
      (x i - Mat.mulVec W mu i) - (-γ) * Mat.mulVec W g i
    grind
  have ha : mu - γ • g - mu0 = (mu - mu0) - γ • g := by
    funext i
    show (mu i - γ * g i) - mu0 i = (mu i - mu0 i) - γ * g i
    grind
  have e1 := Vec.dot_sub_smul_self (x - Mat.mulVec W mu) (Mat.mulVec W g) (-γ)
  have e2 := Vec.dot_sub_smul_self (mu - mu0) g γ
  show ⟪x - Mat.mulVec W (mu - γ • g), x - Mat.mulVec W (mu - γ • g)⟫ / 2 +
      lam / 2 * ⟪mu - γ • g - mu0, mu - γ • g - mu0⟫ =
    ⟪x - Mat.mulVec W mu, x - Mat.mulVec W mu⟫ / 2 + lam / 2 * ⟪mu - mu0, mu - mu0⟫ -
      γ * ⟪g, g⟫ + γ * γ / 2 * (⟪Mat.mulVec W g, Mat.mulVec W g⟫ + lam * ⟪g, g⟫)
  rw [hr, ha, e1, e2, hadj, hgg]
  grind

/-- `energy_decrease_spec`: for `0 < γ`, `γ L < 2`, a curvature bound `L` and a nonzero gradient,
one inference step strictly lowers the energy. -/
theorem energy_decrease : LearningRules.PredictiveCoding.energy_decrease_spec := by
  intro K _ _ _ _ _ _ m n W lam L γ mu0 x mu hγ hγL hcurv hg
  have hE := energy_sub_smul_eq γ W lam mu0 x mu (grad W lam mu0 x mu)
    (grad_dot_self W lam mu0 x mu)
  have hG : 0 < ⟪grad W lam mu0 x mu, grad W lam mu0 x mu⟫ := Vec.dot_self_pos hg
  have hc : ⟪Mat.mulVec W (grad W lam mu0 x mu), Mat.mulVec W (grad W lam mu0 x mu)⟫ +
      lam * ⟪grad W lam mu0 x mu, grad W lam mu0 x mu⟫ ≤
        L * ⟪grad W lam mu0 x mu, grad W lam mu0 x mu⟫ :=
    hcurv (grad W lam mu0 x mu)
  have hγγ : 0 ≤ γ * γ := Vec.mul_self_nonneg γ
  have hmul : γ * γ * (⟪Mat.mulVec W (grad W lam mu0 x mu), Mat.mulVec W (grad W lam mu0 x mu)⟫ +
      lam * ⟪grad W lam mu0 x mu, grad W lam mu0 x mu⟫) ≤
        γ * γ * (L * ⟪grad W lam mu0 x mu, grad W lam mu0 x mu⟫) :=
    Lean.Grind.OrderedRing.mul_le_mul_of_nonneg_left hc hγγ
  have hpos1 : 0 < 1 - γ * L / 2 := by grind
  have hpos2 : 0 < γ * (1 - γ * L / 2) := Lean.Grind.OrderedRing.mul_pos hγ hpos1
  have hpos : 0 < γ * (1 - γ * L / 2) * ⟪grad W lam mu0 x mu, grad W lam mu0 x mu⟫ :=
    Lean.Grind.OrderedRing.mul_pos hpos2 hG
  show energy W lam mu0 x (mu - γ • grad W lam mu0 x mu) < energy W lam mu0 x mu
  grind

/-- `fixed_point_spec`: at a stationary point, `lam • (mu - mu0) = Wᵀ (x - W mu)`. -/
theorem fixed_point : LearningRules.PredictiveCoding.fixed_point_spec := by
  intro K _ _ _ _ _ _ m n W lam mu0 x mu h
  funext i
  have hi : lam * (mu i - mu0 i) - Mat.mulVec (Mat.transpose W) (x - Mat.mulVec W mu) i = 0 :=
    congrFun h i
  show lam * (mu i - mu0 i) = Mat.mulVec (Mat.transpose W) (x - Mat.mulVec W mu) i
  grind

end LearningRules.PredictiveCoding
