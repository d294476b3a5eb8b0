import LearningRules.GradientDescentNesterov
import LearningRulesProofs.GradientDescent

/-!
# Proofs for Nesterov's accelerated gradient method

## Main definitions

* `LearningRules.GradientDescent.nesterovZ s` : the auxiliary point
  `z = t • y - (t - 1) • x` of a state `(x, y, t)` (Beck and Teboulle's `u_k + x*`, Nesterov's
  estimate-sequence point), along which the squared distance to `x*` is the potential.

## Main statements

* `nesterov_step_bound` : one step from a state with `1 ≤ t`:
  `t² (F x' - F x*) + L/2 ⟪z' - x*, z' - x*⟫ ≤ t (t - 1) (F x - F x*) + L/2 ⟪z - x*, z - x*⟫`.
* `nesterov_potential` : along the method, `t_k² (F x_{k+1} - F x*) + L/2 ⟪z_{k+1} - x*, …⟫ ≤
  L/2 ⟪w₀ - x*, w₀ - x*⟫`.
* `nesterov_rate` : `F x_k - F x* ≤ 2 L ⟪w₀ - x*, w₀ - x*⟫ / (k + 1)²`.

## Implementation notes

The proof is the Lyapunov (potential) argument of Beck and Teboulle (2009, Lemma 4.1 and
Theorem 4.4). With `g = ∇F y`, the step satisfies `z' = z - (t/L) • g` (`nesterov_z_step`), so
`L/2 ⟪z' - x*, z' - x*⟫ + t ⟪z - x*, g⟫ = L/2 ⟪z - x*, z - x*⟫ + t² ⟪g, g⟫ / (2L)`; convexity
at `(y, x)` and `(y, x*)` with the weights `t (t - 1)` and `t`, and the `1/L` descent bound at `y`
times `t²`, add up to the one-step bound (`nesterov_potential_scalar`, a sum of four inequalities
with a common part cancelled, so that no ring identity needs cancellation under `simp only`).
Since `x*` is a minimiser, the gaps are nonnegative and `t_{k+1} (t_{k+1} - 1) ≤ t_k²`
(`(t + 1/2)(t - 1/2) ≤ t²`) chains the steps. The case `k = 0` uses `∇F x* = 0`
(`grad_eq_zero_of_isMin`, from the descent bound at `x*`) and smoothness at `x*`.
No `grind`/`omega`.

## References

* A. Beck, M. Teboulle, *A fast iterative shrinkage-thresholding algorithm for linear inverse
  problems*, 2009, §4.
* Y. Nesterov, *A method of solving a convex programming problem with convergence rate
  O(1/k²)*, 1983.
-/

namespace LearningRules.GradientDescent

open LearningRules

/-- The auxiliary point `z = t • y - (t - 1) • x` of a state `(x, y, t)` of Nesterov's method. -/
def nesterovZ {K : Type} [Lean.Grind.Field K] {n : Nat} (s : NesterovState K n) : Vec K n :=
  s.t • s.y - (s.t - 1) • s.x

section Scalar

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K]

/-- The coordinate identity behind `nesterov_z_step`, with `m = t - 1`:
`m ((y - l g) - x) + (y - l g) - s = (m + 1) y - m x - s - (m + 1) l g`. -/
theorem nesterov_z_coord_aux (m y g x s l : K) :
    m * ((y - l * g) - x) + (y - l * g) - s = (m + 1) * y - m * x - s - (m + 1) * l * g := by
  simp only [sub_eq_add_neg, mul_add, add_mul, one_mul, mul_one, mul_neg, neg_mul, neg_add,
    neg_neg, add_assoc, add_comm, add_left_comm, mul_assoc, mul_comm, mul_left_comm]

