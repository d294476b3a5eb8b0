import LearningRules.FeedbackAlignment
import LearningRulesProofs.Vec

/-!
# Proofs for feedback alignment

## Main statements

Proofs of the statements of `lean/LearningRules/FeedbackAlignment.lean`: `first_order`,
`improves`, `bp_descent` and `bias`.

## Implementation notes

* `mulVec_faStep` : the updated first layer maps `x` to `W₁ x - (η ⟪x, x⟫) • B e`, because row `i`
  of the update is `W₁ i - (η (B e) i) • x`. The row `W₁ i` has type `Fin n → K`, not `Vec K n`,
  so that difference is only formed by instantiating `Vec.dot_sub_left`, never written with `-`
  (which would look for an instance `Sub (Fin n → K)` that core does not provide).
* `error_faStep` : the new error is `e - (η ⟪x, x⟫) • W₂ (B e)`, by linearity of `W₂`
  (`Vec.mulVec_sub`, `Vec.mulVec_smul`).
* The loss is then expanded with `Vec.dot_sub_smul_self`; the doubled cross term is halved by
  `sub_two_mul_add_div_two` (of the algebra layer) and the rest is the commutative rearrangement
  `first_order_aux`. Strict descent writes the change as
  `- η ⟪x, x⟫ (⟪e, u⟫ - η ⟪x, x⟫ ⟪u, u⟫ / 2)` (`improves_aux`), a product of positives
  (`LearningRules.mul_pos`, with `LearningRules.div_two_lt_of_lt_two_mul`): this is
  `loss_faStep_lt`. `improves` reaches its hypotheses from the alignment and gain bounds at `v = e`
  through the scalar lemma `step_bound_of_bounds` (products of inequalities, chained).
* Backpropagation is `faStep` with `B = W₂ᵀ` (`bpStep_eq_faStep`), so `bp_descent` is `first_order`
  plus the adjoint identity `Vec.dot_mulVec_transpose`; Frobenius inner products of rank-one
  matrices are `⟪a, b⟫ ⟪x, z⟫` (`matDot_outer`), which gives `bias`.
* Scalar identities are proved by `rw` with the algebra layer (`LearningRulesProofs.Algebra`) and
  by `simp only [...]` with its commutativity and associativity lemmas; no `grind`.

## References

* T. P. Lillicrap, D. Cownden, D. B. Tweed and C. J. Akerman, 2016.
-/

namespace LearningRules.FeedbackAlignment

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n h p : Nat}

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
  exact sub_right_comm _ _ _

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

/-- Strict descent from a positive effective step `t = η ⟪x, x⟫` and the per-error bound
`t ⟪u, u⟫ < 2 ⟪e, u⟫` (`u = W₂ (B e)`): the loss change `-t (⟪e, u⟫ - t ⟪u, u⟫ / 2)` is negative. -/
theorem loss_faStep_lt (η : K) (B : Mat K h p) (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n)
    (y : Vec K p) (ht : 0 < η * ⟪x, x⟫)
    (hsmall : η * ⟪x, x⟫ * ⟪Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y)),
        Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫
      < 2 * ⟪error W₁ W₂ x y, Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫) :
    loss (faStep η B W₁ W₂ x y) W₂ x y < loss W₁ W₂ x y := by
  have hfo := first_order K n h p η B W₁ W₂ x y
  have hgap : 0 < ⟪error W₁ W₂ x y, Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫
      - η * ⟪x, x⟫ * ⟪Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y)),
          Mat.mulVec W₂ (Mat.mulVec B (error W₁ W₂ x y))⟫ / 2 :=
    sub_pos.mpr (div_two_lt_of_lt_two_mul hsmall)
  have hP := mul_pos ht hgap
  rw [hfo, improves_aux]
  exact sub_lt_self _ hP

/-- The scalar core of `improves`: from `0 < E`, `0 ≤ U ≤ β E`, `α E ≤ D` and `0 < t β < 2 α`,
the effective step is positive and `t U < 2 D` (with `E = ⟪e, e⟫`, `U = ⟪u, u⟫`, `D = ⟪e, u⟫`). -/
theorem step_bound_of_bounds {t α β E D U : K} (hE : 0 < E) (hU : 0 ≤ U) (hg : U ≤ β * E)
    (ha : α * E ≤ D) (hpos : 0 < t * β) (hlt : t * β < 2 * α) : 0 < t ∧ t * U < 2 * D := by
  have hβ : 0 ≤ β := by
    refine Classical.byContradiction (fun hn => ?_)
    have h1 : E * β < 0 := mul_neg_of_pos_of_neg hE (not_le.mp hn)
    rw [mul_comm] at h1
    exact lt_irrefl 0 (lt_of_le_of_lt (le_trans hU hg) h1)
  have ht : 0 < t := by
    refine Classical.byContradiction (fun hn => ?_)
    have h1 : 0 ≤ -t * β := mul_nonneg (neg_nonneg.mpr (not_lt.mp hn)) hβ
    rw [neg_mul] at h1
    exact lt_irrefl 0 (lt_of_lt_of_le hpos (neg_nonneg.mp h1))
  refine ⟨ht, ?_⟩
  have h1 : t * U ≤ t * β * E := by
    rw [mul_assoc t β E]
    exact mul_le_mul_of_nonneg_left hg (le_of_lt ht)
  have h2 : t * β * E < 2 * α * E := mul_lt_mul_of_pos_right hlt hE
  have h3 : 2 * α * E ≤ 2 * D := by
    rw [mul_assoc 2 α E]
    exact mul_le_mul_of_nonneg_left ha (le_of_lt zero_lt_two)
  exact lt_of_lt_of_le (lt_of_le_of_lt h1 h2) h3

