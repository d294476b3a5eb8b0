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
* `convex_rate` : `T (F w_T - F x*) ≤ L/2 ⟪w₀ - x*, w₀ - x*⟫` for the step `1/L` on a convex `F`.
* `strongly_convex_rate` : `⟪w_k - x*, w_k - x*⟫ ≤ (1 - μ/L) ^ k ⟪w₀ - x*, w₀ - x*⟫` on a
  `μ`-strongly convex `F` with minimiser `x*`.
* `strongly_convex_pl` : strong convexity (`0 < μ`) with a minimiser `x*` gives Polyak–Łojasiewicz
  with `F* = F x*`.

## Implementation notes

The descent bound instantiates the quadratic upper bound at `y = w - η g`, where
`y - w = (-η) • g` (`Vec.sub_smul_sub_self`). The PL rate chains the one-step contraction
`pl_step` through `LearningRules.linear_rate` when `μ η (2 - L η) ≤ 1`; otherwise `pl_gap_eq_zero`
shows that `F = F*` everywhere (a negative factor times a nonnegative gap bounds a nonnegative gap),
so no hypothesis `μ η (2 - L η) ≤ 1` is needed; the non-convex bound is an induction on the number
of steps (`min_grad_aux`) that carries the running minimiser and the telescoped sum of the
one-step decreases. The convex rate combines, at each step, the `1/L` descent bound, convexity at
`(w, x*)` and the exact expansion of `⟪w' - x*, w' - x*⟫` (`convex_step`), then telescopes the
distances with the monotonicity of `F` along the iterates (`sublinear_aux`). The strongly convex
rate squeezes `F x* ≤ F w'` between strong convexity at `(w, x*)` and the same smoothness bound
(`smooth_dist_step`, `strongly_convex_step`), and iterates through `linear_rate_of_nonneg`, which
needs no sign of `1 - μ/L` because the squared distances are nonnegative.

The proofs use no `grind`/`omega`: ring identities are closed by `simp only` normalisation with
the commutative-ring lemmas of `LearningRulesProofs.Algebra` (after `div_eq_mul_inv`), and the
order steps by the lemmas of the same layer (`sub_le_sub_right`, `sub_le_sub_left`, `sub_lt_self`,
`le_sub_comm`, `sub_le_self`, `half_lt_one_of_lt_two`, `one_sub_half_mul_two`, `mul_inv`, …).

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
  exact lt_of_le_of_lt hd (sub_lt_self _ hp)

/-- The step `1 / L` decreases `F` by at least `⟪g, g⟫ / (2 L)`. -/
theorem best_step_decrease : best_step_decrease_spec := by
  intro K _ _ _ _ _ _ n F grad L w hF hL
  have hd := descent_bound K n F grad L (1 / L) w hF
  have hL0 : L ≠ 0 := ne_of_gt hL
  have e : 1 / L * (1 - L * (1 / L) / 2) * ⟪grad w, grad w⟫ = ⟪grad w, grad w⟫ / (2 * L) := by
    rw [one_div L, mul_inv_cancel₀ hL0, one_div 2, one_sub_inv_two,
      div_eq_mul_inv ⟪grad w, grad w⟫ (2 * L), mul_inv 2 L]
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
    sub_le_sub_right hd Fstar
  have h2 : F w - η * (1 - L * η / 2) * ⟪grad w, grad w⟫ - Fstar
      ≤ F w - η * (1 - L * η / 2) * (2 * μ * (F w - Fstar)) - Fstar :=
    sub_le_sub_right (sub_le_sub_left hm (F w)) Fstar
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

