import LearningRules.Basic

/-!
# The algebra layer: ordered-field lemmas proved from the class fields

Every proof of this library reasons about an ordered field `K` given by Lean core's classes
(`Lean.Grind.Field`, `Std.IsLinearOrder`, `Std.LawfulOrderLT`, `Lean.Grind.OrderedRing`). This file
proves, once and from the fields of those classes only, the ring, field and order lemmas the proofs
use, under Mathlib's names, in namespace `LearningRules`. The proofs use `rw`, `exact`, `calc`,
`simp only [...]` and `cases`: no `grind`, no `omega`, no core theorem about these classes, so the
file is checked by the real Lean 4.35.0 kernel against the project's core shim (`pyverify lean check`).

## Main statements

* commutative ring: `add_comm`, `add_assoc`, `add_left_comm`, `mul_comm`, `mul_assoc`,
  `mul_left_comm`, `mul_add`, `add_mul`, `zero_add`, `add_zero`, `mul_zero`, `zero_mul`, `one_mul`,
  `mul_one`, `neg_add_cancel`, `add_neg_cancel`, `sub_eq_add_neg`, `neg_neg`, `neg_mul`, `mul_neg`,
  `neg_add`, `sub_self`, `sub_zero`, `zero_sub`, `add_sub_cancel_right`, `one_add_one_eq_two`,
  `two_mul`, `pow_zero`, `pow_succ`, `pow_two`, `neg_zero`, `sub_sub`, `sub_add_cancel`, `mul_sub`,
  `sub_mul`, `add_right_cancel`, `eq_of_sub_eq_zero`, `sub_eq_zero_of_eq`, `mul_eq_zero`;
* field: `div_eq_mul_inv`, `mul_inv_cancel₀`, `inv_mul_cancel₀`, `zero_ne_one`, `one_ne_zero`,
  `two_ne_zero`, `inv_zero`, `mul_div_cancel_right₀`, `inv_ne_zero`;
* order: `le_refl`, `le_trans`, `le_antisymm`, `le_total`, `lt_iff_le_not_le`, `lt_irrefl`,
  `le_of_lt`, `lt_of_le_of_lt`, `lt_of_lt_of_le`, `lt_trans`, `not_le`, `not_lt`, `le_of_eq`,
  `ne_of_lt`, `ne_of_gt`, `lt_or_le`, `le_or_lt`, `lt_trichotomy`, `lt_of_le_of_ne`;
* ordered ring: `add_le_add_right`, `add_le_add_left`, `add_le_add`, `add_lt_add_right`,
  `add_lt_add_left`, `add_lt_add_of_lt_of_le`, `add_lt_add_of_le_of_lt`, `sub_nonneg`, `sub_pos`,
  `sub_nonpos`, `sub_neg`, `neg_nonpos`, `neg_nonneg`, `neg_pos`, `neg_neg_iff_pos`, `zero_lt_one`,
  `zero_le_one`, `zero_lt_two`, `mul_pos`, `mul_nonneg`, `mul_le_mul_of_nonneg_left`,
  `mul_le_mul_of_nonneg_right`, `mul_lt_mul_of_pos_left`, `mul_lt_mul_of_pos_right`,
  `mul_self_nonneg`, `mul_self_pos`, `mul_pos_of_neg_of_neg`, `mul_neg_of_pos_of_neg`,
  `mul_nonneg_of_nonpos_of_nonpos`, `add_pos`, `add_nonneg`, `add_pos_of_pos_of_nonneg`,
  `inv_pos`, `inv_nonneg`, `div_pos`, `le_of_sub_nonneg`, `lt_of_sub_pos`,
  `pow_nonneg`, `pow_pos`, `pow_le_pow_left`.

## Implementation notes

Names follow Mathlib, so that a proof written here reads like one written against Mathlib; they
live in namespace `LearningRules`, where core has no declaration of the same name.
-/

set_option linter.unusedSectionVars false

namespace LearningRules

section Ring

variable {K : Type} [Lean.Grind.Field K]

