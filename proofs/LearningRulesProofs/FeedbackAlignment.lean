import LearningRules.FeedbackAlignment
import LearningRulesProofs.Vec

/-!
# Proofs for feedback alignment

## Main statements

Proofs of the statements of `lean/LearningRules/FeedbackAlignment.lean`: `first_order` and
`improves`.

## Implementation notes

* `mulVec_faStep` : the updated first layer maps `x` to `W₁ x - (η ⟪x, x⟫) • B e`, because row `i`
  of the update is `W₁ i - (η (B e) i) • x`. The row `W₁ i` has type `Fin n → K`, not `Vec K n`,
  so that difference is only formed by instantiating `Vec.dot_sub_left`, never written with `-`
  (which would look for an instance `Sub (Fin n → K)` that core does not provide).
* `error_faStep` : the new error is `e - (η ⟪x, x⟫) • W₂ (B e)`, by linearity of `W₂`
  (`Vec.mulVec_sub`, `Vec.mulVec_smul`).
* The loss is then expanded with `Vec.dot_sub_smul_self`; the doubled cross term is halved by
  `sub_two_mul_add_div_two` and the rest is the commutative rearrangement `first_order_aux`.
  Strict descent writes the change as `- η ⟪x, x⟫ (⟪e, u⟫ - η ⟪x, x⟫ ⟪u, u⟫ / 2)` (`improves_aux`),
  a product of positives (`LearningRules.mul_pos`, with `div_two_lt_of_lt_two_mul`).
* Scalar identities are proved by `rw` with the algebra layer (`LearningRulesProofs.Algebra`) and
  by `simp only [...]` with its commutativity and associativity lemmas; no `grind`.

## References

* T. P. Lillicrap, D. Cownden, D. B. Tweed and C. J. Akerman, 2016.
-/

namespace LearningRules.FeedbackAlignment

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n h p : Nat}

/-- Swapping the two subtracted terms: `a - b - c = a - c - b`. -/
theorem sub_sub_comm (a b c : K) : a - b - c = a - c - b := by
  simp only [sub_eq_add_neg, add_assoc, add_comm (-b) (-c)]

/-- Halving a sum with a doubled middle term: `(a - 2 * b + c) / 2 = a / 2 - b + c / 2`. -/
theorem sub_two_mul_add_div_two (a b c : K) : (a - 2 * b + c) / 2 = a / 2 - b + c / 2 := by
  rw [div_eq_mul_inv, div_eq_mul_inv, div_eq_mul_inv, sub_eq_add_neg, add_mul, add_mul, neg_mul,
    mul_comm 2 b, mul_assoc b 2 2⁻¹, mul_inv_cancel₀ two_ne_zero, mul_one, ← sub_eq_add_neg]

/-- Halving a strict bound by a double: `a < 2 * b → a / 2 < b`. -/
theorem div_two_lt_of_lt_two_mul {a b : K} (h : a < 2 * b) : a / 2 < b := by
  have h' := mul_lt_mul_of_pos_right h (inv_pos zero_lt_two)
  rw [mul_comm 2 b, mul_assoc b 2 2⁻¹, mul_inv_cancel₀ two_ne_zero, mul_one, ← div_eq_mul_inv]
    at h'
  exact h'

/-- Subtracting a positive quantity makes a number smaller: `0 < b → a - b < a`. -/
theorem sub_lt_self_of_pos {a b : K} (hb : 0 < b) : a - b < a := by
  have h := add_lt_add_left (neg_neg_iff_pos.mpr hb) a
  rw [add_zero, ← sub_eq_add_neg] at h
  exact h

/-- The scalar identity behind `first_order`, with `t = η X`:
`E / 2 - t D + t t U / 2 = E / 2 - η D X + η η (X X) U / 2`. -/
theorem first_order_aux (E D U X η : K) :
    E / 2 - η * X * D + η * X * (η * X) * U / 2 = E / 2 - η * D * X + η * η * (X * X) * U / 2 := by
  simp only [div_eq_mul_inv, sub_eq_add_neg, neg_mul, mul_neg, mul_assoc, mul_comm, mul_left_comm]

