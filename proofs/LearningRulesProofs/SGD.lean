import LearningRules.SGD
import LearningRulesProofs.Vec
import LearningRulesProofs.GradientDescent

/-!
# Proofs for stochastic gradient descent on a finite sum

## Main definitions

None: this file proves the statements of `lean/LearningRules/SGD.lean`.

## Main statements

* `expected_descent` : `E[F w'] ≤ F w - η (1 - L η / 2) ⟪ḡ, ḡ⟫ + L η η σ² / 2`.
* `expected_improves` : strict decrease in expectation when `L η σ² < (2 - L η) ⟪ḡ, ḡ⟫`.

## Implementation notes

Each sample's step satisfies the descent lemma of `F` at `w` with the mean gradient `ḡ`
(`step_bound`). Averaging uses `finSum_affine` (`Σ (p - q b_i + s a_i) = m p - q Σ b + s Σ a`),
`mean_dot` (`(1/m) Σ ⟪v, g_i⟫ = ⟪v, ḡ⟫`) and the variance decomposition
`(1/m) Σ ⟪g_i, g_i⟫ = ⟪ḡ, ḡ⟫ + σ²`, which is derived inline from
`Vec.dot_sub_self_expand` (its one cancellation is `sub_two_mul_add_add_self`). Ring identities
are closed by `simp only` normalisation with the commutative-ring lemmas of
`LearningRulesProofs.Algebra`, and the halving steps by `two_sub_div_two` and
`sub_add_lt_self_of_lt` of the same layer. No `grind`/`omega`.

## References

* L. Bottou, F. E. Curtis, J. Nocedal, SIAM Review, 2018, Lemma 4.4.
-/

namespace LearningRules.SGD

open LearningRules

/-- The cancellation behind the variance decomposition: `g - 2 g + x + g = x`. -/
theorem sub_two_mul_add_add_self {K : Type} [Lean.Grind.Field K] (g x : K) :
    g - 2 * g + x + g = x := by
  rw [two_mul, ← sub_sub, sub_self, zero_sub, add_comm (-g) x, ← sub_eq_add_neg, sub_add_cancel]

/-- An affine finite sum: `Σ i < m, (p - q * b i + s * a i) = m p - q Σ b + s Σ a`. -/
theorem finSum_affine {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] :
    ∀ (m : Nat) (a b : Fin m → K) (p q s : K),
      Vec.finSum m (fun i => p - q * b i + s * a i)
        = Vec.natCast m * p - q * Vec.finSum m b + s * Vec.finSum m a
  | 0, _, _, p, q, s => by
    show (0 : K) = Vec.natCast 0 * p - q * 0 + s * 0
    rw [Vec.natCast_zero, zero_mul, mul_zero q, mul_zero s, sub_self, add_zero]
  | m + 1, a, b, p, q, s => by
    have ih := finSum_affine m (fun i => a i.succ) (fun i => b i.succ) p q s
    show (p - q * b 0 + s * a 0) + Vec.finSum m (fun i => p - q * b i.succ + s * a i.succ)
      = Vec.natCast (m + 1) * p - q * (b 0 + Vec.finSum m (fun i => b i.succ))
        + s * (a 0 + Vec.finSum m (fun i => a i.succ))
    rw [ih, Vec.natCast_succ]
    simp only [sub_eq_add_neg, mul_add, neg_add, mul_one, add_assoc, add_comm, add_left_comm,
      mul_comm]

/-- Averaging a dot product: `(1/m) Σ i, ⟪v, g i⟫ = ⟪v, (1/m) • Σ i, g i⟫`. -/
theorem mean_dot {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat} (m : Nat)
    (g : Fin m → Vec K n) (v : Vec K n) :
    (1 : K) / Vec.natCast m * Vec.finSum m (fun i => ⟪v, g i⟫)
      = ⟪v, ((1 : K) / Vec.natCast m) • Vec.sumFam m g⟫ := by
  rw [Vec.dot_smul_right, Vec.dot_sumFam_right]

