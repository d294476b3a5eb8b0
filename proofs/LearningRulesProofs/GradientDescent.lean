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

The proofs use no `grind`/`omega`: ring identities are closed by `simp only` normalisation with
the commutative-ring lemmas of `LearningRulesProofs.Algebra` (after `div_eq_mul_inv`), and the
order steps by small helper lemmas proved here (`sub_le_sub_right_of_le`, `sub_le_sub_left_of_le`,
`sub_lt_self_of_pos`, `le_sub_of_le_sub`, `half_lt_one_of_lt_two`, `one_sub_half_mul_two`,
`mul_inv_of_ne_zero`, …).

## References

* Y. Nesterov, *Introductory Lectures on Convex Optimization*, 2004, §1.2.3.
* H. Karimi, J. Nutini, M. Schmidt, 2016, Theorem 1.
-/

namespace LearningRules.GradientDescent

open LearningRules

section FieldHelpers

variable {K : Type} [Lean.Grind.Field K]

/-- Telescoping a difference: `a - b + (b - c) = a - c`. -/
theorem sub_add_sub_cancel' (a b c : K) : a - b + (b - c) = a - c := by
  rw [sub_eq_add_neg b c, ← add_assoc, sub_add_cancel, ← sub_eq_add_neg]

/-- Telescoping twice a difference: `2 (a - b) + 2 (b - c) = 2 (a - c)`. -/
theorem two_mul_sub_add_two_mul_sub (a b c : K) : 2 * (a - b) + 2 * (b - c) = 2 * (a - c) := by
  rw [← mul_add, sub_add_sub_cancel']

/-- `1 / a = a⁻¹`. -/
theorem one_div_eq_inv (a : K) : 1 / a = a⁻¹ := by
  rw [div_eq_mul_inv, one_mul]

/-- A right inverse is the inverse: `a * b = 1 → a⁻¹ = b`. -/
theorem inv_eq_of_mul_eq_one_right' {a b : K} (h : a * b = 1) : a⁻¹ = b := by
  have ha : a ≠ 0 := fun h0 => by
    rw [h0, zero_mul] at h
    exact zero_ne_one h
  have e : a⁻¹ = a⁻¹ * (a * b) := by rw [h, mul_one]
  rw [e, ← mul_assoc, inv_mul_cancel₀ ha, one_mul]

/-- The inverse of a product of nonzero scalars: `(a * b)⁻¹ = a⁻¹ * b⁻¹`. -/
theorem mul_inv_of_ne_zero {a b : K} (ha : a ≠ 0) (hb : b ≠ 0) : (a * b)⁻¹ = a⁻¹ * b⁻¹ := by
  apply inv_eq_of_mul_eq_one_right'
  rw [mul_assoc, mul_left_comm b a⁻¹ b⁻¹, mul_inv_cancel₀ hb, mul_one, mul_inv_cancel₀ ha]

end FieldHelpers

section OrderHelpers

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K]

/-- Subtracting on the right preserves `≤`: `a ≤ b → a - c ≤ b - c`. -/
theorem sub_le_sub_right_of_le {a b : K} (h : a ≤ b) (c : K) : a - c ≤ b - c := by
  rw [sub_eq_add_neg, sub_eq_add_neg]
  exact add_le_add_right h (-c)

/-- Negation reverses `≤`: `a ≤ b → -b ≤ -a`. -/
theorem neg_le_neg_of_le {a b : K} (h : a ≤ b) : -b ≤ -a := by
  have h1 := add_le_add_left h (-a + -b)
  have e1 : -a + -b + a = -b := by rw [add_comm (-a) (-b), add_assoc, neg_add_cancel, add_zero]
  have e2 : -a + -b + b = -a := by rw [add_assoc, neg_add_cancel, add_zero]
  rw [e1, e2] at h1
  exact h1

/-- Subtracting from the left reverses `≤`: `a ≤ b → c - b ≤ c - a`. -/
theorem sub_le_sub_left_of_le {a b : K} (h : a ≤ b) (c : K) : c - b ≤ c - a := by
  rw [sub_eq_add_neg, sub_eq_add_neg]
  exact add_le_add_left (neg_le_neg_of_le h) c

/-- Subtracting a positive strictly decreases: `0 < b → a - b < a`. -/
theorem sub_lt_self_of_pos {a b : K} (h : 0 < b) : a - b < a := by
  have h1 := add_lt_add_left h (a - b)
  rw [add_zero, sub_add_cancel] at h1
  exact h1