/-- Commutativity of `+`. -/
theorem add_comm (a b : K) : a + b = b + a := Lean.Grind.Semiring.add_comm a b

/-- Associativity of `+`. -/
theorem add_assoc (a b c : K) : a + b + c = a + (b + c) := Lean.Grind.Semiring.add_assoc a b c

/-- Left commutativity of `+`. -/
theorem add_left_comm (a b c : K) : a + (b + c) = b + (a + c) := by
  rw [← add_assoc, add_comm a b, add_assoc]

/-- Commutativity of `*`. -/
theorem mul_comm (a b : K) : a * b = b * a := Lean.Grind.CommSemiring.mul_comm a b

/-- Associativity of `*`. -/
theorem mul_assoc (a b c : K) : a * b * c = a * (b * c) := Lean.Grind.Semiring.mul_assoc a b c

/-- Left commutativity of `*`. -/
theorem mul_left_comm (a b c : K) : a * (b * c) = b * (a * c) := by
  rw [← mul_assoc, mul_comm a b, mul_assoc]

/-- Left distributivity. -/
theorem mul_add (a b c : K) : a * (b + c) = a * b + a * c := Lean.Grind.Semiring.left_distrib a b c

/-- Right distributivity. -/
theorem add_mul (a b c : K) : (a + b) * c = a * c + b * c := Lean.Grind.Semiring.right_distrib a b c

/-- `a + 0 = a`. -/
theorem add_zero (a : K) : a + 0 = a := Lean.Grind.Semiring.add_zero a

/-- `0 + a = a`. -/
theorem zero_add (a : K) : 0 + a = a := by rw [add_comm, add_zero]

/-- `a * 0 = 0`. -/
theorem mul_zero (a : K) : a * 0 = 0 := Lean.Grind.Semiring.mul_zero a

/-- `0 * a = 0`. -/
theorem zero_mul (a : K) : 0 * a = 0 := Lean.Grind.Semiring.zero_mul a

/-- `a * 1 = a`. -/
theorem mul_one (a : K) : a * 1 = a := Lean.Grind.Semiring.mul_one a

/-- `1 * a = a`. -/
theorem one_mul (a : K) : 1 * a = a := Lean.Grind.Semiring.one_mul a

/-- `-a + a = 0`. -/
theorem neg_add_cancel (a : K) : -a + a = 0 := Lean.Grind.Ring.neg_add_cancel a

/-- `a + -a = 0`. -/
theorem add_neg_cancel (a : K) : a + -a = 0 := by rw [add_comm, neg_add_cancel]

/-- `a - b = a + -b`. -/
theorem sub_eq_add_neg (a b : K) : a - b = a + -b := Lean.Grind.Ring.sub_eq_add_neg a b

/-- Cancel `c` on the right of a sum. -/
theorem add_right_cancel {a b c : K} (h : a + c = b + c) : a = b := by
  have ha : a + c + -c = a := by rw [add_assoc, add_neg_cancel, add_zero]
  have hb : b + c + -c = b := by rw [add_assoc, add_neg_cancel, add_zero]
  rw [← ha, h, hb]

/-- `-0 = 0`. -/
theorem neg_zero : (-0 : K) = 0 := by
  have h := neg_add_cancel (0 : K)
  rw [add_zero] at h
  exact h

/-- `- -a = a`. -/
theorem neg_neg (a : K) : - -a = a := by
  apply add_right_cancel (c := -a)
  rw [neg_add_cancel, add_neg_cancel]

/-- `-a * b = -(a * b)`. -/
theorem neg_mul (a b : K) : -a * b = -(a * b) := by
  apply add_right_cancel (c := a * b)
  rw [← add_mul, neg_add_cancel, zero_mul, neg_add_cancel]

/-- `a * -b = -(a * b)`. -/
theorem mul_neg (a b : K) : a * -b = -(a * b) := by
  rw [mul_comm, neg_mul, mul_comm]