/-- When the contraction `μ η (2 - L η)` exceeds `1`, PL, smoothness and `StepBound` force
`F = Fstar` everywhere: `0 ≤ F w' - Fstar ≤ (1 - μ η (2 - L η)) (F w - Fstar)` with a negative factor
and a nonnegative gap leaves only a zero gap. -/
theorem pl_gap_eq_zero {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat} {F : Vec K n → K}
    {grad : Vec K n → Vec K n} {L η μ Fstar : K} (hF : IsLSmooth F grad L)
    (hη : StepBound η L) (hPL : PolyakLojasiewicz F grad μ Fstar)
    (hρ : ¬ μ * η * (2 - L * η) ≤ 1) (v : Vec K n) : F v - Fstar = 0 := by
  have hneg : 1 - μ * η * (2 - L * η) < 0 := sub_neg.mpr (not_le.mp hρ)
  have h1 := pl_step v hF hη hPL
  have h2 : 0 ≤ F (step grad η v) - Fstar := sub_nonneg.mpr (hPL.lower (step grad η v))
  have hD : 0 ≤ F v - Fstar := sub_nonneg.mpr (hPL.lower v)
  have h3 : 0 ≤ (1 - μ * η * (2 - L * η)) * (F v - Fstar) := le_trans h2 h1
  cases lt_or_le 0 (F v - Fstar) with
  | inl hpos =>
    exact absurd (lt_of_le_of_lt h3 (mul_neg_of_neg_of_pos hneg hpos)) (lt_irrefl 0)
  | inr hle => exact le_antisymm hle hD

/-- Linear rate of gradient descent under Polyak–Łojasiewicz. No bound on `μ η (2 - L η)` is assumed:
where it is at most `1` the one-step contraction iterates (`linear_rate`); where it exceeds `1`,
`pl_gap_eq_zero` makes every gap `0` and both sides vanish. -/
theorem pl_rate : pl_rate_spec := by
  intro K _ _ _ _ _ _ n F grad L η μ Fstar w0 k hF hη hPL
  have hstep : ∀ j : Nat, F (iterate (step grad η) (j + 1) w0) - Fstar
      ≤ (1 - μ * η * (2 - L * η)) * (F (iterate (step grad η) j w0) - Fstar) := by
    intro j
    rw [iterate_succ_eq_apply]
    exact pl_step (iterate (step grad η) j w0) hF hη hPL
  cases Classical.em (μ * η * (2 - L * η) ≤ 1) with
  | inl hρ =>
    have hρ0 : 0 ≤ 1 - μ * η * (2 - L * η) := sub_nonneg.mpr hρ
    exact linear_rate K (fun j => F (iterate (step grad η) j w0) - Fstar)
      (1 - μ * η * (2 - L * η)) hρ0 hstep k
  | inr hρ =>
    rw [pl_gap_eq_zero hF hη hPL hρ (iterate (step grad η) k w0), pl_gap_eq_zero hF hη hPL hρ w0,
      mul_zero]
    exact le_refl 0

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
      have h1 := le_sub_comm.mp hd
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
      (mul_le_mul_of_nonneg_left (sub_le_sub_left hlowT (F w0)) h20)

/-- The residual of a step from a comparator: `(w - t • g) - x = (w - x) - t • g`. -/
theorem step_sub_comm {K : Type} [Lean.Grind.Field K] {n : Nat} (w g x : Vec K n) (t : K) :
    (w - t • g) - x = (w - x) - t • g := by
  funext i
  show (w i - t * g i) - x i = (w i - x i) - t * g i
  simp only [sub_eq_add_neg, add_assoc, add_comm, add_left_comm]

/-- The `1/L` step never increases an `L`-smooth `F` (`0 < L`): `F (step grad (1/L) w) ≤ F w`. -/
theorem best_step_le {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat} {F : Vec K n → K}
    {grad : Vec K n → Vec K n} {L : K} (w : Vec K n) (hF : IsLSmooth F grad L) (hL : 0 < L) :
    F (step grad (1 / L) w) ≤ F w := by
  have hd := best_step_decrease K n F grad L w hF hL
  have hq : 0 ≤ ⟪grad w, grad w⟫ / (2 * L) := by
    rw [div_eq_mul_inv]
    exact mul_nonneg (Vec.dot_self_nonneg (grad w))
      (inv_nonneg (le_of_lt (mul_pos zero_lt_two hL)))
  exact le_trans hd (sub_le_self (F w) hq)

