import LearningRules.Oja
import LearningRulesProofs.Vec

/-!
# Proofs for Oja's rule

## Main statements

Proofs of the statements of `lean/LearningRules/Oja.lean`: `inner_update`, `orthogonal_iff`,
`norm_identity`, `norm_increase`, `norm_decrease`, `fixed_iff`, `eigen_fixed_iff` and
`fixed_points`.

## Implementation notes

* `dot_add_smul_self` : `⟪w + c • d, w + c • d⟫ = ⟪w, w⟫ + 2 c ⟪w, d⟫ + c² ⟪d, d⟫`.
* `dot_step_self` : the key expansion
  `⟪w', w'⟫ - ⟪w, w⟫ = 2 (η y² (1 - ⟪w, w⟫)) + η² y² ⟪x - y w, x - y w⟫` with `y = ⟪w, x⟫` kept as
  an atom; every statement follows from it and from products of signs (`mul_pos`, `mul_nonneg`
  of `LearningRulesProofs/Algebra.lean`).
* Nonvanishing products come from `mul_ne_zero` of the algebra layer.
* Ring identities are proved by `generalize`-ing the dot products to atoms and normalising both
  sides with `simp only` (distributivity, negation, and the commutativity/associativity lemmas of
  the algebra layer); a cancellation `a + b - b = a` is set up explicitly first
  (`add_sub_cancel_right`). Linear steps use `sub_pos`, `sub_neg`, `lt_of_sub_pos`. No `grind`.
* The fixed points of the averaged map are characterised coordinatewise (`fixed_iff`: a fixed
  point has `η (C w - q w) = 0`, and `mul_eq_zero` with `η ≠ 0`); scalars are cancelled from
  `a • w = b • w` through `⟪·, w⟫` (`smul_left_cancel`) and from `c a = c b` by
  `mul_left_cancel₀`.

## References

* E. Oja, "Simplified neuron model as a principal component analyzer", 1982.
-/

namespace LearningRules.Oja

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- Squared norm of `w + c • d`: `⟪w, w⟫ + 2 c ⟪w, d⟫ + c c ⟪d, d⟫`. -/
theorem dot_add_smul_self (w d : Vec K n) (c : K) :
    ⟪w + c • d, w + c • d⟫ = ⟪w, w⟫ + 2 * c * ⟪w, d⟫ + c * c * ⟪d, d⟫ := by
  have hc : ⟪d, w⟫ = ⟪w, d⟫ := Vec.dot_comm d w
  simp only [Vec.dot_add_left, Vec.dot_add_right, Vec.dot_smul_left, Vec.dot_smul_right]
  rw [hc, two_mul, add_mul]
  simp only [mul_add, add_assoc, mul_assoc]

/-- The key expansion of one step:
`⟪w', w'⟫ - ⟪w, w⟫ = 2 (η y² (1 - ⟪w, w⟫)) + η η y² ⟪x - y w, x - y w⟫`, `y = ⟪w, x⟫`. -/
theorem dot_step_self (η : K) (x w : Vec K n) :
    ⟪step η x w, step η x w⟫ - ⟪w, w⟫
      = 2 * (η * (⟪w, x⟫ * ⟪w, x⟫) * (1 - ⟪w, w⟫))
        + η * η * (⟪w, x⟫ * ⟪w, x⟫) * ⟪x - ⟪w, x⟫ • w, x - ⟪w, x⟫ • w⟫ := by
  have h1 : ⟪step η x w, step η x w⟫
      = ⟪w, w⟫ + 2 * (η * ⟪w, x⟫) * ⟪w, x - ⟪w, x⟫ • w⟫
        + (η * ⟪w, x⟫) * (η * ⟪w, x⟫) * ⟪x - ⟪w, x⟫ • w, x - ⟪w, x⟫ • w⟫ :=
    dot_add_smul_self w (x - ⟪w, x⟫ • w) (η * ⟪w, x⟫)
  have h2 : ⟪w, x - ⟪w, x⟫ • w⟫ = ⟪w, x⟫ - ⟪w, x⟫ * ⟪w, w⟫ := by
    rw [Vec.dot_sub_right w x (⟪w, x⟫ • w), Vec.dot_smul_right ⟪w, x⟫ w w]
  rw [h1, h2]
  generalize ⟪x - ⟪w, x⟫ • w, x - ⟪w, x⟫ • w⟫ = D
  generalize ⟪w, x⟫ = y
  generalize ⟪w, w⟫ = s
  have e : s + 2 * (η * y) * (y - y * s) + η * y * (η * y) * D
      = 2 * (η * (y * y) * (1 - s)) + η * η * (y * y) * D + s := by
    simp only [sub_eq_add_neg, mul_add, add_mul, mul_neg, neg_mul, mul_one, add_comm,
      add_left_comm, mul_assoc, mul_comm, mul_left_comm]
  rw [e, add_sub_cancel_right]