/-- `-(a + b) = -a + -b`. -/
theorem neg_add (a b : K) : -(a + b) = -a + -b := by
  apply add_right_cancel (c := a + b)
  rw [neg_add_cancel (a + b), add_assoc, add_left_comm (-b) a b, neg_add_cancel b, add_zero,
    neg_add_cancel a]

/-- `a - a = 0`. -/
theorem sub_self (a : K) : a - a = 0 := by
  rw [sub_eq_add_neg, add_neg_cancel]

/-- `a - 0 = a`. -/
theorem sub_zero (a : K) : a - 0 = a := by
  rw [sub_eq_add_neg, neg_zero, add_zero]

/-- `0 - a = -a`. -/
theorem zero_sub (a : K) : 0 - a = -a := by
  rw [sub_eq_add_neg, zero_add]

/-- `a + b - b = a`. -/
theorem add_sub_cancel_right (a b : K) : a + b - b = a := by
  rw [sub_eq_add_neg, add_assoc, add_neg_cancel, add_zero]

/-- `a - b + b = a`. -/
theorem sub_add_cancel (a b : K) : a - b + b = a := by
  rw [sub_eq_add_neg, add_assoc, neg_add_cancel, add_zero]

/-- `a - b - c = a - (b + c)`. -/
theorem sub_sub (a b c : K) : a - b - c = a - (b + c) := by
  rw [sub_eq_add_neg, sub_eq_add_neg, sub_eq_add_neg, neg_add, add_assoc]

/-- `a * (b - c) = a * b - a * c`. -/
theorem mul_sub (a b c : K) : a * (b - c) = a * b - a * c := by
  rw [sub_eq_add_neg, sub_eq_add_neg, mul_add, mul_neg]

/-- `(a - b) * c = a * c - b * c`. -/
theorem sub_mul (a b c : K) : (a - b) * c = a * c - b * c := by
  rw [sub_eq_add_neg, sub_eq_add_neg, add_mul, neg_mul]

/-- `1 + 1 = 2`: the numeral `2` is `1 + 1` (the `Semiring` field `ofNat_succ`). -/
theorem one_add_one_eq_two : (1 : K) + 1 = 2 := (Lean.Grind.Semiring.ofNat_succ 1).symm

/-- `2 * a = a + a`. -/
theorem two_mul (a : K) : 2 * a = a + a := by
  rw [← one_add_one_eq_two, add_mul, one_mul]

/-- `a ^ 0 = 1`. -/
theorem pow_zero (a : K) : a ^ 0 = 1 := Lean.Grind.Semiring.pow_zero a

/-- `a ^ (n + 1) = a ^ n * a`. -/
theorem pow_succ (a : K) (n : Nat) : a ^ (n + 1) = a ^ n * a := Lean.Grind.Semiring.pow_succ a n

/-- `a ^ 2 = a * a`. -/
theorem pow_two (a : K) : a ^ 2 = a * a := by
  have h : a ^ 2 = a ^ 1 * a := pow_succ a 1
  have h1 : a ^ 1 = a := by
    have h0 := pow_succ a 0
    rw [pow_zero, one_mul] at h0
    exact h0
  rw [h, h1]

/-- `a - b = 0 → a = b`. -/
theorem eq_of_sub_eq_zero {a b : K} (h : a - b = 0) : a = b := by
  rw [← sub_add_cancel a b, h, zero_add]

/-- `a = b → a - b = 0`. -/
theorem sub_eq_zero_of_eq {a b : K} (h : a = b) : a - b = 0 := by
  rw [h, sub_self]

/-- `0 ≠ 1`. -/
theorem zero_ne_one : (0 : K) ≠ 1 := Lean.Grind.Field.zero_ne_one

/-- `1 ≠ 0`. -/
theorem one_ne_zero : (1 : K) ≠ 0 := fun h => zero_ne_one h.symm

/-- `a / b = a * b⁻¹`. -/
theorem div_eq_mul_inv (a b : K) : a / b = a * b⁻¹ := Lean.Grind.Field.div_eq_mul_inv a b

