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
* `nonconvex_rate` : for `0 < η`, `η L ≤ 1`, variance at most `σ²` and `T ≥ 1`, some `k < T` has
  `E ⟪∇F (w_k), ∇F (w_k)⟫ ≤ 2 (F w₀ - F*) / (η T) + L η σ²` (exact expectation over sample paths).
* `minibatch_variance` : the mean of `b ≥ 1` samples drawn with replacement has variance `σ² / b`.

## Implementation notes

Each sample's step satisfies the descent lemma of `F` at `w` with the mean gradient `ḡ`
(`step_bound`). Averaging uses `finSum_affine` (`Σ (p - q b_i + s a_i) = m p - q Σ b + s Σ a`),
`mean_dot` (`(1/m) Σ ⟪v, g_i⟫ = ⟪v, ḡ⟫`) and the variance decomposition
`(1/m) Σ ⟪g_i, g_i⟫ = ⟪ḡ, ḡ⟫ + σ²` (`mean_dot_self`, shared with the minibatch statement), derived
from `Vec.dot_sub_self_expand` (its one cancellation is `sub_two_mul_add_add_self`). Ring
identities are closed by `simp only` normalisation with the commutative-ring lemmas of
`LearningRulesProofs.Algebra`, and the halving steps by `two_sub_div_two` and
`sub_add_lt_self_of_lt` of the same layer. No `grind`/`omega`.

The non-convex rate: `expected_descent_half` weakens the one-step bound with `η L ≤ 1` to
`E[F w'] ≤ F w - η/2 ⟪ḡ, ḡ⟫ + L η η σ² / 2`; monotonicity (`pathMean_mono`) and linearity
(`pathMean_affine`) of the path expectation carry it under `E` at every step, and the telescoping
with the running minimum is `GradientDescent.min_grad_aux` applied to
`V_j = E F (w_j) - j L η η σ² / 2`; `le_pathMean` gives `F* ≤ E F (w_T)`, and the last step divides
by `η T > 0` (`le_of_mul_le_mul_right`).

The minibatch variance: `drawMean_dist` computes, by induction on `b`, the expected squared
distance `E ⟪s + Σ_j g_{i_j} - z, ·⟫ = ⟪(s - z) + b ḡ, ·⟫ + b σ²` from the one-draw identity
`mean_dot_add_self` (`(1/m) Σ_i ⟪v + g_i, v + g_i⟫ = ⟪v + ḡ, v + ḡ⟫ + σ²`: the cross terms average
to `2 ⟪v, ḡ⟫`); with `z = b ḡ`, `s = 0` and the factor `(1/b)²` pulled out
(`one_div_smul_sub`, `drawMean_mul_left`) it is `σ² / b`.

## References

* L. Bottou, F. E. Curtis, J. Nocedal, SIAM Review, 2018, Lemma 4.4 and Theorem 4.8.
* S. Ghadimi, G. Lan, SIAM J. Optim., 2013.
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

/-- The bias–variance decomposition of the mean squared sample gradient:
`(1/m) Σ_i ⟪g_i, g_i⟫ = σ² + ⟪ḡ, ḡ⟫` for `m ≥ 1`. -/
theorem mean_dot_self {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
    [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n m : Nat} (hm : 0 < m)
    (grads : Fin m → Vec K n → Vec K n) (w : Vec K n) :
    (1 : K) / Vec.natCast m * Vec.finSum m (fun i => ⟪grads i w, grads i w⟫)
      = variance grads w + ⟪meanGrad grads w, meanGrad grads w⟫ := by
  have hM : 0 < (Vec.natCast m : K) := Vec.natCast_pos m hm
  have hM0 : (Vec.natCast m : K) ≠ 0 := ne_of_gt hM
  have hrM : (1 : K) / Vec.natCast m * Vec.natCast m = 1 := by
    rw [div_eq_mul_inv, one_mul, inv_mul_cancel₀ hM0]
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
  rw [hV, sub_two_mul_add_add_self]

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
  have hmean : (1 : K) / Vec.natCast m * Vec.finSum m (fun i => ⟪meanGrad grads w, grads i w⟫)
      = ⟪meanGrad grads w, meanGrad grads w⟫ :=
    mean_dot m (fun i => grads i w) (meanGrad grads w)
  have hVa := mean_dot_self hm grads w
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

/-! ### Multi-step expectations: the non-convex rate -/

section Multistep

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n m : Nat}