/-- The update's component along `w` (identity). -/
theorem inner_update : inner_update_spec := by
  intro K _ _ _ _ _ _ n η x w
  have h1 : ⟪w, step η x w - w⟫ = ⟪w, step η x w⟫ - ⟪w, w⟫ :=
    Vec.dot_sub_right w (step η x w) w
  have h2 : ⟪w, step η x w⟫ = ⟪w, w⟫ + ⟪w, (η * ⟪w, x⟫) • (x - ⟪w, x⟫ • w)⟫ :=
    Vec.dot_add_right w w ((η * ⟪w, x⟫) • (x - ⟪w, x⟫ • w))
  have h3 : ⟪w, (η * ⟪w, x⟫) • (x - ⟪w, x⟫ • w)⟫ = (η * ⟪w, x⟫) * ⟪w, x - ⟪w, x⟫ • w⟫ :=
    Vec.dot_smul_right (η * ⟪w, x⟫) w (x - ⟪w, x⟫ • w)
  have h4 : ⟪w, x - ⟪w, x⟫ • w⟫ = ⟪w, x⟫ - ⟪w, ⟪w, x⟫ • w⟫ :=
    Vec.dot_sub_right w x (⟪w, x⟫ • w)
  have h5 : ⟪w, ⟪w, x⟫ • w⟫ = ⟪w, x⟫ * ⟪w, w⟫ := Vec.dot_smul_right ⟪w, x⟫ w w
  rw [h1, h2, h3, h4, h5]
  generalize ⟪w, x⟫ = y
  generalize ⟪w, w⟫ = s
  rw [add_comm s, add_sub_cancel_right]
  simp only [sub_eq_add_neg, mul_add, mul_neg, mul_one, add_comm, mul_comm, mul_left_comm]

/-- On the unit sphere exactly, the update is orthogonal to `w` (other). -/
theorem orthogonal_iff : orthogonal_iff_spec := by
  intro K _ _ _ _ _ _ n η x w hy hη
  have hiu : ⟪w, step η x w - w⟫ = η * (⟪w, x⟫ * ⟪w, x⟫) * (1 - ⟪w, w⟫) :=
    inner_update K n η x w
  rw [hiu]
  have hyy : 0 < ⟪w, x⟫ * ⟪w, x⟫ := mul_self_pos hy
  constructor
  · intro h0
    have hyy0 : ⟪w, x⟫ * ⟪w, x⟫ ≠ 0 := ne_of_gt hyy
    have hne : η * (⟪w, x⟫ * ⟪w, x⟫) ≠ 0 := mul_ne_zero hη hyy0
    refine Classical.byContradiction (fun hs => ?_)
    have h1s : 1 - ⟪w, w⟫ ≠ 0 := by
      intro h1
      exact hs (eq_of_sub_eq_zero h1).symm
    exact mul_ne_zero hne h1s h0
  · intro hs
    rw [hs, sub_self, mul_zero]