/-- The coordinate identity of `nesterov_z_step`: with `X = y - (1/L) g` and `p ≠ 0`,
`p (X + ((t - 1)/p) (X - x)) - (p - 1) X - s = t y - (t - 1) x - s - (t/L) g`. -/
theorem nesterov_z_coord (t p L y g x s : K) (hp : p ≠ 0) :
    p * ((y - 1 / L * g) + (t - 1) / p * ((y - 1 / L * g) - x)) - (p - 1) * (y - 1 / L * g) - s
      = t * y - (t - 1) * x - s - t / L * g := by
  have e1 : p * ((t - 1) / p * ((y - 1 / L * g) - x)) = (t - 1) * ((y - 1 / L * g) - x) := by
    rw [div_eq_mul_inv, mul_comm (t - 1) p⁻¹, mul_assoc, ← mul_assoc p p⁻¹,
      mul_inv_cancel₀ hp, one_mul]
  rw [mul_add p (y - 1 / L * g), e1, sub_mul p 1, one_mul, add_sub_sub_cancel]
  have h := nesterov_z_coord_aux (t - 1) y g x s (1 / L)
  rw [sub_add_cancel t 1] at h
  rw [div_eq_mul_inv t L, ← one_mul L⁻¹, ← div_eq_mul_inv 1 L]
  exact h

/-- The coordinate identity behind `nesterov_dot_z`: `(m + 1) y - m x - s = (y - s) + m (y - x)`. -/
theorem nesterov_e_coord (m y x s : K) :
    (m + 1) * y - m * x - s = (y - s) + m * (y - x) := by
  simp only [sub_eq_add_neg, mul_add, add_mul, one_mul, mul_neg, neg_mul, neg_add, neg_neg,
    add_assoc, add_comm, add_left_comm]

/-- The distance identity of one step of Nesterov's method, for scalars `D = ⟪z - x*, z - x*⟫`,
`E = ⟪z - x*, g⟫`, `G = ⟪g, g⟫` and `L ≠ 0`:
`L/2 (D - 2 (t/L) E + (t/L)² G) + t E = L/2 D + t² G / (2 L)`. -/
theorem nesterov_dist_scalar (L t D E G : K) (hL : L ≠ 0) :
    L / 2 * (D - 2 * (t / L) * E + t / L * (t / L) * G) + t * E
      = L / 2 * D + t * t * (G / (2 * L)) := by
  have e1 : L / 2 * (2 * (t / L) * E) = t * E := by
    have e : L / 2 * (2 * (t / L) * E) = L * L⁻¹ * (2 * 2⁻¹) * (t * E) := by
      simp only [div_eq_mul_inv, mul_assoc, mul_comm, mul_left_comm]
    rw [e, mul_inv_cancel₀ hL, mul_inv_cancel₀ two_ne_zero, one_mul, one_mul]
  have e2 : L / 2 * (t / L * (t / L) * G) = t * t * (G / (2 * L)) := by
    have e : L / 2 * (t / L * (t / L) * G) = L * L⁻¹ * (t * t * (G * (2⁻¹ * L⁻¹))) := by
      simp only [div_eq_mul_inv, mul_assoc, mul_comm, mul_left_comm]
    rw [e, mul_inv_cancel₀ hL, one_mul, div_eq_mul_inv G, mul_inv]
  rw [mul_add (L / 2) (D - 2 * (t / L) * E), mul_sub (L / 2) D, e1, e2, sub_add_add_cancel]