/-- The averaging weight is nonnegative: `0 ≤ 1 / m`. -/
theorem one_div_natCast_nonneg (m : Nat) : (0 : K) ≤ 1 / Vec.natCast m := by
  rw [one_div]
  exact inv_nonneg (Vec.natCast_nonneg m)

/-- The averaging weight cancels the count: `(1 / m) * m = 1` for `m ≥ 1`. -/
theorem one_div_natCast_mul (hm : 0 < m) : (1 : K) / Vec.natCast m * Vec.natCast m = 1 := by
  rw [div_eq_mul_inv, one_mul, inv_mul_cancel₀ (ne_of_gt (Vec.natCast_pos (K := K) m hm))]

/-- The mean of a constant family is the constant: `(1/m) Σ_i c = c` for `m ≥ 1`. -/
theorem mean_const (hm : 0 < m) (c : K) :
    (1 : K) / Vec.natCast m * Vec.finSum m (fun _ => c) = c := by
  rw [Vec.finSum_const, ← mul_assoc, one_div_natCast_mul hm, one_mul]

/-- Linearity of the mean: `(1/m) Σ_i (f i - a g i + c) = (1/m) Σ f - a (1/m) Σ g + c`. -/
theorem mean_affine (hm : 0 < m) (f g : Fin m → K) (a c : K) :
    (1 : K) / Vec.natCast m * Vec.finSum m (fun i => f i - a * g i + c)
      = (1 : K) / Vec.natCast m * Vec.finSum m f
        - a * ((1 : K) / Vec.natCast m * Vec.finSum m g) + c := by
  have h1 : Vec.finSum m (fun i => f i - a * g i + c)
      = Vec.finSum m f - a * Vec.finSum m g + Vec.finSum m (fun _ => c) := by
    rw [Vec.finSum_add m (fun i => f i - a * g i) (fun _ => c),
      Vec.finSum_sub m f (fun i => a * g i), Vec.finSum_mul_left m a g]
  rw [h1, mul_add ((1 : K) / Vec.natCast m) (Vec.finSum m f - a * Vec.finSum m g),
    mean_const hm c, mul_sub, mul_left_comm ((1 : K) / Vec.natCast m) a]

/-- The one-step expected loss is monotone in the loss: `f ≤ g` pointwise gives
`expectedLoss f ≤ expectedLoss g`. -/
theorem expectedLoss_mono {f g : Vec K n → K} (grads : Fin m → Vec K n → Vec K n) (η : K)
    (h : ∀ v, f v ≤ g v) (w : Vec K n) :
    expectedLoss f grads η w ≤ expectedLoss g grads η w :=
  mul_le_mul_of_nonneg_left (Vec.finSum_le_finSum (fun i => h (step grads η i w)))
    (one_div_natCast_nonneg m)

/-- The one-step expected loss is affine in the loss (for `m ≥ 1`). -/
theorem expectedLoss_affine (hm : 0 < m) (f g : Vec K n → K) (grads : Fin m → Vec K n → Vec K n)
    (η a c : K) (w : Vec K n) :
    expectedLoss (fun v => f v - a * g v + c) grads η w
      = expectedLoss f grads η w - a * expectedLoss g grads η w + c :=
  mean_affine hm (fun i => f (step grads η i w)) (fun i => g (step grads η i w)) a c

/-- A lower bound of the loss bounds its one-step expectation (for `m ≥ 1`). -/
theorem le_expectedLoss (hm : 0 < m) {f : Vec K n → K} {c : K} (h : ∀ v, c ≤ f v)
    (grads : Fin m → Vec K n → Vec K n) (η : K) (w : Vec K n) : c ≤ expectedLoss f grads η w := by
  have h1 : expectedLoss (fun _ => c) grads η w ≤ expectedLoss f grads η w :=
    expectedLoss_mono grads η h w
  have e : expectedLoss (fun _ => c) grads η w = c := mean_const hm c
  rw [e] at h1
  exact h1