/-- `a ≠ 0 → a * a⁻¹ = 1`. -/
theorem mul_inv_cancel₀ {a : K} (h : a ≠ 0) : a * a⁻¹ = 1 := Lean.Grind.Field.mul_inv_cancel h

/-- `a ≠ 0 → a⁻¹ * a = 1`. -/
theorem inv_mul_cancel₀ {a : K} (h : a ≠ 0) : a⁻¹ * a = 1 := by
  rw [mul_comm, mul_inv_cancel₀ h]

/-- `0⁻¹ = 0`. -/
theorem inv_zero : (0 : K)⁻¹ = 0 := Lean.Grind.Field.inv_zero

/-- A product vanishes iff a factor does. -/
theorem mul_eq_zero {a b : K} : a * b = 0 ↔ a = 0 ∨ b = 0 := by
  constructor
  · intro h
    cases Classical.em (a = 0) with
    | inl ha => exact Or.inl ha
    | inr ha =>
      apply Or.inr
      have hb : a⁻¹ * (a * b) = b := by rw [← mul_assoc, inv_mul_cancel₀ ha, one_mul]
      rw [← hb, h, mul_zero]
  · intro h
    cases h with
    | inl h => rw [h, zero_mul]
    | inr h => rw [h, mul_zero]

/-- `a ≠ 0 → a⁻¹ ≠ 0`. -/
theorem inv_ne_zero {a : K} (h : a ≠ 0) : a⁻¹ ≠ 0 := by
  intro h0
  have h1 := mul_inv_cancel₀ h
  rw [h0, mul_zero] at h1
  exact zero_ne_one h1

/-- `b ≠ 0 → a * b / b = a`. -/
theorem mul_div_cancel_right₀ (a : K) {b : K} (h : b ≠ 0) : a * b / b = a := by
  rw [div_eq_mul_inv, mul_assoc, mul_inv_cancel₀ h, mul_one]

end Ring

section Order

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K]

/-- Reflexivity of `≤`. -/
theorem le_refl (a : K) : a ≤ a := Std.IsPreorder.le_refl a

/-- Transitivity of `≤`. -/
theorem le_trans {a b c : K} (h₁ : a ≤ b) (h₂ : b ≤ c) : a ≤ c := Std.IsPreorder.le_trans a b c h₁ h₂

/-- Antisymmetry of `≤`. -/
theorem le_antisymm {a b : K} (h₁ : a ≤ b) (h₂ : b ≤ a) : a = b :=
  Std.IsPartialOrder.le_antisymm a b h₁ h₂

/-- Totality of `≤`. -/
theorem le_total (a b : K) : a ≤ b ∨ b ≤ a := Std.IsLinearPreorder.le_total a b

/-- `a < b ↔ a ≤ b ∧ ¬ b ≤ a`. -/
theorem lt_iff_le_not_le {a b : K} : a < b ↔ a ≤ b ∧ ¬ b ≤ a := Std.LawfulOrderLT.lt_iff a b

/-- `¬ a < a`. -/
theorem lt_irrefl (a : K) : ¬ a < a := by
  intro h
  exact (lt_iff_le_not_le.mp h).2 (le_refl a)

/-- `a < b → a ≤ b`. -/
theorem le_of_lt {a b : K} (h : a < b) : a ≤ b := by
  exact (lt_iff_le_not_le.mp h).1

/-- `a = b → a ≤ b`. -/
theorem le_of_eq {a b : K} (h : a = b) : a ≤ b := by
  rw [h]
  exact le_refl b

/-- `a ≤ b → b < c → a < c`. -/
theorem lt_of_le_of_lt {a b c : K} (h₁ : a ≤ b) (h₂ : b < c) : a < c := by
  exact lt_iff_le_not_le.mpr ⟨le_trans h₁ (lt_iff_le_not_le.mp h₂).1,
    fun hca => (lt_iff_le_not_le.mp h₂).2 (le_trans hca h₁)⟩

