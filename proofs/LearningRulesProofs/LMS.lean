import LearningRulesProofs.Vec
import LearningRules.LMS

/-!
# Proofs for the LMS (Widrow–Hoff) rule

## Main definitions

None: this file proves the statements of `lean/LearningRules/LMS.lean`.

## Main statements

* `LearningRules.LMS.error_step` : `error_step_spec`.
* `LearningRules.LMS.loss_decrease_iff` : `loss_decrease_iff_spec`.
* `LearningRules.LMS.error_iterate` : `error_iterate_spec`.
* `LearningRules.LMS.convergence` : `convergence_spec`.
* `LearningRules.LMS.avg_step_eq_gd` : `avg_step_eq_gd_spec`.
* `LearningRules.LMS.mse_taylor` : `mse_taylor_spec`.
* `LearningRules.LMS.avg_contraction` : `avg_contraction_spec`.
* `LearningRules.LMS.avg_rate` : `avg_rate_spec`.

## Implementation notes

Everything follows from the one-step identity `error_step_eq`: `e' = (1 - t) e` with
`t = η ⟪x, x⟫`. The squared-error difference is `((1 - t)² - 1) e² / 2 = t (t - 2) e² / 2`
(`one_sub_mul_self`), whose sign is decided by `mul_neg_of_pos_of_neg`, `mul_nonneg` and friends
from `LearningRulesProofs.Algebra`. The iterates are handled by induction on `k` with the power
unfolded by `pow_succ`. Ring identities are closed by `simp only` with the commutative-ring lemmas
of `LearningRulesProofs.Algebra` (AC normalisation) or by `rw` chains; no `grind`.

For the data set: `corr_mulVec` writes `R v = (1/m) • Σ_i ⟪x_i, v⟫ • x_i` (a swap of a double
finite sum, `Vec.finSum_comm`), from which `avgStep_eq` (the averaged update is the gradient step),
`dot_corr`, `dot_mseGrad` and the exact expansion `mse_add` follow sample by sample
(`half_sq_sub_add`). The convergence proof is the Polyak–Łojasiewicz route: `mse_pl` (PL from the
lower bound `μ ⟪v, v⟫ ≤ ⟪v, R v⟫`, by completing the square `⟪g + μ d, g + μ d⟫ ≥ 0`),
`contraction_scalar` (descent bound plus PL), `mse_avgStep_sub_le` (one step), and `avg_rate` by
induction, with `rate_nonneg` (`ρ ≥ 0` from `μ ≤ L`, i.e. `(1 - L η)² ≥ 0`) and a separate case for
`n = 0`, where every vector is `0`. The general scalar steps (`sub_le_sub_left`,
`sub_le_sub_right`, `le_of_mul_le_mul_left`, `le_of_mul_le_mul_right`, `inv_two_add_inv_two`,
`two_mul_div_two`, `mul_neg_of_neg_of_pos`, `one_add_one_eq_two`) come from
`LearningRulesProofs.Algebra`.

## References

* B. Widrow and M. E. Hoff, *Adaptive switching circuits*, 1960.
-/

namespace LearningRules.LMS

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

omit [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] in
/-- `(1 - t) (1 - t) = t (t - 2) + 1`, the ring identity behind the squared-error change. -/
theorem one_sub_mul_self (t : K) : (1 - t) * (1 - t) = t * (t - 2) + 1 := by
  rw [← one_add_one_eq_two]
  simp only [sub_eq_add_neg, mul_add, neg_add, mul_neg, neg_neg, add_assoc,
    add_comm, add_left_comm, mul_comm, mul_one]

/-- One LMS step multiplies the error on its sample by `1 - η ⟪x, x⟫`. -/
theorem error_step_eq (η : K) (x : Vec K n) (y : K) (w : Vec K n) :
    error x y (step η x y w) = (1 - η * ⟪x, x⟫) * error x y w := by
  show y - ⟪w + (η * (y - ⟪w, x⟫)) • x, x⟫ = (1 - η * ⟪x, x⟫) * (y - ⟪w, x⟫)
  rw [Vec.dot_add_left w ((η * (y - ⟪w, x⟫)) • x) x,
    Vec.dot_smul_left (η * (y - ⟪w, x⟫)) x x]
  simp only [sub_eq_add_neg, mul_add, add_mul, neg_add, neg_mul, mul_neg, neg_neg, add_assoc,
    add_comm, add_left_comm, mul_assoc, mul_comm, mul_left_comm, one_mul, mul_one]

