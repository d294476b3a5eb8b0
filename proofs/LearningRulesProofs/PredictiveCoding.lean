import LearningRulesProofs.Vec
import LearningRules.PredictiveCoding

/-!
# Proofs for predictive-coding inference

## Main definitions

None: this file proves the statements of `lean/LearningRules/PredictiveCoding.lean`.

## Main statements

* `LearningRules.PredictiveCoding.energy_decrease` : `energy_decrease_spec`.
* `LearningRules.PredictiveCoding.fixed_point` : `fixed_point_spec`.
* `LearningRules.PredictiveCoding.equilibrium` : `equilibrium_spec`.
* `LearningRules.PredictiveCoding.weight_updates` : `weight_updates_spec`.
* `LearningRules.PredictiveCoding.coincide` : `coincide_spec`.

## Implementation notes

The energy is quadratic, so a step `mu - γ • g` along any `g` with
`⟪g, g⟫ = lam ⟪mu - mu0, g⟫ - ⟪Wᵀ (x - W mu), g⟫` (which the gradient satisfies) changes it
exactly by `- γ ⟪g, g⟫ + γ² / 2 (⟪W g, W g⟫ + lam ⟪g, g⟫)` (`energy_sub_smul_eq`). The proof expands
both squared norms with `Vec.dot_sub_smul_self` and moves `Wᵀ` across the dot product with
`Vec.dot_mulVec_transpose`; the doubled cross terms are halved by the algebra layer's
`sub_two_mul_add_div_two` and `div_two_mul_sub_two_mul_add`, and the remaining scalar identity
`energy_expand_aux` is a rearrangement proved by `simp only` with its ring lemmas (no `grind`). The
curvature bound then gives the descent inequality, with `one_sub_half_pos` and `sub_lt_self`.

The two-layer statements rest on two vector facts: at equilibrium the hidden error is `W₂ᵀ ε`
(`hiddenError_eq`), and the hidden node is its prediction plus its error, `μ = W₁ x + hiddenError`
(`mu_eq`), so `W₂ μ = W₂ (W₁ x) + W₂ (W₂ᵀ ε)` by `Vec.mulVec_add`. For `coincide`, `d = ε - δ`
solves `d + W₂ (W₂ᵀ d) = 0` when `W₂ (W₂ᵀ δ) = 0`; pairing with `d` and moving `W₂` across
(`Vec.dot_mulVec_transpose`) gives `⟪d, d⟫ + ⟪W₂ᵀ d, W₂ᵀ d⟫ = 0`, so `d = 0`; the same move
gives `⟪W₂ᵀ δ, W₂ᵀ δ⟫ = ⟪δ, W₂ W₂ᵀ δ⟫ = 0`, so the hidden node sits at `W₁ x`.

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
    exact mul_nonneg (mul_self_nonneg γ) (inv_nonneg (le_of_lt zero_lt_two))
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
  exact lt_of_le_of_lt hle (sub_lt_self _ hpos)

/-- `fixed_point_spec`: at a stationary point, `lam • (mu - mu0) = Wᵀ (x - W mu)`. -/
theorem fixed_point : LearningRules.PredictiveCoding.fixed_point_spec := by
  intro K _ _ _ _ _ _ m n W lam mu0 x mu h
  funext i
  have hi : lam * (mu i - mu0 i) - Mat.mulVec (Mat.transpose W) (x - Mat.mulVec W mu) i = 0 :=
    congrFun h i
  show lam * (mu i - mu0 i) = Mat.mulVec (Mat.transpose W) (x - Mat.mulVec W mu) i
  exact eq_of_sub_eq_zero hi

/-! ### Two-layer linear network against backpropagation -/

/-- The coordinate identity behind `coincide`: `(e - (e + a)) + (a - 0) = 0`. -/
theorem sub_add_sub_zero (e a : K) : (e - (e + a)) + (a - 0) = 0 := by
  rw [sub_zero, sub_eq_add_neg, neg_add, ← add_assoc, add_neg_cancel, zero_add, neg_add_cancel]