/-- The path expectation is monotone in the function: `f ≤ g` pointwise gives
`E f (w_k) ≤ E g (w_k)`. -/
theorem pathMean_mono (grads : Fin m → Vec K n → Vec K n) (η : K) :
    ∀ (k : Nat) (f g : Vec K n → K), (∀ v, f v ≤ g v) → ∀ w : Vec K n,
      pathMean grads η k f w ≤ pathMean grads η k g w
  | 0, _, _, h, w => h w
  | k + 1, _, _, h, w => pathMean_mono grads η k _ _ (fun v => expectedLoss_mono grads η h v) w

/-- The path expectation is affine in the function (for `m ≥ 1`):
`E (f - a g + c) (w_k) = E f (w_k) - a E g (w_k) + c`. -/
theorem pathMean_affine (hm : 0 < m) (grads : Fin m → Vec K n → Vec K n) (η a c : K) :
    ∀ (k : Nat) (f g : Vec K n → K) (w : Vec K n),
      pathMean grads η k (fun v => f v - a * g v + c) w
        = pathMean grads η k f w - a * pathMean grads η k g w + c
  | 0, _, _, _ => rfl
  | k + 1, f, g, w => by
    have e : (fun v => expectedLoss (fun v => f v - a * g v + c) grads η v)
        = (fun v => expectedLoss f grads η v - a * expectedLoss g grads η v + c) :=
      funext (fun v => expectedLoss_affine hm f g grads η a c v)
    show pathMean grads η k (fun v => expectedLoss (fun v => f v - a * g v + c) grads η v) w
      = pathMean grads η k (fun v => expectedLoss f grads η v) w
        - a * pathMean grads η k (fun v => expectedLoss g grads η v) w + c
    rw [e]
    exact pathMean_affine hm grads η a c k _ _ w

/-- A lower bound of the function bounds its path expectation (for `m ≥ 1`). -/
theorem le_pathMean (hm : 0 < m) (grads : Fin m → Vec K n → Vec K n) (η : K) {c : K} :
    ∀ (k : Nat) (f : Vec K n → K), (∀ v, c ≤ f v) → ∀ w : Vec K n, c ≤ pathMean grads η k f w
  | 0, _, h, w => h w
  | k + 1, _, h, w => le_pathMean hm grads η k _ (fun v => le_expectedLoss hm h grads η v) w

/-- One SGD step in expectation with `η L ≤ 1` and an oracle variance at most `σ2`:
`E[F w'] ≤ F w - η/2 ⟪ḡ, ḡ⟫ + L η η σ2 / 2`. -/
theorem expected_descent_half {F : Vec K n → K} {grads : Fin m → Vec K n → Vec K n}
    {L η σ2 : K} (hF : GradientDescent.IsLSmooth F (meanGrad grads) L) (hη : 0 < η)
    (hηL : η * L ≤ 1) (hσ : ∀ w : Vec K n, variance grads w ≤ σ2) (hm : 0 < m) (w : Vec K n) :
    expectedLoss F grads η w
      ≤ F w - η / 2 * ⟪meanGrad grads w, meanGrad grads w⟫ + L * η * η * σ2 / 2 := by
  have hd := expected_descent K n m F grads L η w hF hm
  have hG : 0 ≤ ⟪meanGrad grads w, meanGrad grads w⟫ := Vec.dot_self_nonneg _
  have h2 : (0 : K) ≤ 2⁻¹ := le_of_lt (inv_pos zero_lt_two)
  have hη0 : 0 ≤ η := le_of_lt hη
  have hLη : L * η / 2 ≤ 2⁻¹ := by
    have h := mul_le_mul_of_nonneg_right hηL h2
    rw [one_mul, mul_comm η L] at h
    rw [div_eq_mul_inv]
    exact h
  have hc : 2⁻¹ ≤ 1 - L * η / 2 := by
    have h := sub_le_sub_left hLη 1
    rw [one_sub_inv_two] at h
    exact h
  have h1 : η / 2 * ⟪meanGrad grads w, meanGrad grads w⟫
      ≤ η * (1 - L * η / 2) * ⟪meanGrad grads w, meanGrad grads w⟫ := by
    have h := mul_le_mul_of_nonneg_left hc hη0
    rw [← div_eq_mul_inv] at h
    exact mul_le_mul_of_nonneg_right h hG
  have hLηη : 0 ≤ L * η * η := mul_nonneg (mul_nonneg hF.nonneg hη0) hη0
  have hv : L * η * η * variance grads w / 2 ≤ L * η * η * σ2 / 2 := by
    rw [div_eq_mul_inv, div_eq_mul_inv]
    exact mul_le_mul_of_nonneg_right (mul_le_mul_of_nonneg_left (hσ w) hLηη) h2
  exact le_trans hd (add_le_add (sub_le_sub_left h1 (F w)) hv)

