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
`Vec.dot_mulVec_transpose`; the doubled cross terms are halved by `sub_two_mul_add_div_two` and
`div_two_mul_sub_two_mul_add`, and the remaining scalar identity `energy_expand_aux` is a
rearrangement proved by `simp only` with the algebra layer's ring lemmas (no `grind`). The
curvature bound then gives the descent inequality, with `one_sub_half_pos` and
`sub_lt_self_of_pos`.

## References

* R. P. N. Rao and D. H. Ballard, 1999; R. Bogacz, 2017.
-/

namespace LearningRules.PredictiveCoding

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {m n : Nat}

/-- Halving a sum with a doubled middle term: `(a - 2 * b + c) / 2 = a / 2 - b + c / 2`. -/
theorem sub_two_mul_add_div_two (a b c : K) : (a - 2 * b + c) / 2 = a / 2 - b + c / 2 := by
  rw [div_eq_mul_inv, div_eq_mul_inv, div_eq_mul_inv, sub_eq_add_neg, add_mul, add_mul, neg_mul,
    mul_comm 2 b, mul_assoc b 2 2⁻¹, mul_inv_cancel₀ two_ne_zero, mul_one, ← sub_eq_add_neg]

/-- Distributing a halved factor over a sum with a doubled middle term:
`d / 2 * (a - 2 * b + c) = d / 2 * a - d * b + d / 2 * c`. -/
theorem div_two_mul_sub_two_mul_add (d a b c : K) :
    d / 2 * (a - 2 * b + c) = d / 2 * a - d * b + d / 2 * c := by
  rw [mul_add, mul_sub, div_eq_mul_inv, mul_assoc d 2⁻¹ (2 * b), ← mul_assoc 2⁻¹ 2 b,
    inv_mul_cancel₀ two_ne_zero, one_mul]

/-- Subtracting a positive quantity makes a number smaller: `0 < b → a - b < a`. -/
theorem sub_lt_self_of_pos {a b : K} (hb : 0 < b) : a - b < a := by
  have h := add_lt_add_left (neg_neg_iff_pos.mpr hb) a
  rw [add_zero, ← sub_eq_add_neg] at h
  exact h

/-- A number below `2` has a positive complement of its half: `a < 2 → 0 < 1 - a / 2`. -/
theorem one_sub_half_pos {a : K} (ha : a < 2) : 0 < 1 - a / 2 := by
  have h2 : (0 : K) < 2⁻¹ := inv_pos zero_lt_two
  have h := mul_lt_mul_of_pos_right ha h2
  rw [mul_inv_cancel₀ two_ne_zero, ← div_eq_mul_inv] at h
  exact sub_pos.mpr h

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