/-- The norm identity (identity). -/
theorem norm_identity : norm_identity_spec := by
  intro K _ _ _ _ _ _ n η x w
  have h := dot_step_self η x w
  have h' := sub_add_cancel ⟪step η x w, step η x w⟫ ⟪w, w⟫
  rw [h] at h'
  rw [← h']
  generalize ⟪x - ⟪w, x⟫ • w, x - ⟪w, x⟫ • w⟫ = D
  generalize ⟪w, x⟫ = y
  generalize ⟪w, w⟫ = s
  simp only [sub_eq_add_neg, mul_add, add_mul, mul_neg, neg_mul, neg_neg, neg_add, mul_one,
    one_mul, add_assoc, add_comm, add_left_comm, mul_assoc, mul_comm, mul_left_comm]

/-- Inside the unit ball the squared norm grows (other). -/
theorem norm_increase : norm_increase_spec := by
  intro K _ _ _ _ _ _ n η x w hs hy hη
  have h := dot_step_self η x w
  have hyy : 0 < ⟪w, x⟫ * ⟪w, x⟫ := mul_self_pos hy
  have h1s : 0 < 1 - ⟪w, w⟫ := sub_pos.mpr hs
  have hA : 0 < η * (⟪w, x⟫ * ⟪w, x⟫) * (1 - ⟪w, w⟫) :=
    mul_pos (mul_pos hη hyy) h1s
  have hB : 0 ≤ η * η * (⟪w, x⟫ * ⟪w, x⟫) * ⟪x - ⟪w, x⟫ • w, x - ⟪w, x⟫ • w⟫ :=
    mul_nonneg (mul_nonneg (mul_self_nonneg η) (mul_self_nonneg ⟪w, x⟫))
      (Vec.dot_self_nonneg (x - ⟪w, x⟫ • w))
  apply lt_of_sub_pos
  rw [h]
  exact add_pos_of_pos_of_nonneg (mul_pos zero_lt_two hA) hB

/-- Outside the unit ball, for a small enough step, the squared norm shrinks (other). -/
theorem norm_decrease : norm_decrease_spec := by
  intro K _ _ _ _ _ _ n η x w hs hy hη hstep
  have h := dot_step_self η x w
  have hyy : 0 < ⟪w, x⟫ * ⟪w, x⟫ := mul_self_pos hy
  have hgap : 0 < 2 * (⟪w, w⟫ - 1) - η * ⟪x - ⟪w, x⟫ • w, x - ⟪w, x⟫ • w⟫ := sub_pos.mpr hstep
  have hP : 0 < η * (⟪w, x⟫ * ⟪w, x⟫)
      * (2 * (⟪w, w⟫ - 1) - η * ⟪x - ⟪w, x⟫ • w, x - ⟪w, x⟫ • w⟫) :=
    mul_pos (mul_pos hη hyy) hgap
  have hid : ⟪step η x w, step η x w⟫ - ⟪w, w⟫
      = -(η * (⟪w, x⟫ * ⟪w, x⟫)
          * (2 * (⟪w, w⟫ - 1) - η * ⟪x - ⟪w, x⟫ • w, x - ⟪w, x⟫ • w⟫)) := by
    rw [h]
    generalize ⟪x - ⟪w, x⟫ • w, x - ⟪w, x⟫ • w⟫ = D
    generalize ⟪w, x⟫ = y
    generalize ⟪w, w⟫ = s
    simp only [sub_eq_add_neg, mul_add, add_mul, mul_neg, neg_mul, neg_neg, neg_add, mul_one,
      one_mul, add_comm, mul_assoc, mul_comm, mul_left_comm]
  apply sub_neg.mp
  rw [hid]
  exact neg_neg_iff_pos.mpr hP

/-- Cancelling a nonzero vector: `w ≠ 0 → a • w = b • w → a = b` (pair both sides with `w`). -/
theorem smul_left_cancel {a b : K} {w : Vec K n} (hw : w ≠ 0) (h : a • w = b • w) : a = b := by
  have e : ⟪a • w, w⟫ = ⟪b • w, w⟫ := by rw [h]
  rw [Vec.dot_smul_left, Vec.dot_smul_left, mul_comm a, mul_comm b] at e
  exact mul_left_cancel₀ (ne_of_gt (Vec.dot_self_pos hw)) e

/-- Fixed points of the averaged Oja map (other): `stepC η C w = w ↔ C w = ⟪w, C w⟫ • w` for
`η ≠ 0`, coordinatewise. -/
theorem fixed_iff : fixed_iff_spec := by
  intro K _ _ _ _ _ _ n η C w hη
  constructor
  · intro h
    apply Vec.ext
    intro i
    have hi : w i + η * (Mat.mulVec C w i - Mat.quadForm C w * w i) = w i := congrFun h i
    have h0 : η * (Mat.mulVec C w i - Mat.quadForm C w * w i) = 0 := add_right_eq_self.mp hi
    cases mul_eq_zero.mp h0 with
    | inl h1 => exact absurd h1 hη
    | inr h1 => exact eq_of_sub_eq_zero h1
  · intro h
    apply Vec.ext
    intro i
    show w i + η * (Mat.mulVec C w i - Mat.quadForm C w * w i) = w i
    have hi : Mat.mulVec C w i = Mat.quadForm C w * w i := congrFun h i
    rw [hi, sub_self, mul_zero, add_zero]

/-- An eigenvector with nonzero eigenvalue is fixed iff it is a unit vector (other): with
`C w = λ • w`, `⟪w, C w⟫ = λ ⟪w, w⟫`, so `fixed_iff` asks `λ • w = (λ ⟪w, w⟫) • w`. -/
theorem eigen_fixed_iff : eigen_fixed_iff_spec := by
  intro K _ _ _ _ _ _ n η lam C w hη hlam hw hev
  have hq : Mat.quadForm C w = lam * ⟪w, w⟫ := by
    show ⟪w, Mat.mulVec C w⟫ = lam * ⟪w, w⟫
    rw [hev, Vec.dot_smul_right]
  rw [fixed_iff K n η C w hη, hev, hq]
  constructor
  · intro h
    have h1 : lam = lam * ⟪w, w⟫ := smul_left_cancel hw h
    have h2 : lam * 1 = lam * ⟪w, w⟫ := by
      rw [mul_one]
      exact h1
    exact (mul_left_cancel₀ hlam h2).symm
  · intro h
    rw [h, mul_one]

/-- For positive definite `C`, the nonzero fixed points are exactly the unit eigenvectors (other):
a fixed point has `C w = q • w` with `q = ⟪w, C w⟫ > 0`, and `q = ⟪w, q • w⟫ = q ⟪w, w⟫` forces
`⟪w, w⟫ = 1`; conversely a unit eigenvector has `⟪w, C w⟫ = λ`. -/
theorem fixed_points : fixed_points_spec := by
  intro K _ _ _ _ _ _ n η C w hpd hη hw
  rw [fixed_iff K n η C w hη]
  constructor
  · intro h
    have hqpos : 0 < Mat.quadForm C w := hpd w hw
    have e : ⟪w, Mat.mulVec C w⟫ = ⟪w, Mat.quadForm C w • w⟫ := by rw [← h]
    rw [Vec.dot_smul_right] at e
    have h2 : Mat.quadForm C w * 1 = Mat.quadForm C w * ⟪w, w⟫ := by
      rw [mul_one]
      exact e
    exact ⟨(mul_left_cancel₀ (ne_of_gt hqpos) h2).symm, ⟨Mat.quadForm C w, h⟩⟩
  · intro h
    cases h with
    | intro hs hex =>
      cases hex with
      | intro lam hl =>
        have hq : Mat.quadForm C w = lam := by
          show ⟪w, Mat.mulVec C w⟫ = lam
          rw [hl, Vec.dot_smul_right, hs, mul_one]
        rw [hq]
        exact hl

end LearningRules.Oja