end Multistep

/-- Non-convex rate of SGD in expectation: some `k < T` has
`E ⟪∇F (w_k), ∇F (w_k)⟫ ≤ 2 (F w₀ - F*) / (η T) + L η σ²`. -/
theorem nonconvex_rate : nonconvex_rate_spec := by
  intro K _ _ _ _ _ _ n m F grads L η σ2 Fstar w0 T hF hη hηL hσ hlow hm hT
  cases T with
  | zero => exact absurd hT (Nat.lt_irrefl 0)
  | succ T =>
    -- one step under the path expectation
    have hpath : ∀ j : Nat, pathMean grads η (j + 1) F w0
        ≤ pathMean grads η j F w0
          - η / 2 * pathMean grads η j (fun v => ⟪meanGrad grads v, meanGrad grads v⟫) w0
          + L * η * η * σ2 / 2 := by
      intro j
      have h1 := pathMean_mono grads η j (fun v => expectedLoss F grads η v)
        (fun v => F v - η / 2 * ⟪meanGrad grads v, meanGrad grads v⟫ + L * η * η * σ2 / 2)
        (fun v => expected_descent_half hF hη hηL hσ hm v) w0
      rw [pathMean_affine hm grads η (η / 2) (L * η * η * σ2 / 2) j F
        (fun v => ⟪meanGrad grads v, meanGrad grads v⟫) w0] at h1
      exact h1
    -- the telescoping form `η G_j ≤ 2 (V_j - V_{j+1})`, `V_j = E F (w_j) - j L η η σ2 / 2`
    have hstep : ∀ j : Nat,
        η * pathMean grads η j (fun v => ⟪meanGrad grads v, meanGrad grads v⟫) w0
          ≤ 2 * ((pathMean grads η j F w0 - Vec.natCast j * (L * η * η * σ2 / 2))
            - (pathMean grads η (j + 1) F w0
              - Vec.natCast (j + 1) * (L * η * η * σ2 / 2))) := by
      intro j
      have e : (pathMean grads η j F w0 - Vec.natCast j * (L * η * η * σ2 / 2))
            - (pathMean grads η (j + 1) F w0 - Vec.natCast (j + 1) * (L * η * η * σ2 / 2))
          = (pathMean grads η j F w0 + L * η * η * σ2 / 2) - pathMean grads η (j + 1) F w0 := by
        rw [Vec.natCast_succ, add_mul, one_mul,
          ← sub_sub (pathMean grads η (j + 1) F w0) (Vec.natCast j * (L * η * η * σ2 / 2)),
          ← sub_add, sub_sub_sub_cancel_right]
        simp only [sub_eq_add_neg, add_assoc, add_comm, add_left_comm]
      have hp := hpath j
      have e2 : pathMean grads η j F w0
            - η / 2 * pathMean grads η j (fun v => ⟪meanGrad grads v, meanGrad grads v⟫) w0
            + L * η * η * σ2 / 2
          = (pathMean grads η j F w0 + L * η * η * σ2 / 2)
            - η / 2 * pathMean grads η j (fun v => ⟪meanGrad grads v, meanGrad grads v⟫) w0 := by
        simp only [sub_eq_add_neg, add_assoc, add_comm, add_left_comm]
      rw [e2] at hp
      have h3 := mul_le_mul_of_nonneg_left (le_sub_comm.mp hp) (le_of_lt (zero_lt_two (K := K)))
      rw [← mul_assoc, two_mul_div_two] at h3
      rw [e]
      exact h3
    cases GradientDescent.min_grad_aux
      (fun j => pathMean grads η j (fun v => ⟪meanGrad grads v, meanGrad grads v⟫) w0)
      (fun j => pathMean grads η j F w0 - Vec.natCast j * (L * η * η * σ2 / 2)) η
      (le_of_lt hη) hstep T with
    | intro k hkk =>
    refine ⟨k, hkk.1, ?_⟩
    have hb : pathMean grads η k (fun v => ⟪meanGrad grads v, meanGrad grads v⟫) w0
          * (η * Vec.natCast (T + 1))
        ≤ 2 * ((F w0 - Vec.natCast 0 * (L * η * η * σ2 / 2))
          - (pathMean grads η (T + 1) F w0 - Vec.natCast (T + 1) * (L * η * η * σ2 / 2))) :=
      hkk.2
    have hN : 0 < (Vec.natCast (T + 1) : K) := Vec.natCast_pos (T + 1) hT
    have hηN : 0 < η * Vec.natCast (T + 1) := mul_pos hη hN
    have hlowT : Fstar ≤ pathMean grads η (T + 1) F w0 := le_pathMean hm grads η (T + 1) F hlow w0
    -- bound the telescoped right side
    have e0 : (F w0 - Vec.natCast 0 * (L * η * η * σ2 / 2))
          - (pathMean grads η (T + 1) F w0 - Vec.natCast (T + 1) * (L * η * η * σ2 / 2))
        = (F w0 - pathMean grads η (T + 1) F w0)
          + Vec.natCast (T + 1) * (L * η * η * σ2 / 2) := by
      rw [Vec.natCast_zero, zero_mul, sub_zero, ← sub_add]
    have hle : (F w0 - pathMean grads η (T + 1) F w0) + Vec.natCast (T + 1) * (L * η * η * σ2 / 2)
        ≤ (F w0 - Fstar) + Vec.natCast (T + 1) * (L * η * η * σ2 / 2) :=
      add_le_add_right (sub_le_sub_left hlowT (F w0)) _
    rw [e0] at hb
    have hb2 := le_trans hb (mul_le_mul_of_nonneg_left hle (le_of_lt (zero_lt_two (K := K))))
    have e1 : 2 * ((F w0 - Fstar) + Vec.natCast (T + 1) * (L * η * η * σ2 / 2))
        = (2 * (F w0 - Fstar) / (η * Vec.natCast (T + 1)) + L * η * σ2)
          * (η * Vec.natCast (T + 1)) := by
      rw [add_mul, div_mul_cancel₀ _ (ne_of_gt hηN), mul_add,
        mul_left_comm 2 (Vec.natCast (T + 1)), two_mul_div_two]
      simp only [mul_assoc, mul_comm, mul_left_comm]
    rw [e1] at hb2
    exact le_of_mul_le_mul_right hb2 hηN