/-- `a < b → b ≤ c → a < c`. -/
theorem lt_of_lt_of_le {a b c : K} (h₁ : a < b) (h₂ : b ≤ c) : a < c := by
  exact lt_iff_le_not_le.mpr ⟨le_trans (lt_iff_le_not_le.mp h₁).1 h₂,
    fun hca => (lt_iff_le_not_le.mp h₁).2 (le_trans h₂ hca)⟩

/-- `a < b → b < c → a < c`. -/
theorem lt_trans {a b c : K} (h₁ : a < b) (h₂ : b < c) : a < c := by
  exact lt_of_lt_of_le h₁ (le_of_lt h₂)

/-- `¬ a ≤ b ↔ b < a`. -/
theorem not_le {a b : K} : ¬ a ≤ b ↔ b < a := by
  constructor
  · intro h
    cases le_total a b with
    | inl hab => exact absurd hab h
    | inr hba => exact lt_iff_le_not_le.mpr ⟨hba, h⟩
  · intro h hab
    exact (lt_iff_le_not_le.mp h).2 hab

/-- `¬ a < b ↔ b ≤ a`. -/
theorem not_lt {a b : K} : ¬ a < b ↔ b ≤ a := by
  constructor
  · intro h
    exact Classical.byContradiction fun hba => h (not_le.mp hba)
  · intro hba hab
    exact (lt_iff_le_not_le.mp hab).2 hba

/-- `a < b → a ≠ b`. -/
theorem ne_of_lt {a b : K} (h : a < b) : a ≠ b := by
  intro he
  rw [he] at h
  exact lt_irrefl b h

/-- `a < b → b ≠ a`. -/
theorem ne_of_gt {a b : K} (h : a < b) : b ≠ a := by
  intro he
  exact ne_of_lt h he.symm

/-- `a < b ∨ b ≤ a`. -/
theorem lt_or_le (a b : K) : a < b ∨ b ≤ a := by
  cases Classical.em (b ≤ a) with
  | inl h => exact Or.inr h
  | inr h => exact Or.inl (not_le.mp h)

/-- `a ≤ b ∨ b < a`. -/
theorem le_or_lt (a b : K) : a ≤ b ∨ b < a := by
  cases Classical.em (a ≤ b) with
  | inl h => exact Or.inl h
  | inr h => exact Or.inr (not_le.mp h)

/-- Trichotomy. -/
theorem lt_trichotomy (a b : K) : a < b ∨ a = b ∨ b < a := by
  cases lt_or_le a b with
  | inl h => exact Or.inl h
  | inr hba =>
    cases lt_or_le b a with
    | inl h => exact Or.inr (Or.inr h)
    | inr hab => exact Or.inr (Or.inl (le_antisymm hab hba))

/-- `a ≤ b → a ≠ b → a < b`. -/
theorem lt_of_le_of_ne {a b : K} (h₁ : a ≤ b) (h₂ : a ≠ b) : a < b := by
  exact lt_iff_le_not_le.mpr ⟨h₁, fun hba => h₂ (le_antisymm h₁ hba)⟩

/-- Adding on the right preserves `≤`. -/
theorem add_le_add_right {a b : K} (h : a ≤ b) (c : K) : a + c ≤ b + c :=
  (Lean.Grind.OrderedAdd.add_le_left_iff c).mp h

/-- Adding on the left preserves `≤`. -/
theorem add_le_add_left {a b : K} (h : a ≤ b) (c : K) : c + a ≤ c + b := by
  rw [add_comm c a, add_comm c b]
  exact add_le_add_right h c

/-- Adding inequalities. -/
theorem add_le_add {a b c d : K} (h₁ : a ≤ b) (h₂ : c ≤ d) : a + c ≤ b + d := by
  exact le_trans (add_le_add_right h₁ c) (add_le_add_left h₂ b)

/-- Adding on the right preserves `<`. -/
theorem add_lt_add_right {a b : K} (h : a < b) (c : K) : a + c < b + c := by
  exact lt_iff_le_not_le.mpr ⟨add_le_add_right (le_of_lt h) c,
    fun h' => (lt_iff_le_not_le.mp h).2 ((Lean.Grind.OrderedAdd.add_le_left_iff c).mpr h')⟩

