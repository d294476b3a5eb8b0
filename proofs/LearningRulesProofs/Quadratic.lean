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
* `beyond_edge` : for `A v = λ v`, `⟪w_k - w*, v⟫ = (1 - η λ) ^ k ⟪w₀ - w*, v⟫` and
  `1 < (1 - η λ) ^ 2` when `2 < η λ`.
* `half_sum_identity` : the scalar identity
  `(p + q + (q + r)) / 2 - (s + t) = p / 2 - s + (q - t) + r / 2` used by `loss_add`.

## Implementation notes

`loss_add` expands `F (x + d)` with the linearity of `Mat.mulVec` (`Vec.mulVec_add`), the
bilinearity of the dot product and the symmetry `⟪x, A d⟫ = ⟪A x, d⟫`
(`Vec.dot_mulVec_of_isSymm`), then closes the remaining scalar equation with
`half_sum_identity` (ring lemmas of `LearningRulesProofs.Algebra`); `taylor` is the case
`d = y - x`. Smoothness follows from the identity and `QuadBound`, halved with
`mul_le_mul_of_nonneg_right` and added with `add_le_add_left`; strict improvement is then
`GradientDescent.improves`. Beyond the edge, one step maps `w - w*` to `(w - w*) - η A (w - w*)`
(`GradientDescent.step_sub_comm`, `Vec.mulVec_sub` with `A w* = b`), and the symmetry of `A` moves
`A` onto the eigenvector (`eigen_component_step`); the power is an induction on `k`, and the growth
factor is `(1 - x)² = 1 + x (x - 2)` (`one_lt_one_sub_sq`).

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
  intro K _ _ _ _ _ _ n A b L hA hQ hL
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
  intro K _ _ _ _ _ _ n A b L η w hA hQ hL hη hg
  exact GradientDescent.improves K n (loss A b) (grad A b) L η w
    (is_l_smooth K n A b L hA hQ hL) hη hg

/-- One gradient step scales the eigen-component: for symmetric `A`, `A wstar = b` and
`A v = lam • v`, `⟪step (grad A b) η w - wstar, v⟫ = (1 - η lam) ⟪w - wstar, v⟫`. -/
theorem eigen_component_step {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat} {A : Mat K n n} {b wstar v : Vec K n}
    {lam : K} (η : K) (hA : Mat.IsSymm A) (hb : Mat.mulVec A wstar = b)
    (hv : Mat.mulVec A v = lam • v) (w : Vec K n) :
    ⟪GradientDescent.step (grad A b) η w - wstar, v⟫ = (1 - η * lam) * ⟪w - wstar, v⟫ := by
  have hs : GradientDescent.step (grad A b) η w - wstar = (w - wstar) - η • grad A b w :=
    GradientDescent.step_sub_comm w (grad A b w) wstar η
  have hg : grad A b w = Mat.mulVec A (w - wstar) := by
    show Mat.mulVec A w - b = Mat.mulVec A (w - wstar)
    rw [Vec.mulVec_sub, hb]
  have hAv : ⟪Mat.mulVec A (w - wstar), v⟫ = lam * ⟪w - wstar, v⟫ := by
    rw [← Vec.dot_mulVec_of_isSymm hA, hv, Vec.dot_smul_right]
  rw [hs, Vec.dot_sub_left, Vec.dot_smul_left, hg, hAv, sub_mul, one_mul, mul_assoc]

/-- The growth factor beyond the edge: `2 < x → 1 < (1 - x) ^ 2`. -/
theorem one_lt_one_sub_sq {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {x : K} (h : 2 < x) : 1 < (1 - x) ^ 2 := by
  have e : (1 - x) * (1 - x) = 1 + x * (x - 2) := by
    rw [← one_add_one_eq_two]
    simp only [sub_eq_add_neg, mul_add, add_mul, neg_add, mul_neg, neg_mul, neg_neg, mul_one,
      one_mul, add_assoc, add_comm, add_left_comm]
  have hx : 0 < x := lt_trans zero_lt_two h
  have hp : 0 < x * (x - 2) := mul_pos hx (sub_pos.mpr h)
  have h1 := add_lt_add_left hp 1
  rw [add_zero, ← e, ← pow_two] at h1
  exact h1

/-- Gradient descent beyond the edge: the eigen-component is `(1 - η lam) ^ k` times its start,
and `1 < (1 - η lam) ^ 2` when `2 < η lam`. -/
theorem beyond_edge : beyond_edge_spec := by
  intro K _ _ _ _ _ _ n A b wstar v w0 lam η k hA hb hv hη
  refine ⟨?_, one_lt_one_sub_sq hη⟩
  induction k with
  | zero => rw [pow_zero, one_mul]; rfl
  | succ k ih =>
    rw [iterate_succ_eq_apply, eigen_component_step η hA hb hv, ih, pow_succ, ← mul_assoc,
      mul_comm (1 - η * lam) ((1 - η * lam) ^ k)]

end LearningRules.Quadratic