/-- One SGD step on sample `i` obeys the descent lemma of `F` at `w`:
`F (w - η g_i) ≤ F w - η ⟪ḡ, g_i⟫ + L η η / 2 ⟪g_i, g_i⟫`. -/
theorem step_bound {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n m : Nat} {F : Vec K n → K}
    {grads : Fin m → Vec K n → Vec K n} {L : K} (η : K) (w : Vec K n) (i : Fin m)
    (hF : GradientDescent.IsLSmooth F (meanGrad grads) L) :
    F (step grads η i w)
      ≤ F w - η * ⟪meanGrad grads w, grads i w⟫ + L * η * η / 2 * ⟪grads i w, grads i w⟫ := by
  have hup := hF.upper w (step grads η i w)
  have hd : step grads η i w - w = (-η) • grads i w := Vec.sub_smul_sub_self w (grads i w) η
  have e1 : ⟪meanGrad grads w, (-η) • grads i w⟫ = -η * ⟪meanGrad grads w, grads i w⟫ :=
    Vec.dot_smul_right (-η) (meanGrad grads w) (grads i w)
  have e2 : ⟪(-η) • grads i w, (-η) • grads i w⟫ = -η * (-η * ⟪grads i w, grads i w⟫) := by
    rw [Vec.dot_smul_left (-η) (grads i w) ((-η) • grads i w),
      Vec.dot_smul_right (-η) (grads i w) (grads i w)]
  rw [hd, e1, e2] at hup
  have e : F w + -η * ⟪meanGrad grads w, grads i w⟫
        + L / 2 * (-η * (-η * ⟪grads i w, grads i w⟫))
      = F w - η * ⟪meanGrad grads w, grads i w⟫
        + L * η * η / 2 * ⟪grads i w, grads i w⟫ := by
    simp only [div_eq_mul_inv, sub_eq_add_neg, neg_mul, mul_neg, neg_neg, add_comm,
      add_left_comm, mul_assoc, mul_comm, mul_left_comm]
  rw [e] at hup
  exact hup