/-- Adding on the left preserves `<`. -/
theorem add_lt_add_left {a b : K} (h : a < b) (c : K) : c + a < c + b := by
  rw [add_comm c a, add_comm c b]
  exact add_lt_add_right h c

/-- `a < b → c ≤ d → a + c < b + d`. -/
theorem add_lt_add_of_lt_of_le {a b c d : K} (h₁ : a < b) (h₂ : c ≤ d) : a + c < b + d := by
  exact lt_of_lt_of_le (add_lt_add_right h₁ c) (add_le_add_left h₂ b)

/-- `a ≤ b → c < d → a + c < b + d`. -/
theorem add_lt_add_of_le_of_lt {a b c d : K} (h₁ : a ≤ b) (h₂ : c < d) : a + c < b + d := by
  exact lt_of_le_of_lt (add_le_add_right h₁ c) (add_lt_add_left h₂ b)

/-- `0 ≤ a - b ↔ b ≤ a`. -/
theorem sub_nonneg {a b : K} : 0 ≤ a - b ↔ b ≤ a := by
  constructor
  · intro h
    have h' := add_le_add_right h b
    rw [zero_add, sub_add_cancel] at h'
    exact h'
  · intro h
    have h' := add_le_add_right h (-b)
    rw [add_neg_cancel, ← sub_eq_add_neg] at h'
    exact h'

/-- `0 < a - b ↔ b < a`. -/
theorem sub_pos {a b : K} : 0 < a - b ↔ b < a := by
  constructor
  · intro h
    have h' := add_lt_add_right h b
    rw [zero_add, sub_add_cancel] at h'
    exact h'
  · intro h
    have h' := add_lt_add_right h (-b)
    rw [add_neg_cancel, ← sub_eq_add_neg] at h'
    exact h'

/-- `a - b ≤ 0 ↔ a ≤ b`. -/
theorem sub_nonpos {a b : K} : a - b ≤ 0 ↔ a ≤ b := by
  constructor
  · intro h
    have h' := add_le_add_right h b
    rw [zero_add, sub_add_cancel] at h'
    exact h'
  · intro h
    have h' := add_le_add_right h (-b)
    rw [add_neg_cancel, ← sub_eq_add_neg] at h'
    exact h'

/-- `a - b < 0 ↔ a < b`. -/
theorem sub_neg {a b : K} : a - b < 0 ↔ a < b := by
  constructor
  · intro h
    have h' := add_lt_add_right h b
    rw [zero_add, sub_add_cancel] at h'
    exact h'
  · intro h
    have h' := add_lt_add_right h (-b)
    rw [add_neg_cancel, ← sub_eq_add_neg] at h'
    exact h'

/-- `-a ≤ 0 ↔ 0 ≤ a`. -/
theorem neg_nonpos {a : K} : -a ≤ 0 ↔ 0 ≤ a := by
  rw [← zero_sub a]
  exact sub_nonpos

/-- `0 ≤ -a ↔ a ≤ 0`. -/
theorem neg_nonneg {a : K} : 0 ≤ -a ↔ a ≤ 0 := by
  rw [← zero_sub a]
  exact sub_nonneg

/-- `0 < -a ↔ a < 0`. -/
theorem neg_pos {a : K} : 0 < -a ↔ a < 0 := by
  rw [← zero_sub a]
  exact sub_pos

/-- `-a < 0 ↔ 0 < a`. -/
theorem neg_neg_iff_pos {a : K} : -a < 0 ↔ 0 < a := by
  rw [← zero_sub a]
  exact sub_neg

/-- `0 < 1`. -/
theorem zero_lt_one : (0 : K) < 1 := Lean.Grind.OrderedRing.zero_lt_one

/-- `0 ≤ 1`. -/
theorem zero_le_one : (0 : K) ≤ 1 := le_of_lt zero_lt_one