/-- The squared distance to a comparator after a `1/L` step, with `L * (1/L) = 1`:
`L/2 (⟪u, u⟫ - ⟪u - (1/L) g, u - (1/L) g⟫) = ⟪u, g⟫ - (1/L) (1 - L (1/L) / 2) ⟪g, g⟫`, written
for scalars `a = ⟪u, g⟫`, `b = ⟪g, g⟫`, `c = ⟪u, u⟫` and a step `η` with `L η = 1`. -/
theorem best_step_dist_identity {K : Type} [Lean.Grind.Field K] [LE K] [LT K]
    [Std.LawfulOrderLT K] [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] (L η a b c : K)
    (h : L * η = 1) :
    L / 2 * (c - (c - 2 * η * a + η * η * b)) = a - η * (1 - L * η / 2) * b := by
  rw [sub_sub_add_cancel_left]
  have e1 : L / 2 * (2 * η * a - η * η * b)
      = L * η * a * (2 * 2⁻¹) - L * η * (η * b) * 2⁻¹ := by
    simp only [div_eq_mul_inv, sub_eq_add_neg, mul_add, add_mul, neg_add, neg_mul, mul_neg,
      neg_neg, add_assoc, add_comm, add_left_comm, mul_assoc, mul_comm, mul_left_comm]
  rw [e1, h, mul_inv_cancel₀ two_ne_zero, mul_one, one_mul, one_mul, div_eq_mul_inv, one_mul,
    one_sub_inv_two, mul_assoc η b, mul_assoc η (2⁻¹ : K) b, mul_comm (2⁻¹ : K) b]

/-- One `1/L` step on a convex, `L`-smooth `F`, against any comparator `xstar`:
`F w' - F xstar ≤ L/2 (⟪w - xstar, w - xstar⟫ - ⟪w' - xstar, w' - xstar⟫)`,
`w' = step grad (1/L) w`. -/
theorem convex_step {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat} {F : Vec K n → K}
    {grad : Vec K n → Vec K n} {L : K} (xstar w : Vec K n) (hF : IsLSmooth F grad L)
    (hL : 0 < L) (hC : IsConvex F grad) :
    F (step grad (1 / L) w) - F xstar
      ≤ L / 2 * (⟪w - xstar, w - xstar⟫
        - ⟪step grad (1 / L) w - xstar, step grad (1 / L) w - xstar⟫) := by
  have hd := descent_bound K n F grad L (1 / L) w hF
  have hc := hC.lower w xstar
  have hLη : L * (1 / L) = 1 := by rw [one_div, mul_inv_cancel₀ (ne_of_gt hL)]
  have hs : step grad (1 / L) w - xstar = (w - xstar) - (1 / L) • grad w :=
    step_sub_comm w (grad w) xstar (1 / L)
  rw [hs, Vec.dot_sub_smul_self, best_step_dist_identity L (1 / L) _ _ _ hLη]
  -- convexity at `(w, xstar)`: `F w ≤ F xstar + ⟪w - xstar, g⟫`
  have ea : ⟪grad w, xstar - w⟫ = -⟪w - xstar, grad w⟫ := by
    rw [Vec.dot_sub_right, Vec.dot_sub_left, Vec.dot_comm xstar (grad w),
      Vec.dot_comm w (grad w), sub_eq_add_neg, sub_eq_add_neg, neg_add, neg_neg, add_comm]
  rw [ea, ← sub_eq_add_neg] at hc
  have hw := add_le_add_right hc ⟪w - xstar, grad w⟫
  rw [sub_add_cancel] at hw
  have h1 := le_trans hd (sub_le_sub_right hw
    (1 / L * (1 - L * (1 / L) / 2) * ⟪grad w, grad w⟫))
  have h2 := sub_le_sub_right h1 (F xstar)
  rw [sub_eq_add_neg (F xstar + ⟪w - xstar, grad w⟫), add_assoc, ← sub_eq_add_neg, add_comm,
    add_sub_cancel_right] at h2
  exact h2

/-- The telescoped sublinear bound: if `e` is non-increasing and `e (k+1) ≤ c (D k - D (k+1))` for
all `k`, then `T * e T ≤ c (D 0 - D T)` for every `T`. -/
theorem sublinear_aux {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] (e D : Nat → K) (c : K)
    (hmono : ∀ k : Nat, e (k + 1) ≤ e k) (hstep : ∀ k : Nat, e (k + 1) ≤ c * (D k - D (k + 1))) :
    ∀ T : Nat, Vec.natCast T * e T ≤ c * (D 0 - D T) := by
  intro T
  induction T with
  | zero =>
    rw [Vec.natCast_zero, zero_mul, sub_self, mul_zero]
    exact le_refl 0
  | succ T ih =>
    rw [Vec.natCast_succ, add_mul, one_mul]
    have h1 : Vec.natCast T * e (T + 1) ≤ Vec.natCast T * e T :=
      mul_le_mul_of_nonneg_left (hmono T) (Vec.natCast_nonneg T)
    have h2 := add_le_add (le_trans h1 ih) (hstep T)
    rw [← mul_add, sub_add_sub_cancel] at h2
    exact h2

