import LearningRules.Perturbation
import LearningRulesProofs.Vec
import LearningRulesProofs.GradientDescent
import LearningRulesProofs.Quadratic

/-!
# Proofs for weight and node perturbation

## Main statements

Proofs of the statements of `lean/LearningRules/Perturbation.lean`: `two_point_quadratic`,
`one_point_pair`, `mean_two_point`, `mean_one_point`, `coordinate_second_moment`,
`expected_improves`, `variance_eq` (for `variance_spec`), `two_point_variance` and
`node_two_point`.

## Implementation notes

* `loss_add_smul` : `F (w + t ξ) = F w + t ⟪∇F w, ξ⟫ + t² ⟪ξ, A ξ⟫ / 2` for the quadratic loss,
  from `Quadratic.loss_add`. Both estimators reduce to it.
* `mul_div_cancel_left'` : `c a / c = a` for `c ≠ 0`, from `Lean.Grind.Field.mul_inv_cancel`.
* `finSum_single` : a sum whose terms vanish off `j` equals its `j`-th term (used for the
  coordinate set), by recursion on the length and `Fin.cases`.
* `finSum_dot` : `Σ i, ⟪v i, u⟫ = ⟪Σ i, v i, u⟫`, through `Vec.dot_eq_finSum` and `Vec.finSum_comm`.
* `expected_improves` reuses `LearningRules.GradientDescent.improves`.

## References

* B. Widrow and M. A. Lehr, 1990; R. J. Williams, 1992; I. R. Fiete and H. S. Seung, 2006.
-/

namespace LearningRules.Perturbation

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- Cancelling a nonzero factor: `c * a / c = a` for `c ≠ 0`. -/
theorem mul_div_cancel_left' {a c : K} (hc : c ≠ 0) : c * a / c = a := by
  have h1 : c * c⁻¹ = 1 := Lean.Grind.Field.mul_inv_cancel hc
  rw [Lean.Grind.Field.div_eq_mul_inv]
  grind

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
  grind

/-- `w - σ • ξ = w + (-σ) • ξ`. -/
theorem sub_smul_eq_add_neg_smul (w ξ : Vec K n) (σ : K) : w - σ • ξ = w + (-σ) • ξ := by
  apply Vec.ext
  intro i
  show w i - σ * ξ i = w i + -σ * ξ i
  grind

/-- Exactness of the two-point estimator on quadratics (identity). -/
theorem two_point_quadratic : two_point_quadratic_spec := by
  intro K _ _ _ _ _ _ n A b σ w ξ hA hσ
  have h1 := loss_add_smul hA b w ξ σ
  have h2 := loss_add_smul hA b w ξ (-σ)
  have hv := sub_smul_eq_add_neg_smul w ξ σ
  have h2σ : 2 * σ ≠ 0 := by
    intro h0
    apply hσ
    grind
  have hX : Quadratic.loss A b (w + σ • ξ) - Quadratic.loss A b (w - σ • ξ)
      = (2 * σ) * ⟪Quadratic.grad A b w, ξ⟫ := by
    rw [hv, h1, h2]
    grind
  have hcoef : (Quadratic.loss A b (w + σ • ξ) - Quadratic.loss A b (w - σ • ξ)) / (2 * σ)
      = ⟪Quadratic.grad A b w, ξ⟫ := by
    rw [hX]
    exact mul_div_cancel_left' h2σ
  show ((Quadratic.loss A b (w + σ • ξ) - Quadratic.loss A b (w - σ • ξ)) / (2 * σ)) • ξ
    = ⟪Quadratic.grad A b w, ξ⟫ • ξ
  rw [hcoef]

/-- The one-point estimators at `ξ` and `-ξ` add up to `(2 ⟪∇F w, ξ⟫) • ξ` (identity). -/
theorem one_point_pair : one_point_pair_spec := by
  intro K _ _ _ _ _ _ n A b σ w ξ hA hσ
  have h1 := loss_add_smul hA b w ξ σ
  have h2 := loss_add_smul hA b w ((-1 : K) • ξ) σ
  have e1 : ⟪Quadratic.grad A b w, (-1 : K) • ξ⟫ = -1 * ⟪Quadratic.grad A b w, ξ⟫ :=
    Vec.dot_smul_right (-1 : K) (Quadratic.grad A b w) ξ
  have e2 : ⟪(-1 : K) • ξ, Mat.mulVec A ((-1 : K) • ξ)⟫ = ⟪ξ, Mat.mulVec A ξ⟫ := by
    rw [Vec.mulVec_smul, Vec.dot_smul_left, Vec.dot_smul_right]
    grind
  have hX1 : Quadratic.loss A b (w + σ • ξ) - Quadratic.loss A b w
      = σ * (⟪Quadratic.grad A b w, ξ⟫ + σ * (⟪ξ, Mat.mulVec A ξ⟫ / 2)) := by
    rw [h1]
    grind
  have hX2 : Quadratic.loss A b (w + σ • ((-1 : K) • ξ)) - Quadratic.loss A b w
      = σ * (-1 * ⟪Quadratic.grad A b w, ξ⟫ + σ * (⟪ξ, Mat.mulVec A ξ⟫ / 2)) := by
    rw [h2, e1, e2]
    grind
  have c1 : (Quadratic.loss A b (w + σ • ξ) - Quadratic.loss A b w) / σ
      = ⟪Quadratic.grad A b w, ξ⟫ + σ * (⟪ξ, Mat.mulVec A ξ⟫ / 2) := by
    rw [hX1]
    exact mul_div_cancel_left' hσ
  have c2 : (Quadratic.loss A b (w + σ • ((-1 : K) • ξ)) - Quadratic.loss A b w) / σ
      = -1 * ⟪Quadratic.grad A b w, ξ⟫ + σ * (⟪ξ, Mat.mulVec A ξ⟫ / 2) := by
    rw [hX2]
    exact mul_div_cancel_left' hσ
  apply Vec.ext
  intro j
  show (Quadratic.loss A b (w + σ • ξ) - Quadratic.loss A b w) / σ * ξ j
      + (Quadratic.loss A b (w + σ • ((-1 : K) • ξ)) - Quadratic.loss A b w) / σ
        * ((-1 : K) * ξ j)
    = 2 * ⟪Quadratic.grad A b w, ξ⟫ * ξ j
  rw [c1, c2]
  grind

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
    grind
  exact (pmAverage_congr half (onePoint (Quadratic.loss A b) σ w)
    (fun ξ => ⟪Quadratic.grad A b w, ξ⟫ • ξ) hpt).trans
    (hM.average_outer (Quadratic.grad A b w))