/-- `0 < 2`. -/
theorem zero_lt_two : (0 : K) < 2 := by
  have h := add_lt_add_of_lt_of_le (zero_lt_one (K := K)) (zero_le_one (K := K))
  rw [add_zero, one_add_one_eq_two] at h
  exact h

/-- `2 ≠ 0`. -/
theorem two_ne_zero : (2 : K) ≠ 0 := by
  exact ne_of_gt zero_lt_two

/-- `c < 0`-free left multiplication of `<` by a positive scalar. -/
theorem mul_lt_mul_of_pos_left {a b c : K} (h : a < b) (hc : 0 < c) : c * a < c * b :=
  Lean.Grind.OrderedRing.mul_lt_mul_of_pos_left h hc

/-- Right multiplication of `<` by a positive scalar. -/
theorem mul_lt_mul_of_pos_right {a b c : K} (h : a < b) (hc : 0 < c) : a * c < b * c :=
  Lean.Grind.OrderedRing.mul_lt_mul_of_pos_right h hc

/-- Left multiplication of `≤` by a nonnegative scalar. -/
theorem mul_le_mul_of_nonneg_left {a b c : K} (h : a ≤ b) (hc : 0 ≤ c) : c * a ≤ c * b := by
  cases Classical.em (a = b) with
  | inl hab =>
    rw [hab]
    exact le_refl (c * b)
  | inr hab =>
    cases Classical.em (c = 0) with
    | inl hc0 =>
      rw [hc0, zero_mul, zero_mul]
      exact le_refl 0
    | inr hc0 =>
      exact le_of_lt (mul_lt_mul_of_pos_left (lt_of_le_of_ne h hab)
        (lt_of_le_of_ne hc (Ne.symm hc0)))

/-- Right multiplication of `≤` by a nonnegative scalar. -/
theorem mul_le_mul_of_nonneg_right {a b c : K} (h : a ≤ b) (hc : 0 ≤ c) : a * c ≤ b * c := by
  rw [mul_comm a c, mul_comm b c]
  exact mul_le_mul_of_nonneg_left h hc

/-- A product of positives is positive. -/
theorem mul_pos {a b : K} (ha : 0 < a) (hb : 0 < b) : 0 < a * b := by
  have h := mul_lt_mul_of_pos_right ha hb
  rw [zero_mul] at h
  exact h

/-- A product of nonnegatives is nonnegative. -/
theorem mul_nonneg {a b : K} (ha : 0 ≤ a) (hb : 0 ≤ b) : 0 ≤ a * b := by
  have h := mul_le_mul_of_nonneg_right ha hb
  rw [zero_mul] at h
  exact h

/-- A product of negatives is positive. -/
theorem mul_pos_of_neg_of_neg {a b : K} (ha : a < 0) (hb : b < 0) : 0 < a * b := by
  have h := mul_pos (neg_pos.mpr ha) (neg_pos.mpr hb)
  rw [neg_mul, mul_neg, neg_neg] at h
  exact h

/-- A positive times a negative is negative. -/
theorem mul_neg_of_pos_of_neg {a b : K} (ha : 0 < a) (hb : b < 0) : a * b < 0 := by
  have h := mul_pos ha (neg_pos.mpr hb)
  rw [mul_neg] at h
  exact neg_pos.mp h

/-- A product of nonpositives is nonnegative. -/
theorem mul_nonneg_of_nonpos_of_nonpos {a b : K} (ha : a ≤ 0) (hb : b ≤ 0) : 0 ≤ a * b := by
  have h := mul_nonneg (neg_nonneg.mpr ha) (neg_nonneg.mpr hb)
  rw [neg_mul, mul_neg, neg_neg] at h
  exact h

/-- A square is nonnegative. -/
theorem mul_self_nonneg (a : K) : 0 ≤ a * a := by
  cases le_total 0 a with
  | inl h => exact mul_nonneg h h
  | inr h => exact mul_nonneg_of_nonpos_of_nonpos h h