/-- The change of the squared error in one step: `t (t - 2) e² / 2` with `t = η ⟪x, x⟫`. -/
theorem loss_step_sub (η : K) (x : Vec K n) (y : K) (w : Vec K n) :
    loss x y (step η x y w) - loss x y w =
      η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) * (error x y w * error x y w) / 2 := by
  have hstep := error_step_eq η x y w
  show error x y (step η x y w) * error x y (step η x y w) / 2 - error x y w * error x y w / 2 =
    η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) * (error x y w * error x y w) / 2
  rw [hstep]
  have hce : (1 - η * ⟪x, x⟫) * error x y w * ((1 - η * ⟪x, x⟫) * error x y w) =
      (1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫) * (error x y w * error x y w) := by
    simp only [mul_assoc, mul_comm, mul_left_comm]
  rw [hce, one_sub_mul_self, add_mul, one_mul, div_eq_mul_inv, div_eq_mul_inv, div_eq_mul_inv,
    add_mul, add_sub_cancel_right]

/-- The error after `k` steps on the same sample, from any start `w`. -/
theorem error_iterate_eq (η : K) (x : Vec K n) (y : K) :
    ∀ (k : Nat) (w : Vec K n),
      error x y (iterate (step η x y) k w) = (1 - η * ⟪x, x⟫) ^ k * error x y w := by
  intro k
  induction k with
  | zero =>
    intro w
    show error x y w = (1 - η * ⟪x, x⟫) ^ 0 * error x y w
    rw [pow_zero, one_mul]
  | succ k ih =>
    intro w
    have h1 := ih (step η x y w)
    have h2 := error_step_eq η x y w
    have h3 : (1 - η * ⟪x, x⟫) ^ (k + 1) = (1 - η * ⟪x, x⟫) ^ k * (1 - η * ⟪x, x⟫) :=
      pow_succ (1 - η * ⟪x, x⟫) k
    show error x y (iterate (step η x y) k (step η x y w)) =
      (1 - η * ⟪x, x⟫) ^ (k + 1) * error x y w
    rw [h1, h2, h3, mul_assoc]

/-- The squared error after `k` steps on the same sample is `ρ ^ k` times the initial one, with
`ρ = (1 - η ⟪x, x⟫) * (1 - η ⟪x, x⟫)`. -/
theorem sq_error_iterate_eq (η : K) (x : Vec K n) (y : K) :
    ∀ (k : Nat) (w : Vec K n),
      error x y (iterate (step η x y) k w) * error x y (iterate (step η x y) k w) =
        ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) ^ k * (error x y w * error x y w) := by
  intro k
  induction k with
  | zero =>
    intro w
    show error x y w * error x y w =
      ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) ^ 0 * (error x y w * error x y w)
    rw [pow_zero, one_mul]
  | succ k ih =>
    intro w
    have h1 := ih (step η x y w)
    have h2 := error_step_eq η x y w
    have h3 : ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) ^ (k + 1) =
        ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) ^ k * ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) :=
      pow_succ ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) k
    show error x y (iterate (step η x y) k (step η x y w)) *
        error x y (iterate (step η x y) k (step η x y w)) =
      ((1 - η * ⟪x, x⟫) * (1 - η * ⟪x, x⟫)) ^ (k + 1) * (error x y w * error x y w)
    rw [h1, h2, h3]
    simp only [mul_assoc, mul_comm, mul_left_comm]

/-- `error_step_spec`: one step multiplies the error by `1 - η ⟪x, x⟫`. -/
theorem error_step : LearningRules.LMS.error_step_spec := by
  intro K _ _ _ _ _ _ n η x y w
  exact error_step_eq η x y w

/-- `loss_decrease_iff_spec`: for a nonzero error, one step strictly lowers the squared error iff
`0 < η ⟪x, x⟫ < 2`. -/
theorem loss_decrease_iff : LearningRules.LMS.loss_decrease_iff_spec := by
  intro K _ _ _ _ _ _ n η x y w he
  have hdiff := loss_step_sub η x y w
  have hE : 0 < error x y w * error x y w := mul_self_pos he
  have hE0 : 0 ≤ error x y w * error x y w := mul_self_nonneg (error x y w)
  have hi : (0 : K) < 2⁻¹ := inv_pos zero_lt_two
  constructor
  · intro hlt
    refine Classical.byContradiction (fun hn => ?_)
    have hnn : 0 ≤ η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) := by
      cases Classical.em (0 < η * ⟪x, x⟫) with
      | inl hpos =>
        have ht : 2 ≤ η * ⟪x, x⟫ := not_lt.mp (fun h2 => hn ⟨hpos, h2⟩)
        have h1 : 0 ≤ η * ⟪x, x⟫ := le_of_lt hpos
        have h2 : 0 ≤ η * ⟪x, x⟫ - 2 := sub_nonneg.mpr ht
        exact mul_nonneg h1 h2
      | inr hnpos =>
        have h1 : η * ⟪x, x⟫ ≤ 0 := not_lt.mp hnpos
        have h2 : η * ⟪x, x⟫ - 2 ≤ 0 := sub_nonpos.mpr (le_trans h1 (le_of_lt zero_lt_two))
        exact mul_nonneg_of_nonpos_of_nonpos h1 h2
    have hprod : 0 ≤ η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) * (error x y w * error x y w) :=
      mul_nonneg hnn hE0
    have hq : 0 ≤ η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) * (error x y w * error x y w) / 2 := by
      rw [div_eq_mul_inv]
      exact mul_nonneg hprod (le_of_lt hi)
    have hneg : loss x y (step η x y w) - loss x y w < 0 := sub_neg.mpr hlt
    rw [hdiff] at hneg
    exact lt_irrefl 0 (lt_of_le_of_lt hq hneg)
  · intro h
    have h1 : 0 < η * ⟪x, x⟫ := h.1
    have h2 : η * ⟪x, x⟫ - 2 < 0 := sub_neg.mpr h.2
    have hneg : η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) < 0 := mul_neg_of_pos_of_neg h1 h2
    have hprod : η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) * (error x y w * error x y w) < 0 :=
      mul_neg_of_neg_of_pos hneg hE
    have hq : η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) * (error x y w * error x y w) / 2 < 0 := by
      rw [div_eq_mul_inv]
      exact mul_neg_of_neg_of_pos hprod hi
    rw [← hdiff] at hq
    exact sub_neg.mp hq