/-! ### Minibatch variance -/

section Minibatch

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n m : Nat}

/-- The mean squared norm of the shifted samples:
`(1/m) Σ_i ⟪v + g_i, v + g_i⟫ = ⟪v + ḡ, v + ḡ⟫ + σ²` for `m ≥ 1` (the cross term averages to `2 ⟪v, ḡ⟫`). -/
theorem mean_dot_add_self (hm : 0 < m) (grads : Fin m → Vec K n → Vec K n) (w v : Vec K n) :
    (1 : K) / Vec.natCast m * Vec.finSum m (fun i => ⟪v + grads i w, v + grads i w⟫)
      = ⟪v + meanGrad grads w, v + meanGrad grads w⟫ + variance grads w := by
  have hpt : ∀ i : Fin m, ⟪v + grads i w, v + grads i w⟫
      = ⟪v, v⟫ + 2 * ⟪v, grads i w⟫ + ⟪grads i w, grads i w⟫ :=
    fun i => Vec.dot_add_self_expand v (grads i w)
  have hmean : (1 : K) / Vec.natCast m * Vec.finSum m (fun i => ⟪v, grads i w⟫)
      = ⟪v, meanGrad grads w⟫ :=
    mean_dot m (fun i => grads i w) v
  have hsum : Vec.finSum m (fun i => ⟪v + grads i w, v + grads i w⟫)
      = Vec.natCast m * ⟪v, v⟫ + 2 * Vec.finSum m (fun i => ⟪v, grads i w⟫)
        + Vec.finSum m (fun i => ⟪grads i w, grads i w⟫) := by
    rw [Vec.finSum_congr hpt,
      Vec.finSum_add m (fun i => ⟪v, v⟫ + 2 * ⟪v, grads i w⟫) (fun i => ⟪grads i w, grads i w⟫),
      Vec.finSum_add m (fun _ => ⟪v, v⟫) (fun i => 2 * ⟪v, grads i w⟫), Vec.finSum_const,
      Vec.finSum_mul_left m 2 (fun i => ⟪v, grads i w⟫)]
  rw [hsum, mul_add, mul_add, ← mul_assoc ((1 : K) / Vec.natCast m) (Vec.natCast m),
    one_div_natCast_mul hm, one_mul, mul_left_comm ((1 : K) / Vec.natCast m) 2, hmean,
    mean_dot_self hm grads w, Vec.dot_add_self_expand v (meanGrad grads w)]
  simp only [add_assoc, add_comm, add_left_comm]

