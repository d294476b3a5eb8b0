import LearningRulesProofs.Vec
import LearningRules.Perceptron

/-!
# Proofs for the perceptron: Novikoff's mistake bound

## Main definitions

None: this file proves the statements of `lean/LearningRules/Perceptron.lean`.

## Main statements

* `LearningRules.Perceptron.inner_growth` : `inner_growth_spec`.
* `LearningRules.Perceptron.norm_growth` : `norm_growth_spec`.
* `LearningRules.Perceptron.mistake_bound` : `mistake_bound_spec`.
* `LearningRules.Perceptron.convergence` : `convergence_spec`.
* `LearningRules.Perceptron.train_separates` : `train_separates_spec`.

## Implementation notes

Both growth bounds are proved from an arbitrary start `w` by induction on the list of update
indices (`inner_run`, `norm_run`). Novikoff's argument then chains
`(k γ)² ≤ ⟪w, u⟫² ≤ ⟪w, w⟫ ⟪u, u⟫ ≤ k R2 ⟪u, u⟫` (`Vec.cauchy_schwarz_sq`) and cancels one factor
`k > 0`. For `train`, the invariant `foldl_visit` shows that any fold of `visit` over any visiting
order is `run` on the list of the updates actually made, which is a mistake sequence; the bound for
mistake sequences then applies; the test in `visit` is unfolded with `if_pos` / `if_neg`
(core's lemmas, restated in `LearningRulesProofs/Algebra.lean`). Linear and product
inequalities come from the lemmas of `LearningRulesProofs/Algebra.lean` (`add_le_add`,
`mul_le_mul_of_nonneg_left`, `mul_lt_mul_of_pos_left`, `not_lt`, …); no `grind` or `omega`.

Termination (`train_separates`): `foldl_append'` splits `fuel + 1` passes into one pass and `fuel`
more; `count_ge` (counts never decrease) and `weights_eq_of_count_eq` come from `foldl_visit`;
`correct_of_clean` shows, by induction on `n` through core's `List.ofFn_succ` (a shim axiom) and
`Fin.cases`, that a pass over `List.finRange m = List.ofFn id` with no update meets only correctly
classified samples; `foldl_visit_of_separates` makes such weights a fixed point; and
`separates_of_few_updates` concludes by induction on `fuel` that fewer than `fuel` updates in `fuel`
passes leave separating weights. `convergence` bounds the updates by `R2 ⟪u, u⟫ / γ²`, so with more
passes than that (`natCast_mono`) the count is below `fuel`. The natural-number helpers
`nat_le_add_right'` and `nat_add_le_add_right'` are proved here by induction.

## References

* A. B. J. Novikoff, *On convergence proofs on perceptrons*, 1962.
-/

namespace LearningRules.Perceptron

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {m n : Nat}

/-- The count `k`, read in `K`, is either zero or positive. -/
theorem natCast_eq_zero_or_pos :
    ∀ k : Nat, Vec.natCast (K := K) k = 0 ∨ 0 < Vec.natCast (K := K) k
  | 0 => Or.inl (Vec.natCast_zero (K := K))
  | k + 1 => Or.inr (Vec.natCast_pos (K := K) (k + 1) (Nat.zero_lt_succ k))

/-- Inner-product growth from any start: `⟪w, u⟫ + k γ ≤ ⟪run l w, u⟫` with `k = l.length`. -/
theorem inner_run (xs : Fin m → Vec K n) (ys : Fin m → K) (u : Vec K n) (γ : K)
    (hsep : Separable xs ys u γ) :
    ∀ (l : List (Fin m)) (w : Vec K n),
      ⟪w, u⟫ + Vec.natCast (K := K) l.length * γ ≤ ⟪run xs ys l w, u⟫ := by
  intro l
  induction l with
  | nil =>
    intro w
    show ⟪w, u⟫ + (0 : K) * γ ≤ ⟪w, u⟫
    rw [zero_mul, add_zero]
    exact le_refl _
  | cons i l ih =>
    intro w
    have h1 := ih (update (xs i) (ys i) w)
    have h2 : ⟪update (xs i) (ys i) w, u⟫ = ⟪w, u⟫ + ys i * ⟪u, xs i⟫ := by
      show ⟪w + ys i • xs i, u⟫ = ⟪w, u⟫ + ys i * ⟪u, xs i⟫
      rw [Vec.dot_add_left w (ys i • xs i) u, Vec.dot_smul_left (ys i) (xs i) u,
        Vec.dot_comm (xs i) u]
    have h3 : γ ≤ ys i * ⟪u, xs i⟫ := hsep i
    have hn : Vec.natCast (K := K) (i :: l).length = Vec.natCast (K := K) l.length + 1 :=
      Vec.natCast_succ (K := K) l.length
    show ⟪w, u⟫ + Vec.natCast (K := K) (i :: l).length * γ ≤
      ⟪run xs ys l (update (xs i) (ys i) w), u⟫
    rw [hn, add_mul, one_mul, add_comm (Vec.natCast (K := K) l.length * γ) γ, ← add_assoc]
    refine le_trans ?_ h1
    rw [h2]
    exact add_le_add_right (add_le_add_left h3 _) _

/-- One mistake update with a label `± 1` raises the squared norm by at most `⟪x, x⟫ ≤ R2`. -/
theorem norm_update (x w : Vec K n) (y R2 : K) (hy : y = 1 ∨ y = -1) (hx : ⟪x, x⟫ ≤ R2)
    (hm : IsMistake x y w) : ⟪update x y w, update x y w⟫ ≤ ⟪w, w⟫ + R2 := by
  have hm' : y * ⟪w, x⟫ ≤ 0 := hm
  have e : update x y w = w - (-y) • x := by
    funext i
    show w i + y * x i = w i - (-y) * x i
    rw [sub_eq_add_neg, neg_mul, neg_neg]
  have hyy : (-y) * (-y) = 1 := by
    rw [neg_mul, mul_neg, neg_neg]
    cases hy with
    | inl h => rw [h, mul_one]
    | inr h => rw [h, neg_mul, one_mul, neg_neg]
  have h2 : ⟪w, w⟫ - 2 * (-y) * ⟪w, x⟫ = ⟪w, w⟫ + 2 * (y * ⟪w, x⟫) := by
    rw [mul_neg, neg_mul, sub_eq_add_neg, neg_neg, mul_assoc]
  have h2y : 2 * (y * ⟪w, x⟫) ≤ 0 := by
    have h := mul_le_mul_of_nonneg_left hm' (le_of_lt (zero_lt_two (K := K)))
    rw [mul_zero] at h
    exact h
  rw [e, Vec.dot_sub_smul_self w x (-y), hyy, one_mul, h2, add_assoc]
  refine add_le_add_left ?_ _
  have h := add_le_add h2y hx
  rw [zero_add] at h
  exact h

/-- Norm growth from any start along a mistake sequence:
`⟪run l w, run l w⟫ ≤ ⟪w, w⟫ + k R2` with `k = l.length`. -/
theorem norm_run (xs : Fin m → Vec K n) (ys : Fin m → K) (R2 : K) (hy : IsLabels ys)
    (hb : Bounded xs R2) :
    ∀ (l : List (Fin m)) (w : Vec K n), IsMistakeSeq xs ys l w →
      ⟪run xs ys l w, run xs ys l w⟫ ≤ ⟪w, w⟫ + Vec.natCast (K := K) l.length * R2 := by
  intro l
  induction l with
  | nil =>
    intro w _
    show ⟪w, w⟫ ≤ ⟪w, w⟫ + (0 : K) * R2
    rw [zero_mul, add_zero]
    exact le_refl _
  | cons i l ih =>
    intro w hm
    have hm' : IsMistake (xs i) (ys i) w ∧ IsMistakeSeq xs ys l (update (xs i) (ys i) w) := hm
    have h1 := ih (update (xs i) (ys i) w) hm'.2
    have h2 := norm_update (xs i) w (ys i) R2 (hy i) (hb i) hm'.1
    have hn : Vec.natCast (K := K) (i :: l).length = Vec.natCast (K := K) l.length + 1 :=
      Vec.natCast_succ (K := K) l.length
    show ⟪run xs ys l (update (xs i) (ys i) w), run xs ys l (update (xs i) (ys i) w)⟫ ≤
      ⟪w, w⟫ + Vec.natCast (K := K) (i :: l).length * R2
    rw [hn, add_mul, one_mul, add_comm (Vec.natCast (K := K) l.length * R2) R2, ← add_assoc]
    exact le_trans h1 (add_le_add_right h2 _)

/-- Novikoff's bound for a mistake sequence from `0` (statement with explicit arguments). -/
theorem mistake_bound_aux (xs : Fin m → Vec K n) (ys : Fin m → K) (u : Vec K n) (γ R2 : K)
    (l : List (Fin m)) (hy : IsLabels ys) (hsep : Separable xs ys u γ) (hγ : 0 < γ)
    (hb : Bounded xs R2) (hR : 0 ≤ R2) (hm : IsMistakeSeq xs ys l 0) :
    Vec.natCast (K := K) l.length * γ * γ ≤ R2 * ⟪u, u⟫ := by
  have hin := inner_run xs ys u γ hsep l 0
  have hz : ⟪(0 : Vec K n), u⟫ = 0 := Vec.dot_zero_left u
  have hno := norm_run xs ys R2 hy hb l 0 hm
  have hz2 : ⟪(0 : Vec K n), (0 : Vec K n)⟫ = 0 := Vec.dot_zero_left (0 : Vec K n)
  have hcs := Vec.cauchy_schwarz_sq (run xs ys l 0) u
  have hk := Vec.natCast_nonneg (K := K) l.length
  have huu := Vec.dot_self_nonneg u
  have hγ0 : 0 ≤ γ := le_of_lt hγ
  have ha : 0 ≤ Vec.natCast (K := K) l.length * γ := mul_nonneg hk hγ0
  have hab : Vec.natCast (K := K) l.length * γ ≤ ⟪run xs ys l 0, u⟫ := by
    rw [hz, zero_add] at hin
    exact hin
  have hb0 : 0 ≤ ⟪run xs ys l 0, u⟫ := le_trans ha hab
  have hsq1 : Vec.natCast (K := K) l.length * γ * (Vec.natCast (K := K) l.length * γ) ≤
      Vec.natCast (K := K) l.length * γ * ⟪run xs ys l 0, u⟫ :=
    mul_le_mul_of_nonneg_left hab ha
  have hsq2 : Vec.natCast (K := K) l.length * γ * ⟪run xs ys l 0, u⟫ ≤
      ⟪run xs ys l 0, u⟫ * ⟪run xs ys l 0, u⟫ :=
    mul_le_mul_of_nonneg_right hab hb0
  have hww : ⟪run xs ys l 0, run xs ys l 0⟫ ≤ Vec.natCast (K := K) l.length * R2 := by
    rw [hz2, zero_add] at hno
    exact hno
  have hnorm : ⟪run xs ys l 0, run xs ys l 0⟫ * ⟪u, u⟫ ≤
      Vec.natCast (K := K) l.length * (R2 * ⟪u, u⟫) := by
    rw [← mul_assoc]
    exact mul_le_mul_of_nonneg_right hww huu
  have hmain : Vec.natCast (K := K) l.length * (Vec.natCast (K := K) l.length * γ * γ) ≤
      Vec.natCast (K := K) l.length * (R2 * ⟪u, u⟫) := by
    have e : Vec.natCast (K := K) l.length * (Vec.natCast (K := K) l.length * γ * γ)
        = Vec.natCast (K := K) l.length * γ * (Vec.natCast (K := K) l.length * γ) := by
      simp only [mul_comm, mul_left_comm]
    rw [e]
    exact le_trans hsq1 (le_trans hsq2 (le_trans hcs hnorm))
  have hRu : 0 ≤ R2 * ⟪u, u⟫ := mul_nonneg hR huu
  cases natCast_eq_zero_or_pos (K := K) l.length with
  | inl h0 =>
    rw [h0, zero_mul, zero_mul]
    exact hRu
  | inr hpos =>
    exact not_lt.mp (fun hlt =>
      lt_irrefl _ (lt_of_le_of_lt hmain (mul_lt_mul_of_pos_left hlt hpos)))

/-- `c ≤ c + k` for natural numbers (by induction on `k`). -/
theorem nat_le_add_right' (c : Nat) : ∀ k : Nat, c ≤ c + k
  | 0 => Nat.le_refl c
  | k + 1 => Nat.le_trans (nat_le_add_right' c k) (Nat.le_succ (c + k))

/-- Adding on the right preserves `≤` for natural numbers: `a ≤ b → a + k ≤ b + k`. -/
theorem nat_add_le_add_right' {a b : Nat} (h : a ≤ b) : ∀ k : Nat, a + k ≤ b + k
  | 0 => h
  | k + 1 => Nat.succ_le_succ (nat_add_le_add_right' h k)

/-- A left fold over `l ++ l'` folds over `l`, then over `l'`. -/
theorem foldl_append' {α β : Type} (f : α → β → α) :
    ∀ (l l' : List β) (a : α), (l ++ l').foldl f a = l'.foldl f (l.foldl f a)
  | [], _, _ => rfl
  | b :: l, l', a => foldl_append' f l l' (f a b)

section Train

variable [DecidableLE K]

omit [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] in
/-- Any fold of `visit` from `(w, c)` is `run` on the list `l` of the updates it made, that list is
a mistake sequence, and the counter ends at `c + l.length`. -/
theorem foldl_visit (xs : Fin m → Vec K n) (ys : Fin m → K) :
    ∀ (L : List (Fin m)) (w : Vec K n) (c : Nat), ∃ l : List (Fin m),
      (L.foldl (visit xs ys) (w, c)).1 = run xs ys l w ∧
      (L.foldl (visit xs ys) (w, c)).2 = c + l.length ∧
      IsMistakeSeq xs ys l w := by
  intro L
  induction L with
  | nil =>
    intro w c
    refine ⟨[], rfl, ?_, True.intro⟩
    show c = c + 0
    rfl
  | cons i L ih =>
    intro w c
    cases Classical.em (ys i * ⟪w, xs i⟫ ≤ 0) with
    | inl hmis =>
      have hv : visit xs ys (w, c) i = (update (xs i) (ys i) w, c + 1) := by
        show (if ys i * ⟪w, xs i⟫ ≤ 0 then (update (xs i) (ys i) w, c + 1) else (w, c)) =
          (update (xs i) (ys i) w, c + 1)
        rw [if_pos hmis]
      cases ih (update (xs i) (ys i) w) (c + 1) with
      | intro l hl =>
      cases hl with
      | intro h1 hl =>
      cases hl with
      | intro h2 hms =>
      refine ⟨i :: l, ?_, ?_, ?_⟩
      · show (L.foldl (visit xs ys) (visit xs ys (w, c) i)).1 =
          run xs ys l (update (xs i) (ys i) w)
        rw [hv]
        exact h1
      · show (L.foldl (visit xs ys) (visit xs ys (w, c) i)).2 = c + (l.length + 1)
        rw [hv, h2, Nat.add_assoc, Nat.add_comm 1 l.length]
      · show IsMistake (xs i) (ys i) w ∧ IsMistakeSeq xs ys l (update (xs i) (ys i) w)
        exact ⟨hmis, hms⟩
    | inr hmis =>
      have hv : visit xs ys (w, c) i = (w, c) := by
        show (if ys i * ⟪w, xs i⟫ ≤ 0 then (update (xs i) (ys i) w, c + 1) else (w, c)) = (w, c)
        rw [if_neg hmis]
      cases ih w c with
      | intro l hl =>
      cases hl with
      | intro h1 hl =>
      cases hl with
      | intro h2 hms =>
      refine ⟨l, ?_, ?_, hms⟩
      · show (L.foldl (visit xs ys) (visit xs ys (w, c) i)).1 = run xs ys l w
        rw [hv]
        exact h1
      · show (L.foldl (visit xs ys) (visit xs ys (w, c) i)).2 = c + l.length
        rw [hv]
        exact h2

/-- A count never decreases along a fold of `visit`: `c ≤ (L.foldl (visit xs ys) (w, c)).2`. -/
theorem count_ge (xs : Fin m → Vec K n) (ys : Fin m → K) (L : List (Fin m)) (w : Vec K n)
    (c : Nat) : c ≤ (L.foldl (visit xs ys) (w, c)).2 := by
  cases foldl_visit xs ys L w c with
  | intro l hl =>
  cases hl with
  | intro _ hl =>
  cases hl with
  | intro h2 _ =>
  rw [h2]
  exact nat_le_add_right' c l.length

/-- A fold of `visit` that leaves the count unchanged leaves the weights unchanged. -/
theorem weights_eq_of_count_eq (xs : Fin m → Vec K n) (ys : Fin m → K) (L : List (Fin m))
    (w : Vec K n) (c : Nat) (h : (L.foldl (visit xs ys) (w, c)).2 = c) :
    (L.foldl (visit xs ys) (w, c)).1 = w := by
  cases foldl_visit xs ys L w c with
  | intro l hl =>
  cases hl with
  | intro h1 hl =>
  cases hl with
  | intro h2 _ =>
  rw [h1]
  cases l with
  | nil => rfl
  | cons i l =>
    exfalso
    have hlt : c < c + (i :: l).length :=
      Nat.lt_of_le_of_lt (nat_le_add_right' c l.length) (Nat.lt_succ_self (c + l.length))
    rw [← h2, h] at hlt
    exact Nat.lt_irrefl c hlt

/-- A fold of `visit` over `List.ofFn f` that makes no update meets only samples classified
correctly by the (unchanged) weights: `0 < ys (f j) * ⟪w, xs (f j)⟫` for every `j`. -/
theorem correct_of_clean (xs : Fin m → Vec K n) (ys : Fin m → K) :
    ∀ (k : Nat) (f : Fin k → Fin m) (w : Vec K n) (c : Nat),
      ((List.ofFn f).foldl (visit xs ys) (w, c)).2 = c →
        ∀ j, 0 < ys (f j) * ⟪w, xs (f j)⟫
  | 0, _, _, _, _, j => Fin.elim0 j
  | k + 1, f, w, c, h, j => by
    rw [List.ofFn_succ] at h
    cases Classical.em (ys (f 0) * ⟪w, xs (f 0)⟫ ≤ 0) with
    | inl hmis =>
      exfalso
      have hv : visit xs ys (w, c) (f 0) = (update (xs (f 0)) (ys (f 0)) w, c + 1) := by
        show (if ys (f 0) * ⟪w, xs (f 0)⟫ ≤ 0 then (update (xs (f 0)) (ys (f 0)) w, c + 1)
          else (w, c)) = (update (xs (f 0)) (ys (f 0)) w, c + 1)
        rw [if_pos hmis]
      have h' : ((List.ofFn fun i => f i.succ).foldl (visit xs ys)
          (update (xs (f 0)) (ys (f 0)) w, c + 1)).2 = c := by
        rw [← hv]
        exact h
      have hge := count_ge xs ys (List.ofFn fun i => f i.succ) (update (xs (f 0)) (ys (f 0)) w)
        (c + 1)
      rw [h'] at hge
      exact Nat.lt_irrefl c (Nat.lt_of_lt_of_le (Nat.lt_succ_self c) hge)
    | inr hok =>
      have hv : visit xs ys (w, c) (f 0) = (w, c) := by
        show (if ys (f 0) * ⟪w, xs (f 0)⟫ ≤ 0 then (update (xs (f 0)) (ys (f 0)) w, c + 1)
          else (w, c)) = (w, c)
        rw [if_neg hok]
      have h' : ((List.ofFn fun i => f i.succ).foldl (visit xs ys) (w, c)).2 = c := by
        rw [← hv]
        exact h
      have ih := correct_of_clean xs ys k (fun i => f i.succ) w c h'
      refine Fin.cases ?_ (fun j' => ?_) j
      · exact not_le.mp hok
      · exact ih j'

/-- Weights that classify every sample correctly are a fixed point of every fold of `visit`. -/
theorem foldl_visit_of_separates (xs : Fin m → Vec K n) (ys : Fin m → K) (w : Vec K n)
    (hw : ∀ i, 0 < ys i * ⟪w, xs i⟫) :
    ∀ (L : List (Fin m)) (c : Nat), L.foldl (visit xs ys) (w, c) = (w, c) := by
  intro L
  induction L with
  | nil => intro c; rfl
  | cons i L ih =>
    intro c
    have hv : visit xs ys (w, c) i = (w, c) := by
      show (if ys i * ⟪w, xs i⟫ ≤ 0 then (update (xs i) (ys i) w, c + 1) else (w, c)) = (w, c)
      rw [if_neg (not_le.mpr (hw i))]
    show L.foldl (visit xs ys) (visit xs ys (w, c) i) = (w, c)
    rw [hv]
    exact ih c

/-- If `fuel` passes from `(w, c)` make fewer than `fuel` updates, the final weights classify every
sample correctly: some pass made no update, and the weights stayed fixed from then on. -/
theorem separates_of_few_updates (xs : Fin m → Vec K n) (ys : Fin m → K) :
    ∀ (fuel : Nat) (w : Vec K n) (c : Nat),
      ((schedule m fuel).foldl (visit xs ys) (w, c)).2 < c + fuel →
        ∀ i, 0 < ys i * ⟪((schedule m fuel).foldl (visit xs ys) (w, c)).1, xs i⟫ := by
  intro fuel
  induction fuel with
  | zero =>
    intro w c h
    exact absurd h (Nat.lt_irrefl c)
  | succ fuel ih =>
    intro w c h i
    have hsplit : (schedule m (fuel + 1)).foldl (visit xs ys) (w, c) =
        (schedule m fuel).foldl (visit xs ys) ((List.finRange m).foldl (visit xs ys) (w, c)) :=
      foldl_append' (visit xs ys) (List.finRange m) (schedule m fuel) (w, c)
    have hge := count_ge xs ys (List.finRange m) w c
    rw [hsplit]
    rw [hsplit] at h
    cases Nat.lt_or_ge c ((List.finRange m).foldl (visit xs ys) (w, c)).2 with
    | inl hlt =>
      have hc : c + (fuel + 1) ≤ ((List.finRange m).foldl (visit xs ys) (w, c)).2 + fuel := by
        have e : c + (fuel + 1) = c + 1 + fuel := by
          rw [Nat.add_assoc, Nat.add_comm 1 fuel]
        rw [e]
        exact nat_add_le_add_right' hlt fuel
      exact ih ((List.finRange m).foldl (visit xs ys) (w, c)).1
        ((List.finRange m).foldl (visit xs ys) (w, c)).2 (Nat.lt_of_lt_of_le h hc) i
    | inr hle =>
      have heq : ((List.finRange m).foldl (visit xs ys) (w, c)).2 = c := Nat.le_antisymm hle hge
      have hsep : ∀ j, 0 < ys j * ⟪w, xs j⟫ := correct_of_clean xs ys m (fun j => j) w c heq
      have hw : ((List.finRange m).foldl (visit xs ys) (w, c)).1 = w :=
        weights_eq_of_count_eq xs ys (List.finRange m) w c heq
      have hP : (List.finRange m).foldl (visit xs ys) (w, c) = (w, c) := by
        have e : (((List.finRange m).foldl (visit xs ys) (w, c)).1,
            ((List.finRange m).foldl (visit xs ys) (w, c)).2) = (w, c) := by
          rw [hw, heq]
        exact e
      rw [hP, foldl_visit_of_separates xs ys w hsep (schedule m fuel) c]
      exact hsep i

end Train

/-- The count `k`, read in `K`, is monotone: `a ≤ b → natCast a ≤ natCast b`. -/
theorem natCast_mono {a b : Nat} (h : a ≤ b) :
    Vec.natCast (K := K) a ≤ Vec.natCast (K := K) b := by
  induction h with
  | refl => exact le_refl _
  | step _ ih =>
    rw [Vec.natCast_succ]
    exact le_trans ih (le_add_of_nonneg_right zero_le_one)

/-- `inner_growth_spec`: after the `k` updates of `l` from `0`, `k γ ≤ ⟪w_k, u⟫`. -/
theorem inner_growth : LearningRules.Perceptron.inner_growth_spec := by
  intro K _ _ _ _ _ _ m n xs ys u γ l hsep
  have h := inner_run xs ys u γ hsep l 0
  have hz : ⟪(0 : Vec K n), u⟫ = 0 := Vec.dot_zero_left u
  rw [hz, zero_add] at h
  exact h

/-- `norm_growth_spec`: after `k` mistake updates from `0`, `⟪w_k, w_k⟫ ≤ k R2`. -/
theorem norm_growth : LearningRules.Perceptron.norm_growth_spec := by
  intro K _ _ _ _ _ _ m n xs ys R2 l hy hb hm
  have h := norm_run xs ys R2 hy hb l 0 hm
  have hz : ⟪(0 : Vec K n), (0 : Vec K n)⟫ = 0 := Vec.dot_zero_left (0 : Vec K n)
  rw [hz, zero_add] at h
  exact h

/-- `mistake_bound_spec`: Novikoff's bound `k γ γ ≤ R2 ⟪u, u⟫` for any mistake sequence from `0`. -/
theorem mistake_bound : LearningRules.Perceptron.mistake_bound_spec := by
  intro K _ _ _ _ _ _ m n xs ys u γ R2 l hy hsep hγ hb hR hm
  exact mistake_bound_aux xs ys u γ R2 l hy hsep hγ hb hR hm

/-- `convergence_spec`: the number of updates made by `train fuel xs ys 0` satisfies
`updates * γ * γ ≤ R2 * ⟪u, u⟫`, for every `fuel`. -/
theorem convergence : LearningRules.Perceptron.convergence_spec := by
  intro K _ _ _ _ _ _ _ m n xs ys u γ R2 fuel hy hsep hγ hb hR
  cases foldl_visit xs ys (schedule m fuel) 0 0 with
  | intro l hl =>
  cases hl with
  | intro _ hl =>
  cases hl with
  | intro h2 hms =>
  have h := mistake_bound_aux xs ys u γ R2 l hy hsep hγ hb hR hms
  have hc0 : (train fuel xs ys 0).2 = 0 + l.length := h2
  have hc : (train fuel xs ys 0).2 = l.length := by
    rw [hc0, Nat.zero_add]
  rw [hc]
  exact h

/-- `train_separates_spec`: with more than `R2 ⟪u, u⟫ / γ²` passes, `train fuel xs ys 0` returns
weights that classify every sample correctly. -/
theorem train_separates : LearningRules.Perceptron.train_separates_spec := by
  intro K _ _ _ _ _ _ _ m n xs ys u γ R2 fuel hy hsep hγ hb hfuel i
  have hR : 0 ≤ R2 := le_trans (Vec.dot_self_nonneg (xs i)) (hb i)
  have hconv := convergence K m n xs ys u γ R2 fuel hy hsep hγ hb hR
  have hlt : (train fuel xs ys 0).2 < fuel := by
    cases Nat.lt_or_ge (train fuel xs ys 0).2 fuel with
    | inl h => exact h
    | inr h =>
      exfalso
      have hg : 0 ≤ γ := le_of_lt hγ
      have h1 : Vec.natCast (K := K) fuel * γ * γ ≤
          Vec.natCast (K := K) (train fuel xs ys 0).2 * γ * γ :=
        mul_le_mul_of_nonneg_right (mul_le_mul_of_nonneg_right (natCast_mono h) hg) hg
      exact lt_irrefl _ (lt_of_le_of_lt (le_trans h1 hconv) hfuel)
  have h0 : (train fuel xs ys 0).2 < 0 + fuel := by
    rw [Nat.zero_add]
    exact hlt
  exact separates_of_few_updates xs ys fuel 0 0 h0 i

end LearningRules.Perceptron