/-- Trading the subtrahend across `≤`: `a ≤ b - c → c ≤ b - a`. -/
theorem le_sub_of_le_sub {a b c : K} (h : a ≤ b - c) : c ≤ b - a := by
  have h1 := add_le_add_right h c
  rw [sub_add_cancel] at h1
  have h2 := sub_le_sub_right_of_le h1 a
  rw [add_comm a c, add_sub_cancel_right] at h2
  exact h2

/-- Halving then doubling: `a / 2 * 2 = a`. -/
theorem div_two_mul_two (a : K) : a / 2 * 2 = a := by
  rw [div_eq_mul_inv, mul_assoc, inv_mul_cancel₀ two_ne_zero, mul_one]

/-- `(1 - a / 2) * 2 = 2 - a`. -/
theorem one_sub_half_mul_two (a : K) : (1 - a / 2) * 2 = 2 - a := by
  rw [sub_mul, one_mul, div_two_mul_two]

/-- `1 - 2⁻¹ = 2⁻¹`. -/
theorem one_sub_inv_two : (1 : K) - 2⁻¹ = 2⁻¹ := by
  have h1 : (2 : K)⁻¹ + 2⁻¹ = 1 := by rw [← two_mul, mul_inv_cancel₀ two_ne_zero]
  rw [← h1, add_sub_cancel_right]

/-- Halving below two: `a < 2 → a / 2 < 1`. -/
theorem half_lt_one_of_lt_two {a : K} (h : a < 2) : a / 2 < 1 := by
  have h1 := mul_lt_mul_of_pos_right h (inv_pos zero_lt_two)
  rw [mul_inv_cancel₀ two_ne_zero, ← div_eq_mul_inv] at h1
  exact h1

end OrderHelpers

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
  have e : F w + -η * ⟪grad w, grad w⟫ + L / 2 * (-η * (-η * ⟪grad w, grad w⟫))
      = F w - η * (1 - L * η / 2) * ⟪grad w, grad w⟫ := by
    simp only [div_eq_mul_inv, sub_eq_add_neg, mul_add, add_mul, neg_add, neg_mul, mul_neg,
      neg_neg, mul_one, add_comm, add_left_comm, mul_assoc, mul_left_comm]
  rw [e] at hup
  exact hup

/-- Strict improvement (ΔF > 0) for `0 < η`, `η L < 2` and `grad w ≠ 0`. -/
theorem improves : improves_spec := by
  intro K _ _ _ _ _ _ n F grad L η w hF hη hg
  have hd := descent_bound K n F grad L η w hF
  have hη0 : 0 < η := hη.step_pos
  have hηL : η * L < 2 := hη.step_mul_lt_two
  have hc : 0 < 1 - L * η / 2 := by
    apply sub_pos.mpr
    rw [mul_comm L η]
    exact half_lt_one_of_lt_two hηL
  have hG : 0 < ⟪grad w, grad w⟫ := Vec.dot_self_pos hg
  have hp : 0 < η * (1 - L * η / 2) * ⟪grad w, grad w⟫ := mul_pos (mul_pos hη0 hc) hG
  show F (step grad η w) < F w
  exact lt_of_le_of_lt hd (sub_lt_self_of_pos hp)