section TwoLayer

variable {h p : Nat}

/-- The hidden node is its prediction plus its error: `μ = W₁ x + hiddenError W₁ x μ`. -/
theorem mu_eq (W₁ : Mat K h n) (x : Vec K n) (μ : Vec K h) :
    μ = Mat.mulVec W₁ x + hiddenError W₁ x μ := by
  funext i
  show μ i = Mat.mulVec W₁ x i + (μ i - Mat.mulVec W₁ x i)
  rw [add_comm, sub_add_cancel]

/-- At an equilibrium (`netGrad = 0`) the hidden error is the back-projected output error. -/
theorem hiddenError_eq {W₁ : Mat K h n} {W₂ : Mat K p h} {x : Vec K n} {y : Vec K p} {μ : Vec K h}
    (hg : netGrad W₁ W₂ x y μ = 0) :
    hiddenError W₁ x μ = Mat.mulVec (Mat.transpose W₂) (outputError W₂ y μ) := by
  funext i
  have hi : hiddenError W₁ x μ i - Mat.mulVec (Mat.transpose W₂) (outputError W₂ y μ) i = 0 :=
    congrFun hg i
  exact eq_of_sub_eq_zero hi

/-- At an equilibrium the output error solves `ε + W₂ (W₂ᵀ ε) = δ`. -/
theorem outputError_eq {W₁ : Mat K h n} {W₂ : Mat K p h} {x : Vec K n} {y : Vec K p} {μ : Vec K h}
    (hg : netGrad W₁ W₂ x y μ = 0) :
    outputError W₂ y μ + Mat.mulVec W₂ (Mat.mulVec (Mat.transpose W₂) (outputError W₂ y μ)) =
      bpError W₁ W₂ x y := by
  have hμ := congrArg (Mat.mulVec W₂) (mu_eq W₁ x μ)
  rw [Vec.mulVec_add, hiddenError_eq hg] at hμ
  funext i
  have hi := congrFun hμ i
  show (y i - Mat.mulVec W₂ μ i) +
      Mat.mulVec W₂ (Mat.mulVec (Mat.transpose W₂) (outputError W₂ y μ)) i =
    y i - Mat.mulVec W₂ (Mat.mulVec W₁ x) i
  rw [hi]
  exact sub_add_add_cancel_right (y i) (Mat.mulVec W₂ (Mat.mulVec W₁ x) i) _

end TwoLayer

/-- `equilibrium_spec`: at an inference equilibrium the hidden error is `W₂ᵀ ε` and the output error
`ε` solves `(I + W₂ W₂ᵀ) ε = δ`. -/
theorem equilibrium : LearningRules.PredictiveCoding.equilibrium_spec := by
  intro K _ _ _ _ _ _ n h p W₁ W₂ x y μ hg
  exact ⟨hiddenError_eq hg, outputError_eq hg⟩

/-- `weight_updates_spec`: at an inference equilibrium PC's updates are backprop's with `δ` replaced
by `ε`, the second layer's up to the term `ε (W₂ᵀ ε)ᵀ`. -/
theorem weight_updates : LearningRules.PredictiveCoding.weight_updates_spec := by
  intro K _ _ _ _ _ _ n h p W₁ W₂ x y μ hg
  constructor
  · show outer (hiddenError W₁ x μ) x =
      outer (Mat.mulVec (Mat.transpose W₂) (outputError W₂ y μ)) x
    rw [hiddenError_eq hg]
  · intro i j
    have hj := congrFun (mu_eq W₁ x μ) j
    rw [hiddenError_eq hg] at hj
    show outputError W₂ y μ i * μ j =
      outputError W₂ y μ i * Mat.mulVec W₁ x j +
        outputError W₂ y μ i * Mat.mulVec (Mat.transpose W₂) (outputError W₂ y μ) j
    rw [← mul_add]
    exact congrArg (fun t => outputError W₂ y μ i * t) hj