/-- The scalar identity behind `energy_sub_smul_eq`, on atoms `A = ‖r‖²`, `P = ⟪Wᵀ r, g⟫`,
`Q = ‖W g‖²`, `M = ‖mu - mu0‖²`, `R = ⟪mu - mu0, g⟫` and `G = ⟪g, g⟫ = lam R - P`. -/
theorem energy_expand_aux (A P Q M R G γ lam : K) (hG : G = lam * R - P) :
    A / 2 - -γ * P + -γ * -γ * Q / 2 + (lam / 2 * M - lam * (γ * R) + lam / 2 * (γ * γ * G)) =
      A / 2 + lam / 2 * M - γ * G + γ * γ / 2 * (Q + lam * G) := by
  rw [hG]
  simp only [div_eq_mul_inv, sub_eq_add_neg, mul_add, add_mul, neg_add, neg_mul, mul_neg, neg_neg,
    add_assoc, add_comm, add_left_comm, mul_assoc, mul_comm, mul_left_comm]

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
    simp only [sub_eq_add_neg, neg_add, neg_neg, neg_mul, add_assoc]
  have ha : mu - γ • g - mu0 = (mu - mu0) - γ • g := by
    funext i
    show (mu i - γ * g i) - mu0 i = (mu i - mu0 i) - γ * g i
    simp only [sub_eq_add_neg, add_assoc, add_comm, add_left_comm]
  have e1 := Vec.dot_sub_smul_self (x - Mat.mulVec W mu) (Mat.mulVec W g) (-γ)
  have e2 := Vec.dot_sub_smul_self (mu - mu0) g γ
  show ⟪x - Mat.mulVec W (mu - γ • g), x - Mat.mulVec W (mu - γ • g)⟫ / 2 +
      lam / 2 * ⟪mu - γ • g - mu0, mu - γ • g - mu0⟫ =
    ⟪x - Mat.mulVec W mu, x - Mat.mulVec W mu⟫ / 2 + lam / 2 * ⟪mu - mu0, mu - mu0⟫ -
      γ * ⟪g, g⟫ + γ * γ / 2 * (⟪Mat.mulVec W g, Mat.mulVec W g⟫ + lam * ⟪g, g⟫)
  rw [hr, ha, e1, e2, hadj, mul_assoc 2 (-γ), mul_assoc 2 γ, sub_two_mul_add_div_two,
    div_two_mul_sub_two_mul_add]
  exact energy_expand_aux _ _ _ _ _ _ γ lam hgg

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
  have hγγ : 0 ≤ γ * γ / 2 := by
    rw [div_eq_mul_inv]
    exact mul_nonneg (Vec.mul_self_nonneg γ) (inv_nonneg (le_of_lt zero_lt_two))
  have hmul : γ * γ / 2 * (⟪Mat.mulVec W (grad W lam mu0 x mu),
      Mat.mulVec W (grad W lam mu0 x mu)⟫ + lam * ⟪grad W lam mu0 x mu, grad W lam mu0 x mu⟫) ≤
        γ * γ / 2 * (L * ⟪grad W lam mu0 x mu, grad W lam mu0 x mu⟫) :=
    mul_le_mul_of_nonneg_left hc hγγ
  have hpos1 : 0 < 1 - γ * L / 2 := one_sub_half_pos hγL
  have hpos2 : 0 < γ * (1 - γ * L / 2) := mul_pos hγ hpos1
  have hpos : 0 < γ * (1 - γ * L / 2) * ⟪grad W lam mu0 x mu, grad W lam mu0 x mu⟫ :=
    mul_pos hpos2 hG
  have hid : energy W lam mu0 x mu - γ * ⟪grad W lam mu0 x mu, grad W lam mu0 x mu⟫ +
        γ * γ / 2 * (L * ⟪grad W lam mu0 x mu, grad W lam mu0 x mu⟫) =
      energy W lam mu0 x mu -
        γ * (1 - γ * L / 2) * ⟪grad W lam mu0 x mu, grad W lam mu0 x mu⟫ := by
    simp only [div_eq_mul_inv, sub_eq_add_neg, mul_add, add_mul, neg_add, neg_mul, mul_neg,
      neg_neg, mul_one, add_assoc, add_comm, add_left_comm, mul_assoc, mul_comm, mul_left_comm]
  have hle := add_le_add_left hmul
    (energy W lam mu0 x mu - γ * ⟪grad W lam mu0 x mu, grad W lam mu0 x mu⟫)
  rw [← hE, hid] at hle
  show energy W lam mu0 x (mu - γ • grad W lam mu0 x mu) < energy W lam mu0 x mu
  exact lt_of_le_of_lt hle (sub_lt_self_of_pos hpos)

/-- `fixed_point_spec`: at a stationary point, `lam • (mu - mu0) = Wᵀ (x - W mu)`. -/
theorem fixed_point : LearningRules.PredictiveCoding.fixed_point_spec := by
  intro K _ _ _ _ _ _ m n W lam mu0 x mu h
  funext i
  have hi : lam * (mu i - mu0 i) - Mat.mulVec (Mat.transpose W) (x - Mat.mulVec W mu) i = 0 :=
    congrFun h i
  show lam * (mu i - mu0 i) = Mat.mulVec (Mat.transpose W) (x - Mat.mulVec W mu) i
  exact eq_of_sub_eq_zero hi

end LearningRules.PredictiveCoding