/-- Descent in expectation:
`E[F w'] ≤ F w - η (1 - L η / 2) ⟪ḡ, ḡ⟫ + L η η σ² / 2`. -/
theorem expected_descent : expected_descent_spec := by
  intro K _ _ _ _ _ _ n m F grads L η w hF hm
  have hM : 0 < (Vec.natCast m : K) := Vec.natCast_pos m hm
  have hM0 : (Vec.natCast m : K) ≠ 0 := ne_of_gt hM
  have hrM : (1 : K) / Vec.natCast m * Vec.natCast m = 1 := by
    rw [div_eq_mul_inv, one_mul, inv_mul_cancel₀ hM0]
  have hr0 : 0 ≤ (1 : K) / Vec.natCast m := le_of_lt (div_pos zero_lt_one hM)
  -- the per-sample bounds, summed
  have hsum : Vec.finSum m (fun i => F (step grads η i w))
      ≤ Vec.finSum m (fun i => F w - η * ⟪meanGrad grads w, grads i w⟫
          + L * η * η / 2 * ⟪grads i w, grads i w⟫) :=
    Vec.finSum_le_finSum (fun i => step_bound η w i hF)
  have haff := finSum_affine m (fun i => ⟪grads i w, grads i w⟫)
    (fun i => ⟪meanGrad grads w, grads i w⟫) (F w) η (L * η * η / 2)
  rw [haff] at hsum
  have hmul := mul_le_mul_of_nonneg_left hsum hr0
  -- the variance decomposition
  have hvar_pt : ∀ i : Fin m,
      ⟪grads i w - meanGrad grads w, grads i w - meanGrad grads w⟫
        = ⟪meanGrad grads w, meanGrad grads w⟫ - 2 * ⟪meanGrad grads w, grads i w⟫
          + 1 * ⟪grads i w, grads i w⟫ := by
    intro i
    rw [Vec.dot_sub_self_expand, Vec.dot_comm (grads i w) (meanGrad grads w)]
    simp only [sub_eq_add_neg, one_mul, add_assoc, add_comm]
  have hvar_sum : Vec.finSum m
        (fun i => ⟪grads i w - meanGrad grads w, grads i w - meanGrad grads w⟫)
      = Vec.natCast m * ⟪meanGrad grads w, meanGrad grads w⟫
        - 2 * Vec.finSum m (fun i => ⟪meanGrad grads w, grads i w⟫)
        + 1 * Vec.finSum m (fun i => ⟪grads i w, grads i w⟫) :=
    (Vec.finSum_congr hvar_pt).trans
      (finSum_affine m (fun i => ⟪grads i w, grads i w⟫)
        (fun i => ⟪meanGrad grads w, grads i w⟫) ⟪meanGrad grads w, meanGrad grads w⟫ 2 1)
  have hvdef : variance grads w = (1 : K) / Vec.natCast m * Vec.finSum m
      (fun i => ⟪grads i w - meanGrad grads w, grads i w - meanGrad grads w⟫) := rfl
  rw [hvar_sum] at hvdef
  have hmean : (1 : K) / Vec.natCast m * Vec.finSum m (fun i => ⟪meanGrad grads w, grads i w⟫)
      = ⟪meanGrad grads w, meanGrad grads w⟫ :=
    mean_dot m (fun i => grads i w) (meanGrad grads w)
  have hV : variance grads w
      = ⟪meanGrad grads w, meanGrad grads w⟫ - 2 * ⟪meanGrad grads w, meanGrad grads w⟫
        + (1 : K) / Vec.natCast m * Vec.finSum m (fun i => ⟪grads i w, grads i w⟫) := by
    rw [hvdef, mul_add, mul_sub, ← mul_assoc ((1 : K) / Vec.natCast m) (Vec.natCast m), hrM,
      one_mul, mul_left_comm ((1 : K) / Vec.natCast m) 2, hmean, one_mul]
  have hVa : (1 : K) / Vec.natCast m * Vec.finSum m (fun i => ⟪grads i w, grads i w⟫)
      = variance grads w + ⟪meanGrad grads w, meanGrad grads w⟫ := by
    rw [hV, sub_two_mul_add_add_self]
  have e_bound : (1 : K) / Vec.natCast m * (Vec.natCast m * F w
        - η * Vec.finSum m (fun i => ⟪meanGrad grads w, grads i w⟫)
        + L * η * η / 2 * Vec.finSum m (fun i => ⟪grads i w, grads i w⟫))
      = (1 : K) / Vec.natCast m * Vec.natCast m * F w
        - η * ((1 : K) / Vec.natCast m
          * Vec.finSum m (fun i => ⟪meanGrad grads w, grads i w⟫))
        + L * η * η / 2 * ((1 : K) / Vec.natCast m
          * Vec.finSum m (fun i => ⟪grads i w, grads i w⟫)) := by
    simp only [sub_eq_add_neg, mul_add, mul_neg, mul_comm, mul_left_comm]
  rw [e_bound, hrM, hmean, hVa] at hmul
  have e_final : 1 * F w - η * ⟪meanGrad grads w, meanGrad grads w⟫
        + L * η * η / 2 * (variance grads w + ⟪meanGrad grads w, meanGrad grads w⟫)
      = F w - η * (1 - L * η / 2) * ⟪meanGrad grads w, meanGrad grads w⟫
        + L * η * η * variance grads w / 2 := by
    simp only [div_eq_mul_inv, sub_eq_add_neg, mul_add, add_mul, neg_add, neg_mul, mul_neg,
      neg_neg, mul_one, add_assoc, add_comm, add_left_comm, mul_assoc, mul_comm, mul_left_comm]
  rw [e_final] at hmul
  exact hmul

/-- Strict improvement in expectation (ΔF > 0) when `L η σ² < (2 - L η) ⟪ḡ, ḡ⟫`. -/
theorem expected_improves : expected_improves_spec := by
  intro K _ _ _ _ _ _ n m F grads L η w hF hη hm hthr
  have hd := expected_descent K n m F grads L η w hF hm
  have hη0 : 0 < η := hη.step_pos
  have h1 : η / 2 * (L * η * variance grads w)
      < η / 2 * ((2 - L * η) * ⟪meanGrad grads w, meanGrad grads w⟫) :=
    mul_lt_mul_of_pos_left hthr (div_pos hη0 zero_lt_two)
  have e1 : η / 2 * ((2 - L * η) * ⟪meanGrad grads w, meanGrad grads w⟫)
      = η * ((2 - L * η) / 2) * ⟪meanGrad grads w, meanGrad grads w⟫ := by
    simp only [div_eq_mul_inv, mul_assoc, mul_left_comm]
  have e2 : η / 2 * (L * η * variance grads w) = L * η * η * variance grads w / 2 := by
    simp only [div_eq_mul_inv, mul_assoc, mul_comm, mul_left_comm]
  rw [e1, two_sub_div_two, e2] at h1
  exact lt_of_le_of_lt hd (sub_add_lt_self_of_lt h1)

end LearningRules.SGD
