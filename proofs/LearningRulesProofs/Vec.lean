import LearningRules.Vec
import LearningRulesProofs.Algebra

/-!
# Foundation lemmas for vectors, dot products and finite sums

## Main definitions

None: this file only proves lemmas about the definitions of `LearningRules.Vec` and
`LearningRules.Mat` (spec file `lean/LearningRules/Vec.lean`).

## Main statements

* Finite sums `Vec.finSum`: `finSum_add`, `finSum_sub`, `finSum_mul_left`, `finSum_mul_right`,
  `finSum_nonneg`, `finSum_le_finSum`, `finSum_const` (`Σ i < m, c = m * c`), `finSum_comm`
  (swapping a double sum), `finSum_eq_zero_of_nonneg`.
* The number `m` in `K`: `natCast_zero`, `natCast_succ`, `natCast_nonneg`, `natCast_pos`.
* The dot product: `dot_eq_finSum` (`⟪x, y⟫ = Σ i, x i * y i`), bilinearity (`dot_add_left`,
  `dot_add_right`, `dot_sub_left`, `dot_sub_right`, `dot_smul_left`, `dot_smul_right`), symmetry
  (`dot_comm`), `dot_zero_left`, `dot_zero_right`, positivity (`dot_self_nonneg`, `dot_self_pos`,
  `eq_zero_of_dot_self_eq_zero`), the expansion `dot_sub_smul_self` of `⟪x - t • g, x - t • g⟫` and
  the Cauchy–Schwarz inequality in squared form `cauchy_schwarz_sq`, `dot_sub_self_expand`
  (`⟪x - y, x - y⟫ = ⟪x, x⟫ - 2 ⟪x, y⟫ + ⟪y, y⟫`), `dot_add_self_expand`
  (`⟪x + y, x + y⟫ = ⟪x, x⟫ + 2 ⟪x, y⟫ + ⟪y, y⟫`) and `dot_sumFam_right`
  (`⟪v, Σ g i⟫ = Σ ⟪v, g i⟫`).
* Matrices: `mulVec_add`, `mulVec_sub`, `mulVec_smul`, `dot_mulVec_transpose`
  (`⟪x, A y⟫ = ⟪Aᵀ x, y⟫`) and `dot_mulVec_of_isSymm` (`⟪x, A y⟫ = ⟪A x, y⟫` for symmetric `A`).

## Implementation notes

Every coordinatewise fact is proved first for `Vec.finSum` by structural recursion on the length,
then transported to the dot product through `dot_eq_finSum` (itself proved by recursion on the
length of `Vec.dotAux`). Equation lemmas take their arguments explicitly; lemmas with hypotheses
(`finSum_nonneg`, `finSum_le_finSum`, `dot_self_pos`, `eq_zero_of_dot_self_eq_zero`) take the sums
and vectors implicitly. All scalar reasoning uses the ordered-field lemmas of
`LearningRulesProofs.Algebra` (`mul_self_nonneg`, `mul_self_pos`, `add_nonneg`, `add_le_add`,
`mul_neg_of_pos_of_neg`, `sub_neg`, `not_le`, `add_add_add_comm`, `sub_add_sub_comm`,
`le_add_of_nonneg_right`, `eq_zero_of_mul_self_eq_zero`, …) through `rw`, `exact` and, for the two
expansions of squared norms, `simp only` with the ring lemmas; no `grind` and no `omega`. No scalar
lemma is proved here.

There is no global cast `Nat → K` in Lean core's `Lean.Grind` classes, so the number `m` as an
element of `K` is the spec's `Vec.natCast m = Σ i < m, 1`, and `finSum_const` reads
`Σ i < m, c = Vec.natCast m * c`.

## References

* A.-L. Cauchy, *Cours d'analyse*, 1821 (the inequality); H. A. Schwarz, 1888.
-/

namespace LearningRules.Vec

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K]

/-! ### Coordinates of vector operations -/

/-- Coordinates of a sum: `(x + y) i = x i + y i`. -/
theorem add_apply {n : Nat} (x y : Vec K n) (i : Fin n) : (x + y) i = x i + y i := rfl

/-- Coordinates of a difference: `(x - y) i = x i - y i`. -/
theorem sub_apply {n : Nat} (x y : Vec K n) (i : Fin n) : (x - y) i = x i - y i := rfl