/-- Sublinear rate of gradient descent with step `1/L` on a convex, `L`-smooth `F`:
`T (F w_T - F xstar) ≤ L/2 ⟪w₀ - xstar, w₀ - xstar⟫`. -/
theorem convex_rate : convex_rate_spec := by
  intro K _ _ _ _ _ _ n F grad L xstar w0 T hF hL hC
  have hmono : ∀ k : Nat, F (iterate (step grad (1 / L)) (k + 1) w0) - F xstar
      ≤ F (iterate (step grad (1 / L)) k w0) - F xstar := by
    intro k
    rw [iterate_succ_eq_apply]
    exact sub_le_sub_right (best_step_le (iterate (step grad (1 / L)) k w0) hF hL) (F xstar)
  have hstep : ∀ k : Nat, F (iterate (step grad (1 / L)) (k + 1) w0) - F xstar
      ≤ L / 2 * (⟪iterate (step grad (1 / L)) k w0 - xstar, iterate (step grad (1 / L)) k w0 - xstar⟫
        - ⟪iterate (step grad (1 / L)) (k + 1) w0 - xstar,
            iterate (step grad (1 / L)) (k + 1) w0 - xstar⟫) := by
    intro k
    rw [iterate_succ_eq_apply]
    exact convex_step xstar (iterate (step grad (1 / L)) k w0) hF hL hC
  have h := sublinear_aux (fun k => F (iterate (step grad (1 / L)) k w0) - F xstar)
    (fun k => ⟪iterate (step grad (1 / L)) k w0 - xstar, iterate (step grad (1 / L)) k w0 - xstar⟫)
    (L / 2) hmono hstep T
  have hc : 0 ≤ L / 2 := by
    rw [div_eq_mul_inv]
    exact mul_nonneg (le_of_lt hL) (inv_nonneg (le_of_lt zero_lt_two))
  exact le_trans h (mul_le_mul_of_nonneg_left (sub_le_self _
    (Vec.dot_self_nonneg (iterate (step grad (1 / L)) T w0 - xstar))) hc)

/-- The squared distance is symmetric: `⟪y - x, y - x⟫ = ⟪x - y, x - y⟫`. -/
theorem dot_sub_self_comm {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat} (x y : Vec K n) :
    ⟪y - x, y - x⟫ = ⟪x - y, x - y⟫ := by
  rw [Vec.dot_sub_self_expand, Vec.dot_sub_self_expand, Vec.dot_comm y x]
  simp only [sub_eq_add_neg, add_assoc, add_comm, add_left_comm]

/-- Convexity at `(w, xstar)` in the form the rates use: `⟪grad w, xstar - w⟫ = -⟪w - xstar, grad w⟫`. -/
theorem dot_grad_sub_swap {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat} (g w xstar : Vec K n) :
    ⟪g, xstar - w⟫ = -⟪w - xstar, g⟫ := by
  rw [Vec.dot_sub_right, Vec.dot_sub_left, Vec.dot_comm xstar g, Vec.dot_comm w g, sub_eq_add_neg,
    sub_eq_add_neg, neg_add, neg_neg, add_comm]