/-- The square of a nonzero scalar is positive. -/
theorem mul_self_pos {a : K} (h : a ≠ 0) : 0 < a * a := by
  cases lt_trichotomy a 0 with
  | inl ha => exact mul_pos_of_neg_of_neg ha ha
  | inr h' =>
    cases h' with
    | inl ha => exact absurd ha h
    | inr ha => exact mul_pos ha ha

/-- A sum of positives is positive. -/
theorem add_pos {a b : K} (ha : 0 < a) (hb : 0 < b) : 0 < a + b := by
  have h := add_lt_add_of_lt_of_le ha (le_of_lt hb)
  rw [add_zero] at h
  exact h

/-- A sum of nonnegatives is nonnegative. -/
theorem add_nonneg {a b : K} (ha : 0 ≤ a) (hb : 0 ≤ b) : 0 ≤ a + b := by
  have h := add_le_add ha hb
  rw [add_zero] at h
  exact h

/-- A positive plus a nonnegative is positive. -/
theorem add_pos_of_pos_of_nonneg {a b : K} (ha : 0 < a) (hb : 0 ≤ b) : 0 < a + b := by
  have h := add_lt_add_of_lt_of_le ha hb
  rw [add_zero] at h
  exact h

/-- The inverse of a positive is positive. -/
theorem inv_pos {a : K} (h : 0 < a) : 0 < a⁻¹ := by
  cases lt_or_le 0 a⁻¹ with
  | inl hi => exact hi
  | inr hi =>
    have h1 := mul_le_mul_of_nonneg_left hi (le_of_lt h)
    rw [mul_inv_cancel₀ (ne_of_gt h), mul_zero] at h1
    exact absurd h1 (lt_iff_le_not_le.mp zero_lt_one).2

/-- The inverse of a nonnegative is nonnegative. -/
theorem inv_nonneg {a : K} (h : 0 ≤ a) : 0 ≤ a⁻¹ := by
  cases Classical.em (a = 0) with
  | inl ha =>
    rw [ha, inv_zero]
    exact le_refl 0
  | inr ha => exact le_of_lt (inv_pos (lt_of_le_of_ne h (Ne.symm ha)))

/-- A quotient of positives is positive. -/
theorem div_pos {a b : K} (ha : 0 < a) (hb : 0 < b) : 0 < a / b := by
  rw [div_eq_mul_inv]
  exact mul_pos ha (inv_pos hb)

/-- `0 ≤ a - b → b ≤ a`. -/
theorem le_of_sub_nonneg {a b : K} (h : 0 ≤ a - b) : b ≤ a := sub_nonneg.mp h

/-- `0 < a - b → b < a`. -/
theorem lt_of_sub_pos {a b : K} (h : 0 < a - b) : b < a := sub_pos.mp h

/-- Powers of a nonnegative are nonnegative. -/
theorem pow_nonneg {a : K} (h : 0 ≤ a) (n : Nat) : 0 ≤ a ^ n := by
  induction n with
  | zero =>
    rw [pow_zero]
    exact zero_le_one
  | succ n ih =>
    rw [pow_succ]
    exact mul_nonneg ih h

/-- Powers of a positive are positive. -/
theorem pow_pos {a : K} (h : 0 < a) (n : Nat) : 0 < a ^ n := by
  induction n with
  | zero =>
    rw [pow_zero]
    exact zero_lt_one
  | succ n ih =>
    rw [pow_succ]
    exact mul_pos ih h

/-- Powers are monotone on nonnegatives. -/
theorem pow_le_pow_left {a b : K} (ha : 0 ≤ a) (hab : a ≤ b) (n : Nat) : a ^ n ≤ b ^ n := by
  induction n with
  | zero =>
    rw [pow_zero, pow_zero]
    exact le_refl 1
  | succ n ih =>
    rw [pow_succ, pow_succ]
    exact le_trans (mul_le_mul_of_nonneg_right ih ha)
      (mul_le_mul_of_nonneg_left hab (pow_nonneg (le_trans ha hab) n))

end Order

end LearningRules