/-- `error_iterate_spec`: after `k` steps the error is `(1 - η ⟪x, x⟫) ^ k` times the initial
one. -/
theorem error_iterate : LearningRules.LMS.error_iterate_spec := by
  intro K _ _ _ _ _ _ n η x y w k
  exact error_iterate_eq η x y k w

/-- `convergence_spec`: for `0 < η ⟪x, x⟫ < 2`, `ρ < 1` and the squared error after `k` steps is at
most `ρ ^ k` times the initial one. -/
theorem convergence : LearningRules.LMS.convergence_spec := by
  intro K _ _ _ _ _ _ n η x y w h1 h2
  constructor
  · have h2' : η * ⟪x, x⟫ - 2 < 0 := sub_neg.mpr h2
    have hneg : η * ⟪x, x⟫ * (η * ⟪x, x⟫ - 2) < 0 := mul_neg_of_pos_of_neg h1 h2'
    rw [one_sub_mul_self]
    have h := add_lt_add_right hneg 1
    rw [zero_add] at h
    exact h
  · intro k
    exact le_of_eq (sq_error_iterate_eq η x y k w)

/-! ### Averaged LMS on a data set -/

/-- The product `R v` of the correlation matrix as a mean of rank-one terms:
`R v = (1/m) • Σ_i ⟪x_i, v⟫ • x_i`. -/
theorem corr_mulVec {m : Nat} (xs : Fin m → Vec K n) (v : Vec K n) :
    Mat.mulVec (corr xs) v =
      (Vec.natCast m : K)⁻¹ • Vec.sumFam m (fun i => ⟪xs i, v⟫ • xs i) := by
  apply Vec.ext
  intro j
  show Vec.dot (n := n) (fun k => Vec.finSum m (fun i => xs i j * xs i k) / Vec.natCast m) v =
    (Vec.natCast m : K)⁻¹ * Vec.finSum m (fun i => ⟪xs i, v⟫ * xs i j)
  have h1 : Vec.dot (n := n) (fun k => Vec.finSum m (fun i => xs i j * xs i k) / Vec.natCast m) v =
      Vec.finSum n (fun k => Vec.finSum m
        (fun i => (Vec.natCast m : K)⁻¹ * (xs i j * xs i k * v k))) := by
    refine (Vec.dot_eq_finSum _ v).trans ?_
    apply Vec.finSum_congr
    intro k
    rw [Vec.finSum_mul_left m (Vec.natCast m : K)⁻¹ (fun i => xs i j * xs i k * v k),
      Vec.finSum_mul_right m (fun i => xs i j * xs i k) (v k), div_eq_mul_inv]
    simp only [mul_assoc, mul_comm, mul_left_comm]
  have h2 : (Vec.natCast m : K)⁻¹ * Vec.finSum m (fun i => ⟪xs i, v⟫ * xs i j) =
      Vec.finSum m (fun i => Vec.finSum n
        (fun k => (Vec.natCast m : K)⁻¹ * (xs i j * xs i k * v k))) := by
    rw [← Vec.finSum_mul_left m (Vec.natCast m : K)⁻¹ (fun i => ⟪xs i, v⟫ * xs i j)]
    apply Vec.finSum_congr
    intro i
    rw [Vec.dot_eq_finSum (xs i) v, ← Vec.finSum_mul_right n (fun k => xs i k * v k) (xs i j),
      ← Vec.finSum_mul_left n (Vec.natCast m : K)⁻¹ (fun k => xs i k * v k * xs i j)]
    apply Vec.finSum_congr
    intro k
    simp only [mul_assoc, mul_comm, mul_left_comm]
  rw [h1, h2]
  exact (Vec.finSum_comm m n (fun i k => (Vec.natCast m : K)⁻¹ * (xs i j * xs i k * v k))).symm