/-- The `1/L` step on an `L`-smooth `F`, measured against any point `xstar` (smoothness only):
`F w' ≤ F w - ⟪w - xstar, g⟫ + L/2 (⟪w - xstar, w - xstar⟫ - ⟪w' - xstar, w' - xstar⟫)`. -/
theorem smooth_dist_step {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat} {F : Vec K n → K}
    {grad : Vec K n → Vec K n} {L : K} (xstar w : Vec K n) (hF : IsLSmooth F grad L)
    (hL : 0 < L) :
    F (step grad (1 / L) w)
      ≤ F w - ⟪w - xstar, grad w⟫ + L / 2 * (⟪w - xstar, w - xstar⟫
        - ⟪step grad (1 / L) w - xstar, step grad (1 / L) w - xstar⟫) := by
  have hd := descent_bound K n F grad L (1 / L) w hF
  have hLη : L * (1 / L) = 1 := by rw [one_div, mul_inv_cancel₀ (ne_of_gt hL)]
  have hs : step grad (1 / L) w - xstar = (w - xstar) - (1 / L) • grad w :=
    step_sub_comm w (grad w) xstar (1 / L)
  rw [hs, Vec.dot_sub_smul_self, best_step_dist_identity L (1 / L) _ _ _ hLη]
  have e : F w - ⟪w - xstar, grad w⟫
      + (⟪w - xstar, grad w⟫ - 1 / L * (1 - L * (1 / L) / 2) * ⟪grad w, grad w⟫)
      = F w - 1 / L * (1 - L * (1 / L) / 2) * ⟪grad w, grad w⟫ := by
    rw [sub_eq_add_neg (F w), add_assoc, sub_eq_add_neg ⟪w - xstar, grad w⟫, ← add_assoc
      (-⟪w - xstar, grad w⟫), neg_add_cancel, zero_add, ← sub_eq_add_neg]
  rw [e]
  exact hd

/-- One `1/L` step on a `μ`-strongly convex, `L`-smooth `F` towards a minimiser `xstar`:
`⟪w' - xstar, w' - xstar⟫ ≤ (1 - μ/L) ⟪w - xstar, w - xstar⟫`. -/
theorem strongly_convex_step {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat} {F : Vec K n → K}
    {grad : Vec K n → Vec K n} {L μ : K} (xstar w : Vec K n) (hF : IsLSmooth F grad L)
    (hL : 0 < L) (hS : IsStronglyConvex F grad μ) (hmin : ∀ y : Vec K n, F xstar ≤ F y) :
    ⟪step grad (1 / L) w - xstar, step grad (1 / L) w - xstar⟫
      ≤ (1 - μ / L) * ⟪w - xstar, w - xstar⟫ := by
  have h1 := smooth_dist_step xstar w hF hL
  have h2 := hS.lower w xstar
  rw [dot_grad_sub_swap, dot_sub_self_comm w xstar, ← sub_eq_add_neg] at h2
  have h3 := le_trans h2 (le_trans (hmin (step grad (1 / L) w)) h1)
  -- `μ/2 c ≤ L/2 (c - c')`
  have h4 := le_of_add_le_add_left h3
  have hη : 0 ≤ 2 * (1 / L) := by
    rw [one_div]
    exact mul_nonneg (le_of_lt zero_lt_two) (inv_nonneg (le_of_lt hL))
  have h5 := mul_le_mul_of_nonneg_left h4 hη
  have hLη : L * L⁻¹ = 1 := mul_inv_cancel₀ (ne_of_gt hL)
  have eL : ∀ X : K, 2 * (1 / L) * (L / 2 * X) = L * L⁻¹ * X * (2 * 2⁻¹) := by
    intro X
    simp only [one_div, div_eq_mul_inv, one_mul, mul_assoc, mul_comm, mul_left_comm]
  have eμ : ∀ X : K, 2 * (1 / L) * (μ / 2 * X) = μ / L * X * (2 * 2⁻¹) := by
    intro X
    simp only [one_div, div_eq_mul_inv, one_mul, mul_assoc, mul_comm, mul_left_comm]
  rw [eL, eμ, hLη, mul_inv_cancel₀ two_ne_zero, mul_one, mul_one, one_mul] at h5
  -- `μ/L c ≤ c - c'` gives `c' ≤ c - μ/L c = (1 - μ/L) c`
  rw [sub_mul, one_mul]
  exact le_sub_comm.mp h5