/-- Strict descent where alignment does the work (improvement): the alignment bound at `v = e`
gives `α ⟪e, e⟫ ≤ ⟪e, u⟫`, the gain bound gives `⟪u, u⟫ ≤ β ⟪e, e⟫`, and `0 < η ⟪x, x⟫ β < 2 α`
turns them into `η ⟪x, x⟫ ⟪u, u⟫ < 2 ⟪e, u⟫` with `η ⟪x, x⟫ > 0` (`step_bound_of_bounds`). -/
theorem improves : improves_spec := by
  intro K _ _ _ _ _ _ n h p η α β B W₁ W₂ x y hal hgain he hpos hlt
  have hb := step_bound_of_bounds (Vec.dot_self_pos he) (Vec.dot_self_nonneg _)
    (hgain (error W₁ W₂ x y)) (hal (error W₁ W₂ x y)) hpos hlt
  cases hb with
  | intro ht hsmall => exact loss_faStep_lt η B W₁ W₂ x y ht hsmall

/-- The Frobenius inner product of two rank-one matrices:
`⟪a xᵀ, b zᵀ⟫_F = ⟪a, b⟫ ⟪x, z⟫`. -/
theorem matDot_outer (a b : Vec K h) (x z : Vec K n) :
    matDot (outer a x) (outer b z) = ⟪a, b⟫ * ⟪x, z⟫ := by
  show Vec.finSum h (fun i => ⟪(a i) • x, (b i) • z⟫) = ⟪a, b⟫ * ⟪x, z⟫
  rw [Vec.dot_eq_finSum a b, ← Vec.finSum_mul_right]
  apply Vec.finSum_congr
  intro i
  show ⟪(a i) • x, (b i) • z⟫ = a i * b i * ⟪x, z⟫
  rw [Vec.dot_smul_left, Vec.dot_smul_right, mul_assoc]

/-- Backpropagation is feedback alignment with `B = W₂ᵀ`: `bpStep η = faStep η W₂ᵀ`. -/
theorem bpStep_eq_faStep (η : K) (W₁ : Mat K h n) (W₂ : Mat K p h) (x : Vec K n) (y : Vec K p) :
    bpStep η W₁ W₂ x y = faStep η (Mat.transpose W₂) W₁ W₂ x y := by
  funext i j
  exact congrArg (fun z => W₁ i j - z)
    (mul_assoc η (Mat.mulVec (Mat.transpose W₂) (error W₁ W₂ x y) i) (x j)).symm

/-- Backpropagation's exact descent (identity): `first_order` with `B = W₂ᵀ`, the adjoint identity
`⟪e, W₂ (W₂ᵀ e)⟫ = ⟪W₂ᵀ e, W₂ᵀ e⟫` and `⟪g, g⟫_F = ⟪W₂ᵀ e, W₂ᵀ e⟫ ⟪x, x⟫` (`matDot_outer`). -/
theorem bp_descent : bp_descent_spec := by
  intro K _ _ _ _ _ _ n h p η W₁ W₂ x y
  have hfo := first_order K n h p η (Mat.transpose W₂) W₁ W₂ x y
  have hadj := Vec.dot_mulVec_transpose W₂ (error W₁ W₂ x y)
    (Mat.mulVec (Mat.transpose W₂) (error W₁ W₂ x y))
  have hg := matDot_outer (Mat.mulVec (Mat.transpose W₂) (error W₁ W₂ x y))
    (Mat.mulVec (Mat.transpose W₂) (error W₁ W₂ x y)) x x
  have hg' : matDot (bpGrad W₁ W₂ x y) (bpGrad W₁ W₂ x y)
      = ⟪Mat.mulVec (Mat.transpose W₂) (error W₁ W₂ x y),
          Mat.mulVec (Mat.transpose W₂) (error W₁ W₂ x y)⟫ * ⟪x, x⟫ := hg
  rw [bpStep_eq_faStep, hfo, hadj, hg',
    mul_assoc η ⟪Mat.mulVec (Mat.transpose W₂) (error W₁ W₂ x y),
      Mat.mulVec (Mat.transpose W₂) (error W₁ W₂ x y)⟫ ⟪x, x⟫]

/-- The bias of feedback alignment (identity): `matDot_outer` on the two rank-one matrices
`(B e) xᵀ` and `(W₂ᵀ e) xᵀ`, and symmetry of the dot product. -/
theorem bias : bias_spec := by
  intro K _ _ _ _ _ _ n h p B W₁ W₂ x y
  have hm := matDot_outer (Mat.mulVec B (error W₁ W₂ x y))
    (Mat.mulVec (Mat.transpose W₂) (error W₁ W₂ x y)) x x
  rw [Vec.dot_comm (Mat.mulVec B (error W₁ W₂ x y))] at hm
  exact hm

end LearningRules.FeedbackAlignment