/-- Shifting by `0 • y` changes nothing: `x + (0 : K) • y = x`. -/
theorem add_zero_smul (x y : Vec K n) : x + (0 : K) • y = x := by
  funext j
  show x j + 0 * y j = x j
  rw [zero_mul, add_zero]

/-- Regrouping a drawn sample: `(s + g - z) + c • y = ((s - z) + c • y) + g`. -/
theorem add_sub_add_smul (s g z y : Vec K n) (c : K) :
    (s + g - z) + c • y = ((s - z) + c • y) + g := by
  funext j
  show (s j + g j - z j) + c * y j = ((s j - z j) + c * y j) + g j
  simp only [sub_eq_add_neg, add_assoc, add_comm, add_left_comm]

/-- One more mean: `(x + c • y) + y = x + (c + 1) • y`. -/
theorem add_smul_add_self (x y : Vec K n) (c : K) : (x + c • y) + y = x + (c + 1) • y := by
  funext j
  show (x j + c * y j) + y j = x j + (c + 1) * y j
  rw [add_mul, one_mul, add_assoc]

/-- Centering a scaled sum: `(1/b) • s - y = (1/b) • (s - b • y)` for `b ≠ 0`. -/
theorem one_div_smul_sub (s y : Vec K n) {b : K} (hb : b ≠ 0) :
    ((1 : K) / b) • s - y = ((1 : K) / b) • (s - b • y) := by
  funext j
  show 1 / b * s j - y j = 1 / b * (s j - b * y j)
  rw [mul_sub, ← mul_assoc, div_mul_cancel₀ 1 hb, one_mul]

/-- A vector minus itself, shifted back: `(0 - y) + y = 0`. -/
theorem zero_sub_add_self (y : Vec K n) : ((0 : Vec K n) - y) + y = 0 := by
  funext j
  show (0 - y j) + y j = 0
  rw [sub_add_cancel]

/-- The draw expectation depends on the function only through its values. -/
theorem drawMean_congr (grads : Fin m → Vec K n → Vec K n) (w : Vec K n) (b : Nat)
    {f g : Vec K n → K} (h : ∀ x, f x = g x) (s : Vec K n) :
    drawMean grads w b f s = drawMean grads w b g s := by
  have e : f = g := funext h
  rw [e]

/-- A constant factor comes out of the draw expectation. -/
theorem drawMean_mul_left (grads : Fin m → Vec K n → Vec K n) (w : Vec K n) (c : K)
    (f : Vec K n → K) : ∀ (b : Nat) (s : Vec K n),
      drawMean grads w b (fun x => c * f x) s = c * drawMean grads w b f s
  | 0, _ => rfl
  | b + 1, s => by
    show (1 : K) / Vec.natCast m
        * Vec.finSum m (fun i => drawMean grads w b (fun x => c * f x) (s + grads i w))
      = c * ((1 : K) / Vec.natCast m
        * Vec.finSum m (fun i => drawMean grads w b f (s + grads i w)))
    rw [Vec.finSum_congr (fun i => drawMean_mul_left grads w c f b (s + grads i w)),
      Vec.finSum_mul_left m c (fun i => drawMean grads w b f (s + grads i w)),
      mul_left_comm ((1 : K) / Vec.natCast m) c]

