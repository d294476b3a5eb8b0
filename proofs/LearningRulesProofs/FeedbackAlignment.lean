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
* The loss is then expanded with `Vec.dot_sub_smul_self`; strict descent is one product of
  positives (`Lean.Grind.OrderedRing.mul_pos`).

## References

* T. P. Lillicrap, D. Cownden, D. B. Tweed and C. J. Akerman, 2016.
-/

namespace LearningRules.FeedbackAlignment

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n h p : Nat}

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
  grind

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
  grind

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
  rw [he, hexp]
  grind

/-- Strict descent of the loss under alignment and a small step (improvement). -/
theorem improves : improves_spec := by
  intro K _ _ _ _ _ _ n h p η B W₁ W₂ x y _halign hx _he hη hsmall
  have hfo := first_order K n h p η B W₁ W₂ x y
  have hxx : 0 < ⟪x, x⟫ := Vec.dot_self_pos hx
  have ht : 0 < η * ⟪x, x⟫ := Lean.Grind.OrderedRing.mul_pos hη hxx
  have hgap : 0 < 2 * ⟪error W₁ W₂ x y, Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫
      - η * ⟪x, x⟫ * ⟪Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y)),
          Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫ := by
    grind
  have hP : 0 < η * ⟪x, x⟫
      * (2 * ⟪error W₁ W₂ x y, Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫
        - η * ⟪x, x⟫ * ⟪Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y)),
            Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫) :=
    Lean.Grind.OrderedRing.mul_pos ht hgap
  have hid : loss (faStep η B W₁ W₂ x y) W₂ x y - loss W₁ W₂ x y
      = -(η * ⟪x, x⟫
          * (2 * ⟪error W₁ W₂ x y, Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫
            - η * ⟪x, x⟫ * ⟪Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y)),
                Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫)) / 2 := by
    rw [hfo]
    grind
  grind

end LearningRules.FeedbackAlignment