/-- The step `1 / L` decreases `F` by at least `⟪g, g⟫ / (2 L)`. -/
theorem best_step_decrease : best_step_decrease_spec := by
  intro K _ _ _ _ _ _ n F grad L w hF hL
  have hd := descent_bound K n F grad L (1 / L) w hF
  have hL0 : L ≠ 0 := ne_of_gt hL
  have e : 1 / L * (1 - L * (1 / L) / 2) * ⟪grad w, grad w⟫ = ⟪grad w, grad w⟫ / (2 * L) := by
    rw [one_div_eq_inv L, mul_inv_cancel₀ hL0, one_div_eq_inv 2, one_sub_inv_two,
      div_eq_mul_inv ⟪grad w, grad w⟫ (2 * L), mul_inv_of_ne_zero two_ne_zero hL0]
    simp only [mul_assoc, mul_comm]
  rw [e] at hd
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
  have hη0' : 0 ≤ η := le_of_lt hη0
  have hc1 : 0 ≤ 1 - L * η / 2 := by
    apply le_of_lt
    apply sub_pos.mpr
    rw [mul_comm L η]
    exact half_lt_one_of_lt_two hηL
  have hc : 0 ≤ η * (1 - L * η / 2) := mul_nonneg hη0' hc1
  have hpl : 2 * μ * (F w - Fstar) ≤ ⟪grad w, grad w⟫ := hPL.pl w
  have hm : η * (1 - L * η / 2) * (2 * μ * (F w - Fstar))
      ≤ η * (1 - L * η / 2) * ⟪grad w, grad w⟫ :=
    mul_le_mul_of_nonneg_left hpl hc
  have h1 : F (step grad η w) - Fstar
      ≤ F w - η * (1 - L * η / 2) * ⟪grad w, grad w⟫ - Fstar :=
    sub_le_sub_right_of_le hd Fstar
  have h2 : F w - η * (1 - L * η / 2) * ⟪grad w, grad w⟫ - Fstar
      ≤ F w - η * (1 - L * η / 2) * (2 * μ * (F w - Fstar)) - Fstar :=
    sub_le_sub_right_of_le (sub_le_sub_left_of_le hm (F w)) Fstar
  have ec : η * (1 - L * η / 2) * (2 * μ * (F w - Fstar))
      = μ * η * (2 - L * η) * (F w - Fstar) := by
    have ec1 : η * (1 - L * η / 2) * (2 * μ * (F w - Fstar))
        = η * ((1 - L * η / 2) * 2) * μ * (F w - Fstar) := by
      simp only [mul_assoc, mul_comm, mul_left_comm]
    rw [ec1, one_sub_half_mul_two]
    simp only [mul_assoc, mul_comm, mul_left_comm]
  have e : F w - η * (1 - L * η / 2) * (2 * μ * (F w - Fstar)) - Fstar
      = (1 - μ * η * (2 - L * η)) * (F w - Fstar) := by
    rw [ec]
    simp only [sub_eq_add_neg, mul_add, add_mul, neg_add, neg_mul, mul_neg, neg_neg, mul_one,
      add_assoc, add_comm, add_left_comm, mul_assoc, mul_comm, mul_left_comm]
  rw [← e]
  exact le_trans h1 h2

/-- Linear rate of gradient descent under Polyak–Łojasiewicz. -/
theorem pl_rate : pl_rate_spec := by
  intro K _ _ _ _ _ _ n F grad L η μ Fstar w0 k hF hη hPL hρ
  have hstep : ∀ j : Nat, F (iterate (step grad η) (j + 1) w0) - Fstar
      ≤ (1 - μ * η * (2 - L * η)) * (F (iterate (step grad η) j w0) - Fstar) := by
    intro j
    rw [iterate_succ_eq_apply]
    exact pl_step (iterate (step grad η) j w0) hF hη hPL
  have hρ0 : 0 ≤ 1 - μ * η * (2 - L * η) := sub_nonneg.mpr hρ
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
    refine ⟨0, Nat.lt_succ_self 0, ?_⟩
    have h0 := hstep 0
    rw [Vec.natCast_succ, Vec.natCast_zero, zero_add (1 : K), mul_one, mul_comm (G 0) c]
    exact h0
  | succ T ih =>
    cases ih with
    | intro k hkk =>
    have hk : k < T + 1 := hkk.1
    have hkb := hkk.2
    have hs := hstep (T + 1)
    have hN : 0 ≤ (Vec.natCast (T + 1) : K) := Vec.natCast_nonneg (T + 1)
    have hcN : 0 ≤ c * Vec.natCast (T + 1) := mul_nonneg hc hN
    rw [Vec.natCast_succ (T + 1)]
    cases Classical.em (G (T + 1) ≤ G k) with
    | inl hle =>
      refine ⟨T + 1, Nat.lt_succ_self (T + 1), ?_⟩
      have hm : G (T + 1) * (c * Vec.natCast (T + 1)) ≤ G k * (c * Vec.natCast (T + 1)) :=
        mul_le_mul_of_nonneg_right hle hcN
      have e : G (T + 1) * (c * (Vec.natCast (T + 1) + 1))
          = G (T + 1) * (c * Vec.natCast (T + 1)) + c * G (T + 1) := by
        rw [mul_add c (Vec.natCast (T + 1)) 1, mul_one, mul_add, mul_comm (G (T + 1)) c]
      rw [e]
      exact le_trans (add_le_add (le_trans hm hkb) hs)
        (le_of_eq (two_mul_sub_add_two_mul_sub (V 0) (V (T + 1)) (V (T + 1 + 1))))
    | inr hlt =>
      refine ⟨k, Nat.lt_of_lt_of_le hk (Nat.le_succ (T + 1)), ?_⟩
      have hle : G k ≤ G (T + 1) := le_of_lt (not_le.mp hlt)
      have hm : c * G k ≤ c * G (T + 1) := mul_le_mul_of_nonneg_left hle hc
      have e : G k * (c * (Vec.natCast (T + 1) + 1))
          = G k * (c * Vec.natCast (T + 1)) + c * G k := by
        rw [mul_add c (Vec.natCast (T + 1)) 1, mul_one, mul_add, mul_comm (G k) c]
      rw [e]
      exact le_trans (add_le_add hkb (le_trans hm hs))
        (le_of_eq (two_mul_sub_add_two_mul_sub (V 0) (V (T + 1)) (V (T + 1 + 1))))