/-- The expected squared distance of a sum of `b` draws from a point `z`:
`E ⟪s + Σ_j g_{i_j} - z, ·⟫ = ⟪(s - z) + b ḡ, (s - z) + b ḡ⟫ + b σ²` (for `m ≥ 1`). -/
theorem drawMean_dist (hm : 0 < m) (grads : Fin m → Vec K n → Vec K n) (w z : Vec K n) :
    ∀ (b : Nat) (s : Vec K n),
      drawMean grads w b (fun x => ⟪x - z, x - z⟫) s
        = ⟪(s - z) + Vec.natCast (K := K) b • meanGrad grads w,
            (s - z) + Vec.natCast (K := K) b • meanGrad grads w⟫
          + Vec.natCast b * variance grads w
  | 0, s => by
    show ⟪s - z, s - z⟫
      = ⟪(s - z) + Vec.natCast (K := K) 0 • meanGrad grads w,
          (s - z) + Vec.natCast (K := K) 0 • meanGrad grads w⟫
        + Vec.natCast 0 * variance grads w
    rw [Vec.natCast_zero, zero_mul, add_zero, add_zero_smul]
  | b + 1, s => by
    have e : ∀ i : Fin m, drawMean grads w b (fun x => ⟪x - z, x - z⟫) (s + grads i w)
        = ⟪((s - z) + Vec.natCast (K := K) b • meanGrad grads w) + grads i w,
            ((s - z) + Vec.natCast (K := K) b • meanGrad grads w) + grads i w⟫
          + Vec.natCast b * variance grads w := by
      intro i
      rw [drawMean_dist hm grads w z b (s + grads i w),
        add_sub_add_smul s (grads i w) z (meanGrad grads w) (Vec.natCast b)]
    show (1 : K) / Vec.natCast m
        * Vec.finSum m (fun i => drawMean grads w b (fun x => ⟪x - z, x - z⟫) (s + grads i w))
      = ⟪(s - z) + Vec.natCast (K := K) (b + 1) • meanGrad grads w,
          (s - z) + Vec.natCast (K := K) (b + 1) • meanGrad grads w⟫
        + Vec.natCast (b + 1) * variance grads w
    rw [Vec.finSum_congr e,
      Vec.finSum_add m (fun i => ⟪((s - z) + Vec.natCast (K := K) b • meanGrad grads w) + grads i w,
          ((s - z) + Vec.natCast (K := K) b • meanGrad grads w) + grads i w⟫)
        (fun _ => Vec.natCast b * variance grads w),
      mul_add, mean_const hm, mean_dot_add_self hm grads w,
      add_smul_add_self, ← Vec.natCast_succ, Vec.natCast_succ b, add_mul, one_mul]
    simp only [add_assoc, add_comm, add_left_comm]

end Minibatch

/-- Minibatch variance: the mean of `b ≥ 1` samples drawn with replacement has variance `σ² / b`. -/
theorem minibatch_variance : minibatch_variance_spec := by
  intro K _ _ _ _ _ _ n m grads w b hm hb
  have hB : 0 < (Vec.natCast b : K) := Vec.natCast_pos b hb
  have hB0 : (Vec.natCast b : K) ≠ 0 := ne_of_gt hB
  have hpt : ∀ x : Vec K n,
      ⟪((1 : K) / Vec.natCast b) • x - meanGrad grads w,
        ((1 : K) / Vec.natCast b) • x - meanGrad grads w⟫
      = (1 : K) / Vec.natCast b * ((1 : K) / Vec.natCast b
        * ⟪x - Vec.natCast (K := K) b • meanGrad grads w,
          x - Vec.natCast (K := K) b • meanGrad grads w⟫) := by
    intro x
    rw [one_div_smul_sub x (meanGrad grads w) hB0, Vec.dot_smul_left, Vec.dot_smul_right]
  show drawMean grads w b
      (fun s => ⟪((1 : K) / Vec.natCast b) • s - meanGrad grads w,
        ((1 : K) / Vec.natCast b) • s - meanGrad grads w⟫) 0
    = variance grads w / Vec.natCast b
  rw [drawMean_congr grads w b hpt, drawMean_mul_left, drawMean_mul_left,
    drawMean_dist hm grads w (Vec.natCast (K := K) b • meanGrad grads w) b 0,
    zero_sub_add_self, Vec.dot_zero_left, zero_add,
    ← mul_assoc ((1 : K) / Vec.natCast b) (Vec.natCast b), div_mul_cancel₀ 1 hB0, one_mul,
    div_eq_mul_inv, div_eq_mul_inv, one_mul, mul_comm]

end LearningRules.SGD