/-- The cross-correlation as a mean: `p = (1/m) • Σ_i y_i • x_i`. -/
theorem crossCorr_eq {m : Nat} (xs : Fin m → Vec K n) (ys : Fin m → K) :
    crossCorr xs ys = (Vec.natCast m : K)⁻¹ • Vec.sumFam m (fun i => ys i • xs i) := by
  apply Vec.ext
  intro j
  show Vec.finSum m (fun i => ys i * xs i j) / Vec.natCast m =
    (Vec.natCast m : K)⁻¹ * Vec.finSum m (fun i => ys i * xs i j)
  rw [div_eq_mul_inv, mul_comm]

/-- The averaged LMS update is the gradient step `w - η • (R w - p)` on the mean squared error. -/
theorem avgStep_eq {m : Nat} (η : K) (xs : Fin m → Vec K n) (ys : Fin m → K) (w : Vec K n) :
    avgStep η xs ys w = w - η • mseGrad xs ys w := by
  have hR := corr_mulVec xs w
  have hp := crossCorr_eq xs ys
  show w + (η / Vec.natCast m) • Vec.sumFam m (fun i => error (xs i) (ys i) w • xs i) =
    w - η • (Mat.mulVec (corr xs) w - crossCorr xs ys)
  rw [hR, hp]
  apply Vec.ext
  intro j
  show w j + η / Vec.natCast m * Vec.finSum m (fun i => (ys i - ⟪w, xs i⟫) * xs i j) =
    w j - η * ((Vec.natCast m : K)⁻¹ * Vec.finSum m (fun i => ⟪xs i, w⟫ * xs i j) -
      (Vec.natCast m : K)⁻¹ * Vec.finSum m (fun i => ys i * xs i j))
  have hsum : Vec.finSum m (fun i => (ys i - ⟪w, xs i⟫) * xs i j) =
      Vec.finSum m (fun i => ys i * xs i j) - Vec.finSum m (fun i => ⟪xs i, w⟫ * xs i j) := by
    rw [← Vec.finSum_sub m (fun i => ys i * xs i j) (fun i => ⟪xs i, w⟫ * xs i j)]
    apply Vec.finSum_congr
    intro i
    rw [Vec.dot_comm w (xs i), sub_mul]
  rw [hsum, div_eq_mul_inv]
  simp only [sub_eq_add_neg, mul_add, add_mul, neg_add, neg_mul, mul_neg, neg_neg, add_assoc,
    add_comm, add_left_comm, mul_assoc, mul_comm, mul_left_comm]

/-- `avg_step_eq_gd_spec`: the averaged LMS update is the gradient step `w - η • (R w - p)` on the
mean squared error. -/
theorem avg_step_eq_gd : LearningRules.LMS.avg_step_eq_gd_spec := by
  intro K _ _ _ _ _ _ m n η xs ys w
  exact avgStep_eq η xs ys w

/-- `⟪u, R v⟫ = (1/m) Σ_i ⟪x_i, v⟫ ⟪u, x_i⟫` for the correlation matrix `R = corr xs`. -/
theorem dot_corr {m : Nat} (xs : Fin m → Vec K n) (u v : Vec K n) :
    ⟪u, Mat.mulVec (corr xs) v⟫ =
      (Vec.natCast m : K)⁻¹ * Vec.finSum m (fun i => ⟪xs i, v⟫ * ⟪u, xs i⟫) := by
  rw [corr_mulVec, Vec.dot_smul_right, Vec.dot_sumFam_right]
  have h : Vec.finSum m (fun i => ⟪u, ⟪xs i, v⟫ • xs i⟫) =
      Vec.finSum m (fun i => ⟪xs i, v⟫ * ⟪u, xs i⟫) := by
    apply Vec.finSum_congr
    intro i
    exact Vec.dot_smul_right ⟪xs i, v⟫ u (xs i)
  rw [h]

/-- `⟪u, p⟫ = (1/m) Σ_i y_i ⟪u, x_i⟫` for the cross-correlation `p = crossCorr xs ys`. -/
theorem dot_crossCorr {m : Nat} (xs : Fin m → Vec K n) (ys : Fin m → K) (u : Vec K n) :
    ⟪u, crossCorr xs ys⟫ = (Vec.natCast m : K)⁻¹ * Vec.finSum m (fun i => ys i * ⟪u, xs i⟫) := by
  rw [crossCorr_eq, Vec.dot_smul_right, Vec.dot_sumFam_right]
  have h : Vec.finSum m (fun i => ⟪u, ys i • xs i⟫) =
      Vec.finSum m (fun i => ys i * ⟪u, xs i⟫) := by
    apply Vec.finSum_congr
    intro i
    exact Vec.dot_smul_right (ys i) u (xs i)
  rw [h]