/-- Coordinates of a scalar multiple: `(a • x) i = a * x i`. -/
theorem smul_apply {n : Nat} (a : K) (x : Vec K n) (i : Fin n) : (a • x) i = a * x i := rfl

/-- Coordinates of the zero vector: `(0 : Vec K n) i = 0`. -/
theorem zero_apply {n : Nat} (i : Fin n) : (0 : Vec K n) i = 0 := rfl

/-- Two vectors with the same coordinates are equal. -/
theorem ext {n : Nat} {x y : Vec K n} (h : ∀ i, x i = y i) : x = y := funext h

/-- Rearranging a step: `(w - t • g) - w = (-t) • g`. -/
theorem sub_smul_sub_self {n : Nat} (w g : Vec K n) (t : K) : (w - t • g) - w = (-t) • g := by
  funext i
  show (w i - t * g i) - w i = -t * g i
  rw [sub_eq_add_neg (w i - t * g i) (w i), sub_eq_add_neg (w i) (t * g i), neg_mul,
    add_assoc, add_comm (-(t * g i)) (-(w i)), ← add_assoc, add_neg_cancel, zero_add]

/-! ### Finite sums -/

/-- The empty sum is zero. -/
theorem finSum_zero (f : Fin 0 → K) : finSum 0 f = 0 := rfl

/-- Peeling off the first term of a sum. -/
theorem finSum_succ (m : Nat) (f : Fin (m + 1) → K) :
    finSum (m + 1) f = f 0 + finSum m (fun i => f i.succ) := rfl

/-- Sums of pointwise equal families are equal. -/
theorem finSum_congr {m : Nat} {f g : Fin m → K} (h : ∀ i, f i = g i) :
    finSum m f = finSum m g :=
  congrArg (finSum m) (funext h)

/-- A sum of zeros is zero. -/
theorem finSum_zero_fun : ∀ (m : Nat), finSum m (fun _ => (0 : K)) = 0
  | 0 => rfl
  | m + 1 => by
    have ih := finSum_zero_fun m
    show (0 : K) + finSum m (fun _ => (0 : K)) = 0
    rw [ih]
    exact add_zero 0

/-- Additivity of finite sums: `Σ (f i + g i) = Σ f i + Σ g i`. -/
theorem finSum_add : ∀ (m : Nat) (f g : Fin m → K),
    finSum m (fun i => f i + g i) = finSum m f + finSum m g
  | 0, _, _ => by
    show (0 : K) = 0 + 0
    exact (add_zero 0).symm
  | m + 1, f, g => by
    have ih := finSum_add m (fun i => f i.succ) (fun i => g i.succ)
    show (f 0 + g 0) + finSum m (fun i => f i.succ + g i.succ)
      = (f 0 + finSum m (fun i => f i.succ)) + (g 0 + finSum m (fun i => g i.succ))
    rw [ih]
    exact add_add_add_comm _ _ _ _

/-- Finite sums commute with differences: `Σ (f i - g i) = Σ f i - Σ g i`. -/
theorem finSum_sub : ∀ (m : Nat) (f g : Fin m → K),
    finSum m (fun i => f i - g i) = finSum m f - finSum m g
  | 0, _, _ => by
    show (0 : K) = 0 - 0
    exact (sub_self 0).symm
  | m + 1, f, g => by
    have ih := finSum_sub m (fun i => f i.succ) (fun i => g i.succ)
    show (f 0 - g 0) + finSum m (fun i => f i.succ - g i.succ)
      = (f 0 + finSum m (fun i => f i.succ)) - (g 0 + finSum m (fun i => g i.succ))
    rw [ih]
    exact sub_add_sub_comm _ _ _ _

/-- A constant factor on the left comes out of a sum: `Σ c * f i = c * Σ f i`. -/
theorem finSum_mul_left : ∀ (m : Nat) (c : K) (f : Fin m → K),
    finSum m (fun i => c * f i) = c * finSum m f
  | 0, c, _ => by
    show (0 : K) = c * 0
    exact (mul_zero c).symm
  | m + 1, c, f => by
    have ih := finSum_mul_left m c (fun i => f i.succ)
    show c * f 0 + finSum m (fun i => c * f i.succ) = c * (f 0 + finSum m (fun i => f i.succ))
    rw [ih]
    exact (mul_add c _ _).symm