/-- `coincide_spec`: at an inference equilibrium `ε = δ ↔ W₂ (W₂ᵀ δ) = 0`, and then PC's updates are
backpropagation's. -/
theorem coincide : LearningRules.PredictiveCoding.coincide_spec := by
  intro K _ _ _ _ _ _ n h p W₁ W₂ x y μ hg
  have heq := outputError_eq hg
  have hiff : outputError W₂ y μ = bpError W₁ W₂ x y ↔
      Mat.mulVec W₂ (Mat.mulVec (Mat.transpose W₂) (bpError W₁ W₂ x y)) = 0 := by
    constructor
    · intro hed
      rw [hed] at heq
      funext i
      exact add_right_eq_self.mp (congrFun heq i)
    · intro hz
      have hd : (outputError W₂ y μ - bpError W₁ W₂ x y) +
          Mat.mulVec W₂ (Mat.mulVec (Mat.transpose W₂)
            (outputError W₂ y μ - bpError W₁ W₂ x y)) = 0 := by
        rw [Vec.mulVec_sub (Mat.transpose W₂), Vec.mulVec_sub W₂, hz]
        funext i
        have hi := congrFun heq i
        show (outputError W₂ y μ i - bpError W₁ W₂ x y i) +
            (Mat.mulVec W₂ (Mat.mulVec (Mat.transpose W₂) (outputError W₂ y μ)) i - 0) = 0
        rw [← hi]
        exact sub_add_sub_zero _ _
      have hdot : ⟪outputError W₂ y μ - bpError W₁ W₂ x y,
          (outputError W₂ y μ - bpError W₁ W₂ x y) +
            Mat.mulVec W₂ (Mat.mulVec (Mat.transpose W₂)
              (outputError W₂ y μ - bpError W₁ W₂ x y))⟫ =
          ⟪outputError W₂ y μ - bpError W₁ W₂ x y, 0⟫ :=
        congrArg (fun v => ⟪outputError W₂ y μ - bpError W₁ W₂ x y, v⟫) hd
      rw [Vec.dot_add_right, Vec.dot_mulVec_transpose, Vec.dot_zero_right] at hdot
      have h0 := eq_zero_of_add_eq_zero_left (Vec.dot_self_nonneg _) (Vec.dot_self_nonneg _) hdot
      have hz' := Vec.eq_zero_of_dot_self_eq_zero h0
      funext i
      exact eq_of_sub_eq_zero (congrFun hz' i)
  refine ⟨hiff, fun hz => ?_⟩
  have hed := hiff.mpr hz
  have hG : Mat.mulVec (Mat.transpose W₂) (bpError W₁ W₂ x y) = 0 := by
    have e : ⟪bpError W₁ W₂ x y,
        Mat.mulVec W₂ (Mat.mulVec (Mat.transpose W₂) (bpError W₁ W₂ x y))⟫ = 0 := by
      rw [hz, Vec.dot_zero_right]
    rw [Vec.dot_mulVec_transpose] at e
    exact Vec.eq_zero_of_dot_self_eq_zero e
  have hμ : μ = Mat.mulVec W₁ x := by
    funext j
    have hj := congrFun (mu_eq W₁ x μ) j
    rw [hiddenError_eq hg, hed, hG] at hj
    rw [hj]
    exact add_zero _
  constructor
  · show outer (hiddenError W₁ x μ) x =
      outer (Mat.mulVec (Mat.transpose W₂) (bpError W₁ W₂ x y)) x
    rw [hiddenError_eq hg, hed]
  · funext i j
    show outputError W₂ y μ i * μ j = bpError W₁ W₂ x y i * Mat.mulVec W₁ x j
    rw [hed]
    exact congrArg (fun t => bpError W₁ W₂ x y i * t) (congrFun hμ j)

end LearningRules.PredictiveCoding
