import LearningRules.GradientDescent
import LearningRulesProofs.Vec
import LearningRulesProofs.Learning

/-!
# Proofs for gradient descent on an L-smooth objective

## Main definitions

None: this file proves the statements of `lean/LearningRules/GradientDescent.lean`.

## Main statements

* `descent_bound` : `F (w - η g) ≤ F w - η (1 - L η / 2) ⟪g, g⟫`.
* `improves` : strict decrease for `0 < η`, `η L < 2`, `g ≠ 0`.
* `best_step_decrease` : `F (w - g / L) ≤ F w - ⟪g, g⟫ / (2 L)`.
* `pl_rate` : the linear rate `ρ ^ k` under the Polyak–Łojasiewicz inequality.
* `nonconvex_min_grad` : `min_{k < T} ⟪g_k, g_k⟫ · η (2 - L η) T ≤ 2 (F w₀ - F*)`.

## Implementation notes

The descent bound instantiates the quadratic upper bound at `y = w - η g`, where
`y - w = (-η) • g` (`Vec.sub_smul_sub_self`). The PL rate chains the one-step contraction
`pl_step` through `LearningRules.linear_rate`; the non-convex bound is an induction on the number
of steps (`min_grad_aux`) that carries the running minimiser and the telescoped sum of the
one-step decreases.

## References

* Y. Nesterov, *Introductory Lectures on Convex Optimization*, 2004, §1.2.3.
* H. Karimi, J. Nutini, M. Schmidt, 2016, Theorem 1.
-/

namespace LearningRules.GradientDescent

open LearningRules

/-- One gradient step satisfies `F w' ≤ F w - η (1 - L η / 2) ⟪g, g⟫`. -/
theorem descent_bound : descent_bound_spec := by
  intro K _ _ _ _ _ _ n F grad L η w hF
  have hup := hF.upper w (step grad η w)
  have hd : step grad η w - w = (-η) • grad w := Vec.sub_smul_sub_self w (grad w) η
  have e1 : ⟪grad w, (-η) • grad w⟫ = -η * ⟪grad w, grad w⟫ :=
    Vec.dot_smul_right (-η) (grad w) (grad w)
  have e2 : ⟪(-η) • grad w, (-η) • grad w⟫ = -η * (-η * ⟪grad w, grad w⟫) := by
    rw [Vec.dot_smul_left (-η) (grad w) ((-η) • grad w),
      Vec.dot_smul_right (-η) (grad w) (grad w)]
  rw [hd, e1, e2] at hup
  grind

/-- Strict improvement (ΔF > 0) for `0 < η`, `η L < 2` and `grad w ≠ 0`. -/
theorem improves : improves_spec := by
  intro K _ _ _ _ _ _ n F grad L η w hF hη hg
  have hd := descent_bound K n F grad L η w hF
  have hη0 : 0 < η := hη.step_pos
  have hηL : η * L < 2 := hη.step_mul_lt_two
  have hc : 0 < 1 - L * η / 2 := by grind
  have hG : 0 < ⟪grad w, grad w⟫ := Vec.dot_self_pos hg
  have hp : 0 < η * (1 - L * η / 2) * ⟪grad w, grad w⟫ :=
    Lean.Grind.OrderedRing.mul_pos (Lean.Grind.OrderedRing.mul_pos hη0 hc) hG
  show F (step grad η w) < F w
  grind

/-- The step `1 / L` decreases `F` by at least `⟪g, g⟫ / (2 L)`. -/
theorem best_step_decrease : best_step_decrease_spec := by
  intro K _ _ _ _ _ _ n F grad L w hF hL
  have hd := descent_bound K n F grad L (1 / L) w hF
  have hL0 : L ≠ 0 := by grind
  have hinv : L * L⁻¹ = 1 := Lean.Grind.Field.mul_inv_cancel hL0
  have h2L0 : 2 * L ≠ 0 := by grind
  have hinv2 : 2 * L * (2 * L)⁻¹ = 1 := Lean.Grind.Field.mul_inv_cancel h2L0
  have hdiv : 1 / L = 1 * L⁻¹ := Lean.Grind.Field.div_eq_mul_inv 1 L
  have hu : L * (1 / L) = 1 := by
    rw [hdiv]
    grind
  have hcoef : 1 / L * (1 - L * (1 / L) / 2) = 1 / L / 2 := by
    rw [hu]
    grind
  have hw : (2 * L)⁻¹ = L⁻¹ / 2 := by
    calc (2 * L)⁻¹ = (2 * L)⁻¹ * (L * L⁻¹) := by rw [hinv]; grind
      _ = (2 * L * (2 * L)⁻¹) * L⁻¹ / 2 := by grind
      _ = 1 * L⁻¹ / 2 := by rw [hinv2]
      _ = L⁻¹ / 2 := by grind
  have hv : ⟪grad w, grad w⟫ / (2 * L) = 1 / L / 2 * ⟪grad w, grad w⟫ := by
    rw [Lean.Grind.Field.div_eq_mul_inv ⟪grad w, grad w⟫ (2 * L), hw, hdiv]
    grind
  rw [hcoef] at hd
  rw [hv]
  exact hd