/-- `⟪∇F w, u⟫ = (1/m) Σ_i (⟪x_i, w⟫ - y_i) ⟪u, x_i⟫` for the gradient `∇F w = R w - p` of the
mean squared error. -/
theorem dot_mseGrad {m : Nat} (xs : Fin m → Vec K n) (ys : Fin m → K) (w u : Vec K n) :
    ⟪mseGrad xs ys w, u⟫ =
      (Vec.natCast m : K)⁻¹ * Vec.finSum m (fun i => (⟪xs i, w⟫ - ys i) * ⟪u, xs i⟫) := by
  rw [Vec.dot_comm]
  show ⟪u, Mat.mulVec (corr xs) w - crossCorr xs ys⟫ = _
  rw [Vec.dot_sub_right, dot_corr, dot_crossCorr, ← mul_sub,
    ← Vec.finSum_sub m (fun i => ⟪xs i, w⟫ * ⟪u, xs i⟫) (fun i => ys i * ⟪u, xs i⟫)]
  have h : Vec.finSum m (fun i => ⟪xs i, w⟫ * ⟪u, xs i⟫ - ys i * ⟪u, xs i⟫) =
      Vec.finSum m (fun i => (⟪xs i, w⟫ - ys i) * ⟪u, xs i⟫) := by
    apply Vec.finSum_congr
    intro i
    rw [sub_mul]
  rw [h]

/-- The scalar core of the Taylor expansion of one squared error:
`(y - (a + b))² / 2 = (y - a)² / 2 + (a - y) b + b² / 2`. -/
theorem half_sq_sub_add (y a b : K) :
    (y - (a + b)) * (y - (a + b)) / 2 = (y - a) * (y - a) / 2 + (a - y) * b + b * b / 2 := by
  have h : (a - y) * b = (a - y) * b * ((2 : K)⁻¹ + 2⁻¹) := by
    rw [inv_two_add_inv_two, mul_one]
  rw [h, div_eq_mul_inv, div_eq_mul_inv, div_eq_mul_inv]
  simp only [sub_eq_add_neg, mul_add, add_mul, neg_add, neg_mul, mul_neg, neg_neg, add_assoc,
    add_comm, add_left_comm, mul_assoc, mul_comm, mul_left_comm]

/-- The Taylor expansion of one sample's squared error:
`loss (w + d) = loss w + (⟪x, w⟫ - y) ⟪d, x⟫ + ⟪x, d⟫ ⟪d, x⟫ / 2`. -/
theorem loss_add (x : Vec K n) (y : K) (w d : Vec K n) :
    loss x y (w + d) = loss x y w + (⟪x, w⟫ - y) * ⟪d, x⟫ + ⟪x, d⟫ * ⟪d, x⟫ / 2 := by
  show (y - ⟪w + d, x⟫) * (y - ⟪w + d, x⟫) / 2 =
    (y - ⟪w, x⟫) * (y - ⟪w, x⟫) / 2 + (⟪x, w⟫ - y) * ⟪d, x⟫ + ⟪x, d⟫ * ⟪d, x⟫ / 2
  rw [Vec.dot_add_left, Vec.dot_comm x w, Vec.dot_comm x d]
  exact half_sq_sub_add y ⟪w, x⟫ ⟪d, x⟫

/-- The mean squared error is exactly quadratic:
`mse (w + d) = mse w + ⟪R w - p, d⟫ + ⟪d, R d⟫ / 2`. -/
theorem mse_add {m : Nat} (xs : Fin m → Vec K n) (ys : Fin m → K) (w d : Vec K n) :
    mse xs ys (w + d) =
      mse xs ys w + ⟪mseGrad xs ys w, d⟫ + ⟪d, Mat.mulVec (corr xs) d⟫ / 2 := by
  rw [dot_mseGrad, dot_corr]
  show Vec.finSum m (fun i => loss (xs i) (ys i) (w + d)) / Vec.natCast m =
    Vec.finSum m (fun i => loss (xs i) (ys i) w) / Vec.natCast m +
      (Vec.natCast m : K)⁻¹ * Vec.finSum m (fun i => (⟪xs i, w⟫ - ys i) * ⟪d, xs i⟫) +
      (Vec.natCast m : K)⁻¹ * Vec.finSum m (fun i => ⟪xs i, d⟫ * ⟪d, xs i⟫) / 2
  have h1 : Vec.finSum m (fun i => loss (xs i) (ys i) (w + d)) =
      Vec.finSum m (fun i => loss (xs i) (ys i) w + (⟪xs i, w⟫ - ys i) * ⟪d, xs i⟫ +
        ⟪xs i, d⟫ * ⟪d, xs i⟫ * (2 : K)⁻¹) := by
    apply Vec.finSum_congr
    intro i
    rw [loss_add, div_eq_mul_inv (⟪xs i, d⟫ * ⟪d, xs i⟫)]
  rw [h1, Vec.finSum_add m (fun i => loss (xs i) (ys i) w + (⟪xs i, w⟫ - ys i) * ⟪d, xs i⟫)
      (fun i => ⟪xs i, d⟫ * ⟪d, xs i⟫ * (2 : K)⁻¹),
    Vec.finSum_add m (fun i => loss (xs i) (ys i) w) (fun i => (⟪xs i, w⟫ - ys i) * ⟪d, xs i⟫),
    Vec.finSum_mul_right m (fun i => ⟪xs i, d⟫ * ⟪d, xs i⟫) (2 : K)⁻¹,
    div_eq_mul_inv, div_eq_mul_inv, div_eq_mul_inv]
  simp only [mul_add, add_mul, mul_assoc, mul_comm, mul_left_comm]

