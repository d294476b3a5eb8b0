import LearningRulesProofs.Vec
import LearningRules.TD0

/-!
# Proofs for tabular TD(0), expected update

## Main definitions

None: this file proves the statements of `lean/LearningRules/TD0.lean`.

## Main statements

* `LearningRules.TD0.bellman_contraction` : `bellman_contraction_spec`.
* `LearningRules.TD0.step_contraction` : `step_contraction_spec`.
* `LearningRules.TD0.linear_rate` : `linear_rate_spec`.

## Implementation notes

The key lemma is `dotAux_bound`: a row of nonnegative weights with sum `s` maps a vector with
coordinates in `[-e, e]` into `[-e s, e s]` (a convex combination when `s = 1`), proved by
recursion on the length. The TD(0) step is the convex combination
`(1 - α) (V - Vstar) + α (T V - T Vstar)` of two bounded vectors, coordinatewise
(`step_coord_eq`). The rate follows by induction on the number of steps, with the power unfolded
by `pow_succ`. The order and ring facts come from `LearningRulesProofs.Algebra`
(`mul_le_mul_of_nonneg_left`, `add_le_add`, ...); ring identities are `rw` chains or `simp only`
AC normalisation; no `grind`.

## References

* R. S. Sutton, *Learning to predict by the methods of temporal differences*, 1988.
-/

namespace LearningRules.TD0

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

omit [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] in
/-- `(c + a) - (c + b) = a - b`. -/
theorem add_sub_add_left_eq_sub' (c a b : K) : c + a - (c + b) = a - b := by
  rw [sub_eq_add_neg, neg_add, add_assoc, add_left_comm a (-c) (-b), ← add_assoc c (-c),
    add_neg_cancel, zero_add, ← sub_eq_add_neg]

omit [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] in
/-- `(a - c) - (b - c) = a - b`. -/
theorem sub_sub_sub_cancel_right' (a b c : K) : a - c - (b - c) = a - b := by
  rw [sub_eq_add_neg a c, sub_eq_add_neg b c, sub_eq_add_neg, neg_add, neg_neg, add_assoc,
    add_left_comm (-c) (-b) c, neg_add_cancel, add_zero, ← sub_eq_add_neg]

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
  rw [h1, h2, ← mul_sub, sub_sub_sub_cancel_right']

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
  rw [add_sub_add_left_eq_sub', ← mul_sub]
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
  intro K _ _ _ _ _ _ n α r γ P V Vstar e hα0 hα1 hγ0 _hγ1 hP hfix hV
  exact step_contraction_aux α r γ P V Vstar e hα0 hα1 hγ0 hP hfix hV

/-- `linear_rate_spec`: after `k` steps the max-norm distance to the fixed point is at most
`(1 - α (1 - γ)) ^ k * e`. -/
theorem linear_rate : LearningRules.TD0.linear_rate_spec := by
  intro K _ _ _ _ _ _ n α r γ P V Vstar e hα0 hα1 hγ0 _hγ1 hP hfix hV k
  exact linear_rate_aux α r γ P Vstar hα0 hα1 hγ0 hP hfix k V e hV

end LearningRules.TD0
