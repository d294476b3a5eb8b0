import LearningRulesProofs.Vec
import LearningRules.TD0

/-!
# Proofs for tabular TD(0): the sampled update, its expectation, and the expected update

## Main definitions

None: this file proves the statements of `lean/LearningRules/TD0.lean`.

## Main statements

* `LearningRules.TD0.sampled_expectation` : `sampled_expectation_spec`.
* `LearningRules.TD0.stationary_nonexpansive` : `stationary_nonexpansive_spec`.
* `LearningRules.TD0.key_lemma` : `key_lemma_spec`.
* `LearningRules.TD0.linear_negdef` : `linear_negdef_spec`.
* `LearningRules.TD0.linear_toward_fixed_point` : `linear_toward_fixed_point_spec`.
* `LearningRules.TD0.bellman_contraction` : `bellman_contraction_spec`.
* `LearningRules.TD0.step_contraction` : `step_contraction_spec`.
* `LearningRules.TD0.linear_rate` : `linear_rate_spec`.

## Implementation notes

The key lemma is `dotAux_bound`: a row of nonnegative weights with sum `s` maps a vector with
coordinates in `[-e, e]` into `[-e s, e s]` (a convex combination when `s = 1`), proved by
recursion on the length. The TD(0) step is the convex combination
`(1 - α) (V - Vstar) + α (T V - T Vstar)` of two bounded vectors, coordinatewise
(`step_coord_eq`). The rate follows by induction on the number of steps, with the power unfolded
by `pow_succ`; `γ < 1` is not used (the bounds hold for every `γ ≥ 0`).