/-- Non-convex stationarity: some iterate `k < T` has
`⟪g_k, g_k⟫ * (η (2 - L η) T) ≤ 2 (F w₀ - Fstar)`. -/
theorem nonconvex_min_grad : nonconvex_min_grad_spec := by
  intro K _ _ _ _ _ _ n F grad L η Fstar w0 T hF hη hlow hT
  cases T with
  | zero => exact absurd hT (Nat.lt_irrefl 0)
  | succ T =>
    have hη0 : 0 < η := hη.step_pos
    have hηL : η * L < 2 := hη.step_mul_lt_two
    have hη0' : 0 ≤ η := le_of_lt hη0
    have hc2 : 0 ≤ 2 - L * η := by
      apply sub_nonneg.mpr
      rw [mul_comm L η]
      exact le_of_lt hηL
    have hc : 0 ≤ η * (2 - L * η) := mul_nonneg hη0' hc2
    have h20 : (0 : K) ≤ 2 := le_of_lt zero_lt_two
    have hstep : ∀ j : Nat, η * (2 - L * η)
        * ⟪grad (iterate (step grad η) j w0), grad (iterate (step grad η) j w0)⟫
        ≤ 2 * (F (iterate (step grad η) j w0) - F (iterate (step grad η) (j + 1) w0)) := by
      intro j
      rw [iterate_succ_eq_apply]
      have hd := descent_bound K n F grad L η (iterate (step grad η) j w0) hF
      have h1 := le_sub_of_le_sub hd
      have h2 := mul_le_mul_of_nonneg_left h1 h20
      have e : 2 * (η * (1 - L * η / 2)
            * ⟪grad (iterate (step grad η) j w0), grad (iterate (step grad η) j w0)⟫)
          = η * (2 - L * η)
            * ⟪grad (iterate (step grad η) j w0), grad (iterate (step grad η) j w0)⟫ := by
        have e1 : 2 * (η * (1 - L * η / 2)
              * ⟪grad (iterate (step grad η) j w0), grad (iterate (step grad η) j w0)⟫)
            = η * ((1 - L * η / 2) * 2)
              * ⟪grad (iterate (step grad η) j w0), grad (iterate (step grad η) j w0)⟫ := by
          simp only [mul_assoc, mul_comm, mul_left_comm]
        rw [e1, one_sub_half_mul_two]
      rw [e] at h2
      exact h2
    cases min_grad_aux
      (fun j => ⟪grad (iterate (step grad η) j w0), grad (iterate (step grad η) j w0)⟫)
      (fun j => F (iterate (step grad η) j w0)) (η * (2 - L * η)) hc hstep T with
    | intro k hkk =>
    have hk : k < T + 1 := hkk.1
    have hb := hkk.2
    refine ⟨k, hk, ?_⟩
    have hlowT := hlow (iterate (step grad η) (T + 1) w0)
    have hb' : ⟪grad (iterate (step grad η) k w0), grad (iterate (step grad η) k w0)⟫
        * (η * (2 - L * η) * Vec.natCast (T + 1))
        ≤ 2 * (F w0 - F (iterate (step grad η) (T + 1) w0)) := hb
    exact le_trans hb'
      (mul_le_mul_of_nonneg_left (sub_le_sub_left_of_le hlowT (F w0)) h20)

end LearningRules.GradientDescent