/-- A constant factor on the right comes out of a sum: `Σ f i * c = (Σ f i) * c`. -/
theorem finSum_mul_right : ∀ (m : Nat) (f : Fin m → K) (c : K),
    finSum m (fun i => f i * c) = finSum m f * c
  | 0, _, c => by
    show (0 : K) = 0 * c
    exact (zero_mul c).symm
  | m + 1, f, c => by
    have ih := finSum_mul_right m (fun i => f i.succ) c
    show f 0 * c + finSum m (fun i => f i.succ * c) = (f 0 + finSum m (fun i => f i.succ)) * c
    rw [ih]
    exact (add_mul _ _ c).symm

/-- `Vec.natCast m` unfolds to the sum `Σ i < m, 1`. -/
theorem natCast_eq_finSum (m : Nat) : (Vec.natCast m : K) = finSum m (fun _ => (1 : K)) := rfl

/-- `Vec.natCast 0 = 0`. -/
theorem natCast_zero : (Vec.natCast 0 : K) = 0 := rfl

/-- `Vec.natCast (m + 1) = Vec.natCast m + 1`. -/
theorem natCast_succ (m : Nat) : (Vec.natCast (m + 1) : K) = Vec.natCast m + 1 := by
  show (1 : K) + finSum m (fun _ => (1 : K)) = finSum m (fun _ => (1 : K)) + 1
  exact add_comm _ _

/-- A sum of a constant: `Σ i < m, c = m * c`, with `m` read in `K` as `Vec.natCast m`. -/
theorem finSum_const (m : Nat) (c : K) :
    finSum m (fun _ => c) = Vec.natCast m * c := by
  rw [natCast_eq_finSum, ← finSum_mul_right m (fun _ => (1 : K)) c]
  apply finSum_congr
  intro i
  show c = 1 * c
  exact (one_mul c).symm

/-- A sum of nonnegative terms is nonnegative (statement with explicit arguments). -/
theorem finSum_nonneg_aux : ∀ (m : Nat) (f : Fin m → K), (∀ i, 0 ≤ f i) → 0 ≤ finSum m f
  | 0, _, _ => by
    show (0 : K) ≤ 0
    exact le_refl 0
  | m + 1, f, h => by
    have h0 := h 0
    have ih := finSum_nonneg_aux m (fun i => f i.succ) (fun i => h i.succ)
    show 0 ≤ f 0 + finSum m (fun i => f i.succ)
    exact add_nonneg h0 ih

/-- A sum of nonnegative terms is nonnegative. -/
theorem finSum_nonneg {m : Nat} {f : Fin m → K} (h : ∀ i, 0 ≤ f i) : 0 ≤ finSum m f :=
  finSum_nonneg_aux m f h

/-- Monotonicity of finite sums (statement with explicit arguments). -/
theorem finSum_le_finSum_aux : ∀ (m : Nat) (f g : Fin m → K), (∀ i, f i ≤ g i) →
    finSum m f ≤ finSum m g
  | 0, _, _, _ => by
    show (0 : K) ≤ 0
    exact le_refl 0
  | m + 1, f, g, h => by
    have h0 := h 0
    have ih := finSum_le_finSum_aux m (fun i => f i.succ) (fun i => g i.succ) (fun i => h i.succ)
    show f 0 + finSum m (fun i => f i.succ) ≤ g 0 + finSum m (fun i => g i.succ)
    exact add_le_add h0 ih

/-- Monotonicity of finite sums: termwise `f i ≤ g i` gives `Σ f i ≤ Σ g i`. -/
theorem finSum_le_finSum {m : Nat} {f g : Fin m → K} (h : ∀ i, f i ≤ g i) :
    finSum m f ≤ finSum m g :=
  finSum_le_finSum_aux m f g h