/-- A linear rate for a nonnegative sequence without a sign condition on `ρ`: if `0 ≤ e k` and
`e (k+1) ≤ ρ e k` for all `k`, then `e k ≤ ρ ^ k e 0` (for `ρ < 0` the sequence is `0`). -/
theorem linear_rate_of_nonneg {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] (e : Nat → K) (ρ : K)
    (h0 : ∀ k : Nat, 0 ≤ e k) (hstep : ∀ k : Nat, e (k + 1) ≤ ρ * e k) :
    ∀ k : Nat, e k ≤ ρ ^ k * e 0 := by
  cases le_or_lt 0 ρ with
  | inl hρ => exact linear_rate K e ρ hρ hstep
  | inr hρ =>
    have he0 : e 0 ≤ 0 := by
      cases lt_or_le 0 (e 0) with
      | inl hpos =>
        have hn : e 0 * ρ < 0 := mul_neg_of_pos_of_neg hpos hρ
        rw [mul_comm] at hn
        exact absurd (lt_of_le_of_lt (h0 1) (lt_of_le_of_lt (hstep 0) hn)) (lt_irrefl 0)
      | inr hle => exact hle
    have hz : ∀ k : Nat, e k ≤ 0 := by
      intro k
      induction k with
      | zero => exact he0
      | succ k ih =>
        have ek : e k = 0 := le_antisymm ih (h0 k)
        have hs := hstep k
        rw [ek, mul_zero] at hs
        exact hs
    intro k
    have ez : e 0 = 0 := le_antisymm he0 (h0 0)
    rw [ez, mul_zero]
    exact hz k

/-- Linear convergence of the iterates of the `1/L` step on a `μ`-strongly convex, `L`-smooth `F`. -/
theorem strongly_convex_rate : strongly_convex_rate_spec := by
  intro K _ _ _ _ _ _ n F grad L μ xstar w0 k hF hL hS hmin
  have hstep : ∀ j : Nat,
      ⟪iterate (step grad (1 / L)) (j + 1) w0 - xstar, iterate (step grad (1 / L)) (j + 1) w0 - xstar⟫
        ≤ (1 - μ / L)
          * ⟪iterate (step grad (1 / L)) j w0 - xstar, iterate (step grad (1 / L)) j w0 - xstar⟫ := by
    intro j
    rw [iterate_succ_eq_apply]
    exact strongly_convex_step xstar (iterate (step grad (1 / L)) j w0) hF hL hS hmin
  exact linear_rate_of_nonneg
    (fun j => ⟪iterate (step grad (1 / L)) j w0 - xstar, iterate (step grad (1 / L)) j w0 - xstar⟫)
    (1 - μ / L) (fun j => Vec.dot_self_nonneg _) hstep k

/-- Strong convexity implies the Polyak–Łojasiewicz inequality with `F* = F xstar`. -/
theorem strongly_convex_pl : strongly_convex_pl_spec := by
  intro K _ _ _ _ _ _ n F grad μ xstar hS hμ hmin
  refine ⟨hμ, hmin, ?_⟩
  intro w
  -- `F w + P + μ/2 Q ≤ F xstar` with `P = ⟪g, xstar - w⟫`, `Q = ⟪xstar - w, xstar - w⟫`
  have h1 := hS.lower w xstar
  have h2 := sub_le_sub_left h1 (F w)
  rw [sub_add_add_self_left] at h2
  have h2μ : 0 ≤ 2 * μ := mul_nonneg (le_of_lt zero_lt_two) (le_of_lt hμ)
  have h3 := mul_le_mul_of_nonneg_left h2 h2μ
  have e : 2 * μ * -(⟪grad w, xstar - w⟫ + μ / 2 * ⟪xstar - w, xstar - w⟫)
      = -(2 * μ * ⟪grad w, xstar - w⟫ + μ * μ * ⟪xstar - w, xstar - w⟫ * (2 * 2⁻¹)) := by
    simp only [div_eq_mul_inv, mul_add, neg_add, mul_neg, mul_assoc, mul_comm, mul_left_comm]
  rw [e, mul_inv_cancel₀ two_ne_zero, mul_one] at h3
  -- `0 ≤ ⟪g + μ (xstar - w), g + μ (xstar - w)⟫`
  have hsq := Vec.dot_self_nonneg (grad w - (-μ) • (xstar - w))
  rw [Vec.dot_sub_smul_self] at hsq
  have e2 : ⟪grad w, grad w⟫ - 2 * -μ * ⟪grad w, xstar - w⟫ + -μ * -μ * ⟪xstar - w, xstar - w⟫
      = ⟪grad w, grad w⟫
        - -(2 * μ * ⟪grad w, xstar - w⟫ + μ * μ * ⟪xstar - w, xstar - w⟫) := by
    simp only [sub_eq_add_neg, neg_add, neg_mul, mul_neg, neg_neg, add_assoc]
  rw [e2] at hsq
  exact le_trans h3 (sub_nonneg.mp hsq)

end LearningRules.GradientDescent