/-- A sum whose terms vanish off the index `j` equals its `j`-th term. -/
theorem finSum_single : ∀ (m : Nat) (f : Fin m → K) (j : Fin m), (∀ i, i ≠ j → f i = 0) →
    Vec.finSum m f = f j
  | 0, _, j, _ => Fin.elim0 j
  | m + 1, f, j, hf => by
    rw [Vec.finSum_succ]
    cases j using Fin.cases with
    | zero =>
      have hz : Vec.finSum m (fun i => f i.succ) = Vec.finSum m (fun _ => (0 : K)) :=
        Vec.finSum_congr (fun i => hf i.succ (Fin.succ_ne_zero i))
      rw [hz, Vec.finSum_zero_fun]
      grind
    | succ j =>
      have h0 : f 0 = 0 := hf 0 (fun h => Fin.succ_ne_zero j h.symm)
      have ih : Vec.finSum m (fun i => f i.succ) = f j.succ :=
        finSum_single m (fun i => f i.succ) j
          (fun i hi => hf i.succ (fun h => hi (Fin.succ_inj.mp h)))
      rw [h0, ih]
      grind

/-- The dot product with a basis vector picks a coordinate: `⟪v, e_i⟫ = v i`. -/
theorem dot_basis (v : Vec K n) (i : Fin n) : ⟪v, Vec.basis (K := K) i⟫ = v i := by
  rw [Vec.dot_eq_finSum]
  have h : Vec.finSum n (fun k => v k * Vec.basis (K := K) i k) = v i * Vec.basis (K := K) i i :=
    finSum_single n (fun k => v k * Vec.basis (K := K) i k) i (fun k hk => by
      show v k * (if k = i then 1 else 0) = 0
      rw [if_neg hk]
      grind)
  rw [h]
  show v i * (if i = i then 1 else 0) = v i
  rw [if_pos rfl]
  grind

/-- The coordinate set `{± e_i}` has second moment `1/n` (identity). -/
theorem coordinate_second_moment : coordinate_second_moment_spec := by
  intro K _ _ _ _ _ _ n
  refine ⟨fun v => ?_⟩
  apply Vec.ext
  intro j
  have hn : 0 < n := Nat.lt_of_le_of_lt (Nat.zero_le _) j.isLt
  have hc : 0 < (count n : K) := Vec.finSum_one_pos n hn
  have hc1 : (count n : K) * (count n)⁻¹ = 1 := Lean.Grind.Field.mul_inv_cancel (by grind)
  have hc2 : (2 * count n : K) * (2 * count n)⁻¹ = 1 :=
    Lean.Grind.Field.mul_inv_cancel (by grind)
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
    grind
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
        rw [if_neg (fun h => hi h.symm)]
        grind)
    have hjj : Vec.basis (K := K) j j = 1 := by
      show (if j = j then (1 : K) else 0) = 1
      rw [if_pos rfl]
    rw [Vec.finSum_congr hterm, hmul, hs, hjj]
    grind
  show (2 * count n)⁻¹ * Vec.finSum n (fun i =>
        (⟪v, Vec.basis (K := K) i⟫ • Vec.basis (K := K) i
          + ⟪v, (-1 : K) • Vec.basis (K := K) i⟫ • ((-1 : K) • Vec.basis (K := K) i)) j)
    = (count n)⁻¹ * v j
  rw [hsum]
  grind

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
    grind
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
theorem variance_eq : variance_spec := by
  intro K _ _ _ _ _ _ m n v hm
  have hC : 0 < (count m : K) := Vec.finSum_one_pos m hm
  have hCi : (count m : K) * (count m)⁻¹ = 1 := Lean.Grind.Field.mul_inv_cancel (by grind)
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
  rw [Vec.finSum_congr hterm, e1, e2, e3, e4, e5, hav]
  grind

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
    rw [Vec.dot_smul_left, Vec.dot_smul_right]
    grind
  have hgg : ⟪c • Quadratic.grad A b w, c • Quadratic.grad A b w⟫
      = c * (c * ⟪Quadratic.grad A b w, Quadratic.grad A b w⟫) := by
    rw [Vec.dot_smul_left, Vec.dot_smul_right]
  rw [hv2, hvar, hav, hgg, Vec.finSum_congr hsq]
  grind

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

end LearningRules.Perturbation