The expectation of the sampled update is computed coordinatewise: `sampledStep_apply` writes the
sampled update as `V i + δ_{i s} (α · TD error)`, the inner sum over `s'` uses the row sums of `P`
(`finSum_td_error`), and the outer sum over `s` collapses to the term `s = i` (`finSum_eq_single`,
with core's `if_pos`/`if_neg`, restated in `LearningRulesProofs.Algebra`).

The weighted-norm facts use no square roots: Jensen's inequality for one row
(`sq_dot_le_of_stochastic`) is `0 ≤ Σ_j p j (v j - ⟪p, v⟫) ^ 2` expanded; `finSum_stationary` swaps
the double sum and applies `dᵀ P = dᵀ`; the key lemma bounds the cross term `⟪v, D P v⟫` by
`‖v‖²_D` through `0 ≤ ‖v - P v‖²_D` (`cross_le_dNormSq`, the arithmetic–geometric mean form of
Cauchy–Schwarz), then multiplies by `γ ≥ 0`.

Linear TD(0) reduces to the key lemma at `v = Φ θ`: `mulVec_mul` (associativity of the
matrix–vector product), `tdMat_mulVec` (`D (γ P - I) v = D (γ P v - v)`, the identity matrix
summed away by `finSum_eq_single`) and `Vec.dot_mulVec_transpose` give
`⟪θ, A θ⟫ = ⟪Φ θ, D (γ P Φ θ - Φ θ)⟫` (`dot_linA`); `dNormSq_pos` makes the bound strict for
`d > 0` and `Φ θ ≠ 0`; at a TD fixed point the expected step is `α A (θ - θstar)`
(`linStep_sub_eq`).

The order and ring facts come from `LearningRulesProofs.Algebra`
(`mul_le_mul_of_nonneg_left`, `add_le_add`, ...); ring identities are `rw` chains or `simp only`
AC normalisation; no `grind`.

## References

* R. S. Sutton, *Learning to predict by the methods of temporal differences*, 1988.
* J. N. Tsitsiklis and B. Van Roy, *An analysis of temporal-difference learning with function
  approximation*, 1997.
-/

namespace LearningRules.TD0

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

omit [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] in
/-- The expected TD(0) coordinate as a convex combination:
`v + α (b - v) - v⋆ = (1 - α) (v - v⋆) + α (b - v⋆)`. -/
theorem step_coord_eq (v vs b α : K) :
    v + α * (b - v) - vs = (1 - α) * (v - vs) + α * (b - vs) := by
  have h1 : v + α * (b - v) - vs = (v - vs) + α * (b - v) := by
    simp only [sub_eq_add_neg, add_assoc, add_comm, add_left_comm]
  have h2 : (1 - α) * (v - vs) + α * (b - vs) = (v - vs) + (α * (b - vs) - α * (v - vs)) := by
    rw [sub_mul, one_mul]
    simp only [sub_eq_add_neg, add_assoc, add_comm, add_left_comm]
  rw [h1, h2, ← mul_sub, sub_sub_sub_cancel_right]

/-- A row `p` of nonnegative weights maps coordinates in `[-e, e]` into `[-e Σ p, e Σ p]`. -/
theorem dotAux_bound (e : K) : ∀ (m : Nat) (p v : Fin m → K), (∀ j, 0 ≤ p j) →
    (∀ j, -e ≤ v j ∧ v j ≤ e) →
    -(e * Vec.finSum m p) ≤ Vec.dotAux m p v ∧ Vec.dotAux m p v ≤ e * Vec.finSum m p
  | 0, _, _, _, _ => by
    show -(e * 0) ≤ (0 : K) ∧ (0 : K) ≤ e * 0
    rw [mul_zero, neg_zero]
    exact ⟨le_refl 0, le_refl 0⟩
  | m + 1, p, v, hp, hv => by
    have ih := dotAux_bound e m (fun j => p j.succ) (fun j => v j.succ) (fun j => hp j.succ)
      (fun j => hv j.succ)
    have hp0 : 0 ≤ p 0 := hp 0
    have hv0 : -e ≤ v 0 ∧ v 0 ≤ e := hv 0
    have hu : p 0 * v 0 ≤ p 0 * e := mul_le_mul_of_nonneg_left hv0.2 hp0
    have hl : p 0 * (-e) ≤ p 0 * v 0 := mul_le_mul_of_nonneg_left hv0.1 hp0
    show -(e * (p 0 + Vec.finSum m (fun j => p j.succ))) ≤
        p 0 * v 0 + Vec.dotAux m (fun j => p j.succ) (fun j => v j.succ) ∧
      p 0 * v 0 + Vec.dotAux m (fun j => p j.succ) (fun j => v j.succ) ≤
        e * (p 0 + Vec.finSum m (fun j => p j.succ))
    rw [mul_add, neg_add, mul_comm e (p 0), ← mul_neg]
    exact ⟨add_le_add hl ih.1, add_le_add hu ih.2⟩

/-- A row-stochastic matrix preserves the max-norm bound: `SupBound v e → SupBound (P v) e`. -/
theorem supBound_mulVec {P : Mat K n n} (hP : RowStochastic P) {v : Vec K n} {e : K}
    (hv : SupBound v e) : SupBound (Mat.mulVec P v) e := by
  intro i
  have h := dotAux_bound e n (P i) v (hP.nonneg i) hv
  have hs : Vec.finSum n (P i) = 1 := hP.row_sum i
  rw [hs, mul_one] at h
  exact h

/-- The Bellman operator is a `γ`-contraction in max norm (statement with explicit arguments). -/
theorem bellman_contraction_aux (r : Vec K n) (γ : K) (P : Mat K n n) (V U : Vec K n) (e : K)
    (hP : RowStochastic P) (hγ : 0 ≤ γ) (hVU : SupBound (V - U) e) :
    SupBound (bellman r γ P V - bellman r γ P U) (γ * e) := by
  intro i
  have hb : -e ≤ ⟪P i, V - U⟫ ∧ ⟪P i, V - U⟫ ≤ e := supBound_mulVec hP hVU i
  have hsub : ⟪P i, V - U⟫ = ⟪P i, V⟫ - ⟪P i, U⟫ := Vec.dot_sub_right (P i) V U
  have h1 : γ * ⟪P i, V - U⟫ ≤ γ * e := mul_le_mul_of_nonneg_left hb.2 hγ
  have h2 : γ * (-e) ≤ γ * ⟪P i, V - U⟫ := mul_le_mul_of_nonneg_left hb.1 hγ
  rw [hsub] at h1 h2
  rw [mul_neg] at h2
  show -(γ * e) ≤ (r i + γ * ⟪P i, V⟫) - (r i + γ * ⟪P i, U⟫) ∧
    (r i + γ * ⟪P i, V⟫) - (r i + γ * ⟪P i, U⟫) ≤ γ * e
  rw [add_sub_add_left_eq_sub, ← mul_sub]
  exact ⟨h2, h1⟩

/-- One expected TD(0) step contracts towards the fixed point (statement with explicit
arguments; `γ < 1` is not needed for the bound itself). -/
theorem step_contraction_aux (α : K) (r : Vec K n) (γ : K) (P : Mat K n n) (V Vstar : Vec K n)
    (e : K) (hα0 : 0 < α) (hα1 : α ≤ 1) (hγ0 : 0 ≤ γ) (hP : RowStochastic P)
    (hfix : bellman r γ P Vstar = Vstar) (hV : SupBound (V - Vstar) e) :
    SupBound (step α r γ P V - Vstar) ((1 - α * (1 - γ)) * e) := by
  intro i
  have hb : -(γ * e) ≤ bellman r γ P V i - bellman r γ P Vstar i ∧
      bellman r γ P V i - bellman r γ P Vstar i ≤ γ * e :=
    bellman_contraction_aux r γ P V Vstar e hP hγ0 hV i
  have hfi : bellman r γ P Vstar i = Vstar i := congrFun hfix i
  have hv : -e ≤ V i - Vstar i ∧ V i - Vstar i ≤ e := hV i
  have ha1 : 0 ≤ 1 - α := sub_nonneg.mpr hα1
  have ha0 : 0 ≤ α := le_of_lt hα0
  have h1 : (1 - α) * (V i - Vstar i) ≤ (1 - α) * e := mul_le_mul_of_nonneg_left hv.2 ha1
  have h2 : (1 - α) * (-e) ≤ (1 - α) * (V i - Vstar i) := mul_le_mul_of_nonneg_left hv.1 ha1
  have h3 : α * (bellman r γ P V i - bellman r γ P Vstar i) ≤ α * (γ * e) :=
    mul_le_mul_of_nonneg_left hb.2 ha0
  have h4 : α * (-(γ * e)) ≤ α * (bellman r γ P V i - bellman r γ P Vstar i) :=
    mul_le_mul_of_nonneg_left hb.1 ha0
  rw [hfi] at h3 h4
  have hup : (1 - α * (1 - γ)) * e = (1 - α) * e + α * (γ * e) := by
    simp only [sub_eq_add_neg, mul_add, neg_add, mul_neg, neg_neg, add_assoc,
      add_comm, add_left_comm, mul_comm, mul_left_comm, mul_one]
  have hlo : -((1 - α * (1 - γ)) * e) = (1 - α) * (-e) + α * (-(γ * e)) := by
    simp only [sub_eq_add_neg, mul_add, neg_add, mul_neg, neg_neg, add_assoc,
      add_comm, add_left_comm, mul_comm, mul_left_comm, mul_one]
  show -((1 - α * (1 - γ)) * e) ≤ (V i + α * (bellman r γ P V i - V i)) - Vstar i ∧
    (V i + α * (bellman r γ P V i - V i)) - Vstar i ≤ (1 - α * (1 - γ)) * e
  rw [step_coord_eq, hlo, hup]
  exact ⟨add_le_add h2 h4, add_le_add h1 h3⟩

/-- After `k` expected TD(0) steps the max-norm bound is `(1 - α (1 - γ)) ^ k * e`, from any start
(statement with explicit arguments). -/
theorem linear_rate_aux (α : K) (r : Vec K n) (γ : K) (P : Mat K n n) (Vstar : Vec K n)
    (hα0 : 0 < α) (hα1 : α ≤ 1) (hγ0 : 0 ≤ γ) (hP : RowStochastic P)
    (hfix : bellman r γ P Vstar = Vstar) :
    ∀ (k : Nat) (V : Vec K n) (e : K), SupBound (V - Vstar) e →
      SupBound (iterate (step α r γ P) k V - Vstar) ((1 - α * (1 - γ)) ^ k * e) := by
  intro k
  induction k with
  | zero =>
    intro V e hV
    have h : (1 - α * (1 - γ)) ^ 0 * e = e := by
      rw [pow_zero, one_mul]
    rw [h]
    exact hV
  | succ k ih =>
    intro V e hV
    have h1 := step_contraction_aux α r γ P V Vstar e hα0 hα1 hγ0 hP hfix hV
    have h2 := ih (step α r γ P V) ((1 - α * (1 - γ)) * e) h1
    have h3 : (1 - α * (1 - γ)) ^ (k + 1) * e =
        (1 - α * (1 - γ)) ^ k * ((1 - α * (1 - γ)) * e) := by
      rw [pow_succ, mul_assoc]
    rw [h3]
    exact h2

/-- `bellman_contraction_spec`: the Bellman operator is a `γ`-contraction in max norm. -/
theorem bellman_contraction : LearningRules.TD0.bellman_contraction_spec := by
  intro K _ _ _ _ _ _ n r γ P V U e hP hγ hVU
  exact bellman_contraction_aux r γ P V U e hP hγ hVU

/-- `step_contraction_spec`: one expected TD(0) step shrinks the max-norm distance to the fixed
point by the factor `1 - α (1 - γ)`. -/
theorem step_contraction : LearningRules.TD0.step_contraction_spec := by
  intro K _ _ _ _ _ _ n α r γ P V Vstar e hα0 hα1 hγ0 hP hfix hV
  exact step_contraction_aux α r γ P V Vstar e hα0 hα1 hγ0 hP hfix hV

/-- `linear_rate_spec`: after `k` steps the max-norm distance to the fixed point is at most
`(1 - α (1 - γ)) ^ k * e`. -/
theorem linear_rate : LearningRules.TD0.linear_rate_spec := by
  intro K _ _ _ _ _ _ n α r γ P V Vstar e hα0 hα1 hγ0 hP hfix hV k
  exact linear_rate_aux α r γ P Vstar hα0 hα1 hγ0 hP hfix k V e hV

/-! ### The sampled update and its expectation -/

/-- A sum whose terms vanish off `j` is its `j`-th term. -/
theorem finSum_eq_single : ∀ (m : Nat) (f : Fin m → K) (j : Fin m), (∀ i, i ≠ j → f i = 0) →
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
        finSum_eq_single m (fun i => f i.succ) j
          (fun i hi => hf i.succ (fun h : i.succ = j.succ => hi (Fin.succ_inj.mp h)))
      show f 0 + Vec.finSum m (fun i => f i.succ) = f j.succ
      rw [h0, ih, zero_add]

omit [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] in
/-- The sampled update at coordinate `i`: `V i` plus the TD error term when `i = s`, as
`V i + δ_{i s} * (α (rew + γ V s' - V s))` with `δ_{i s} = if i = s then 1 else 0`. -/
theorem sampledStep_apply (α rew γ : K) (s s' i : Fin n) (V : Vec K n) :
    sampledStep α rew γ s s' V i
      = V i + (if i = s then (1 : K) else 0) * (α * (rew + γ * V s' - V s)) := by
  show (if i = s then V s + α * (rew + γ * V s' - V s) else V i)
      = V i + (if i = s then (1 : K) else 0) * (α * (rew + γ * V s' - V s))
  cases Classical.em (i = s) with
  | inl h =>
    rw [if_pos h, if_pos h, one_mul, h]
  | inr h =>
    rw [if_neg h, if_neg h, zero_mul, add_zero]

/-- The inner average over `s' ~ P(s, ·)` of the TD error: for a row summing to `1`,
`Σ_s' P s s' * (α (a + γ V s' - b)) = α (a + γ ⟪P s, V⟫ - b)`. -/
theorem finSum_td_error (p : Vec K n) (hp : Vec.finSum n p = 1) (α a γ b : K) (V : Vec K n) :
    Vec.finSum n (fun s' => p s' * (α * (a + γ * V s' - b)))
      = α * (a + γ * ⟪p, V⟫ - b) := by
  have hpt : ∀ s', p s' * (α * (a + γ * V s' - b))
      = p s' * (α * (a - b)) + (α * γ) * (p s' * V s') := by
    intro s'
    simp only [sub_eq_add_neg, mul_add, add_mul, mul_neg, neg_mul, add_assoc, add_comm,
      add_left_comm, mul_assoc, mul_comm, mul_left_comm]
  have hp' : Vec.finSum n (fun s' => p s') = 1 := hp
  rw [Vec.finSum_congr hpt, Vec.finSum_add, Vec.finSum_mul_right n (fun s' => p s') (α * (a - b)),
    Vec.finSum_mul_left n (α * γ) (fun s' => p s' * V s'), hp', one_mul, ← Vec.dot_eq_finSum p V]
  simp only [sub_eq_add_neg, mul_add, add_mul, mul_neg, neg_mul, add_assoc, add_comm,
    add_left_comm, mul_assoc, mul_comm, mul_left_comm]

/-- `sampled_expectation_spec` with explicit arguments. -/
theorem sampled_expectation_aux (α : K) (d r : Vec K n) (γ : K) (P : Mat K n n) (V : Vec K n)
    (hd : Vec.finSum n d = 1) (hP : ∀ i, Vec.finSum n (P i) = 1) :
    expectedSampledStep α d r γ P V = weightedStep α d r γ P V := by
  funext i
  -- the inner average over `s'`, for a fixed first state `s`
  have hin : ∀ s, Vec.finSum n (fun s' => P s s' * sampledStep α (r s) γ s s' V i)
      = V i + (if i = s then (1 : K) else 0) * (α * (r s + γ * ⟪P s, V⟫ - V s)) := by
    intro s
    have h1 : ∀ s', P s s' * sampledStep α (r s) γ s s' V i
        = P s s' * V i + (if i = s then (1 : K) else 0) * (P s s' * (α * (r s + γ * V s' - V s))) := by
      intro s'
      rw [sampledStep_apply, mul_add, mul_left_comm]
    rw [Vec.finSum_congr h1, Vec.finSum_add, Vec.finSum_mul_right, hP s, one_mul,
      Vec.finSum_mul_left, finSum_td_error (P s) (hP s)]
  -- the outer average over `s ~ d`
  have h2 : ∀ s, d s * Vec.finSum n (fun s' => P s s' * sampledStep α (r s) γ s s' V i)
      = d s * V i + (if i = s then (1 : K) else 0) * (d s * (α * (r s + γ * ⟪P s, V⟫ - V s))) := by
    intro s
    rw [hin s, mul_add, mul_left_comm]
  have h3 : Vec.finSum n (fun s =>
        (if i = s then (1 : K) else 0) * (d s * (α * (r s + γ * ⟪P s, V⟫ - V s))))
      = d i * (α * (r i + γ * ⟪P i, V⟫ - V i)) := by
    rw [finSum_eq_single n _ i (fun s hs => by
      rw [if_neg (fun h : i = s => hs h.symm), zero_mul]), if_pos (rfl : i = i), one_mul]
  show Vec.finSum n (fun s =>
      d s * Vec.finSum n (fun s' => P s s' * sampledStep α (r s) γ s s' V i))
    = V i + α * (d i * ((r i + γ * ⟪P i, V⟫) - V i))
  have hd' : Vec.finSum n (fun s => d s) = 1 := hd
  rw [Vec.finSum_congr h2, Vec.finSum_add, Vec.finSum_mul_right n (fun s => d s) (V i), hd',
    one_mul, h3, mul_left_comm (d i) α]

/-- `sampled_expectation_spec`: the exact expectation of Sutton's sampled TD(0) update over
`s ~ d`, `s' ~ P(s, ·)` is the `d`-weighted expected update `V + α D (T V - V)`. -/
theorem sampled_expectation : LearningRules.TD0.sampled_expectation_spec := by
  intro K _ _ _ _ _ _ n α d r γ P V hd hP
  exact sampled_expectation_aux α d r γ P V hd hP

/-! ### Stationary distributions: the key lemma of Tsitsiklis and Van Roy -/

/-- `D (u - w) = D u - D w`. -/
theorem diagMul_sub (d u w : Vec K n) : diagMul d (u - w) = diagMul d u - diagMul d w := by
  funext i
  show d i * (u i - w i) = d i * u i - d i * w i
  exact mul_sub (d i) (u i) (w i)

/-- `D (t • u) = t • D u`. -/
theorem diagMul_smul (d : Vec K n) (t : K) (u : Vec K n) :
    diagMul d (t • u) = t • diagMul d u := by
  funext i
  show d i * (t * u i) = t * (d i * u i)
  exact mul_left_comm (d i) t (u i)

/-- `D` is symmetric: `⟪u, D w⟫ = ⟪w, D u⟫`. -/
theorem dot_diagMul_comm (d u w : Vec K n) : ⟪u, diagMul d w⟫ = ⟪w, diagMul d u⟫ := by
  rw [Vec.dot_eq_finSum, Vec.dot_eq_finSum]
  apply Vec.finSum_congr
  intro i
  show u i * (d i * w i) = w i * (d i * u i)
  rw [mul_left_comm (u i) (d i) (w i), mul_left_comm (w i) (d i) (u i), mul_comm (u i) (w i)]

/-- `‖v‖²_D` as a weighted sum: `dNormSq d v = Σ_i d i * (v i * v i)`. -/
theorem dNormSq_eq_finSum (d v : Vec K n) :
    dNormSq d v = Vec.finSum n (fun i => d i * (v i * v i)) := by
  show ⟪v, diagMul d v⟫ = Vec.finSum n (fun i => d i * (v i * v i))
  rw [Vec.dot_eq_finSum]
  apply Vec.finSum_congr
  intro i
  show v i * (d i * v i) = d i * (v i * v i)
  exact mul_left_comm (v i) (d i) (v i)

/-- For nonnegative weights the weighted squared norm is nonnegative. -/
theorem dNormSq_nonneg {d : Vec K n} (hd : ∀ i, 0 ≤ d i) (v : Vec K n) : 0 ≤ dNormSq d v := by
  rw [dNormSq_eq_finSum]
  exact Vec.finSum_nonneg (fun i => mul_nonneg (hd i) (mul_self_nonneg (v i)))

/-- Jensen's inequality for a finite average: for nonnegative weights `p` summing to `1`,
`⟪p, v⟫ ^ 2 ≤ Σ_j p j * v j ^ 2`. Proof: `0 ≤ Σ_j p j (v j - ⟪p, v⟫) ^ 2`, which expands to
`Σ_j p j v j ^ 2 - ⟪p, v⟫ ^ 2`. -/
theorem sq_dot_le_of_stochastic (p : Vec K n) (hp0 : ∀ j, 0 ≤ p j) (hp1 : Vec.finSum n p = 1)
    (v : Vec K n) : ⟪p, v⟫ * ⟪p, v⟫ ≤ Vec.finSum n (fun j => p j * (v j * v j)) := by
  have hnn : 0 ≤ Vec.finSum n (fun j => p j * ((v j - ⟪p, v⟫) * (v j - ⟪p, v⟫))) :=
    Vec.finSum_nonneg (fun j => mul_nonneg (hp0 j) (mul_self_nonneg (v j - ⟪p, v⟫)))
  have hpt : ∀ j, p j * ((v j - ⟪p, v⟫) * (v j - ⟪p, v⟫))
      = (p j * (v j * v j) - (2 * ⟪p, v⟫) * (p j * v j)) + (⟪p, v⟫ * ⟪p, v⟫) * p j := by
    intro j
    simp only [sub_eq_add_neg, mul_add, add_mul, neg_add, neg_mul, mul_neg, neg_neg, two_mul,
      add_assoc, add_comm, add_left_comm, mul_assoc, mul_comm, mul_left_comm]
  have hp1' : Vec.finSum n (fun j => p j) = 1 := hp1
  rw [Vec.finSum_congr hpt, Vec.finSum_add, Vec.finSum_sub,
    Vec.finSum_mul_left n (2 * ⟪p, v⟫) (fun j => p j * v j),
    Vec.finSum_mul_left n (⟪p, v⟫ * ⟪p, v⟫) (fun j => p j), hp1', ← Vec.dot_eq_finSum p v]
    at hnn
  have hid : Vec.finSum n (fun j => p j * (v j * v j)) - 2 * ⟪p, v⟫ * ⟪p, v⟫
      + ⟪p, v⟫ * ⟪p, v⟫ * 1 = Vec.finSum n (fun j => p j * (v j * v j)) - ⟪p, v⟫ * ⟪p, v⟫ := by
    rw [mul_one, two_mul, add_mul, sub_eq_add_neg, sub_eq_add_neg, neg_add, add_assoc,
      add_assoc, neg_add_cancel, add_zero]
  rw [hid] at hnn
  exact sub_nonneg.mp hnn

/-- Summing against a stationary distribution: `Σ_i d i Σ_j P i j f j = Σ_j d j f j` when
`dᵀ P = dᵀ`. -/
theorem finSum_stationary {d : Vec K n} {P : Mat K n n} (hd : Stationary d P) (f : Vec K n) :
    Vec.finSum n (fun i => d i * Vec.finSum n (fun j => P i j * f j))
      = Vec.finSum n (fun j => d j * f j) := by
  have h1 : ∀ i, d i * Vec.finSum n (fun j => P i j * f j)
      = Vec.finSum n (fun j => d i * (P i j * f j)) :=
    fun i => (Vec.finSum_mul_left n (d i) (fun j => P i j * f j)).symm
  rw [Vec.finSum_congr h1, Vec.finSum_comm n n (fun i j => d i * (P i j * f j))]
  apply Vec.finSum_congr
  intro j
  have h2 : ∀ i, d i * (P i j * f j) = (d i * P i j) * f j := fun i => (mul_assoc _ _ _).symm
  rw [Vec.finSum_congr h2, Vec.finSum_mul_right n (fun i => d i * P i j) (f j), hd j]

/-- `stationary_nonexpansive_spec` with explicit arguments. -/
theorem stationary_nonexpansive_aux (d : Vec K n) (P : Mat K n n) (v : Vec K n)
    (hP : RowStochastic P) (hd0 : ∀ i, 0 ≤ d i) (hd : Stationary d P) :
    dNormSq d (Mat.mulVec P v) ≤ dNormSq d v := by
  rw [dNormSq_eq_finSum, dNormSq_eq_finSum]
  have hle : ∀ i, d i * (Mat.mulVec P v i * Mat.mulVec P v i)
      ≤ d i * Vec.finSum n (fun j => P i j * (v j * v j)) := by
    intro i
    exact mul_le_mul_of_nonneg_left
      (sq_dot_le_of_stochastic (P i) (hP.nonneg i) (hP.row_sum i) v) (hd0 i)
  have hsum := Vec.finSum_le_finSum hle
  rw [finSum_stationary hd (fun j => v j * v j)] at hsum
  exact hsum

/-- `stationary_nonexpansive_spec`: a row-stochastic `P` does not expand the `d`-weighted norm of
a stationary distribution `d ≥ 0`, `‖P v‖²_D ≤ ‖v‖²_D`. -/
theorem stationary_nonexpansive : LearningRules.TD0.stationary_nonexpansive_spec := by
  intro K _ _ _ _ _ _ n d P v hP hd0 hd
  exact stationary_nonexpansive_aux d P v hP hd0 hd

/-- The cross term is bounded by the norm: `⟪v, D (P v)⟫ ≤ ‖v‖²_D`. From
`0 ≤ ‖v - P v‖²_D = ‖v‖²_D - 2 ⟪v, D (P v)⟫ + ‖P v‖²_D` and `‖P v‖²_D ≤ ‖v‖²_D` (no square
roots: the arithmetic–geometric mean form of Cauchy–Schwarz). -/
theorem cross_le_dNormSq (d : Vec K n) (P : Mat K n n) (v : Vec K n)
    (hP : RowStochastic P) (hd0 : ∀ i, 0 ≤ d i) (hd : Stationary d P) :
    ⟪v, diagMul d (Mat.mulVec P v)⟫ ≤ dNormSq d v := by
  have hC : dNormSq d (Mat.mulVec P v) ≤ dNormSq d v := stationary_nonexpansive_aux d P v hP hd0 hd
  have hE := dNormSq_nonneg hd0 (v - Mat.mulVec P v)
  have hexp : dNormSq d (v - Mat.mulVec P v)
      = (dNormSq d v - ⟪v, diagMul d (Mat.mulVec P v)⟫)
        + (dNormSq d (Mat.mulVec P v) - ⟪v, diagMul d (Mat.mulVec P v)⟫) := by
    show ⟪v - Mat.mulVec P v, diagMul d (v - Mat.mulVec P v)⟫
      = (⟪v, diagMul d v⟫ - ⟪v, diagMul d (Mat.mulVec P v)⟫)
        + (⟪Mat.mulVec P v, diagMul d (Mat.mulVec P v)⟫ - ⟪v, diagMul d (Mat.mulVec P v)⟫)
    rw [diagMul_sub, Vec.dot_sub_left, Vec.dot_sub_right, Vec.dot_sub_right,
      dot_diagMul_comm d (Mat.mulVec P v) v]
    simp only [sub_eq_add_neg, neg_add, neg_neg, add_assoc, add_comm, add_left_comm]
  rw [hexp] at hE
  refine Classical.byContradiction (fun hneg => ?_)
  have hlt := not_le.mp hneg
  have h1 : dNormSq d v - ⟪v, diagMul d (Mat.mulVec P v)⟫ < 0 := sub_neg.mpr hlt
  have h2 : dNormSq d (Mat.mulVec P v) - ⟪v, diagMul d (Mat.mulVec P v)⟫ < 0 :=
    sub_neg.mpr (lt_of_le_of_lt hC hlt)
  have h3 := add_lt_add_of_lt_of_le h1 (le_of_lt h2)
  rw [add_zero] at h3
  exact lt_irrefl 0 (lt_of_le_of_lt hE h3)

/-- `key_lemma_spec` with explicit arguments. -/
theorem key_lemma_aux (d : Vec K n) (γ : K) (P : Mat K n n) (v : Vec K n) (hγ : 0 ≤ γ)
    (hP : RowStochastic P) (hd0 : ∀ i, 0 ≤ d i) (hd : Stationary d P) :
    ⟪v, diagMul d (γ • Mat.mulVec P v - v)⟫ ≤ -(1 - γ) * dNormSq d v := by
  have hB := mul_le_mul_of_nonneg_left (cross_le_dNormSq d P v hP hd0 hd) hγ
  have hA : dNormSq d v = ⟪v, diagMul d v⟫ := rfl
  rw [diagMul_sub, diagMul_smul, Vec.dot_sub_right, Vec.dot_smul_right, ← hA]
  have hid : -(1 - γ) * dNormSq d v = γ * dNormSq d v - dNormSq d v := by
    simp only [sub_eq_add_neg, neg_add, neg_neg, add_mul, neg_mul, one_mul, add_comm]
  rw [hid, sub_eq_add_neg, sub_eq_add_neg]
  exact add_le_add_right hB (-dNormSq d v)

/-- `key_lemma_spec`: the key lemma of Tsitsiklis and Van Roy (1997),
`⟪v, D (γ P - I) v⟫ ≤ -(1 - γ) ‖v‖²_D` for `0 ≤ γ`, row-stochastic `P` and stationary `d ≥ 0`. -/
theorem key_lemma : LearningRules.TD0.key_lemma_spec := by
  intro K _ _ _ _ _ _ n d γ P v hγ hP hd0 hd
  exact key_lemma_aux d γ P v hγ hP hd0 hd

/-! ### Linear TD(0) with features -/

/-- Associativity of the matrix–vector product: `(A B) x = A (B x)`. -/
theorem mulVec_mul {m p q : Nat} (A : Mat K m p) (B : Mat K p q) (x : Vec K q) :
    Mat.mulVec (Mat.mul A B) x = Mat.mulVec A (Mat.mulVec B x) := by
  funext i
  have h1 : ∀ c, ⟪A i, fun j => B j c⟫ * x c = Vec.finSum p (fun j => A i j * (B j c * x c)) := by
    intro c
    rw [Vec.dot_eq_finSum (n := p) (A i) (fun j => B j c),
      ← Vec.finSum_mul_right p (fun j => A i j * B j c) (x c)]
    apply Vec.finSum_congr
    intro j
    exact mul_assoc (A i j) (B j c) (x c)
  have h2 : ∀ j, A i j * ⟪B j, x⟫ = Vec.finSum q (fun c => A i j * (B j c * x c)) := by
    intro j
    rw [Vec.dot_eq_finSum (n := q) (B j) x, Vec.finSum_mul_left q (A i j) (fun c => B j c * x c)]
  show ⟪fun c => ⟪A i, fun j => B j c⟫, x⟫ = ⟪A i, fun j => ⟪B j, x⟫⟫
  calc ⟪fun c => ⟪A i, fun j => B j c⟫, x⟫
      = Vec.finSum q (fun c => Vec.finSum p (fun j => A i j * (B j c * x c))) := by
        rw [Vec.dot_eq_finSum (n := q) (fun c => ⟪A i, fun j => B j c⟫) x]
        exact Vec.finSum_congr h1
    _ = Vec.finSum p (fun j => Vec.finSum q (fun c => A i j * (B j c * x c))) :=
        Vec.finSum_comm q p (fun c j => A i j * (B j c * x c))
    _ = ⟪A i, fun j => ⟪B j, x⟫⟫ := by
        rw [Vec.dot_eq_finSum (n := p) (A i) (fun j => ⟪B j, x⟫)]
        exact (Vec.finSum_congr h2).symm

/-- The matrix `D (γ P - I)` acts as `v ↦ D (γ P v - v)`. -/
theorem tdMat_mulVec (d : Vec K n) (γ : K) (P : Mat K n n) (v : Vec K n) :
    Mat.mulVec (tdMat d γ P) v = diagMul d (γ • Mat.mulVec P v - v) := by
  funext i
  show ⟪tdMat d γ P i, v⟫ = d i * (γ * ⟪P i, v⟫ - v i)
  have hpt : ∀ j, tdMat d γ P i j * v j
      = (d i * γ) * (P i j * v j) - d i * ((if i = j then (1 : K) else 0) * v j) := by
    intro j
    show d i * (γ * P i j - (if i = j then (1 : K) else 0)) * v j = _
    rw [mul_sub, sub_mul, mul_assoc (d i) (γ * P i j) (v j), mul_assoc γ (P i j) (v j),
      ← mul_assoc (d i) γ (P i j * v j), mul_assoc (d i) (if i = j then (1 : K) else 0) (v j)]
  have hs : Vec.finSum n (fun j => (if i = j then (1 : K) else 0) * v j) = v i := by
    rw [finSum_eq_single n _ i (fun j hj => by
      rw [if_neg (fun h : i = j => hj h.symm), zero_mul]), if_pos (rfl : i = i), one_mul]
  rw [Vec.dot_eq_finSum (tdMat d γ P i) v, Vec.finSum_congr hpt, Vec.finSum_sub,
    Vec.finSum_mul_left n (d i * γ) (fun j => P i j * v j),
    Vec.finSum_mul_left n (d i) (fun j => (if i = j then (1 : K) else 0) * v j), hs,
    ← Vec.dot_eq_finSum (P i) v, mul_sub, mul_assoc]

/-- The quadratic form of linear TD(0): `⟪θ, A θ⟫ = ⟪Φ θ, D (γ P (Φ θ) - Φ θ)⟫`. -/
theorem dot_linA {k : Nat} (Φ : Mat K n k) (d : Vec K n) (γ : K) (P : Mat K n n) (θ : Vec K k) :
    ⟪θ, Mat.mulVec (linA Φ d γ P) θ⟫
      = ⟪Mat.mulVec Φ θ, diagMul d (γ • Mat.mulVec P (Mat.mulVec Φ θ) - Mat.mulVec Φ θ)⟫ := by
  have hA : Mat.mulVec (linA Φ d γ P) θ
      = Mat.mulVec (Mat.transpose Φ)
          (diagMul d (γ • Mat.mulVec P (Mat.mulVec Φ θ) - Mat.mulVec Φ θ)) := by
    show Mat.mulVec (Mat.mul (Mat.transpose Φ) (Mat.mul (tdMat d γ P) Φ)) θ = _
    rw [mulVec_mul, mulVec_mul, tdMat_mulVec]
  have htt : Mat.transpose (Mat.transpose Φ) = Φ := rfl
  rw [hA, Vec.dot_mulVec_transpose, htt]

/-- A positive weight vector gives a positive weighted norm to a nonzero vector. -/
theorem dNormSq_pos {d : Vec K n} (hd : ∀ i, 0 < d i) {v : Vec K n} (hv : v ≠ 0) :
    0 < dNormSq d v := by
  have h0 := dNormSq_nonneg (fun i => le_of_lt (hd i)) v
  refine Classical.byContradiction (fun hneg => ?_)
  have hz : dNormSq d v = 0 := le_antisymm (not_lt.mp hneg) h0
  rw [dNormSq_eq_finSum] at hz
  have hall := Vec.finSum_eq_zero_of_nonneg n (fun i => d i * (v i * v i))
    (fun i => mul_nonneg (le_of_lt (hd i)) (mul_self_nonneg (v i))) hz
  apply hv
  funext i
  cases mul_eq_zero.mp (hall i) with
  | inl h => exact absurd h (ne_of_gt (hd i))
  | inr h => exact eq_zero_of_mul_self_eq_zero h

/-- `linear_negdef_spec` with explicit arguments. -/
theorem linear_negdef_aux {k : Nat} (Φ : Mat K n k) (d : Vec K n) (γ : K) (P : Mat K n n)
    (θ : Vec K k) (hγ0 : 0 ≤ γ) (hγ1 : γ < 1) (hP : RowStochastic P) (hd : ∀ i, 0 < d i)
    (hst : Stationary d P) (hΦ : Mat.mulVec Φ θ ≠ 0) :
    ⟪θ, Mat.mulVec (linA Φ d γ P) θ⟫ < 0 := by
  have hkey := key_lemma_aux d γ P (Mat.mulVec Φ θ) hγ0 hP (fun i => le_of_lt (hd i)) hst
  have hpos : 0 < (1 - γ) * dNormSq d (Mat.mulVec Φ θ) :=
    mul_pos (sub_pos.mpr hγ1) (dNormSq_pos hd hΦ)
  rw [dot_linA]
  rw [neg_mul] at hkey
  exact lt_of_le_of_lt hkey (neg_neg_iff_pos.mpr hpos)

/-- `linear_negdef_spec`: `A = Φᵀ D (γ P - I) Φ` is negative definite on `Φ θ ≠ 0`. -/
theorem linear_negdef : LearningRules.TD0.linear_negdef_spec := by
  intro K _ _ _ _ _ _ n k Φ d γ P θ hγ0 hγ1 hP hd hst hΦ
  exact linear_negdef_aux Φ d γ P θ hγ0 hγ1 hP hd hst hΦ

/-- The expected linear TD(0) step from `θ` is `α A (θ - θstar)` at a TD fixed point:
`linStep α Φ d r γ P θ - θ = α • A (θ - θstar)` when `A θstar + b = 0`. -/
theorem linStep_sub_eq {k : Nat} (α : K) (Φ : Mat K n k) (d r : Vec K n) (γ : K) (P : Mat K n n)
    (θ θstar : Vec K k) (hfix : Mat.mulVec (linA Φ d γ P) θstar + linB Φ d r = 0) :
    linStep α Φ d r γ P θ - θ = α • Mat.mulVec (linA Φ d γ P) (θ - θstar) := by
  rw [Vec.mulVec_sub]
  funext a
  have hfa : Mat.mulVec (linA Φ d γ P) θstar a + linB Φ d r a = 0 := congrFun hfix a
  show θ a + α * (Mat.mulVec (linA Φ d γ P) θ a + linB Φ d r a) - θ a
    = α * (Mat.mulVec (linA Φ d γ P) θ a - Mat.mulVec (linA Φ d γ P) θstar a)
  have hb : Mat.mulVec (linA Φ d γ P) θ a + linB Φ d r a
      = (Mat.mulVec (linA Φ d γ P) θ a - Mat.mulVec (linA Φ d γ P) θstar a)
        + (Mat.mulVec (linA Φ d γ P) θstar a + linB Φ d r a) := by
    rw [sub_eq_add_neg, add_assoc, ← add_assoc (-Mat.mulVec (linA Φ d γ P) θstar a),
      neg_add_cancel, zero_add]
  rw [hb, hfa, add_zero, add_comm (θ a), sub_eq_add_neg, add_assoc, add_neg_cancel, add_zero]

/-- `linear_toward_fixed_point_spec` with explicit arguments. -/
theorem linear_toward_fixed_point_aux {k : Nat} (α : K) (Φ : Mat K n k) (d r : Vec K n) (γ : K)
    (P : Mat K n n) (θ θstar : Vec K k) (hα : 0 < α) (hγ0 : 0 ≤ γ) (hγ1 : γ < 1)
    (hP : RowStochastic P) (hd : ∀ i, 0 < d i) (hst : Stationary d P)
    (hfix : Mat.mulVec (linA Φ d γ P) θstar + linB Φ d r = 0)
    (hΦ : Mat.mulVec Φ (θ - θstar) ≠ 0) :
    ⟪θ - θstar, linStep α Φ d r γ P θ - θ⟫ < 0 := by
  rw [linStep_sub_eq α Φ d r γ P θ θstar hfix, Vec.dot_smul_right]
  exact LearningRules.mul_neg_of_pos_of_neg hα
    (linear_negdef_aux Φ d γ P (θ - θstar) hγ0 hγ1 hP hd hst hΦ)

/-- `linear_toward_fixed_point_spec`: at a TD fixed point, the expected linear TD(0) step has a
negative component along `θ - θstar`. -/
theorem linear_toward_fixed_point : LearningRules.TD0.linear_toward_fixed_point_spec := by
  intro K _ _ _ _ _ _ n k α Φ d r γ P θ θstar hα hγ0 hγ1 hP hd hst hfix hΦ
  exact linear_toward_fixed_point_aux α Φ d r γ P θ θstar hα hγ0 hγ1 hP hd hst hfix hΦ

end LearningRules.TD0