/-- A sum of nonnegative terms that vanishes has every term zero. -/
theorem finSum_eq_zero_of_nonneg : ∀ (m : Nat) (f : Fin m → K), (∀ i, 0 ≤ f i) →
    finSum m f = 0 → ∀ i, f i = 0
  | 0, _, _, _, i => Fin.elim0 i
  | m + 1, f, hf, hs, i => by
    have h0 := hf 0
    have hrest : 0 ≤ finSum m (fun j => f j.succ) :=
      finSum_nonneg_aux m (fun j => f j.succ) (fun j => hf j.succ)
    have hs' : f 0 + finSum m (fun j => f j.succ) = 0 := hs
    have hf0 : f 0 = 0 := by
      have hle := le_add_of_nonneg_right (a := f 0) hrest
      rw [hs'] at hle
      exact le_antisymm hle h0
    have hr0 : finSum m (fun j => f j.succ) = 0 := by
      have hle := le_add_of_nonneg_left (a := finSum m (fun j => f j.succ)) h0
      rw [hs'] at hle
      exact le_antisymm hle hrest
    have ih := finSum_eq_zero_of_nonneg m (fun j => f j.succ) (fun j => hf j.succ) hr0
    refine Fin.cases ?_ (fun j => ?_) i
    · exact hf0
    · exact ih j

/-- Swapping a double finite sum: `Σ i, Σ j, f i j = Σ j, Σ i, f i j`. -/
theorem finSum_comm : ∀ (m p : Nat) (f : Fin m → Fin p → K),
    finSum m (fun i => finSum p (fun j => f i j)) = finSum p (fun j => finSum m (fun i => f i j))
  | 0, p, _ => by
    show (0 : K) = finSum p (fun _ => (0 : K))
    rw [finSum_zero_fun p]
  | m + 1, p, f => by
    have ih := finSum_comm m p (fun i j => f i.succ j)
    have hadd := finSum_add p (fun j => f 0 j) (fun j => finSum m (fun i => f i.succ j))
    show finSum p (fun j => f 0 j) + finSum m (fun i => finSum p (fun j => f i.succ j))
      = finSum p (fun j => f 0 j + finSum m (fun i => f i.succ j))
    rw [ih, hadd]

/-- The number `m`, read in `K`, is nonnegative. -/
theorem natCast_nonneg (m : Nat) : 0 ≤ (Vec.natCast m : K) := by
  rw [natCast_eq_finSum]
  exact finSum_nonneg_aux m (fun _ => (1 : K)) (fun _ => zero_le_one)

/-- The number `m`, read in `K`, is positive when `0 < m`. -/
theorem natCast_pos : ∀ (m : Nat), 0 < m → 0 < (Vec.natCast m : K)
  | 0, h => absurd h (Nat.lt_irrefl 0)
  | m + 1, _ => by
    have hrest := natCast_nonneg (K := K) m
    rw [natCast_succ, add_comm]
    exact add_pos_of_pos_of_nonneg zero_lt_one hrest

/-! ### The dot product -/

/-- `dotAux` is the sum of coordinatewise products. -/
theorem dotAux_eq_finSum : ∀ (m : Nat) (x y : Fin m → K),
    dotAux m x y = finSum m (fun i => x i * y i)
  | 0, _, _ => rfl
  | m + 1, x, y => by
    have ih := dotAux_eq_finSum m (fun i => x i.succ) (fun i => y i.succ)
    show x 0 * y 0 + dotAux m (fun i => x i.succ) (fun i => y i.succ)
      = x 0 * y 0 + finSum m (fun i => x i.succ * y i.succ)
    rw [ih]

variable {n : Nat}

/-- The dot product as a finite sum: `⟪x, y⟫ = Σ i, x i * y i`. -/
theorem dot_eq_finSum (x y : Vec K n) : ⟪x, y⟫ = finSum n (fun i => x i * y i) :=
  dotAux_eq_finSum n x y

/-- Additivity in the left argument: `⟪x + y, z⟫ = ⟪x, z⟫ + ⟪y, z⟫`. -/
theorem dot_add_left (x y z : Vec K n) : ⟪x + y, z⟫ = ⟪x, z⟫ + ⟪y, z⟫ := by
  rw [dot_eq_finSum (x + y) z, dot_eq_finSum x z, dot_eq_finSum y z,
    ← finSum_add n (fun i => x i * z i) (fun i => y i * z i)]
  apply finSum_congr
  intro i
  show (x i + y i) * z i = x i * z i + y i * z i
  exact add_mul _ _ _

/-- Additivity in the right argument: `⟪x, y + z⟫ = ⟪x, y⟫ + ⟪x, z⟫`. -/
theorem dot_add_right (x y z : Vec K n) : ⟪x, y + z⟫ = ⟪x, y⟫ + ⟪x, z⟫ := by
  rw [dot_eq_finSum x (y + z), dot_eq_finSum x y, dot_eq_finSum x z,
    ← finSum_add n (fun i => x i * y i) (fun i => x i * z i)]
  apply finSum_congr
  intro i
  show x i * (y i + z i) = x i * y i + x i * z i
  exact mul_add _ _ _

/-- Subtraction in the left argument: `⟪x - y, z⟫ = ⟪x, z⟫ - ⟪y, z⟫`. -/
theorem dot_sub_left (x y z : Vec K n) : ⟪x - y, z⟫ = ⟪x, z⟫ - ⟪y, z⟫ := by
  rw [dot_eq_finSum (x - y) z, dot_eq_finSum x z, dot_eq_finSum y z,
    ← finSum_sub n (fun i => x i * z i) (fun i => y i * z i)]
  apply finSum_congr
  intro i
  show (x i - y i) * z i = x i * z i - y i * z i
  exact sub_mul _ _ _

/-- Subtraction in the right argument: `⟪x, y - z⟫ = ⟪x, y⟫ - ⟪x, z⟫`. -/
theorem dot_sub_right (x y z : Vec K n) : ⟪x, y - z⟫ = ⟪x, y⟫ - ⟪x, z⟫ := by
  rw [dot_eq_finSum x (y - z), dot_eq_finSum x y, dot_eq_finSum x z,
    ← finSum_sub n (fun i => x i * y i) (fun i => x i * z i)]
  apply finSum_congr
  intro i
  show x i * (y i - z i) = x i * y i - x i * z i
  exact mul_sub _ _ _

/-- Homogeneity in the left argument: `⟪a • x, y⟫ = a * ⟪x, y⟫`. -/
theorem dot_smul_left (a : K) (x y : Vec K n) : ⟪a • x, y⟫ = a * ⟪x, y⟫ := by
  rw [dot_eq_finSum (a • x) y, dot_eq_finSum x y, ← finSum_mul_left n a (fun i => x i * y i)]
  apply finSum_congr
  intro i
  show a * x i * y i = a * (x i * y i)
  exact mul_assoc _ _ _

/-- Homogeneity in the right argument: `⟪x, a • y⟫ = a * ⟪x, y⟫`. -/
theorem dot_smul_right (a : K) (x y : Vec K n) : ⟪x, a • y⟫ = a * ⟪x, y⟫ := by
  rw [dot_eq_finSum x (a • y), dot_eq_finSum x y, ← finSum_mul_left n a (fun i => x i * y i)]
  apply finSum_congr
  intro i
  show x i * (a * y i) = a * (x i * y i)
  exact mul_left_comm _ _ _

/-- Symmetry: `⟪x, y⟫ = ⟪y, x⟫`. -/
theorem dot_comm (x y : Vec K n) : ⟪x, y⟫ = ⟪y, x⟫ := by
  rw [dot_eq_finSum x y, dot_eq_finSum y x]
  apply finSum_congr
  intro i
  show x i * y i = y i * x i
  exact mul_comm _ _

/-- The zero vector on the left: `⟪0, x⟫ = 0`. -/
theorem dot_zero_left (x : Vec K n) : ⟪0, x⟫ = 0 := by
  have h : finSum n (fun i => (0 : Vec K n) i * x i) = finSum n (fun _ => (0 : K)) := by
    apply finSum_congr
    intro i
    show (0 : K) * x i = 0
    exact zero_mul _
  rw [dot_eq_finSum, h, finSum_zero_fun]

/-- The zero vector on the right: `⟪x, 0⟫ = 0`. -/
theorem dot_zero_right (x : Vec K n) : ⟪x, 0⟫ = 0 := by
  rw [dot_comm]
  exact dot_zero_left x

/-- The squared norm is nonnegative: `0 ≤ ⟪x, x⟫`. -/
theorem dot_self_nonneg (x : Vec K n) : 0 ≤ ⟪x, x⟫ := by
  rw [dot_eq_finSum]
  exact finSum_nonneg_aux n (fun i => x i * x i) (fun i => mul_self_nonneg (x i))

/-- Definiteness: `⟪x, x⟫ = 0 → x = 0`. -/
theorem eq_zero_of_dot_self_eq_zero {x : Vec K n} (h : ⟪x, x⟫ = 0) : x = 0 := by
  rw [dot_eq_finSum] at h
  have hz := finSum_eq_zero_of_nonneg n (fun i => x i * x i)
    (fun i => mul_self_nonneg (x i)) h
  funext i
  show x i = 0
  exact eq_zero_of_mul_self_eq_zero (hz i)

/-- A nonzero vector has a positive squared norm: `x ≠ 0 → 0 < ⟪x, x⟫`. -/
theorem dot_self_pos {x : Vec K n} (hx : x ≠ 0) : 0 < ⟪x, x⟫ := by
  have h0 := dot_self_nonneg x
  cases Classical.em (⟪x, x⟫ = 0) with
  | inl h => exact absurd (eq_zero_of_dot_self_eq_zero h) hx
  | inr h => exact lt_of_le_of_ne h0 (Ne.symm h)

/-- Expansion of the squared norm of a step:
`⟪x - t • g, x - t • g⟫ = ⟪x, x⟫ - 2 * t * ⟪x, g⟫ + t * t * ⟪g, g⟫`. -/
theorem dot_sub_smul_self (x g : Vec K n) (t : K) :
    ⟪x - t • g, x - t • g⟫ = ⟪x, x⟫ - 2 * t * ⟪x, g⟫ + t * t * ⟪g, g⟫ := by
  have h1 : ⟪x - t • g, x - t • g⟫ = ⟪x, x - t • g⟫ - ⟪t • g, x - t • g⟫ :=
    dot_sub_left x (t • g) (x - t • g)
  have h2 : ⟪x, x - t • g⟫ = ⟪x, x⟫ - ⟪x, t • g⟫ := dot_sub_right x x (t • g)
  have h3 : ⟪t • g, x - t • g⟫ = ⟪t • g, x⟫ - ⟪t • g, t • g⟫ := dot_sub_right (t • g) x (t • g)
  have h4 : ⟪x, t • g⟫ = t * ⟪x, g⟫ := dot_smul_right t x g
  have h5 : ⟪t • g, x⟫ = t * ⟪g, x⟫ := dot_smul_left t g x
  have h6 : ⟪t • g, t • g⟫ = t * ⟪g, t • g⟫ := dot_smul_left t g (t • g)
  have h7 : ⟪g, t • g⟫ = t * ⟪g, g⟫ := dot_smul_right t g g
  have h8 : ⟪g, x⟫ = ⟪x, g⟫ := dot_comm g x
  rw [h1, h2, h3, h4, h5, h6, h7, h8, mul_assoc 2 t, two_mul]
  simp only [sub_eq_add_neg, neg_add, neg_neg, add_mul, mul_assoc, add_assoc]

/-- Expansion of a squared distance: `⟪x - y, x - y⟫ = ⟪x, x⟫ - 2 * ⟪x, y⟫ + ⟪y, y⟫`. -/
theorem dot_sub_self_expand (x y : Vec K n) :
    ⟪x - y, x - y⟫ = ⟪x, x⟫ - 2 * ⟪x, y⟫ + ⟪y, y⟫ := by
  have h1 : ⟪x - y, x - y⟫ = ⟪x, x - y⟫ - ⟪y, x - y⟫ := dot_sub_left x y (x - y)
  have h2 : ⟪x, x - y⟫ = ⟪x, x⟫ - ⟪x, y⟫ := dot_sub_right x x y
  have h3 : ⟪y, x - y⟫ = ⟪y, x⟫ - ⟪y, y⟫ := dot_sub_right y x y
  have h4 : ⟪y, x⟫ = ⟪x, y⟫ := dot_comm y x
  rw [h1, h2, h3, h4, two_mul]
  simp only [sub_eq_add_neg, neg_add, neg_neg, add_assoc]

/-- Expansion of a squared sum: `⟪x + y, x + y⟫ = ⟪x, x⟫ + 2 * ⟪x, y⟫ + ⟪y, y⟫`. -/
theorem dot_add_self_expand (x y : Vec K n) :
    ⟪x + y, x + y⟫ = ⟪x, x⟫ + 2 * ⟪x, y⟫ + ⟪y, y⟫ := by
  rw [dot_add_left x y (x + y), dot_add_right x x y, dot_add_right y x y, dot_comm y x, two_mul]
  simp only [add_assoc]

/-- The dot product with a sum of vectors: `⟪v, Σ i, g i⟫ = Σ i, ⟪v, g i⟫`. -/
theorem dot_sumFam_right (v : Vec K n) (m : Nat) (g : Fin m → Vec K n) :
    ⟪v, sumFam m g⟫ = finSum m (fun i => ⟪v, g i⟫) := by
  have h1 : ⟪v, sumFam m g⟫ = finSum n (fun j => finSum m (fun i => v j * g i j)) := by
    rw [dot_eq_finSum]
    apply finSum_congr
    intro j
    show v j * finSum m (fun i => g i j) = finSum m (fun i => v j * g i j)
    rw [finSum_mul_left m (v j) (fun i => g i j)]
  have h2 : finSum m (fun i => ⟪v, g i⟫)
      = finSum m (fun i => finSum n (fun j => v j * g i j)) := by
    apply finSum_congr
    intro i
    exact dot_eq_finSum v (g i)
  rw [h1, h2]
  exact finSum_comm n m (fun j i => v j * g i j)

/-- Cauchy–Schwarz in squared form: `⟪x, y⟫ * ⟪x, y⟫ ≤ ⟪x, x⟫ * ⟪y, y⟫`.
The proof expands `0 ≤ ⟪c • x - b • y, c • x - b • y⟫ = c * (a * c - b * b)` with `a = ⟪x, x⟫`,
`b = ⟪x, y⟫`, `c = ⟪y, y⟫`, and divides by `c > 0` (the case `c = 0` forces `y = 0`). -/
theorem cauchy_schwarz_sq (x y : Vec K n) : ⟪x, y⟫ * ⟪x, y⟫ ≤ ⟪x, x⟫ * ⟪y, y⟫ := by
  cases Classical.em (⟪y, y⟫ = 0) with
  | inl hc =>
    have hy : y = 0 := eq_zero_of_dot_self_eq_zero hc
    rw [hc, hy, dot_zero_right x, mul_zero, mul_zero]
    exact le_refl 0
  | inr hc =>
    have hc0 := dot_self_nonneg y
    have hcpos : 0 < ⟪y, y⟫ := lt_of_le_of_ne hc0 (Ne.symm hc)
    have hv := dot_self_nonneg (⟪y, y⟫ • x - ⟪x, y⟫ • y)
    have e1 := dot_sub_smul_self (⟪y, y⟫ • x) y ⟪x, y⟫
    have e2 : ⟪⟪y, y⟫ • x, ⟪y, y⟫ • x⟫ = ⟪y, y⟫ * (⟪y, y⟫ * ⟪x, x⟫) := by
      rw [dot_smul_left ⟪y, y⟫ x (⟪y, y⟫ • x), dot_smul_right ⟪y, y⟫ x x]
    have e3 : ⟪⟪y, y⟫ • x, y⟫ = ⟪y, y⟫ * ⟪x, y⟫ := dot_smul_left ⟪y, y⟫ x y
    have hval : ⟪⟪y, y⟫ • x - ⟪x, y⟫ • y, ⟪y, y⟫ • x - ⟪x, y⟫ • y⟫
        = ⟪y, y⟫ * (⟪x, x⟫ * ⟪y, y⟫ - ⟪x, y⟫ * ⟪x, y⟫) := by
      rw [e1, e2, e3, mul_assoc 2 ⟪x, y⟫, two_mul, mul_left_comm ⟪x, y⟫ ⟪y, y⟫ ⟪x, y⟫,
        mul_comm (⟪x, y⟫ * ⟪x, y⟫) ⟪y, y⟫, ← sub_sub, sub_add_cancel, mul_sub,
        mul_comm ⟪x, x⟫ ⟪y, y⟫]
    rw [hval] at hv
    refine Classical.byContradiction (fun hneg => ?_)
    have hD : ⟪x, x⟫ * ⟪y, y⟫ - ⟪x, y⟫ * ⟪x, y⟫ < 0 := sub_neg.mpr (not_le.mp hneg)
    have hneg2 : ⟪y, y⟫ * (⟪x, x⟫ * ⟪y, y⟫ - ⟪x, y⟫ * ⟪x, y⟫) < 0 :=
      LearningRules.mul_neg_of_pos_of_neg hcpos hD
    exact lt_irrefl 0 (lt_of_le_of_lt hv hneg2)

/-! ### Matrices -/

/-- Additivity of the matrix–vector product: `A (x + y) = A x + A y`. -/
theorem mulVec_add {m : Nat} (A : Mat K m n) (x y : Vec K n) :
    Mat.mulVec A (x + y) = Mat.mulVec A x + Mat.mulVec A y := by
  funext i
  show ⟪A i, x + y⟫ = ⟪A i, x⟫ + ⟪A i, y⟫
  exact dot_add_right (A i) x y

/-- The matrix–vector product commutes with differences: `A (x - y) = A x - A y`. -/
theorem mulVec_sub {m : Nat} (A : Mat K m n) (x y : Vec K n) :
    Mat.mulVec A (x - y) = Mat.mulVec A x - Mat.mulVec A y := by
  funext i
  show ⟪A i, x - y⟫ = ⟪A i, x⟫ - ⟪A i, y⟫
  exact dot_sub_right (A i) x y

/-- Homogeneity of the matrix–vector product: `A (t • x) = t • A x`. -/
theorem mulVec_smul {m : Nat} (A : Mat K m n) (t : K) (x : Vec K n) :
    Mat.mulVec A (t • x) = t • Mat.mulVec A x := by
  funext i
  show ⟪A i, t • x⟫ = t * ⟪A i, x⟫
  exact dot_smul_right t (A i) x

/-- The transpose is the adjoint: `⟪x, A y⟫ = ⟪Aᵀ x, y⟫`. -/
theorem dot_mulVec_transpose {m : Nat} (A : Mat K m n) (x : Vec K m) (y : Vec K n) :
    ⟪x, Mat.mulVec A y⟫ = ⟪Mat.mulVec (Mat.transpose A) x, y⟫ := by
  have h1 : ⟪x, Mat.mulVec A y⟫
      = finSum m (fun i => finSum n (fun j => x i * (A i j * y j))) := by
    rw [dot_eq_finSum]
    apply finSum_congr
    intro i
    show x i * ⟪A i, y⟫ = finSum n (fun j => x i * (A i j * y j))
    rw [dot_eq_finSum (A i) y, finSum_mul_left n (x i) (fun j => A i j * y j)]
  have h2 : ⟪Mat.mulVec (Mat.transpose A) x, y⟫
      = finSum n (fun j => finSum m (fun i => x i * (A i j * y j))) := by
    rw [dot_eq_finSum]
    apply finSum_congr
    intro j
    show ⟪Mat.transpose A j, x⟫ * y j = finSum m (fun i => x i * (A i j * y j))
    rw [dot_eq_finSum (Mat.transpose A j) x,
      ← finSum_mul_right m (fun i => Mat.transpose A j i * x i) (y j)]
    apply finSum_congr
    intro i
    show A i j * x i * y j = x i * (A i j * y j)
    rw [mul_comm (A i j) (x i), mul_assoc]
  rw [h1, h2]
  exact finSum_comm m n (fun i j => x i * (A i j * y j))

/-- A symmetric matrix is self-adjoint: `⟪x, A y⟫ = ⟪A x, y⟫` when `A i j = A j i`. -/
theorem dot_mulVec_of_isSymm {A : Mat K n n} (hA : Mat.IsSymm A) (x y : Vec K n) :
    ⟪x, Mat.mulVec A y⟫ = ⟪Mat.mulVec A x, y⟫ := by
  have h : Mat.mulVec (Mat.transpose A) x = Mat.mulVec A x := by
    funext j
    show ⟪Mat.transpose A j, x⟫ = ⟪A j, x⟫
    rw [dot_eq_finSum (Mat.transpose A j) x, dot_eq_finSum (A j) x]
    apply finSum_congr
    intro i
    show A i j * x i = A j i * x i
    rw [hA i j]
  rw [dot_mulVec_transpose, h]

/-- The quadratic form unfolds to a dot product: `Mat.quadForm A x = ⟪x, A x⟫`. -/
theorem quadForm_eq (A : Mat K n n) (x : Vec K n) : Mat.quadForm A x = ⟪x, Mat.mulVec A x⟫ := rfl

end LearningRules.Vec