/-- `mse_taylor_spec`: the mean squared error is the quadratic with gradient `R w - p` and Hessian
`R`. -/
theorem mse_taylor : LearningRules.LMS.mse_taylor_spec := by
  intro K _ _ _ _ _ _ m n xs ys w d
  exact mse_add xs ys w d

/-- The doubled Taylor expansion between two points:
`2 mse y = 2 mse w + 2 ⟪R w - p, y - w⟫ + ⟪y - w, R (y - w)⟫`. -/
theorem mse_two_mul_eq {m : Nat} (xs : Fin m → Vec K n) (ys : Fin m → K) (w y : Vec K n) :
    2 * mse xs ys y = 2 * mse xs ys w + 2 * ⟪mseGrad xs ys w, y - w⟫ +
      ⟪y - w, Mat.mulVec (corr xs) (y - w)⟫ := by
  have hy : w + (y - w) = y := by
    apply Vec.ext
    intro j
    show w j + (y j - w j) = y j
    rw [add_comm, sub_add_cancel]
  have h := mse_add xs ys w (y - w)
  rw [hy] at h
  rw [h, mul_add, mul_add, two_mul_div_two]

/-- The scalar core of the Polyak–Łojasiewicz inequality for a quadratic: from
`2 Ms = 2 Mw + 2 a + P`, `Sq = G + 2 μ a + μ μ D`, `0 ≤ Sq`, `μ D ≤ P` and `0 ≤ μ`,
`2 μ (Mw - Ms) ≤ G`. -/
theorem pl_scalar {G a P D Sq μ Mw Ms : K} (hμ0 : 0 ≤ μ) (hT : 2 * Ms = 2 * Mw + 2 * a + P)
    (hSq : Sq = G + 2 * μ * a + μ * μ * D) (hS0 : 0 ≤ Sq) (hD : μ * D ≤ P) :
    2 * μ * (Mw - Ms) ≤ G := by
  have e1 : G - 2 * μ * (Mw - Ms) = G + μ * (2 * Ms - 2 * Mw) := by
    simp only [sub_eq_add_neg, mul_add, add_mul, mul_neg, neg_mul, neg_add, neg_neg, add_assoc,
      mul_assoc, mul_comm, mul_left_comm, add_comm, add_left_comm]
  have e2 : 2 * Ms - 2 * Mw = 2 * a + P := by
    rw [hT, add_assoc, add_comm (2 * Mw), add_sub_cancel_right]
  have h2 : G + μ * (2 * a + μ * D) ≤ G + μ * (2 * a + P) :=
    add_le_add_left (mul_le_mul_of_nonneg_left (add_le_add_left hD (2 * a)) hμ0) G
  have h3 : G + μ * (2 * a + μ * D) = Sq := by
    rw [hSq]
    simp only [mul_add, add_assoc, mul_assoc, mul_comm, mul_left_comm]
  have h4 : 0 ≤ G - 2 * μ * (Mw - Ms) := by
    rw [e1, e2]
    rw [← h3] at hS0
    exact le_trans hS0 h2
  exact sub_nonneg.mp h4

/-- The Polyak–Łojasiewicz inequality for the mean squared error: if `μ ⟪v, v⟫ ≤ ⟪v, R v⟫` for all
`v` and `0 ≤ μ`, then `2 μ (mse w - mse w⋆) ≤ ⟪∇F w, ∇F w⟫` for all `w` and `w⋆` (strong convexity
implies PL; the point `w⋆` need not be a minimiser). -/
theorem mse_pl {m : Nat} (xs : Fin m → Vec K n) (ys : Fin m → K) {μ : K} (hμ0 : 0 ≤ μ)
    (hμ : ∀ v : Vec K n, μ * ⟪v, v⟫ ≤ ⟪v, Mat.mulVec (corr xs) v⟫) (w wstar : Vec K n) :
    2 * μ * (mse xs ys w - mse xs ys wstar) ≤ ⟪mseGrad xs ys w, mseGrad xs ys w⟫ := by
  have hT := mse_two_mul_eq xs ys w wstar
  have hSq : ⟪mseGrad xs ys w + μ • (wstar - w), mseGrad xs ys w + μ • (wstar - w)⟫ =
      ⟪mseGrad xs ys w, mseGrad xs ys w⟫ + 2 * μ * ⟪mseGrad xs ys w, wstar - w⟫ +
        μ * μ * ⟪wstar - w, wstar - w⟫ := by
    rw [Vec.dot_add_left, Vec.dot_add_right, Vec.dot_add_right, Vec.dot_smul_left,
      Vec.dot_smul_left, Vec.dot_smul_right, Vec.dot_smul_right,
      Vec.dot_comm (wstar - w) (mseGrad xs ys w), two_mul]
    simp only [add_mul, mul_add, add_assoc, mul_assoc]
  exact pl_scalar hμ0 hT hSq (Vec.dot_self_nonneg _) (hμ (wstar - w))

