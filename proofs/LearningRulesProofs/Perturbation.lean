import LearningRules.Perturbation
import LearningRulesProofs.Vec
import LearningRulesProofs.GradientDescent
import LearningRulesProofs.Quadratic

/-!
# Proofs for weight and node perturbation

## Main statements

Proofs of the statements of `lean/LearningRules/Perturbation.lean`: `two_point_quadratic`,
`one_point_quadratic`, `one_point_pair`, `mean_two_point`, `mean_one_point`,
`coordinate_second_moment`, `expected_improves`, `variance_eq` (for `variance_spec`),
`two_point_variance`, `one_point_variance`,
`node_two_point`, `rademacher_length`, `rademacher_second_moment`, `rademacher_unbiased`,
`rademacher_estimator_second_moment` and `sgd_expected_descent`.

## Implementation notes

* `loss_add_smul` : `F (w + t ξ) = F w + t ⟪∇F w, ξ⟫ + t² ⟪ξ, A ξ⟫ / 2` for the quadratic loss,
  from `Quadratic.loss_add`. Both estimators reduce to it.
* All scalar reasoning uses the ordered-field lemmas of `LearningRulesProofs.Algebra` through
  `rw`, `exact` and `simp only [...]` (distributing products and pushing negations with
  `add_mul`, `mul_add`, `neg_mul`, `mul_neg`, `neg_neg`, `neg_add`, then normalising with
  `mul_assoc`, `mul_comm`, …); no `grind` and no `omega`. The cancellations that such a
  normalisation cannot do come from the same layer (`add_sub_cancel_left`,
  `add_add_add_neg_cancel`, `add_add_neg_add_cancel`, `mul_div_cancel_left₀`,
  `mul_inv_mul_mul_cancel_left` for the normalisation `1/(2n)` of the coordinate set, and
  `sub_sub` with `sub_add_cancel` for the variance), except the two-point difference
  `add_add_sub_add_neg_add` (`a + b + c - (a + -b + c) = 2 b`), proved here by `rw`. `if_pos`
  and `if_neg` (core's, restated in the same layer) evaluate the basis vectors `Vec.basis`.
* `finSum_single` : a sum whose terms vanish off `j` equals its `j`-th term (used for the
  coordinate set), by recursion on the length and `Fin.cases`.
* `finSum_dot` : `Σ i, ⟪v i, u⟫ = ⟪Σ i, v i, u⟫`, through `Vec.dot_eq_finSum` and `Vec.finSum_comm`.
* `expected_improves` reuses `LearningRules.GradientDescent.improves`.
* `one_point_variance`: `average_add_smul_of_eq_zero` gives the mean of `(x_i + s y_i) ξ_i` when
  the mean of `y_i ξ_i` vanishes (here `y_i = ⟪ξ_i, A ξ_i⟫`, by `CubicMomentZero`), and
  `variance_smul_family` turns `variance_eq` for a family `a_i ξ_i` with known mean `μ` into
  `(1/m) Σ a_i² ⟪ξ_i, ξ_i⟫ - ⟪μ, μ⟫`.
* The Rademacher set: `listSum_signExtend` turns a sum over `{±1}^(k+1)` into a sum of pairs
  `f (1, ξ) + f (-1, ξ)` over `{±1}^k`; `dot_consSign` splits `⟪v, (s, ξ)⟫ = v 0 * s + ⟪tail v, ξ⟫`;
  `rademacher_outer_sum` is the unnormalised second-moment identity
  `Σ_ξ ⟪v, ξ⟫ ξ j = |{±1}^k| * v j`, by induction on `k` with `Fin.cases` on `j`: in coordinate `0`
  the pair contributes `(v 0 + t) - (-v 0 + t) = 2 v 0` (`Σ_{s = ±1} s * s = 2`), in coordinate
  `i + 1` it contributes `2 t ξ i` (`Σ_{s = ±1} s = 0`), with `t = ⟪tail v, ξ⟫`;
  `rademacher_count_pos` keeps the normalising count nonzero.
* The Rademacher estimator `ĝ ξ = ⟪g, ξ⟫ • ξ`: every `ξ ∈ {±1}^n` has `⟪ξ, ξ⟫ = n`
  (`rademacher_dot_self`, stated with the list predicate `ListAll` and carried through
  `signExtend` by `listAll_signExtend`), so `⟪ĝ, ĝ⟫ = n ⟪g, ⟪g, ξ⟫ • ξ⟫` on the set, and the mean
  of `⟪g, ⟪g, ξ⟫ • ξ⟫` is `⟪g, E ĝ⟫ = ⟪g, g⟫` (`listMean_dot_right` with
  `rademacher_second_moment`). `sgd_expected_descent` averages the descent-lemma bound at
  `w - η ĝ ξ` over the set (`listMean_le_listMean`, `listMean_affine`) and substitutes both
  moments: `E F ≤ F w - η ⟪g, g⟫ + L η² n ⟪g, g⟫ / 2`.

## References

* B. Widrow and M. A. Lehr, 1990; R. J. Williams, 1992; I. R. Fiete and H. S. Seung, 2006.
-/

namespace LearningRules.Perturbation

open LearningRules

set_option linter.unusedSectionVars false

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- The symmetric difference: `a + b + c - (a + -b + c) = 2 * b`. -/
theorem add_add_sub_add_neg_add (a b c : K) : a + b + c - (a + -b + c) = 2 * b := by
  have h : a + b + c + (-a + - -b + -c) = (a + -a) + (c + -c) + (b + b) := by
    simp only [neg_neg, add_assoc, add_comm, add_left_comm]
  rw [sub_eq_add_neg, neg_add, neg_add, h, add_neg_cancel, add_neg_cancel, zero_add, zero_add,
    two_mul]

/-- The quadratic loss along a line, for symmetric `A`:
`F (w + t ξ) = F w + t ⟪∇F w, ξ⟫ + t t (⟪ξ, A ξ⟫ / 2)`. -/
theorem loss_add_smul {A : Mat K n n} (hA : Mat.IsSymm A) (b w ξ : Vec K n) (t : K) :
    Quadratic.loss A b (w + t • ξ)
      = Quadratic.loss A b w + t * ⟪Quadratic.grad A b w, ξ⟫
        + t * t * (⟪ξ, Mat.mulVec A ξ⟫ / 2) := by
  have h := Quadratic.loss_add hA b w (t • ξ)
  have e1 : ⟪Mat.mulVec A w - b, t • ξ⟫ = t * ⟪Quadratic.grad A b w, ξ⟫ :=
    Vec.dot_smul_right t (Mat.mulVec A w - b) ξ
  have e2 : ⟪t • ξ, Mat.mulVec A (t • ξ)⟫ = t * (t * ⟪ξ, Mat.mulVec A ξ⟫) := by
    rw [Vec.mulVec_smul, Vec.dot_smul_left, Vec.dot_smul_right]
  rw [h, e1, e2]
  simp only [div_eq_mul_inv, mul_assoc]

/-- `w - σ • ξ = w + (-σ) • ξ`. -/
theorem sub_smul_eq_add_neg_smul (w ξ : Vec K n) (σ : K) : w - σ • ξ = w + (-σ) • ξ := by
  apply Vec.ext
  intro i
  show w i - σ * ξ i = w i + -σ * ξ i
  rw [sub_eq_add_neg, neg_mul]

/-- Exactness of the two-point estimator on quadratics (identity). -/
theorem two_point_quadratic : two_point_quadratic_spec := by
  intro K _ _ _ _ _ _ n A b σ w ξ hA hσ
  have h1 := loss_add_smul hA b w ξ σ
  have h2 := loss_add_smul hA b w ξ (-σ)
  have hv := sub_smul_eq_add_neg_smul w ξ σ
  have h2σ : 2 * σ ≠ 0 := by
    intro h0
    exact hσ ((mul_eq_zero.mp h0).resolve_left two_ne_zero)
  have hX : Quadratic.loss A b (w + σ • ξ) - Quadratic.loss A b (w - σ • ξ)
      = (2 * σ) * ⟪Quadratic.grad A b w, ξ⟫ := by
    have hσσ : -σ * -σ = σ * σ := by rw [neg_mul, mul_neg, neg_neg]
    rw [hv, h1, h2, hσσ, neg_mul σ, add_add_sub_add_neg_add, mul_assoc]
  have hcoef : (Quadratic.loss A b (w + σ • ξ) - Quadratic.loss A b (w - σ • ξ)) / (2 * σ)
      = ⟪Quadratic.grad A b w, ξ⟫ := by
    rw [hX]
    exact mul_div_cancel_left₀ _ h2σ
  show ((Quadratic.loss A b (w + σ • ξ) - Quadratic.loss A b (w - σ • ξ)) / (2 * σ)) • ξ
    = ⟪Quadratic.grad A b w, ξ⟫ • ξ
  rw [hcoef]

/-- The one-point estimator on a quadratic is `(⟪∇F w, ξ⟫ + σ/2 ⟪ξ, A ξ⟫) • ξ` (identity). -/
theorem one_point_quadratic : one_point_quadratic_spec := by
  intro K _ _ _ _ _ _ n A b σ w ξ hA hσ
  have h1 := loss_add_smul hA b w ξ σ
  have hX : Quadratic.loss A b (w + σ • ξ) - Quadratic.loss A b w
      = σ * (⟪Quadratic.grad A b w, ξ⟫ + σ / 2 * ⟪ξ, Mat.mulVec A ξ⟫) := by
    rw [h1, add_assoc, add_sub_cancel_left]
    simp only [div_eq_mul_inv, mul_add, mul_assoc, mul_comm]
  have hcoef : (Quadratic.loss A b (w + σ • ξ) - Quadratic.loss A b w) / σ
      = ⟪Quadratic.grad A b w, ξ⟫ + σ / 2 * ⟪ξ, Mat.mulVec A ξ⟫ := by
    rw [hX]
    exact mul_div_cancel_left₀ _ hσ
  show ((Quadratic.loss A b (w + σ • ξ) - Quadratic.loss A b w) / σ) • ξ
    = (⟪Quadratic.grad A b w, ξ⟫ + σ / 2 * ⟪ξ, Mat.mulVec A ξ⟫) • ξ
  rw [hcoef]

/-- The one-point estimators at `ξ` and `-ξ` add up to `(2 ⟪∇F w, ξ⟫) • ξ` (identity). -/
theorem one_point_pair : one_point_pair_spec := by
  intro K _ _ _ _ _ _ n A b σ w ξ hA hσ
  have h1 := loss_add_smul hA b w ξ σ
  have h2 := loss_add_smul hA b w ((-1 : K) • ξ) σ
  have e1 : ⟪Quadratic.grad A b w, (-1 : K) • ξ⟫ = -1 * ⟪Quadratic.grad A b w, ξ⟫ :=
    Vec.dot_smul_right (-1 : K) (Quadratic.grad A b w) ξ
  have e2 : ⟪(-1 : K) • ξ, Mat.mulVec A ((-1 : K) • ξ)⟫ = ⟪ξ, Mat.mulVec A ξ⟫ := by
    rw [Vec.mulVec_smul, Vec.dot_smul_left, Vec.dot_smul_right, neg_mul, neg_mul, one_mul,
      one_mul, neg_neg]
  have hX1 : Quadratic.loss A b (w + σ • ξ) - Quadratic.loss A b w
      = σ * (⟪Quadratic.grad A b w, ξ⟫ + σ * (⟪ξ, Mat.mulVec A ξ⟫ / 2)) := by
    rw [h1, add_assoc, add_sub_cancel_left]
    simp only [mul_add, mul_assoc]
  have hX2 : Quadratic.loss A b (w + σ • ((-1 : K) • ξ)) - Quadratic.loss A b w
      = σ * (-1 * ⟪Quadratic.grad A b w, ξ⟫ + σ * (⟪ξ, Mat.mulVec A ξ⟫ / 2)) := by
    rw [h2, e1, e2, add_assoc, add_sub_cancel_left]
    simp only [mul_add, mul_assoc]
  have c1 : (Quadratic.loss A b (w + σ • ξ) - Quadratic.loss A b w) / σ
      = ⟪Quadratic.grad A b w, ξ⟫ + σ * (⟪ξ, Mat.mulVec A ξ⟫ / 2) := by
    rw [hX1]
    exact mul_div_cancel_left₀ _ hσ
  have c2 : (Quadratic.loss A b (w + σ • ((-1 : K) • ξ)) - Quadratic.loss A b w) / σ
      = -1 * ⟪Quadratic.grad A b w, ξ⟫ + σ * (⟪ξ, Mat.mulVec A ξ⟫ / 2) := by
    rw [hX2]
    exact mul_div_cancel_left₀ _ hσ
  apply Vec.ext
  intro j
  show (Quadratic.loss A b (w + σ • ξ) - Quadratic.loss A b w) / σ * ξ j
      + (Quadratic.loss A b (w + σ • ((-1 : K) • ξ)) - Quadratic.loss A b w) / σ
        * ((-1 : K) * ξ j)
    = 2 * ⟪Quadratic.grad A b w, ξ⟫ * ξ j
  rw [c1, c2]
  simp only [add_mul, neg_mul, mul_neg, one_mul, neg_neg, neg_add]
  rw [add_add_add_neg_cancel, mul_assoc, two_mul]

/-- Unbiasedness up to `c` of the mean two-point estimate (identity). -/
theorem mean_two_point : mean_two_point_spec := by
  intro K _ _ _ _ _ _ m n dirs c A b σ w hM hA hσ
  have hfun : (fun i => twoPoint (Quadratic.loss A b) σ w (dirs i))
      = (fun i => ⟪Quadratic.grad A b w, dirs i⟫ • dirs i) :=
    funext (fun i => two_point_quadratic K n A b σ w (dirs i) hA hσ)
  exact (congrArg average hfun).trans (hM.average_outer (Quadratic.grad A b w))

/-- Means over a symmetric set agree when the pairwise sums agree. -/
theorem pmAverage_congr {m : Nat} (half : Fin m → Vec K n) (f g : Vec K n → Vec K n)
    (h : ∀ i, f (half i) + f ((-1 : K) • half i) = g (half i) + g ((-1 : K) • half i)) :
    pmAverage half f = pmAverage half g := by
  exact congrArg (fun s : Fin m → Vec K n => (2 * count m)⁻¹ • Vec.sumFam m s) (funext h)

/-- Over a symmetric set the mean one-point estimate is `c` times the gradient (identity). -/
theorem mean_one_point : mean_one_point_spec := by
  intro K _ _ _ _ _ _ m n half c A b σ w hM hA hσ
  have hpt : ∀ i, onePoint (Quadratic.loss A b) σ w (half i)
        + onePoint (Quadratic.loss A b) σ w ((-1 : K) • half i)
      = ⟪Quadratic.grad A b w, half i⟫ • half i
        + ⟪Quadratic.grad A b w, (-1 : K) • half i⟫ • ((-1 : K) • half i) := by
    intro i
    have hp : onePoint (Quadratic.loss A b) σ w (half i)
          + onePoint (Quadratic.loss A b) σ w ((-1 : K) • half i)
        = (2 * ⟪Quadratic.grad A b w, half i⟫) • half i :=
      one_point_pair K n A b σ w (half i) hA hσ
    have e1 : ⟪Quadratic.grad A b w, (-1 : K) • half i⟫ = -1 * ⟪Quadratic.grad A b w, half i⟫ :=
      Vec.dot_smul_right (-1 : K) (Quadratic.grad A b w) (half i)
    rw [hp, e1]
    apply Vec.ext
    intro j
    show 2 * ⟪Quadratic.grad A b w, half i⟫ * half i j
      = ⟪Quadratic.grad A b w, half i⟫ * half i j
        + -1 * ⟪Quadratic.grad A b w, half i⟫ * ((-1 : K) * half i j)
    simp only [neg_mul, mul_neg, one_mul, neg_neg, two_mul, add_mul]
  exact (pmAverage_congr half (onePoint (Quadratic.loss A b) σ w)
    (fun ξ => ⟪Quadratic.grad A b w, ξ⟫ • ξ) hpt).trans
    (hM.average_outer (Quadratic.grad A b w))

/-- A sum whose terms vanish off the index `j` equals its `j`-th term. -/
theorem finSum_single : ∀ (m : Nat) (f : Fin m → K) (j : Fin m), (∀ i, i ≠ j → f i = 0) →
    Vec.finSum m f = f j
  | 0, _, j, _ => Fin.elim0 j
  | m + 1, f, j, hf => by
    rw [Vec.finSum_succ]
    revert hf
    refine Fin.cases ?_ (fun j => ?_) j
    · intro hf
      have hz : Vec.finSum m (fun i => f i.succ) = Vec.finSum m (fun _ => (0 : K)) :=
        Vec.finSum_congr (fun i => hf i.succ (Fin.succ_ne_zero i))
      show f 0 + Vec.finSum m (fun i => f i.succ) = f 0
      rw [hz, Vec.finSum_zero_fun, add_zero]
    · intro hf
      have h0 : f 0 = 0 := hf 0 (fun h : (0 : Fin (m + 1)) = j.succ => Fin.succ_ne_zero j h.symm)
      have ih : Vec.finSum m (fun i => f i.succ) = f j.succ :=
        finSum_single m (fun i => f i.succ) j
          (fun i hi => hf i.succ (fun h : i.succ = j.succ => hi (Fin.succ_inj.mp h)))
      show f 0 + Vec.finSum m (fun i => f i.succ) = f j.succ
      rw [h0, ih, zero_add]

/-- The dot product with a basis vector picks a coordinate: `⟪v, e_i⟫ = v i`. -/
theorem dot_basis (v : Vec K n) (i : Fin n) : ⟪v, Vec.basis (K := K) i⟫ = v i := by
  rw [Vec.dot_eq_finSum]
  have h : Vec.finSum n (fun k => v k * Vec.basis (K := K) i k) = v i * Vec.basis (K := K) i i :=
    finSum_single n (fun k => v k * Vec.basis (K := K) i k) i (fun k hk => by
      show v k * (if k = i then 1 else 0) = 0
      rw [if_neg hk, mul_zero])
  rw [h]
  show v i * (if i = i then 1 else 0) = v i
  rw [if_pos (rfl : i = i), mul_one]

/-- The coordinate set `{± e_i}` has second moment `1/n` (identity). -/
theorem coordinate_second_moment : coordinate_second_moment_spec := by
  intro K _ _ _ _ _ _ n
  refine ⟨fun v => ?_⟩
  apply Vec.ext
  intro j
  have hn : 0 < n := Nat.lt_of_le_of_lt (Nat.zero_le _) j.isLt
  have hc : 0 < (count n : K) := Vec.natCast_pos n hn
  have hterm : ∀ i : Fin n,
      (⟪v, Vec.basis (K := K) i⟫ • Vec.basis (K := K) i
        + ⟪v, (-1 : K) • Vec.basis (K := K) i⟫ • ((-1 : K) • Vec.basis (K := K) i)) j
      = 2 * (v i * Vec.basis (K := K) i j) := by
    intro i
    have h1 : ⟪v, (-1 : K) • Vec.basis (K := K) i⟫ = -1 * ⟪v, Vec.basis (K := K) i⟫ :=
      Vec.dot_smul_right (-1 : K) v (Vec.basis (K := K) i)
    have h2 : ⟪v, Vec.basis (K := K) i⟫ = v i := dot_basis v i
    show ⟪v, Vec.basis (K := K) i⟫ * Vec.basis (K := K) i j
        + ⟪v, (-1 : K) • Vec.basis (K := K) i⟫ * ((-1 : K) * Vec.basis (K := K) i j)
      = 2 * (v i * Vec.basis (K := K) i j)
    rw [h1, h2]
    simp only [neg_mul, mul_neg, one_mul, neg_neg, two_mul]
  have hsum : Vec.finSum n (fun i =>
        (⟪v, Vec.basis (K := K) i⟫ • Vec.basis (K := K) i
          + ⟪v, (-1 : K) • Vec.basis (K := K) i⟫ • ((-1 : K) • Vec.basis (K := K) i)) j)
      = 2 * v j := by
    have hmul : Vec.finSum n (fun i => 2 * (v i * Vec.basis (K := K) i j))
        = 2 * Vec.finSum n (fun i => v i * Vec.basis (K := K) i j) :=
      Vec.finSum_mul_left n 2 (fun i => v i * Vec.basis (K := K) i j)
    have hs : Vec.finSum n (fun i => v i * Vec.basis (K := K) i j)
        = v j * Vec.basis (K := K) j j :=
      finSum_single n (fun i => v i * Vec.basis (K := K) i j) j (fun i hi => by
        show v i * (if j = i then 1 else 0) = 0
        have hji : ¬(j = i) := fun h : j = i => hi h.symm
        rw [if_neg hji, mul_zero])
    have hjj : Vec.basis (K := K) j j = 1 := by
      show (if j = j then (1 : K) else 0) = 1
      exact if_pos (rfl : j = j)
    rw [Vec.finSum_congr hterm, hmul, hs, hjj, mul_one]
  show (2 * count n)⁻¹ * Vec.finSum n (fun i =>
        (⟪v, Vec.basis (K := K) i⟫ • Vec.basis (K := K) i
          + ⟪v, (-1 : K) • Vec.basis (K := K) i⟫ • ((-1 : K) • Vec.basis (K := K) i)) j)
    = (count n)⁻¹ * v j
  rw [hsum]
  exact mul_inv_mul_mul_cancel_left (v j) two_ne_zero (ne_of_gt hc)

/-- The expected update is gradient descent with step `η c` and improves the loss
(improvement). -/
theorem expected_improves : expected_improves_spec := by
  intro K _ _ _ _ _ _ m n dirs c A b σ η L w hM hA hσ hL hstep hg
  have hmean : average (fun i => twoPoint (Quadratic.loss A b) σ w (dirs i))
      = c • Quadratic.grad A b w :=
    mean_two_point K m n dirs c A b σ w hM hA hσ
  have heq : meanUpdate dirs (Quadratic.loss A b) σ η w
      = GradientDescent.step (Quadratic.grad A b) (η * c) w := by
    show w - η • average (fun i => twoPoint (Quadratic.loss A b) σ w (dirs i))
      = w - (η * c) • Quadratic.grad A b w
    rw [hmean]
    apply Vec.ext
    intro j
    show w j - η * (c * Quadratic.grad A b w j) = w j - η * c * Quadratic.grad A b w j
    rw [mul_assoc η c]
  refine ⟨heq, ?_⟩
  have hgd : Quadratic.loss A b (GradientDescent.step (Quadratic.grad A b) (η * c) w)
      < Quadratic.loss A b w :=
    GradientDescent.improves K n (Quadratic.loss A b) (Quadratic.grad A b) L (η * c) w
      hL hstep hg
  show Quadratic.loss A b (meanUpdate dirs (Quadratic.loss A b) σ η w) < Quadratic.loss A b w
  rw [heq]
  exact hgd

/-- `Σ i, ⟪v i, u⟫ = ⟪Σ i, v i, u⟫`. -/
theorem finSum_dot {m : Nat} (v : Fin m → Vec K n) (u : Vec K n) :
    Vec.finSum m (fun i => ⟪v i, u⟫) = ⟪Vec.sumFam m v, u⟫ := by
  have h1 : ∀ i, ⟪v i, u⟫ = Vec.finSum n (fun j => v i j * u j) :=
    fun i => Vec.dot_eq_finSum (v i) u
  have h2 : ⟪Vec.sumFam m v, u⟫ = Vec.finSum n (fun j => Vec.sumFam m v j * u j) :=
    Vec.dot_eq_finSum (Vec.sumFam m v) u
  rw [Vec.finSum_congr h1, h2, Vec.finSum_comm m n (fun i j => v i j * u j)]
  apply Vec.finSum_congr
  intro j
  show Vec.finSum m (fun i => v i j * u j) = Vec.finSum m (fun i => v i j) * u j
  exact Vec.finSum_mul_right m (fun i => v i j) (u j)

/-- Variance as mean of squares minus square of the mean (identity). -/
theorem variance_eq : variance_eq_spec := by
  intro K _ _ _ _ _ _ m n v hm
  have hC : 0 < (count m : K) := Vec.natCast_pos m hm
  have hCi : (count m : K) * (count m)⁻¹ = 1 := mul_inv_cancel₀ (ne_of_gt hC)
  have hterm : ∀ i, ⟪v i - average v, v i - average v⟫
      = ⟪v i, v i⟫ - 2 * (count m)⁻¹ * ⟪v i, Vec.sumFam m v⟫
        + (count m)⁻¹ * (count m)⁻¹ * ⟪Vec.sumFam m v, Vec.sumFam m v⟫ :=
    fun i => Vec.dot_sub_smul_self (v i) (Vec.sumFam m v) (count m)⁻¹
  have e1 : Vec.finSum m (fun i => ⟪v i, v i⟫ - 2 * (count m)⁻¹ * ⟪v i, Vec.sumFam m v⟫
        + (count m)⁻¹ * (count m)⁻¹ * ⟪Vec.sumFam m v, Vec.sumFam m v⟫)
      = Vec.finSum m (fun i => ⟪v i, v i⟫ - 2 * (count m)⁻¹ * ⟪v i, Vec.sumFam m v⟫)
        + Vec.finSum m (fun _ => (count m)⁻¹ * (count m)⁻¹
            * ⟪Vec.sumFam m v, Vec.sumFam m v⟫) :=
    Vec.finSum_add m (fun i => ⟪v i, v i⟫ - 2 * (count m)⁻¹ * ⟪v i, Vec.sumFam m v⟫)
      (fun _ => (count m)⁻¹ * (count m)⁻¹ * ⟪Vec.sumFam m v, Vec.sumFam m v⟫)
  have e2 : Vec.finSum m (fun i => ⟪v i, v i⟫ - 2 * (count m)⁻¹ * ⟪v i, Vec.sumFam m v⟫)
      = Vec.finSum m (fun i => ⟪v i, v i⟫)
        - Vec.finSum m (fun i => 2 * (count m)⁻¹ * ⟪v i, Vec.sumFam m v⟫) :=
    Vec.finSum_sub m (fun i => ⟪v i, v i⟫) (fun i => 2 * (count m)⁻¹ * ⟪v i, Vec.sumFam m v⟫)
  have e3 : Vec.finSum m (fun i => 2 * (count m)⁻¹ * ⟪v i, Vec.sumFam m v⟫)
      = 2 * (count m)⁻¹ * Vec.finSum m (fun i => ⟪v i, Vec.sumFam m v⟫) :=
    Vec.finSum_mul_left m (2 * (count m)⁻¹) (fun i => ⟪v i, Vec.sumFam m v⟫)
  have e4 : Vec.finSum m (fun i => ⟪v i, Vec.sumFam m v⟫)
      = ⟪Vec.sumFam m v, Vec.sumFam m v⟫ :=
    finSum_dot v (Vec.sumFam m v)
  have e5 : Vec.finSum m (fun _ => (count m)⁻¹ * (count m)⁻¹
        * ⟪Vec.sumFam m v, Vec.sumFam m v⟫)
      = count m * ((count m)⁻¹ * (count m)⁻¹ * ⟪Vec.sumFam m v, Vec.sumFam m v⟫) :=
    Vec.finSum_const m ((count m)⁻¹ * (count m)⁻¹ * ⟪Vec.sumFam m v, Vec.sumFam m v⟫)
  have hav : ⟪average v, average v⟫
      = (count m)⁻¹ * ((count m)⁻¹ * ⟪Vec.sumFam m v, Vec.sumFam m v⟫) := by
    show ⟪(count m)⁻¹ • Vec.sumFam m v, (count m)⁻¹ • Vec.sumFam m v⟫ = _
    rw [Vec.dot_smul_left, Vec.dot_smul_right]
  show (count m)⁻¹ * Vec.finSum m (fun i => ⟪v i - average v, v i - average v⟫)
    = (count m)⁻¹ * Vec.finSum m (fun i => ⟪v i, v i⟫) - ⟪average v, average v⟫
  have k1 : (count m : K) * ((count m)⁻¹ * (count m)⁻¹ * ⟪Vec.sumFam m v, Vec.sumFam m v⟫)
      = (count m)⁻¹ * ⟪Vec.sumFam m v, Vec.sumFam m v⟫ := by
    rw [← mul_assoc (count m : K) ((count m)⁻¹ * (count m)⁻¹),
      ← mul_assoc (count m : K) (count m)⁻¹ (count m)⁻¹, hCi, one_mul]
  have k2 : 2 * (count m : K)⁻¹ * ⟪Vec.sumFam m v, Vec.sumFam m v⟫
      = (count m)⁻¹ * ⟪Vec.sumFam m v, Vec.sumFam m v⟫
        + (count m)⁻¹ * ⟪Vec.sumFam m v, Vec.sumFam m v⟫ := by
    rw [mul_assoc, two_mul]
  rw [Vec.finSum_congr hterm, e1, e2, e3, e4, e5, hav, k1, k2, ← sub_sub, sub_add_cancel,
    mul_sub]

/-- The exact variance of the two-point estimator (identity). -/
theorem two_point_variance : two_point_variance_spec := by
  intro K _ _ _ _ _ _ m n dirs c A b σ w hm hM hA hσ
  have hfun : (fun i => twoPoint (Quadratic.loss A b) σ w (dirs i))
      = (fun i => ⟪Quadratic.grad A b w, dirs i⟫ • dirs i) :=
    funext (fun i => two_point_quadratic K n A b σ w (dirs i) hA hσ)
  have hv2 : variance (fun i => twoPoint (Quadratic.loss A b) σ w (dirs i))
      = variance (fun i => ⟪Quadratic.grad A b w, dirs i⟫ • dirs i) := congrArg variance hfun
  have hvar : variance (fun i => ⟪Quadratic.grad A b w, dirs i⟫ • dirs i)
      = (count m)⁻¹ * Vec.finSum m (fun i => ⟪⟪Quadratic.grad A b w, dirs i⟫ • dirs i,
          ⟪Quadratic.grad A b w, dirs i⟫ • dirs i⟫)
        - ⟪average (fun i => ⟪Quadratic.grad A b w, dirs i⟫ • dirs i),
            average (fun i => ⟪Quadratic.grad A b w, dirs i⟫ • dirs i)⟫ :=
    variance_eq K m n (fun i => ⟪Quadratic.grad A b w, dirs i⟫ • dirs i) hm
  have hav : average (fun i => ⟪Quadratic.grad A b w, dirs i⟫ • dirs i)
      = c • Quadratic.grad A b w := hM.average_outer (Quadratic.grad A b w)
  have hsq : ∀ i, ⟪⟪Quadratic.grad A b w, dirs i⟫ • dirs i,
        ⟪Quadratic.grad A b w, dirs i⟫ • dirs i⟫
      = ⟪Quadratic.grad A b w, dirs i⟫ * ⟪Quadratic.grad A b w, dirs i⟫ * ⟪dirs i, dirs i⟫ := by
    intro i
    rw [Vec.dot_smul_left, Vec.dot_smul_right, mul_assoc]
  have hgg : ⟪c • Quadratic.grad A b w, c • Quadratic.grad A b w⟫
      = c * (c * ⟪Quadratic.grad A b w, Quadratic.grad A b w⟫) := by
    rw [Vec.dot_smul_left, Vec.dot_smul_right]
  rw [hv2, hvar, hav, hgg, Vec.finSum_congr hsq, mul_assoc c c]

/-- The mean of `(x i + s y i) • ξ_i` is the mean of `x i • ξ_i` when the mean of `y i • ξ_i`
vanishes. -/
theorem average_add_smul_of_eq_zero {m : Nat} (dirs : Fin m → Vec K n) (x y : Fin m → K) (s : K)
    (u : Vec K n) (hx : average (fun i => x i • dirs i) = u)
    (hy : average (fun i => y i • dirs i) = 0) :
    average (fun i => (x i + s * y i) • dirs i) = u := by
  apply Vec.ext
  intro j
  have h1 : (count m)⁻¹ * Vec.finSum m (fun i => x i * dirs i j) = u j := congrFun hx j
  have h2 : (count m)⁻¹ * Vec.finSum m (fun i => y i * dirs i j) = 0 := congrFun hy j
  have hpt : ∀ i : Fin m,
      (x i + s * y i) * dirs i j = x i * dirs i j + s * (y i * dirs i j) := by
    intro i
    rw [add_mul, mul_assoc]
  have e1 : Vec.finSum m (fun i => (x i + s * y i) * dirs i j)
      = Vec.finSum m (fun i => x i * dirs i j + s * (y i * dirs i j)) :=
    Vec.finSum_congr hpt
  have e2 : Vec.finSum m (fun i => x i * dirs i j + s * (y i * dirs i j))
      = Vec.finSum m (fun i => x i * dirs i j) + Vec.finSum m (fun i => s * (y i * dirs i j)) :=
    Vec.finSum_add m (fun i => x i * dirs i j) (fun i => s * (y i * dirs i j))
  have e3 : Vec.finSum m (fun i => s * (y i * dirs i j))
      = s * Vec.finSum m (fun i => y i * dirs i j) :=
    Vec.finSum_mul_left m s (fun i => y i * dirs i j)
  have e4 : (count m)⁻¹ * (Vec.finSum m (fun i => x i * dirs i j)
        + s * Vec.finSum m (fun i => y i * dirs i j))
      = (count m)⁻¹ * Vec.finSum m (fun i => x i * dirs i j)
        + s * ((count m)⁻¹ * Vec.finSum m (fun i => y i * dirs i j)) := by
    rw [mul_add, mul_left_comm _ s]
  show (count m)⁻¹ * Vec.finSum m (fun i => (x i + s * y i) * dirs i j) = u j
  rw [e1, e2, e3, e4, h1, h2, mul_zero, add_zero]

/-- The variance of a family `a i • ξ_i` whose mean is `μ` (for `m ≥ 1`):
`(1/m) Σ a i * a i * ⟪ξ_i, ξ_i⟫ - ⟪μ, μ⟫`. -/
theorem variance_smul_family {m : Nat} (dirs : Fin m → Vec K n) (a : Fin m → K) (μ : Vec K n)
    (hm : 0 < m) (hav : average (fun i => a i • dirs i) = μ) :
    variance (fun i => a i • dirs i)
      = (count m)⁻¹ * Vec.finSum m (fun i => a i * a i * ⟪dirs i, dirs i⟫) - ⟪μ, μ⟫ := by
  have hvar : variance (fun i => a i • dirs i)
      = (count m)⁻¹ * Vec.finSum m (fun i => ⟪a i • dirs i, a i • dirs i⟫)
        - ⟪average (fun i => a i • dirs i), average (fun i => a i • dirs i)⟫ :=
    variance_eq K m n (fun i => a i • dirs i) hm
  have hsq : ∀ i : Fin m, ⟪a i • dirs i, a i • dirs i⟫ = a i * a i * ⟪dirs i, dirs i⟫ := by
    intro i
    rw [Vec.dot_smul_left, Vec.dot_smul_right, mul_assoc]
  have hsum : Vec.finSum m (fun i => ⟪a i • dirs i, a i • dirs i⟫)
      = Vec.finSum m (fun i => a i * a i * ⟪dirs i, dirs i⟫) :=
    Vec.finSum_congr hsq
  rw [hvar, hav, hsum]

/-- The exact mean and variance of the one-point estimator (identity). -/
theorem one_point_variance : one_point_variance_spec := by
  intro K _ _ _ _ _ _ m n dirs c A b σ w hm hM hC hA hσ
  have hfun : (fun i => onePoint (Quadratic.loss A b) σ w (dirs i))
      = (fun i => (⟪Quadratic.grad A b w, dirs i⟫
          + σ / 2 * ⟪dirs i, Mat.mulVec A (dirs i)⟫) • dirs i) :=
    funext (fun i => one_point_quadratic K n A b σ w (dirs i) hA hσ)
  have hav : average (fun i => (⟪Quadratic.grad A b w, dirs i⟫
        + σ / 2 * ⟪dirs i, Mat.mulVec A (dirs i)⟫) • dirs i)
      = c • Quadratic.grad A b w :=
    average_add_smul_of_eq_zero dirs (fun i => ⟪Quadratic.grad A b w, dirs i⟫)
      (fun i => ⟪dirs i, Mat.mulVec A (dirs i)⟫) (σ / 2) (c • Quadratic.grad A b w)
      (hM.average_outer (Quadratic.grad A b w)) hC.average_cubic
  have hvar : variance (fun i => (⟪Quadratic.grad A b w, dirs i⟫
        + σ / 2 * ⟪dirs i, Mat.mulVec A (dirs i)⟫) • dirs i)
      = (count m)⁻¹ * Vec.finSum m (fun i =>
          (⟪Quadratic.grad A b w, dirs i⟫ + σ / 2 * ⟪dirs i, Mat.mulVec A (dirs i)⟫)
            * (⟪Quadratic.grad A b w, dirs i⟫ + σ / 2 * ⟪dirs i, Mat.mulVec A (dirs i)⟫)
            * ⟪dirs i, dirs i⟫)
        - ⟪c • Quadratic.grad A b w, c • Quadratic.grad A b w⟫ :=
    variance_smul_family dirs
      (fun i => ⟪Quadratic.grad A b w, dirs i⟫ + σ / 2 * ⟪dirs i, Mat.mulVec A (dirs i)⟫)
      (c • Quadratic.grad A b w) hm hav
  have hgg : ⟪c • Quadratic.grad A b w, c • Quadratic.grad A b w⟫
      = c * (c * ⟪Quadratic.grad A b w, Quadratic.grad A b w⟫) := by
    rw [Vec.dot_smul_left, Vec.dot_smul_right]
  have hmean : average (fun i => onePoint (Quadratic.loss A b) σ w (dirs i))
      = c • Quadratic.grad A b w :=
    (congrArg average hfun).trans hav
  have hv2 : variance (fun i => onePoint (Quadratic.loss A b) σ w (dirs i))
      = variance (fun i => (⟪Quadratic.grad A b w, dirs i⟫
          + σ / 2 * ⟪dirs i, Mat.mulVec A (dirs i)⟫) • dirs i) :=
    congrArg variance hfun
  refine ⟨hmean, ?_⟩
  rw [hv2, hvar, hgg, mul_assoc c c]

/-- Node perturbation of a linear layer is exact for a quadratic output loss (identity). -/
theorem node_two_point : node_two_point_spec := by
  intro K _ _ _ _ _ _ n p A b σ η W x ξ hA hσ
  have h := two_point_quadratic K p A b σ (Mat.mulVec W x) ξ hA hσ
  refine ⟨h, ?_⟩
  apply funext
  intro i
  apply funext
  intro j
  exact congrArg (fun v : Vec K p => W i j - η * v i * x j) h

/-! ### The Rademacher set -/

/-- The first coordinate of `consSign s ξ` is `s`. -/
theorem consSign_zero (s : K) (ξ : Vec K n) : consSign s ξ 0 = s := rfl

/-- The coordinate `i + 1` of `consSign s ξ` is `ξ i`. -/
theorem consSign_succ (s : K) (ξ : Vec K n) (i : Fin n) : consSign s ξ i.succ = ξ i := rfl

/-- The dot product with a sign extension: `⟪v, (s, ξ)⟫ = v 0 * s + ⟪tail v, ξ⟫`. -/
theorem dot_consSign (v : Vec K (n + 1)) (s : K) (ξ : Vec K n) :
    ⟪v, consSign s ξ⟫ = v 0 * s + ⟪(fun k => v k.succ : Vec K n), ξ⟫ := by
  have h0 : consSign s ξ 0 = s := consSign_zero s ξ
  have h1 : (fun i : Fin n => consSign s ξ i.succ) = ξ := funext (fun i => consSign_succ s ξ i)
  show v 0 * consSign s ξ 0 + Vec.dotAux n (fun i => v i.succ) (fun i => consSign s ξ i.succ)
    = v 0 * s + Vec.dotAux n (fun k => v k.succ) ξ
  rw [h0, h1]

/-- List sums agree for pointwise equal summands. -/
theorem listSum_congr {f g : Vec K n → K} (h : ∀ ξ, f ξ = g ξ) (l : List (Vec K n)) :
    listSum f l = listSum g l := by
  have hfg : f = g := funext h
  rw [hfg]

/-- A constant factor comes out of a list sum: `Σ_{ξ ∈ l} c * f ξ = c * Σ_{ξ ∈ l} f ξ`. -/
theorem listSum_mul_left (c : K) (f : Vec K n → K) :
    ∀ l : List (Vec K n), listSum (fun ξ => c * f ξ) l = c * listSum f l
  | [] => by
    show (0 : K) = c * 0
    rw [mul_zero]
  | ξ :: l => by
    have ih := listSum_mul_left c f l
    show c * f ξ + listSum (fun ξ => c * f ξ) l = c * (f ξ + listSum f l)
    rw [ih, mul_add]

/-- A sum over both sign extensions is a sum of pairs:
`Σ_{ζ ∈ signExtend l} f ζ = Σ_{ξ ∈ l} (f (1, ξ) + f (-1, ξ))`. -/
theorem listSum_signExtend (f : Vec K (n + 1) → K) :
    ∀ l : List (Vec K n),
      listSum f (signExtend l) = listSum (fun ξ => f (consSign 1 ξ) + f (consSign (-1) ξ)) l
  | [] => rfl
  | ξ :: l => by
    have ih := listSum_signExtend f l
    show f (consSign 1 ξ) + (f (consSign (-1) ξ) + listSum f (signExtend l))
      = (f (consSign 1 ξ) + f (consSign (-1) ξ))
        + listSum (fun ξ => f (consSign 1 ξ) + f (consSign (-1) ξ)) l
    rw [ih, add_assoc]

/-- Sign extension doubles the length of a list. -/
theorem length_signExtend : ∀ l : List (Vec K n), (signExtend l).length = 2 * l.length
  | [] => rfl
  | ξ :: l => by
    have ih := length_signExtend l
    show (signExtend l).length + 1 + 1 = 2 * (l.length + 1)
    rw [ih]
    rfl

/-- `count l.length`, the length of a list read in `K`, is the list sum of `1`. -/
theorem count_length : ∀ l : List (Vec K n),
    (count (K := K) l.length : K) = listSum (fun _ => (1 : K)) l
  | [] => rfl
  | ξ :: l => by
    have ih := count_length l
    show (1 : K) + count (K := K) l.length = 1 + listSum (fun _ => (1 : K)) l
    rw [ih]

/-- The number of Rademacher vectors, read in `K`, doubles with each coordinate. -/
theorem rademacher_count_succ (k : Nat) :
    listSum (fun _ => (1 : K)) (rademacher (K := K) (k + 1))
      = 2 * listSum (fun _ => (1 : K)) (rademacher (K := K) k) := by
  have h1 : listSum (fun _ => (1 : K)) (rademacher (K := K) (k + 1))
      = listSum (fun _ => (1 : K) + 1) (rademacher (K := K) k) :=
    listSum_signExtend (fun _ => (1 : K)) (rademacher (K := K) k)
  have h2 : listSum (fun _ => (1 : K) + 1) (rademacher (K := K) k)
      = listSum (fun _ => 2 * (1 : K)) (rademacher (K := K) k) :=
    listSum_congr (fun _ => by
      show (1 : K) + 1 = 2 * 1
      rw [mul_one, one_add_one_eq_two]) (rademacher (K := K) k)
  have h3 : listSum (fun _ => 2 * (1 : K)) (rademacher (K := K) k)
      = 2 * listSum (fun _ => (1 : K)) (rademacher (K := K) k) :=
    listSum_mul_left 2 (fun _ => (1 : K)) (rademacher (K := K) k)
  rw [h1, h2, h3]

/-- The number of Rademacher vectors, read in `K`, is positive. -/
theorem rademacher_count_pos : ∀ k : Nat, 0 < listSum (fun _ => (1 : K)) (rademacher (K := K) k)
  | 0 => by
    show (0 : K) < 1 + 0
    rw [add_zero]
    exact zero_lt_one
  | k + 1 => by
    have ih := rademacher_count_pos k
    rw [rademacher_count_succ (K := K) k]
    exact mul_pos zero_lt_two ih

/-- The second-moment identity of the Rademacher set, coordinatewise and without normalisation:
`Σ_{ξ ∈ {±1}^k} ⟪v, ξ⟫ ξ j = |{±1}^k| * v j`, by induction on `k`. -/
theorem rademacher_outer_sum : ∀ (k : Nat) (v : Vec K k) (j : Fin k),
    listSum (fun ξ => ⟪v, ξ⟫ * ξ j) (rademacher (K := K) k)
      = listSum (fun _ => (1 : K)) (rademacher (K := K) k) * v j
  | 0, _, j => Fin.elim0 j
  | k + 1, v, j => by
    have hsplit : listSum (fun ξ => ⟪v, ξ⟫ * ξ j) (rademacher (K := K) (k + 1))
        = listSum (fun ξ => ⟪v, consSign 1 ξ⟫ * consSign 1 ξ j
            + ⟪v, consSign (-1) ξ⟫ * consSign (-1) ξ j) (rademacher (K := K) k) :=
      listSum_signExtend (fun ξ => ⟪v, ξ⟫ * ξ j) (rademacher (K := K) k)
    have hcount := rademacher_count_succ (K := K) k
    rw [hsplit, hcount]
    refine Fin.cases ?_ (fun i => ?_) j
    · have hpt : ∀ ξ : Vec K k,
          ⟪v, consSign 1 ξ⟫ * consSign 1 ξ 0 + ⟪v, consSign (-1) ξ⟫ * consSign (-1) ξ 0
            = 2 * v 0 * 1 := by
        intro ξ
        rw [dot_consSign v 1 ξ, dot_consSign v (-1) ξ, consSign_zero 1 ξ,
          consSign_zero (-1) ξ]
        simp only [mul_one, mul_neg, neg_neg, neg_add]
        rw [add_add_add_neg_cancel, two_mul]
      have h1 : listSum (fun ξ => ⟪v, consSign 1 ξ⟫ * consSign 1 ξ 0
            + ⟪v, consSign (-1) ξ⟫ * consSign (-1) ξ 0) (rademacher (K := K) k)
          = listSum (fun _ => 2 * v 0 * 1) (rademacher (K := K) k) :=
        listSum_congr hpt (rademacher (K := K) k)
      have h2 : listSum (fun _ => 2 * v 0 * 1) (rademacher (K := K) k)
          = 2 * v 0 * listSum (fun _ => (1 : K)) (rademacher (K := K) k) :=
        listSum_mul_left (2 * v 0) (fun _ => (1 : K)) (rademacher (K := K) k)
      show listSum (fun ξ => ⟪v, consSign 1 ξ⟫ * consSign 1 ξ 0
          + ⟪v, consSign (-1) ξ⟫ * consSign (-1) ξ 0) (rademacher (K := K) k)
        = 2 * listSum (fun _ => (1 : K)) (rademacher (K := K) k) * v 0
      rw [h1, h2]
      simp only [mul_assoc, mul_comm, mul_left_comm]
    · have hpt : ∀ ξ : Vec K k,
          ⟪v, consSign 1 ξ⟫ * consSign 1 ξ i.succ
            + ⟪v, consSign (-1) ξ⟫ * consSign (-1) ξ i.succ
            = 2 * (⟪(fun t => v t.succ : Vec K k), ξ⟫ * ξ i) := by
        intro ξ
        rw [dot_consSign v 1 ξ, dot_consSign v (-1) ξ, consSign_succ 1 ξ i,
          consSign_succ (-1) ξ i]
        simp only [add_mul, mul_one, mul_neg, neg_mul]
        rw [add_add_neg_add_cancel, two_mul]
      have h1 : listSum (fun ξ => ⟪v, consSign 1 ξ⟫ * consSign 1 ξ i.succ
            + ⟪v, consSign (-1) ξ⟫ * consSign (-1) ξ i.succ) (rademacher (K := K) k)
          = listSum (fun ξ => 2 * (⟪(fun t => v t.succ : Vec K k), ξ⟫ * ξ i))
              (rademacher (K := K) k) :=
        listSum_congr hpt (rademacher (K := K) k)
      have h2 : listSum (fun ξ => 2 * (⟪(fun t => v t.succ : Vec K k), ξ⟫ * ξ i))
            (rademacher (K := K) k)
          = 2 * listSum (fun ξ => ⟪(fun t => v t.succ : Vec K k), ξ⟫ * ξ i)
              (rademacher (K := K) k) :=
        listSum_mul_left 2 (fun ξ => ⟪(fun t => v t.succ : Vec K k), ξ⟫ * ξ i)
          (rademacher (K := K) k)
      have ih : listSum (fun ξ => ⟪(fun t => v t.succ : Vec K k), ξ⟫ * ξ i)
            (rademacher (K := K) k)
          = listSum (fun _ => (1 : K)) (rademacher (K := K) k) * v i.succ :=
        rademacher_outer_sum k (fun t => v t.succ) i
      show listSum (fun ξ => ⟪v, consSign 1 ξ⟫ * consSign 1 ξ i.succ
          + ⟪v, consSign (-1) ξ⟫ * consSign (-1) ξ i.succ) (rademacher (K := K) k)
        = 2 * listSum (fun _ => (1 : K)) (rademacher (K := K) k) * v i.succ
      rw [h1, h2, ih, mul_assoc]

/-- The Rademacher set has `2^n` elements (identity). -/
theorem rademacher_length : rademacher_length_spec := by
  intro K _ _ _ _ _ _ n
  induction n with
  | zero => rfl
  | succ k ih =>
    have h : (signExtend (rademacher (K := K) k)).length = 2 * (rademacher (K := K) k).length :=
      length_signExtend (rademacher (K := K) k)
    show (signExtend (rademacher (K := K) k)).length = 2 ^ k * 2
    rw [h, ih]
    exact Nat.mul_comm 2 (2 ^ k)

/-- The Rademacher set has second moment `1` (identity). -/
theorem rademacher_second_moment : rademacher_second_moment_spec := by
  intro K _ _ _ _ _ _ n v
  apply Vec.ext
  intro j
  have hN : 0 < listSum (fun _ => (1 : K)) (rademacher (K := K) n) := rademacher_count_pos n
  have hc : (count (K := K) (rademacher (K := K) n).length : K)
      = listSum (fun _ => (1 : K)) (rademacher (K := K) n) :=
    count_length (rademacher (K := K) n)
  have hne : (count (K := K) (rademacher (K := K) n).length : K) ≠ 0 := by
    rw [hc]
    exact ne_of_gt hN
  have hs := rademacher_outer_sum n v j
  show (count (K := K) (rademacher (K := K) n).length)⁻¹
      * listSum (fun ξ => ⟪v, ξ⟫ * ξ j) (rademacher (K := K) n) = v j
  rw [hs, ← hc, ← mul_assoc, inv_mul_cancel₀ hne, one_mul]

/-- Averaged over the Rademacher set, the two-point estimate on a quadratic loss is exactly the
gradient (identity: unbiasedness). -/
theorem rademacher_unbiased : rademacher_unbiased_spec := by
  intro K _ _ _ _ _ _ n A b σ w hA hσ
  have hfun : twoPoint (Quadratic.loss A b) σ w = fun ξ => ⟪Quadratic.grad A b w, ξ⟫ • ξ :=
    funext (fun ξ => two_point_quadratic K n A b σ w ξ hA hσ)
  rw [hfun]
  exact rademacher_second_moment K n (Quadratic.grad A b w)

/-! ### The Rademacher estimator and perturbation SGD -/

/-- `ListAll p l`: every element of the list `l` satisfies `p` (duplicates included). -/
def ListAll (p : Vec K n → Prop) : List (Vec K n) → Prop
  | [] => True
  | ξ :: l => p ξ ∧ ListAll p l

/-- List sums agree when the summands agree on the elements of the list. -/
theorem listSum_congr_of_all {f g : Vec K n → K} :
    ∀ l : List (Vec K n), ListAll (fun ξ => f ξ = g ξ) l → listSum f l = listSum g l
  | [], _ => rfl
  | ξ :: l, h => by
    have ih := listSum_congr_of_all l h.2
    show f ξ + listSum f l = g ξ + listSum g l
    rw [h.1, ih]

/-- A property of both sign extensions of every element of `l` that holds `q` holds on
`signExtend l`. -/
theorem listAll_signExtend {p : Vec K (n + 1) → Prop} {q : Vec K n → Prop}
    (hqp : ∀ ξ, q ξ → p (consSign 1 ξ) ∧ p (consSign (-1) ξ)) :
    ∀ l : List (Vec K n), ListAll q l → ListAll p (signExtend l)
  | [], _ => True.intro
  | ξ :: l, h => ⟨(hqp ξ h.1).1, (hqp ξ h.1).2, listAll_signExtend hqp l h.2⟩

/-- The squared norm of a sign extension: `⟪(s, ξ), (s, ξ)⟫ = s * s + ⟪ξ, ξ⟫`. -/
theorem dot_consSign_self (s : K) (ξ : Vec K n) :
    ⟪consSign s ξ, consSign s ξ⟫ = s * s + ⟪ξ, ξ⟫ := by
  have h := dot_consSign (consSign s ξ) s ξ
  have ht : (fun k : Fin n => consSign s ξ k.succ) = ξ := funext (fun i => consSign_succ s ξ i)
  rw [consSign_zero s ξ, ht] at h
  exact h

/-- `count (k + 1) = 1 + count k`. -/
theorem count_succ (k : Nat) : (count (K := K) (k + 1) : K) = 1 + count (K := K) k := rfl

/-- `count k` is nonnegative. -/
theorem count_nonneg (k : Nat) : (0 : K) ≤ count (K := K) k := Vec.natCast_nonneg k

/-- Every Rademacher vector has squared norm `n`: `⟪ξ, ξ⟫ = count n` for all `ξ ∈ {±1}^n`. -/
theorem rademacher_dot_self : ∀ k : Nat,
    ListAll (fun ξ => ⟪ξ, ξ⟫ = count (K := K) k) (rademacher (K := K) k)
  | 0 => ⟨rfl, True.intro⟩
  | k + 1 => by
    have h1 : (1 : K) * 1 = 1 := mul_one 1
    have h2 : (-1 : K) * -1 = 1 := by rw [neg_mul, mul_neg, neg_neg, mul_one]
    apply listAll_signExtend (q := fun ξ => ⟪ξ, ξ⟫ = count (K := K) k) _ (rademacher (K := K) k)
      (rademacher_dot_self k)
    intro ξ hξ
    constructor
    · show ⟪consSign 1 ξ, consSign 1 ξ⟫ = count (K := K) (k + 1)
      rw [dot_consSign_self, count_succ, h1, hξ]
    · show ⟪consSign (-1) ξ, consSign (-1) ξ⟫ = count (K := K) (k + 1)
      rw [dot_consSign_self, count_succ, h2, hξ]

/-- The coordinatewise list sum `Σ_{ξ ∈ l} h ξ` of a vector-valued function. -/
def listSumVec (h : Vec K n → Vec K n) (l : List (Vec K n)) : Vec K n :=
  fun j => listSum (fun ξ => h ξ j) l

/-- A list sum of dot products with a fixed vector is the dot product with the list sum:
`Σ_{ξ ∈ l} ⟪u, h ξ⟫ = ⟪u, Σ_{ξ ∈ l} h ξ⟫`. -/
theorem listSum_dot_right (u : Vec K n) (h : Vec K n → Vec K n) :
    ∀ l : List (Vec K n),
      listSum (fun ξ => ⟪u, h ξ⟫) l = ⟪u, listSumVec h l⟫
  | [] => by
    show (0 : K) = ⟪u, (0 : Vec K n)⟫
    exact (Vec.dot_zero_right u).symm
  | ξ :: l => by
    have ih := listSum_dot_right u h l
    show ⟪u, h ξ⟫ + listSum (fun ξ => ⟪u, h ξ⟫) l
      = ⟪u, h ξ + listSumVec h l⟫
    rw [Vec.dot_add_right, ih]

/-- The mean of dot products with a fixed vector: `listMean l ⟪u, h ·⟫ = ⟪u, listAverage l h⟫`. -/
theorem listMean_dot_right (u : Vec K n) (h : Vec K n → Vec K n) (l : List (Vec K n)) :
    listMean l (fun ξ => ⟪u, h ξ⟫) = ⟪u, listAverage l h⟫ := by
  have e : listAverage l h
      = (count (K := K) l.length)⁻¹ • listSumVec h l := rfl
  show (count (K := K) l.length)⁻¹ * listSum (fun ξ => ⟪u, h ξ⟫) l = ⟪u, listAverage l h⟫
  rw [e, Vec.dot_smul_right, listSum_dot_right]

/-- A list sum of an affine combination:
`Σ_{ξ ∈ l} (c + (a f ξ + b h ξ)) = c |l| + (a Σ f + b Σ h)`. -/
theorem listSum_affine (c a b : K) (f h : Vec K n → K) :
    ∀ l : List (Vec K n),
      listSum (fun ξ => c + (a * f ξ + b * h ξ)) l
        = c * listSum (fun _ => (1 : K)) l + (a * listSum f l + b * listSum h l)
  | [] => by
    show (0 : K) = c * 0 + (a * 0 + b * 0)
    rw [mul_zero, mul_zero, mul_zero, add_zero, add_zero]
  | ξ :: l => by
    have ih := listSum_affine c a b f h l
    show c + (a * f ξ + b * h ξ) + listSum (fun ξ => c + (a * f ξ + b * h ξ)) l
      = c * (1 + listSum (fun _ => (1 : K)) l)
        + (a * (f ξ + listSum f l) + b * (h ξ + listSum h l))
    rw [ih]
    simp only [mul_add, mul_one, add_assoc, add_comm, add_left_comm]

/-- The mean of an affine combination over a nonempty list (`count |l| ≠ 0`):
`listMean l (c + (a f + b h)) = c + (a listMean l f + b listMean l h)`. -/
theorem listMean_affine (c a b : K) (f h : Vec K n → K) (l : List (Vec K n))
    (hl : (count (K := K) l.length : K) ≠ 0) :
    listMean l (fun ξ => c + (a * f ξ + b * h ξ))
      = c + (a * listMean l f + b * listMean l h) := by
  have hc : (count (K := K) l.length : K) = listSum (fun _ => (1 : K)) l := count_length l
  show (count (K := K) l.length)⁻¹ * listSum (fun ξ => c + (a * f ξ + b * h ξ)) l
    = c + (a * ((count (K := K) l.length)⁻¹ * listSum f l)
      + b * ((count (K := K) l.length)⁻¹ * listSum h l))
  rw [listSum_affine, ← hc, mul_add, mul_add, mul_comm c, ← mul_assoc, inv_mul_cancel₀ hl, one_mul,
    mul_left_comm _ a, mul_left_comm _ b]

/-- Means over a list are monotone: `f ≤ h` pointwise gives `listMean l f ≤ listMean l h`. -/
theorem listMean_le_listMean {f h : Vec K n → K} (hfh : ∀ ξ, f ξ ≤ h ξ) (l : List (Vec K n)) :
    listMean l f ≤ listMean l h := by
  have hs : ∀ l : List (Vec K n), listSum f l ≤ listSum h l := by
    intro l
    induction l with
    | nil => exact le_refl _
    | cons ξ l ih => exact add_le_add (hfh ξ) ih
  exact mul_le_mul_of_nonneg_left (hs l) (inv_nonneg (count_nonneg l.length))

/-- The size of the Rademacher set, read in `K`, is nonzero. -/
theorem rademacher_count_ne_zero (k : Nat) :
    (count (K := K) (rademacher (K := K) k).length : K) ≠ 0 := by
  rw [count_length]
  exact ne_of_gt (rademacher_count_pos k)

/-- The mean of `⟪g, ξ⟫²` over `{±1}^n` is `⟪g, g⟫`, written `⟪g, ⟪g, ξ⟫ • ξ⟫`. -/
theorem rademacher_mean_dot_estimate (k : Nat) (g : Vec K k) :
    listMean (rademacher (K := K) k) (fun ξ => ⟪g, ⟪g, ξ⟫ • ξ⟫) = ⟪g, g⟫ := by
  rw [listMean_dot_right, rademacher_second_moment K k g]

/-- The second moment of the Rademacher estimator is `n ⟪g, g⟫` (identity). -/
theorem rademacher_estimator_second_moment : rademacher_estimator_second_moment_spec := by
  intro K _ _ _ _ _ _ n g
  have hpt : ListAll (fun ξ => ⟪⟪g, ξ⟫ • ξ, ⟪g, ξ⟫ • ξ⟫ = count (K := K) n * ⟪g, ⟪g, ξ⟫ • ξ⟫)
      (rademacher (K := K) n) := by
    have hsq := rademacher_dot_self (K := K) n
    have himp : ∀ l : List (Vec K n), ListAll (fun ξ => ⟪ξ, ξ⟫ = count (K := K) n) l →
        ListAll (fun ξ => ⟪⟪g, ξ⟫ • ξ, ⟪g, ξ⟫ • ξ⟫ = count (K := K) n * ⟪g, ⟪g, ξ⟫ • ξ⟫) l := by
      intro l
      induction l with
      | nil => intro _; exact True.intro
      | cons ξ l ih =>
        intro h
        refine ⟨?_, ih h.2⟩
        show ⟪⟪g, ξ⟫ • ξ, ⟪g, ξ⟫ • ξ⟫ = count (K := K) n * ⟪g, ⟪g, ξ⟫ • ξ⟫
        rw [Vec.dot_smul_left, Vec.dot_smul_right, Vec.dot_smul_right, h.1]
        simp only [mul_assoc, mul_comm, mul_left_comm]
    exact himp (rademacher (K := K) n) hsq
  have hsum := listSum_congr_of_all (rademacher (K := K) n) hpt
  show (count (K := K) (rademacher (K := K) n).length)⁻¹
      * listSum (fun ξ => ⟪⟪g, ξ⟫ • ξ, ⟪g, ξ⟫ • ξ⟫) (rademacher (K := K) n) = count n * ⟪g, g⟫
  rw [hsum, listSum_mul_left, mul_left_comm]
  have hm := rademacher_mean_dot_estimate n g
  have e : (count (K := K) (rademacher (K := K) n).length)⁻¹
      * listSum (fun ξ => ⟪g, ⟪g, ξ⟫ • ξ⟫) (rademacher (K := K) n) = ⟪g, g⟫ := hm
  rw [e]

/-- Perturbation SGD with the Rademacher estimator descends in expectation (improvement). -/
theorem sgd_expected_descent : sgd_expected_descent_spec := by
  intro K _ _ _ _ _ _ n F grad L η w hF hη hηLn hg
  have hup : ∀ ξ : Vec K n, F (w - η • (⟪grad w, ξ⟫ • ξ))
      ≤ F w + (-η * ⟪grad w, ⟪grad w, ξ⟫ • ξ⟫
        + L / 2 * (-η * -η) * ⟪⟪grad w, ξ⟫ • ξ, ⟪grad w, ξ⟫ • ξ⟫) := by
    intro ξ
    have h := hF.upper w (w - η • (⟪grad w, ξ⟫ • ξ))
    rw [Vec.sub_smul_sub_self, Vec.dot_smul_right (-η) (grad w),
      Vec.dot_smul_left (-η) (⟪grad w, ξ⟫ • ξ), Vec.dot_smul_right (-η) (⟪grad w, ξ⟫ • ξ)] at h
    have e : F w + -η * ⟪grad w, ⟪grad w, ξ⟫ • ξ⟫
          + L / 2 * (-η * (-η * ⟪⟪grad w, ξ⟫ • ξ, ⟪grad w, ξ⟫ • ξ⟫))
        = F w + (-η * ⟪grad w, ⟪grad w, ξ⟫ • ξ⟫
          + L / 2 * (-η * -η) * ⟪⟪grad w, ξ⟫ • ξ, ⟪grad w, ξ⟫ • ξ⟫) := by
      rw [add_assoc, mul_assoc (L / 2), mul_assoc (-η)]
    rw [e] at h
    exact h
  have hmean := listMean_le_listMean hup (rademacher (K := K) n)
  rw [listMean_affine _ _ _ _ _ _ (rademacher_count_ne_zero n), rademacher_mean_dot_estimate n,
    rademacher_estimator_second_moment K n (grad w)] at hmean
  have e : F w + (-η * ⟪grad w, grad w⟫ + L / 2 * (-η * -η) * (count n * ⟪grad w, grad w⟫))
      = F w - η * (1 - L * η * count n / 2) * ⟪grad w, grad w⟫ := by
    simp only [div_eq_mul_inv, sub_eq_add_neg, mul_add, add_mul, neg_add, neg_mul, mul_neg,
      neg_neg, mul_one, add_comm, add_left_comm, mul_assoc, mul_left_comm]
  rw [e] at hmean
  refine ⟨hmean, ?_⟩
  have hc : 0 < 1 - L * η * count n / 2 := by
    apply one_sub_half_pos
    rw [mul_comm L η]
    exact hηLn
  have hG : 0 < ⟪grad w, grad w⟫ := Vec.dot_self_pos hg
  exact lt_of_le_of_lt hmean (sub_lt_self _ (mul_pos (mul_pos hη hc) hG))

end LearningRules.Perturbation