/-- One step contracts the gap under Polyak–Łojasiewicz:
`F (step grad η w) - Fstar ≤ (1 - μ η (2 - L η)) (F w - Fstar)`. -/
theorem pl_step {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat} {F : Vec K n → K}
    {grad : Vec K n → Vec K n} {L η μ Fstar : K} (w : Vec K n) (hF : IsLSmooth F grad L)
    (hη : StepBound η L) (hPL : PolyakLojasiewicz F grad μ Fstar) :
    F (step grad η w) - Fstar ≤ (1 - μ * η * (2 - L * η)) * (F w - Fstar) := by
  have hd := descent_bound K n F grad L η w hF
  have hη0 : 0 < η := hη.step_pos
  have hηL : η * L < 2 := hη.step_mul_lt_two
  have hη0' : 0 ≤ η := by grind
  have hc1 : 0 ≤ 1 - L * η / 2 := by grind
  have hc : 0 ≤ η * (1 - L * η / 2) := Lean.Grind.OrderedRing.mul_nonneg hη0' hc1
  have hpl : 2 * μ * (F w - Fstar) ≤ ⟪grad w, grad w⟫ := hPL.pl w
  have hm : η * (1 - L * η / 2) * (2 * μ * (F w - Fstar))
      ≤ η * (1 - L * η / 2) * ⟪grad w, grad w⟫ :=
    Lean.Grind.OrderedRing.mul_le_mul_of_nonneg_left hpl hc
  grind

/-- Linear rate of gradient descent under Polyak–Łojasiewicz. -/
theorem pl_rate : pl_rate_spec := by
  intro K _ _ _ _ _ _ n F grad L η μ Fstar w0 k hF hη hPL hρ
  have hstep : ∀ j : Nat, F (iterate (step grad η) (j + 1) w0) - Fstar
      ≤ (1 - μ * η * (2 - L * η)) * (F (iterate (step grad η) j w0) - Fstar) := by
    intro j
    rw [iterate_succ_eq_apply]
    exact pl_step (iterate (step grad η) j w0) hF hη hPL
  have hρ0 : 0 ≤ 1 - μ * η * (2 - L * η) := by grind
  exact linear_rate K (fun j => F (iterate (step grad η) j w0) - Fstar)
    (1 - μ * η * (2 - L * η)) hρ0 hstep k

/-- The running minimum along a sequence with telescoping decreases: if
`c * G j ≤ 2 (V j - V (j+1))` for all `j` and `0 ≤ c`, then for every `T` some `k ≤ T` has
`G k * (c * (T + 1)) ≤ 2 (V 0 - V (T + 1))`. -/
theorem min_grad_aux {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] (G V : Nat → K) (c : K) (hc : 0 ≤ c)
    (hstep : ∀ j : Nat, c * G j ≤ 2 * (V j - V (j + 1))) :
    ∀ T : Nat, ∃ k, k < T + 1 ∧ G k * (c * Vec.natCast (T + 1)) ≤ 2 * (V 0 - V (T + 1)) := by
  intro T
  induction T with
  | zero =>
    refine ⟨0, by omega, ?_⟩
    have h0 := hstep 0
    rw [Vec.natCast_succ, Vec.natCast_zero]
    grind
  | succ T ih =>
    obtain ⟨k, hk, hkb⟩ := ih
    have hs := hstep (T + 1)
    have hN : 0 ≤ (Vec.natCast (T + 1) : K) := Vec.natCast_nonneg (T + 1)
    have hcN : 0 ≤ c * Vec.natCast (T + 1) := Lean.Grind.OrderedRing.mul_nonneg hc hN
    rw [Vec.natCast_succ (T + 1)]
    cases Classical.em (G (T + 1) ≤ G k) with
    | inl hle =>
      refine ⟨T + 1, by omega, ?_⟩
      have hm : G (T + 1) * (c * Vec.natCast (T + 1)) ≤ G k * (c * Vec.natCast (T + 1)) :=
        Lean.Grind.OrderedRing.mul_le_mul_of_nonneg_right hle hcN
      grind
    | inr hlt =>
      refine ⟨k, by omega, ?_⟩
      have hle : G k ≤ G (T + 1) := by grind
      have hm : c * G k ≤ c * G (T + 1) := Lean.Grind.OrderedRing.mul_le_mul_of_nonneg_left hle hc
      grind

/-- Non-convex stationarity: some iterate `k < T` has
`⟪g_k, g_k⟫ * (η (2 - L η) T) ≤ 2 (F w₀ - Fstar)`. -/
theorem nonconvex_min_grad : nonconvex_min_grad_spec := by
  intro K _ _ _ _ _ _ n F grad L η Fstar w0 T hF hη hlow hT
  cases T with
  | zero => exact absurd hT (Nat.lt_irrefl 0)
  | succ T =>
    have hη0 : 0 < η := hη.step_pos
    have hηL : η * L < 2 := hη.step_mul_lt_two
    have hη0' : 0 ≤ η := by grind
    have hc2 : 0 ≤ 2 - L * η := by grind
    have hc : 0 ≤ η * (2 - L * η) := Lean.Grind.OrderedRing.mul_nonneg hη0' hc2
    have hstep : ∀ j : Nat, η * (2 - L * η)
        * ⟪grad (iterate (step grad η) j w0), grad (iterate (step grad η) j w0)⟫
        ≤ 2 * (F (iterate (step grad η) j w0) - F (iterate (step grad η) (j + 1) w0)) := by
      intro j
      rw [iterate_succ_eq_apply]
      have hd := descent_bound K n F grad L η (iterate (step grad η) j w0) hF
      grind
    obtain ⟨k, hk, hb⟩ := min_grad_aux
      (fun j => ⟪grad (iterate (step grad η) j w0), grad (iterate (step grad η) j w0)⟫)
      (fun j => F (iterate (step grad η) j w0)) (η * (2 - L * η)) hc hstep T
    refine ⟨k, hk, ?_⟩
    have hlowT := hlow (iterate (step grad η) (T + 1) w0)
    have hb' : ⟪grad (iterate (step grad η) k w0), grad (iterate (step grad η) k w0)⟫
        * (η * (2 - L * η) * Vec.natCast (T + 1))
        ≤ 2 * (F w0 - F (iterate (step grad η) (T + 1) w0)) := hb
    grind

end LearningRules.GradientDescent