/-- The scalar core of the one-step contraction: from the doubled Taylor expansion
`2 Mw' = 2 Mw + 2 (-η G) + (-η) ((-η) Q)`, `Q ≤ L G`, the PL inequality `2 μ (Mw - Ms) ≤ G`,
`0 < η` and `η L < 2`, `Mw' - Ms ≤ (1 - μ η (2 - L η)) (Mw - Ms)`. -/
theorem contraction_scalar {G Q L η μ Mw Mw' Ms : K} (hη : 0 < η) (hηL : η * L < 2)
    (hT : 2 * Mw' = 2 * Mw + 2 * (-η * G) + (-η) * ((-η) * Q)) (hQ : Q ≤ L * G)
    (hPL : 2 * μ * (Mw - Ms) ≤ G) :
    Mw' - Ms ≤ (1 - μ * η * (2 - L * η)) * (Mw - Ms) := by
  have hLη : L * η < 2 := by
    rw [mul_comm]
    exact hηL
  have hs : 0 ≤ η * (2 - L * η) := mul_nonneg (le_of_lt hη) (le_of_lt (sub_pos.mpr hLη))
  have h1 : (-η) * ((-η) * Q) ≤ η * η * (L * G) := by
    rw [neg_mul, neg_mul, mul_neg, neg_neg, ← mul_assoc]
    exact mul_le_mul_of_nonneg_left hQ (mul_self_nonneg η)
  have h2 : 2 * Mw' ≤ 2 * Mw + 2 * (-η * G) + η * η * (L * G) := by
    rw [hT]
    exact add_le_add_left h1 _
  have h3 : 2 * Mw + 2 * (-η * G) + η * η * (L * G) = 2 * Mw - η * (2 - L * η) * G := by
    simp only [sub_eq_add_neg, mul_add, add_mul, neg_add, neg_mul, mul_neg, neg_neg, add_assoc,
      add_comm, add_left_comm, mul_assoc, mul_comm, mul_left_comm]
  rw [h3] at h2
  have h4 : η * (2 - L * η) * (2 * μ * (Mw - Ms)) ≤ η * (2 - L * η) * G :=
    mul_le_mul_of_nonneg_left hPL hs
  have h5 : 2 * Mw' ≤ 2 * Mw - η * (2 - L * η) * (2 * μ * (Mw - Ms)) :=
    le_trans h2 (sub_le_sub_left h4 _)
  have h6 : 2 * (Mw' - Ms) ≤ 2 * ((1 - μ * η * (2 - L * η)) * (Mw - Ms)) := by
    calc 2 * (Mw' - Ms) = 2 * Mw' - 2 * Ms := mul_sub 2 Mw' Ms
      _ ≤ 2 * Mw - η * (2 - L * η) * (2 * μ * (Mw - Ms)) - 2 * Ms := sub_le_sub_right h5 _
      _ = 2 * ((1 - μ * η * (2 - L * η)) * (Mw - Ms)) := by
        simp only [sub_eq_add_neg, mul_add, add_mul, neg_add, neg_mul, mul_neg, neg_neg, add_assoc,
          add_comm, add_left_comm, mul_assoc, mul_comm, mul_left_comm, one_mul, mul_one]
  exact le_of_mul_le_mul_left h6 zero_lt_two

/-- One averaged LMS step contracts the gap to any reference point by `ρ = 1 - μ η (2 - L η)`. -/
theorem mse_avgStep_sub_le {m : Nat} (xs : Fin m → Vec K n) (ys : Fin m → K) {μ L η : K}
    (hμ : 0 < μ) (hlo : ∀ v : Vec K n, μ * ⟪v, v⟫ ≤ ⟪v, Mat.mulVec (corr xs) v⟫)
    (hhi : ∀ v : Vec K n, ⟪v, Mat.mulVec (corr xs) v⟫ ≤ L * ⟪v, v⟫) (hη : 0 < η) (hηL : η * L < 2)
    (w wstar : Vec K n) :
    mse xs ys (avgStep η xs ys w) - mse xs ys wstar ≤
      (1 - μ * η * (2 - L * η)) * (mse xs ys w - mse xs ys wstar) := by
  rw [avgStep_eq]
  have hT := mse_two_mul_eq xs ys w (w - η • mseGrad xs ys w)
  rw [Vec.sub_smul_sub_self, Vec.dot_smul_right, Vec.mulVec_smul, Vec.dot_smul_right,
    Vec.dot_smul_left] at hT
  exact contraction_scalar hη hηL hT (hhi (mseGrad xs ys w)) (mse_pl xs ys (le_of_lt hμ) hlo w wstar)

/-- The rate factor is below one: `0 < μ`, `0 < η`, `η L < 2` give `1 - μ η (2 - L η) < 1`. -/
theorem rate_lt_one {μ L η : K} (hμ : 0 < μ) (hη : 0 < η) (hηL : η * L < 2) :
    1 - μ * η * (2 - L * η) < 1 := by
  have hLη : L * η < 2 := by
    rw [mul_comm]
    exact hηL
  have hpos : 0 < μ * η * (2 - L * η) := mul_pos (mul_pos hμ hη) (sub_pos.mpr hLη)
  have h := add_lt_add_left (neg_neg_iff_pos.mpr hpos) 1
  rw [add_zero, ← sub_eq_add_neg] at h
  exact h

/-- The rate factor is nonnegative when `μ ≤ L`: `0 ≤ 1 - μ η (2 - L η)` for `0 < η`, `η L < 2`
(since `L η (2 - L η) = 1 - (1 - L η)² ≤ 1`). -/
theorem rate_nonneg {μ L η : K} (hμL : μ ≤ L) (hη : 0 < η) (hηL : η * L < 2) :
    0 ≤ 1 - μ * η * (2 - L * η) := by
  have hLη : L * η < 2 := by
    rw [mul_comm]
    exact hηL
  have hs : 0 ≤ η * (2 - L * η) := mul_nonneg (le_of_lt hη) (le_of_lt (sub_pos.mpr hLη))
  have h1 : μ * η * (2 - L * η) ≤ L * η * (2 - L * η) := by
    rw [mul_assoc, mul_assoc]
    exact mul_le_mul_of_nonneg_right hμL hs
  have hsq : 0 ≤ (1 - L * η) * (1 - L * η) := mul_self_nonneg _
  rw [one_sub_mul_self] at hsq
  have h2 : L * η * (2 - L * η) = -(L * η * (L * η - 2)) := by
    simp only [sub_eq_add_neg, mul_add, mul_neg, neg_add, neg_neg, add_comm]
  have h3 : L * η * (L * η - 2) + 1 = 1 - L * η * (2 - L * η) := by
    rw [h2, sub_eq_add_neg 1, neg_neg, add_comm]
  rw [h3] at hsq
  exact sub_nonneg.mpr (le_trans h1 (sub_nonneg.mp hsq))

/-- `avg_contraction_spec`: one averaged LMS step contracts `mse · - mse w⋆` by
`ρ = 1 - μ η (2 - L η) < 1`. -/
theorem avg_contraction : LearningRules.LMS.avg_contraction_spec := by
  intro K _ _ _ _ _ _ m n xs ys μ L η w wstar hμ hlo hhi hη hηL
  exact ⟨rate_lt_one hμ hη hηL, mse_avgStep_sub_le xs ys hμ hlo hhi hη hηL w wstar⟩

/-- `avg_rate_spec`: after `k` averaged LMS steps, `mse w_k - mse w⋆ ≤ ρ ^ k (mse w₀ - mse w⋆)`. -/
theorem avg_rate : LearningRules.LMS.avg_rate_spec := by
  intro K _ _ _ _ _ _ m n xs ys μ L η w0 wstar k hμ hlo hhi hη hηL
  cases Classical.em (∃ v : Vec K n, v ≠ 0) with
  | inl hex =>
    have hμL : μ ≤ L := by
      cases hex with
      | intro v hv =>
        exact le_of_mul_le_mul_right (le_trans (hlo v) (hhi v)) (Vec.dot_self_pos hv)
    have hρ := rate_nonneg hμL hη hηL
    have key : ∀ (k : Nat) (w : Vec K n),
        mse xs ys (iterate (avgStep η xs ys) k w) - mse xs ys wstar ≤
          (1 - μ * η * (2 - L * η)) ^ k * (mse xs ys w - mse xs ys wstar) := by
      intro k
      induction k with
      | zero =>
        intro w
        show mse xs ys w - mse xs ys wstar ≤
          (1 - μ * η * (2 - L * η)) ^ 0 * (mse xs ys w - mse xs ys wstar)
        rw [pow_zero, one_mul]
        exact le_refl _
      | succ k ih =>
        intro w
        show mse xs ys (iterate (avgStep η xs ys) k (avgStep η xs ys w)) - mse xs ys wstar ≤
          (1 - μ * η * (2 - L * η)) ^ (k + 1) * (mse xs ys w - mse xs ys wstar)
        have h1 := ih (avgStep η xs ys w)
        have h2 := mse_avgStep_sub_le xs ys hμ hlo hhi hη hηL w wstar
        have h3 := mul_le_mul_of_nonneg_left h2 (pow_nonneg hρ k)
        rw [pow_succ, mul_assoc]
        exact le_trans h1 h3
    exact key k w0
  | inr hne =>
    have hz : ∀ v : Vec K n, v = 0 := fun v =>
      Classical.byContradiction (fun hv => hne ⟨v, hv⟩)
    rw [hz (iterate (avgStep η xs ys) k w0), hz w0, hz wstar, sub_self, mul_zero]
    exact le_refl _

end LearningRules.LMS
