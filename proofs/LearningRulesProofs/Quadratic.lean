import LearningRules.Quadratic
import LearningRulesProofs.Vec
import LearningRulesProofs.GradientDescent

/-!
# Proofs for gradient descent on a quadratic objective

## Main definitions

None: this file proves the statements of `lean/LearningRules/Quadratic.lean`.

## Main statements

* `taylor` : `F y = F x + ⟪A x - b, y - x⟫ + ⟪y - x, A (y - x)⟫ / 2` for symmetric `A`.
* `is_l_smooth` : the quadratic loss is `L`-smooth under `QuadBound A L`.
* `improves` : one gradient step strictly lowers the quadratic loss.
* `half_sum_identity` : the scalar identity
  `(p + q + (q + r)) / 2 - (s + t) = p / 2 - s + (q - t) + r / 2` used by `loss_add`.

## Implementation notes

`loss_add` expands `F (x + d)` with the linearity of `Mat.mulVec` (`Vec.mulVec_add`), the
bilinearity of the dot product and the symmetry `⟪x, A d⟫ = ⟪A x, d⟫`
(`Vec.dot_mulVec_of_isSymm`), then closes the remaining scalar equation with
`half_sum_identity` (ring lemmas of `LearningRulesProofs.Algebra`); `taylor` is the case
`d = y - x`. Smoothness follows from the identity and `QuadBound`, halved with
`mul_le_mul_of_nonneg_right` and added with `add_le_add_left`; strict improvement is then
`GradientDescent.improves`.

## References

* Y. Nesterov, *Introductory Lectures on Convex Optimization*, 2004, §1.2.
-/

namespace LearningRules.Quadratic

open LearningRules

/-- The scalar identity behind `loss_add`:
`(p + q + (q + r)) / 2 - (s + t) = p / 2 - s + (q - t) + r / 2`. It halves `q + q` to `q` with
`two_mul` and `mul_inv_cancel₀`, and normalises the rest by `simp only` with the commutative-ring
lemmas of `LearningRulesProofs.Algebra`. -/
theorem half_sum_identity {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] (p q r s t : K) :
    (p + q + (q + r)) / 2 - (s + t) = p / 2 - s + (q - t) + r / 2 := by
  have hq : q * 2⁻¹ + q * 2⁻¹ = q := by
    rw [← add_mul, ← two_mul, mul_comm 2 q, mul_assoc, mul_inv_cancel₀ two_ne_zero, mul_one]
  have key : (p + q + (q + r)) * 2⁻¹ - (s + t)
      = p * 2⁻¹ - s + (q * 2⁻¹ + q * 2⁻¹ - t) + r * 2⁻¹ := by
    simp only [sub_eq_add_neg, add_mul, neg_add, add_assoc, add_comm, add_left_comm]
  rw [div_eq_mul_inv, div_eq_mul_inv, div_eq_mul_inv, key, hq]

/-- Expansion of the quadratic loss along a direction `d`, for symmetric `A`:
`F (x + d) = F x + ⟪A x - b, d⟫ + ⟪d, A d⟫ / 2`. -/
theorem loss_add {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat} {A : Mat K n n}
    (hA : Mat.IsSymm A) (b x d : Vec K n) :
    loss A b (x + d)
      = loss A b x + ⟪Mat.mulVec A x - b, d⟫ + ⟪d, Mat.mulVec A d⟫ / 2 := by
  have e1 : Mat.mulVec A (x + d) = Mat.mulVec A x + Mat.mulVec A d := Vec.mulVec_add A x d
  have e2 : ⟪x + d, Mat.mulVec A x + Mat.mulVec A d⟫
      = ⟪x, Mat.mulVec A x + Mat.mulVec A d⟫ + ⟪d, Mat.mulVec A x + Mat.mulVec A d⟫ :=
    Vec.dot_add_left x d (Mat.mulVec A x + Mat.mulVec A d)
  have e3 : ⟪x, Mat.mulVec A x + Mat.mulVec A d⟫ = ⟪x, Mat.mulVec A x⟫ + ⟪x, Mat.mulVec A d⟫ :=
    Vec.dot_add_right x (Mat.mulVec A x) (Mat.mulVec A d)
  have e4 : ⟪d, Mat.mulVec A x + Mat.mulVec A d⟫ = ⟪d, Mat.mulVec A x⟫ + ⟪d, Mat.mulVec A d⟫ :=
    Vec.dot_add_right d (Mat.mulVec A x) (Mat.mulVec A d)
  have e5 : ⟪x, Mat.mulVec A d⟫ = ⟪Mat.mulVec A x, d⟫ := Vec.dot_mulVec_of_isSymm hA x d
  have e6 : ⟪d, Mat.mulVec A x⟫ = ⟪Mat.mulVec A x, d⟫ := Vec.dot_comm d (Mat.mulVec A x)
  have e7 : ⟪b, x + d⟫ = ⟪b, x⟫ + ⟪b, d⟫ := Vec.dot_add_right b x d
  have e8 : ⟪Mat.mulVec A x - b, d⟫ = ⟪Mat.mulVec A x, d⟫ - ⟪b, d⟫ :=
    Vec.dot_sub_left (Mat.mulVec A x) b d
  show ⟪x + d, Mat.mulVec A (x + d)⟫ / 2 - ⟪b, x + d⟫
    = (⟪x, Mat.mulVec A x⟫ / 2 - ⟪b, x⟫) + ⟪Mat.mulVec A x - b, d⟫ + ⟪d, Mat.mulVec A d⟫ / 2
  rw [e1, e2, e3, e4, e5, e6, e7, e8]
  exact half_sum_identity _ _ _ _ _

/-- Exact Taylor expansion of the quadratic loss (identity). -/
theorem taylor : taylor_spec := by
  intro K _ _ _ _ _ _ n A b x y hA
  have hy : x + (y - x) = y := by
    funext i
    show x i + (y i - x i) = y i
    rw [add_comm, sub_add_cancel]
  have h := loss_add hA b x (y - x)
  rw [hy] at h
  exact h

/-- The quadratic loss is `L`-smooth in descent-lemma form. -/
theorem is_l_smooth : is_l_smooth_spec := by
  intro K _ _ _ _ _ _ n A b L hA _hP hQ hL
  refine ⟨hL, ?_⟩
  intro x y
  have ht := taylor K n A b x y hA
  have hq : ⟪y - x, Mat.mulVec A (y - x)⟫ ≤ L * ⟪y - x, y - x⟫ := hQ (y - x)
  rw [ht]
  apply add_le_add_left
  have h2 := mul_le_mul_of_nonneg_right hq (inv_nonneg (le_of_lt (zero_lt_two (K := K))))
  rw [div_eq_mul_inv, div_eq_mul_inv, mul_assoc L, mul_comm (2⁻¹ : K), ← mul_assoc L]
  exact h2

/-- One gradient-descent step strictly lowers the quadratic loss. -/
theorem improves : improves_spec := by
  intro K _ _ _ _ _ _ n A b L η w hA hP hQ hL hη hg
  exact GradientDescent.improves K n (loss A b) (grad A b) L η w
    (is_l_smooth K n A b L hA hP hQ hL) hη hg

end LearningRules.Quadratic