/-- The scalar core of the one-step bound: from the descent bound `e' + Q ≤ e_y`, convexity
`e_y ≤ e + A` and `e_y ≤ B` (gaps to `F x*`), `E = B + m A`, the distance identity
`h D' + t E = h D + t² Q`, `0 ≤ t`, `0 ≤ m` and `t m + t = t²`:
`t² e' + h D' ≤ t m e + h D`. -/
theorem nesterov_potential_scalar (t m e e' ey A B E Q D D' h : K) (ht : 0 ≤ t) (hm : 0 ≤ m)
    (htm : t * m + t = t * t) (hd : e' + Q ≤ ey) (hc1 : ey ≤ e + A) (hc2 : ey ≤ B)
    (hE : E = B + m * A) (hdist : h * D' + t * E = h * D + t * t * Q) :
    t * t * e' + h * D' ≤ t * m * e + h * D := by
  have s1 := mul_le_mul_of_nonneg_left hd (mul_nonneg ht ht)
  have s2 := mul_le_mul_of_nonneg_left hc1 (mul_nonneg ht hm)
  have s3 := mul_le_mul_of_nonneg_left hc2 ht
  have s4 := add_le_add (add_le_add (add_le_add s1 s2) s3) (le_of_eq hdist)
  have e3 : t * m * ey + t * ey = t * t * ey := by rw [← add_mul, htm]
  have eL : t * t * (e' + Q) + t * m * ey + t * ey + (h * D' + t * E)
      = t * t * e' + h * D' + (t * t * Q + (t * m * ey + t * ey) + t * E) := by
    simp only [mul_add, add_assoc, add_comm, add_left_comm]
  have eR : t * t * ey + t * m * (e + A) + t * B + (h * D + t * t * Q)
      = t * m * e + h * D + (t * t * Q + (t * m * ey + t * ey) + t * E) := by
    rw [e3, hE]
    simp only [mul_add, add_assoc, add_comm, add_left_comm, mul_assoc]
  rw [eL, eR] at s4
  exact le_of_add_le_add_right s4

/-- The momentum parameter grows slowly enough: `(t + 1/2) (t + 1/2 - 1) ≤ t²`
(it equals `t² - 1/4`), i.e. `t_{k+1}² - t_{k+1} ≤ t_k²` for `t_{k+1} = t_k + 1/2`. -/
theorem nesterov_t_sq_le (t : K) : (t + 1 / 2) * (t + 1 / 2 - 1) ≤ t * t := by
  have e1 : t + 1 / 2 - 1 = t - 1 / 2 := by
    rw [← add_sub_add_right_eq_sub t (1 / 2) (1 / 2), one_div, inv_two_add_inv_two]
  have e2 : (t + 1 / 2) * (t - 1 / 2) = t * t - 1 / 2 * (1 / 2) := by
    rw [add_mul, mul_sub, mul_sub, mul_comm (1 / 2) t, sub_add_sub_cancel]
  rw [e1, e2]
  exact sub_le_self (t * t) (mul_self_nonneg (1 / 2))

end Scalar

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- The auxiliary point after one step: `z' - x* = (z - x*) - (t/L) • grad y` (for `t + 1/2 ≠ 0`). -/
theorem nesterov_z_step (grad : Vec K n → Vec K n) (L : K) (xstar : Vec K n)
    (s : NesterovState K n) (hp : s.t + 1 / 2 ≠ 0) :
    nesterovZ (nesterovStep grad L s) - xstar = (nesterovZ s - xstar) - (s.t / L) • grad s.y := by
  funext i
  show (s.t + 1 / 2) * ((s.y i - 1 / L * grad s.y i)
      + (s.t - 1) / (s.t + 1 / 2) * ((s.y i - 1 / L * grad s.y i) - s.x i))
      - (s.t + 1 / 2 - 1) * (s.y i - 1 / L * grad s.y i) - xstar i
    = (s.t * s.y i - (s.t - 1) * s.x i - xstar i) - s.t / L * grad s.y i
  exact nesterov_z_coord s.t (s.t + 1 / 2) L (s.y i) (grad s.y i) (s.x i) (xstar i) hp

/-- The momentum term of the potential: `⟪z - x*, g⟫ = ⟪y - x*, g⟫ + (t - 1) ⟪y - x, g⟫`. -/
theorem nesterov_dot_z (xstar g : Vec K n) (s : NesterovState K n) :
    ⟪nesterovZ s - xstar, g⟫ = ⟪s.y - xstar, g⟫ + (s.t - 1) * ⟪s.y - s.x, g⟫ := by
  have hv : nesterovZ s - xstar = (s.y - xstar) + (s.t - 1) • (s.y - s.x) := by
    funext i
    show s.t * s.y i - (s.t - 1) * s.x i - xstar i = (s.y i - xstar i) + (s.t - 1) * (s.y i - s.x i)
    have h := nesterov_e_coord (s.t - 1) (s.y i) (s.x i) (xstar i)
    rw [sub_add_cancel s.t 1] at h
    exact h
  rw [hv, Vec.dot_add_left, Vec.dot_smul_left]

/-- One step of Nesterov's method from a state with `1 ≤ t`, on a convex, `L`-smooth `F`
(`0 < L`), against any comparator `xstar`:
`t² (F x' - F x*) + L/2 ⟪z' - x*, z' - x*⟫ ≤ t (t - 1) (F x - F x*) + L/2 ⟪z - x*, z - x*⟫`. -/
theorem nesterov_step_bound {F : Vec K n → K} {grad : Vec K n → Vec K n} {L : K}
    (xstar : Vec K n) (s : NesterovState K n) (hF : IsLSmooth F grad L) (hL : 0 < L)
    (hC : IsConvex F grad) (ht : 1 ≤ s.t) :
    s.t * s.t * (F (nesterovStep grad L s).x - F xstar)
        + L / 2 * ⟪nesterovZ (nesterovStep grad L s) - xstar,
            nesterovZ (nesterovStep grad L s) - xstar⟫
      ≤ s.t * (s.t - 1) * (F s.x - F xstar) + L / 2 * ⟪nesterovZ s - xstar, nesterovZ s - xstar⟫ := by
  have hL0 : L ≠ 0 := ne_of_gt hL
  have ht0 : 0 ≤ s.t := le_trans zero_le_one ht
  have hm0 : 0 ≤ s.t - 1 := sub_nonneg.mpr ht
  have hh : (0 : K) ≤ 1 / 2 := by
    rw [one_div]
    exact inv_nonneg (le_of_lt zero_lt_two)
  have hp : s.t + 1 / 2 ≠ 0 :=
    ne_of_gt (add_pos_of_pos_of_nonneg (lt_of_lt_of_le zero_lt_one ht) hh)
  -- convexity at `(y, x)` and `(y, x*)`, in gap form
  have c1 := hC.lower s.y s.x
  rw [dot_grad_sub_swap] at c1
  have hc1 := sub_le_sub_add_of_add_neg_le (d := F xstar) c1
  have c2 := hC.lower s.y xstar
  rw [dot_grad_sub_swap] at c2
  have hc2 := sub_le_sub_add_of_add_neg_le (d := F xstar) c2
  rw [sub_self, zero_add] at hc2
  -- the `1/L` descent bound at `y`
  have hd := sub_add_le_sub_of_le_sub (d := F xstar) (best_step_decrease K n F grad L s.y hF hL)
  -- the distance identity
  have hD := Vec.dot_sub_smul_self (nesterovZ s - xstar) (grad s.y) (s.t / L)
  rw [← nesterov_z_step grad L xstar s hp] at hD
  have hdist := nesterov_dist_scalar L s.t ⟪nesterovZ s - xstar, nesterovZ s - xstar⟫
    ⟪nesterovZ s - xstar, grad s.y⟫ ⟪grad s.y, grad s.y⟫ hL0
  rw [← hD] at hdist
  have htm : s.t * (s.t - 1) + s.t = s.t * s.t := by rw [mul_sub, mul_one, sub_add_cancel]
  exact nesterov_potential_scalar s.t (s.t - 1) _ _ _ _ _ _ _ _ _ (L / 2) ht0 hm0 htm hd hc1 hc2
    (nesterov_dot_z xstar (grad s.y) s) hdist

/-- The state after `k + 1` steps is one step from the state after `k` steps. -/
theorem nesterov_succ (grad : Vec K n → Vec K n) (L : K) (k : Nat) (w0 : Vec K n) :
    nesterov grad L (k + 1) w0 = nesterovStep grad L (nesterov grad L k w0) :=
  iterate_succ_eq_apply (nesterovStep grad L) k (nesterovInit w0)

/-- The momentum parameter grows by `1/2` per step. -/
theorem nesterov_t_succ (grad : Vec K n → Vec K n) (L : K) (k : Nat) (w0 : Vec K n) :
    (nesterov grad L (k + 1) w0).t = (nesterov grad L k w0).t + 1 / 2 := by
  rw [nesterov_succ]
  rfl

/-- Along the method `1 ≤ t_k`. -/
theorem nesterov_t_ge_one (grad : Vec K n → Vec K n) (L : K) (w0 : Vec K n) :
    ∀ k : Nat, 1 ≤ (nesterov grad L k w0).t := by
  intro k
  induction k with
  | zero => exact le_refl (1 : K)
  | succ k ih =>
    rw [nesterov_t_succ]
    have hh : (0 : K) ≤ 1 / 2 := by
      rw [one_div]
      exact inv_nonneg (le_of_lt zero_lt_two)
    exact le_trans ih (le_add_of_nonneg_right hh)

/-- Along the method `t_k = (k + 2)/2`, written `2 t_k = k + 2`. -/
theorem nesterov_t_two (grad : Vec K n → Vec K n) (L : K) (w0 : Vec K n) :
    ∀ k : Nat, (nesterov grad L k w0).t * 2 = Vec.natCast (k + 2) := by
  intro k
  induction k with
  | zero =>
    show (1 : K) * 2 = Vec.natCast (0 + 1 + 1)
    rw [Vec.natCast_succ, Vec.natCast_succ, Vec.natCast_zero, zero_add, one_mul, one_add_one_eq_two]
  | succ k ih =>
    rw [nesterov_t_succ, add_mul, one_div, inv_mul_cancel₀ two_ne_zero, ih]
    show Vec.natCast (k + 2) + 1 = Vec.natCast (k + 2 + 1)
    rw [Vec.natCast_succ (k + 2)]

/-- The auxiliary point of the start is `w₀`. -/
theorem nesterovZ_init (w0 : Vec K n) : nesterovZ (nesterovInit w0) = w0 := by
  funext i
  show 1 * w0 i - (1 - 1) * w0 i = w0 i
  rw [sub_self, zero_mul, sub_zero, one_mul]

/-- The potential along the method, for a minimiser `xstar`:
`t_k² (F x_{k+1} - F x*) + L/2 ⟪z_{k+1} - x*, z_{k+1} - x*⟫ ≤ L/2 ⟪w₀ - x*, w₀ - x*⟫`. -/
theorem nesterov_potential {F : Vec K n → K} {grad : Vec K n → Vec K n} {L : K}
    (xstar w0 : Vec K n) (hF : IsLSmooth F grad L) (hL : 0 < L) (hC : IsConvex F grad)
    (hmin : ∀ y : Vec K n, F xstar ≤ F y) :
    ∀ k : Nat, (nesterov grad L k w0).t * (nesterov grad L k w0).t
        * (F (nesterov grad L (k + 1) w0).x - F xstar)
        + L / 2 * ⟪nesterovZ (nesterov grad L (k + 1) w0) - xstar,
            nesterovZ (nesterov grad L (k + 1) w0) - xstar⟫
      ≤ L / 2 * ⟪w0 - xstar, w0 - xstar⟫ := by
  intro k
  induction k with
  | zero =>
    have h := nesterov_step_bound xstar (nesterov grad L 0 w0) hF hL hC
      (nesterov_t_ge_one grad L w0 0)
    rw [← nesterov_succ] at h
    have t0 : (nesterov grad L 0 w0).t = 1 := rfl
    have z0 : nesterovZ (nesterov grad L 0 w0) = w0 := nesterovZ_init w0
    rw [t0, z0, sub_self, mul_zero, zero_mul, zero_add] at h
    rw [t0]
    exact h
  | succ k ih =>
    have h := nesterov_step_bound xstar (nesterov grad L (k + 1) w0) hF hL hC
      (nesterov_t_ge_one grad L w0 (k + 1))
    rw [← nesterov_succ] at h
    have hcoef : (nesterov grad L (k + 1) w0).t * ((nesterov grad L (k + 1) w0).t - 1)
        ≤ (nesterov grad L k w0).t * (nesterov grad L k w0).t := by
      rw [nesterov_t_succ]
      exact nesterov_t_sq_le (nesterov grad L k w0).t
    have hgap : 0 ≤ F (nesterov grad L (k + 1) w0).x - F xstar := sub_nonneg.mpr (hmin _)
    have hmul := mul_le_mul_of_nonneg_right hcoef hgap
    exact le_trans h (le_trans (add_le_add_right hmul _) ih)

/-- At a minimiser of an `L`-smooth `F` (`0 < L`) the gradient vanishes. -/
theorem grad_eq_zero_of_isMin {F : Vec K n → K} {grad : Vec K n → Vec K n} {L : K}
    (xstar : Vec K n) (hF : IsLSmooth F grad L) (hL : 0 < L)
    (hmin : ∀ y : Vec K n, F xstar ≤ F y) : grad xstar = 0 := by
  have hd := best_step_decrease K n F grad L xstar hF hL
  have h1 := le_trans (hmin _) hd
  have h2 := le_sub_comm.mp h1
  rw [sub_self, div_eq_mul_inv] at h2
  have h3 : ⟪grad xstar, grad xstar⟫ * (2 * L)⁻¹ ≤ 0 * (2 * L)⁻¹ := by
    rw [zero_mul]
    exact h2
  have h4 := le_of_mul_le_mul_right h3 (inv_pos (mul_pos zero_lt_two hL))
  exact Vec.eq_zero_of_dot_self_eq_zero (le_antisymm h4 (Vec.dot_self_nonneg _))

/-- The `O(1/k²)` rate of Nesterov's accelerated gradient method. -/
theorem nesterov_rate : nesterov_rate_spec := by
  intro K _ _ _ _ _ _ n F grad L xstar w0 k hF hL hC hmin
  have hL2 : 0 ≤ L / 2 := half_nonneg (le_of_lt hL)
  have h20 : (0 : K) ≤ 2 := le_of_lt zero_lt_two
  have key : Vec.natCast (k + 1) ^ 2 * (F (nesterov grad L k w0).x - F xstar)
      ≤ 2 * L * ⟪w0 - xstar, w0 - xstar⟫ := by
    cases k with
    | zero =>
      rw [Vec.natCast_succ, Vec.natCast_zero, zero_add, pow_two, mul_one, one_mul]
      show F w0 - F xstar ≤ 2 * L * ⟪w0 - xstar, w0 - xstar⟫
      have hup := hF.upper xstar w0
      rw [grad_eq_zero_of_isMin xstar hF hL hmin, Vec.dot_zero_left, add_zero] at hup
      have h1 := sub_le_sub_right hup (F xstar)
      rw [add_sub_cancel_left] at h1
      rw [← two_mul_two_mul_half]
      exact le_trans h1 (le_two_mul_two_mul (mul_nonneg hL2 (Vec.dot_self_nonneg _)))
    | succ k =>
      have pot := nesterov_potential xstar w0 hF hL hC hmin k
      have h1 := le_trans (le_add_of_nonneg_right (mul_nonneg hL2 (Vec.dot_self_nonneg _))) pot
      show Vec.natCast (k + 2) ^ 2 * (F (nesterov grad L (k + 1) w0).x - F xstar)
        ≤ 2 * L * ⟪w0 - xstar, w0 - xstar⟫
      rw [← nesterov_t_two grad L w0 k, pow_two, ← two_mul_two_mul_half]
      have e : (nesterov grad L k w0).t * 2 * ((nesterov grad L k w0).t * 2)
            * (F (nesterov grad L (k + 1) w0).x - F xstar)
          = 2 * (2 * ((nesterov grad L k w0).t * (nesterov grad L k w0).t
            * (F (nesterov grad L (k + 1) w0).x - F xstar))) := by
        simp only [mul_assoc, mul_comm, mul_left_comm]
      rw [e]
      exact mul_le_mul_of_nonneg_left (mul_le_mul_of_nonneg_left h1 h20) h20
  exact le_div_of_mul_le_of_pos (pow_pos (Vec.natCast_pos (k + 1) (Nat.zero_lt_succ k)) 2) key

end LearningRules.GradientDescent