/-- The scalar identity behind `improves`:
`l - η D X + η η (X X) U / 2 = l - η X (D - η X U / 2)`. -/
theorem improves_aux (l D U X η : K) :
    l - η * D * X + η * η * (X * X) * U / 2 = l - η * X * (D - η * X * U / 2) := by
  simp only [div_eq_mul_inv, sub_eq_add_neg, mul_add, neg_add, neg_mul, mul_neg, neg_neg,
    add_assoc, mul_assoc, mul_comm, mul_left_comm]

/-- The updated first layer on the input: `W₁' x = W₁ x - (η ⟪x, x⟫) • B e`. -/
theorem mulVec_faStep (η : K) (B : Mat K h p) (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n)
    (y : Vec K p) :
    Mat.mulVec (faStep η B W₁ W₂ x y) x
      = Mat.mulVec W₁ x - (η * ⟪x, x⟫) • Mat.mulVec B (error W₁ W₂ x y) := by
  apply Vec.ext
  intro i
  have e1 := Vec.dot_sub_left (W₁ i) ((η * Mat.mulVec B (error W₁ W₂ x y) i) • x) x
  have e2 := Vec.dot_smul_left (η * Mat.mulVec B (error W₁ W₂ x y) i) x x
  rw [e2] at e1
  refine e1.trans ?_
  show ⟪W₁ i, x⟫ - η * Mat.mulVec B (error W₁ W₂ x y) i * ⟪x, x⟫
    = ⟪W₁ i, x⟫ - η * ⟪x, x⟫ * Mat.mulVec B (error W₁ W₂ x y) i
  rw [mul_assoc η, mul_assoc η, mul_comm (Mat.mulVec B (error W₁ W₂ x y) i)]

/-- The error after one step: `e' = e - (η ⟪x, x⟫) • W₂ (B e)`. -/
theorem error_faStep (η : K) (B : Mat K h p) (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n)
    (y : Vec K p) :
    error (faStep η B W₁ W₂ x y) W₂ x y
      = error W₁ W₂ x y - (η * ⟪x, x⟫) • Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y)) := by
  show Mat.mulVec W₂ (Mat.mulVec (faStep η B W₁ W₂ x y) x) - y
    = (Mat.mulVec W₂ (Mat.mulVec W₁ x) - y)
      - (η * ⟪x, x⟫) • Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))
  rw [mulVec_faStep, Vec.mulVec_sub, Vec.mulVec_smul]
  apply Vec.ext
  intro i
  simp only [Vec.sub_apply, Vec.smul_apply]
  exact sub_sub_comm _ _ _

/-- The loss after one step as an exact polynomial in `η` (identity). -/
theorem first_order : first_order_spec := by
  intro K _ _ _ _ _ _ n h p η B W₁ W₂ x y
  have he := error_faStep η B W₁ W₂ x y
  have hexp := Vec.dot_sub_smul_self (error W₁ W₂ x y)
    (Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))) (η * ⟪x, x⟫)
  show ⟪error (faStep η B W₁ W₂ x y) W₂ x y, error (faStep η B W₁ W₂ x y) W₂ x y⟫ / 2
    = ⟪error W₁ W₂ x y, error W₁ W₂ x y⟫ / 2
      - η * ⟪error W₁ W₂ x y, Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫ * ⟪x, x⟫
      + η * η * (⟪x, x⟫ * ⟪x, x⟫)
        * ⟪Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y)),
            Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫ / 2
  rw [he, hexp, mul_assoc 2 (η * ⟪x, x⟫), sub_two_mul_add_div_two]
  exact first_order_aux _ _ _ _ _

/-- Strict descent of the loss under alignment and a small step (improvement). -/
theorem improves : improves_spec := by
  intro K _ _ _ _ _ _ n h p η B W₁ W₂ x y _halign hx _he hη hsmall
  have hfo := first_order K n h p η B W₁ W₂ x y
  have hxx : 0 < ⟪x, x⟫ := Vec.dot_self_pos hx
  have ht : 0 < η * ⟪x, x⟫ := mul_pos hη hxx
  have hgap : 0 < ⟪error W₁ W₂ x y, Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫
      - η * ⟪x, x⟫ * ⟪Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y)),
          Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫ / 2 :=
    sub_pos.mpr (div_two_lt_of_lt_two_mul hsmall)
  have hP := mul_pos ht hgap
  rw [hfo, improves_aux]
  exact sub_lt_self_of_pos hP

end LearningRules.FeedbackAlignment
