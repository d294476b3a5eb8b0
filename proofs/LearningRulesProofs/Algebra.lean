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

* if-then-else: `if_pos`, `if_neg` (core's statements, proved by cases on the `Decidable`
  instance);
* commutative ring: `add_comm`, `add_assoc`, `add_left_comm`, `mul_comm`, `mul_assoc`,
  `mul_left_comm`, `mul_add`, `add_mul`, `zero_add`, `add_zero`, `mul_zero`, `zero_mul`, `one_mul`,
  `mul_one`, `neg_add_cancel`, `add_neg_cancel`, `sub_eq_add_neg`, `neg_neg`, `neg_mul`, `mul_neg`,
  `neg_add`, `sub_self`, `sub_zero`, `zero_sub`, `add_sub_cancel_right`, `one_add_one_eq_two`,
  `two_mul`, `pow_zero`, `pow_succ`, `pow_two`, `neg_zero`, `sub_sub`, `sub_add_cancel`, `mul_sub`,
  `sub_mul`, `add_right_cancel`, `eq_of_sub_eq_zero`, `sub_eq_zero_of_eq`, `mul_eq_zero`,
  `sub_right_comm`, `sub_add`, `sub_sub_cancel_left`, `add_sub_add_left_eq_sub`,
  `sub_sub_sub_cancel_right`, `sub_add_sub_cancel`, `sub_eq_sub_add_sub`,
  `two_mul_sub_add_two_mul_sub`, `add_sub_cancel_left`, `add_sub_add_right_eq_sub`,
  `sub_sub_add_cancel_left`, `sub_neg_eq_add`, `sub_two_mul_self`, `sub_add_add_self_left`,
  `sub_add_add_cancel_right`, `sub_add_eq_sub_of`, `add_right_eq_self`, `add_add_add_comm`,
  `sub_add_sub_comm`, `add_add_add_neg_cancel`, `add_add_neg_add_cancel`, `pow_two_mul`,
  `add_sub_sub_cancel`, `sub_add_add_cancel`;
* field: `div_eq_mul_inv`, `mul_inv_cancel₀`, `inv_mul_cancel₀`, `zero_ne_one`, `one_ne_zero`,
  `inv_zero`, `mul_div_cancel_right₀`, `inv_ne_zero`, `one_div`, `inv_eq_of_mul_eq_one_right`,
  `mul_inv`, `mul_ne_zero`, `eq_zero_of_mul_self_eq_zero`, `mul_inv_mul_mul_cancel_left`,
  `add_div`, `sub_div`, `div_mul_cancel₀`, `mul_left_cancel₀`, `mul_div_cancel_left₀`;
* order: `le_refl`, `le_trans`, `le_antisymm`, `le_total`, `lt_iff_le_not_le`, `lt_irrefl`,
  `le_of_lt`, `lt_of_le_of_lt`, `lt_of_lt_of_le`, `lt_trans`, `not_le`, `not_lt`, `le_of_eq`,
  `ne_of_lt`, `ne_of_gt`, `lt_or_le`, `le_or_lt`, `lt_trichotomy`, `lt_of_le_of_ne`;
* ordered ring: `add_le_add_right`, `add_le_add_left`, `add_le_add`, `add_lt_add_right`,
  `add_lt_add_left`, `add_lt_add_of_lt_of_le`, `add_lt_add_of_le_of_lt`, `sub_nonneg`, `sub_pos`,
  `sub_nonpos`, `sub_neg`, `neg_nonpos`, `neg_nonneg`, `neg_pos`, `neg_neg_iff_pos`, `zero_lt_one`,
  `zero_le_one`, `zero_lt_two`, `two_ne_zero`, `mul_pos`, `mul_nonneg`, `mul_le_mul_of_nonneg_left`,
  `mul_le_mul_of_nonneg_right`, `mul_lt_mul_of_pos_left`, `mul_lt_mul_of_pos_right`,
  `mul_self_nonneg`, `mul_self_pos`, `mul_pos_of_neg_of_neg`, `mul_neg_of_pos_of_neg`,
  `mul_neg_of_neg_of_pos`, `mul_nonneg_of_nonpos_of_nonpos`, `add_pos`, `add_nonneg`,
  `add_pos_of_pos_of_nonneg`, `inv_pos`, `inv_nonneg`, `div_pos`, `le_of_sub_nonneg`,
  `lt_of_sub_pos`, `pow_nonneg`, `pow_pos`, `pow_le_pow_left`, `sub_lt_self`, `sub_le_self`,
  `sub_add_lt_self_of_lt`, `sub_le_sub_right`, `neg_le_neg`, `sub_le_sub_left`,
  `le_sub_left_of_add_le`, `le_sub_comm`, `le_add_of_nonneg_right`, `le_add_of_nonneg_left`,
  `le_of_add_le_add_left`, `le_of_add_le_add_right`, `le_of_mul_sub_nonneg`,
  `eq_zero_of_add_eq_zero_left`, `le_of_mul_le_mul_left`, `le_of_mul_le_mul_right`,
  `sub_le_sub_add_of_add_neg_le`, `sub_add_le_sub_of_le_sub`, `le_div_of_mul_le_of_pos`,
  `le_two_mul_two_mul`;
* halving (`2 ≠ 0` comes from the order): `half_nonneg`, `add_self_div_two`,
  `inv_two_add_inv_two`, `two_mul_div_two`, `sub_two_mul_div_two`, `sub_two_mul_add_div_two`,
  `div_two_mul_sub_two_mul_add`, `one_sub_half_mul_two`, `two_sub_div_two`, `one_sub_inv_two`,
  `half_lt_one_of_lt_two`, `one_sub_half_pos`, `div_two_lt_of_lt_two_mul`, `two_mul_two_mul_half`.

## Implementation notes

Names and statements follow Mathlib, so that a proof written here reads like one written against
Mathlib; the few lemmas with no Mathlib counterpart we know of (`sub_two_mul_add_div_two`,
`one_sub_half_pos`, `add_add_add_neg_cancel`, …) carry descriptive names. They live in namespace
`LearningRules`, where core has no declaration of the same name, except `if_pos` and `if_neg`:
these restate core's root lemmas (which the project's core shim does not declare), and inside
namespace `LearningRules` the local name is the one found first.

Every general scalar fact the proof modules need is proved here, once; a proof module keeps only
the identities specific to its rule.
-/

set_option linter.unusedSectionVars false

namespace LearningRules

section Ite

universe u

/-- `if c then t else e` is `t` when `c` holds (core's `if_pos`, with core's statement, proved by
cases on the `Decidable` instance). -/
theorem if_pos {c : Prop} {h : Decidable c} (hc : c) {α : Sort u} {t e : α} :
    (ite c t e) = t := by
  cases h with
  | isTrue _ => rfl
  | isFalse hn => exact absurd hc hn

/-- `if c then t else e` is `e` when `c` fails (core's `if_neg`, with core's statement, proved by
cases on the `Decidable` instance). -/
theorem if_neg {c : Prop} {h : Decidable c} (hnc : ¬c) {α : Sort u} {t e : α} :
    (ite c t e) = e := by
  cases h with
  | isTrue hc => exact absurd hc hnc
  | isFalse _ => rfl

end Ite

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

/-- `a - b - c = a - c - b`. -/
theorem sub_right_comm (a b c : K) : a - b - c = a - c - b := by
  simp only [sub_eq_add_neg, add_assoc, add_comm (-b) (-c)]

/-- `a - b + c = a - (b - c)`. -/
theorem sub_add (a b c : K) : a - b + c = a - (b - c) := by
  simp only [sub_eq_add_neg, neg_add, neg_neg, add_comm, add_left_comm]

/-- `a - b - a = -b`. -/
theorem sub_sub_cancel_left (a b : K) : a - b - a = -b := by
  rw [sub_eq_add_neg a b, sub_eq_add_neg, add_assoc, add_left_comm a (-b) (-a), add_neg_cancel,
    add_zero]

/-- `c + a - (c + b) = a - b`. -/
theorem add_sub_add_left_eq_sub (a b c : K) : c + a - (c + b) = a - b := by
  rw [sub_eq_add_neg, neg_add, add_assoc, add_left_comm a (-c) (-b), ← add_assoc c (-c),
    add_neg_cancel, zero_add, ← sub_eq_add_neg]

/-- `a - c - (b - c) = a - b`. -/
theorem sub_sub_sub_cancel_right (a b c : K) : a - c - (b - c) = a - b := by
  rw [sub_eq_add_neg a c, sub_eq_add_neg b c, sub_eq_add_neg, neg_add, neg_neg, add_assoc,
    add_left_comm (-c) (-b) c, neg_add_cancel, add_zero, ← sub_eq_add_neg]

/-- Telescoping a difference: `a - b + (b - c) = a - c`. -/
theorem sub_add_sub_cancel (a b c : K) : a - b + (b - c) = a - c := by
  rw [sub_eq_add_neg b c, ← add_assoc, sub_add_cancel, ← sub_eq_add_neg]

/-- Splitting a difference at an intermediate point: `a - b = c - b + (a - c)`. -/
theorem sub_eq_sub_add_sub (a b c : K) : a - b = c - b + (a - c) := by
  rw [add_comm, sub_add_sub_cancel]

/-- Telescoping twice a difference: `2 (a - b) + 2 (b - c) = 2 (a - c)`. -/
theorem two_mul_sub_add_two_mul_sub (a b c : K) : 2 * (a - b) + 2 * (b - c) = 2 * (a - c) := by
  rw [← mul_add, sub_add_sub_cancel]

/-- `a + b - a = b`. -/
theorem add_sub_cancel_left (a b : K) : a + b - a = b := by
  rw [add_comm a b, add_sub_cancel_right]

/-- A common summand cancels on the right: `a + c - (b + c) = a - b`. -/
theorem add_sub_add_right_eq_sub (a b c : K) : a + c - (b + c) = a - b := by
  rw [sub_eq_add_neg, neg_add, add_assoc, add_left_comm c (-b) (-c), add_neg_cancel, add_zero,
    ← sub_eq_add_neg]

/-- Cancelling the leading term: `a - (a - b + c) = b - c`. -/
theorem sub_sub_add_cancel_left (a b c : K) : a - (a - b + c) = b - c := by
  rw [sub_eq_add_neg a b, add_assoc a (-b) c, sub_eq_add_neg a, neg_add, ← add_assoc,
    add_neg_cancel, zero_add, neg_add, neg_neg, ← sub_eq_add_neg]

/-- Subtracting a negation adds: `a - -b = a + b`. -/
theorem sub_neg_eq_add (a b : K) : a - -b = a + b := by
  rw [sub_eq_add_neg, neg_neg]

/-- Subtracting twice a number: `a - 2 * a = -a`. -/
theorem sub_two_mul_self (a : K) : a - 2 * a = -a := by
  rw [two_mul, sub_eq_add_neg, neg_add, ← add_assoc, add_neg_cancel, zero_add]

/-- Cancelling a summand inside a difference: `a - (a + b + c) = -(b + c)`. -/
theorem sub_add_add_self_left (a b c : K) : a - (a + b + c) = -(b + c) := by
  rw [add_assoc, sub_eq_add_neg, neg_add, ← add_assoc, add_neg_cancel, zero_add]

/-- Cancelling a summand: `a - (b + c) + c = a - b`. -/
theorem sub_add_add_cancel_right (a b c : K) : a - (b + c) + c = a - b := by
  rw [sub_eq_add_neg, neg_add, ← add_assoc, add_assoc (a + -b), neg_add_cancel, add_zero,
    ← sub_eq_add_neg]

/-- A rearrangement without cancellation: from `x + z + v = u + y`, `x - y + z = u - v`. -/
theorem sub_add_eq_sub_of {x y z u v : K} (h : x + z + v = u + y) : x - y + z = u - v := by
  apply eq_of_sub_eq_zero
  have h0 := sub_eq_zero_of_eq h
  have e : x - y + z - (u - v) = x + z + v - (u + y) := by
    simp only [sub_eq_add_neg, neg_add, neg_neg, add_assoc, add_comm, add_left_comm]
  rw [e]
  exact h0

/-- A summand that leaves a number unchanged is zero: `a + b = a ↔ b = 0`. -/
theorem add_right_eq_self {a b : K} : a + b = a ↔ b = 0 := by
  constructor
  · intro h
    have e : b = a + b - a := by rw [add_comm a b, add_sub_cancel_right]
    rw [e, h, sub_self]
  · intro h
    rw [h, add_zero]

/-- Exchanging the middle terms of a sum of sums: `a + b + (c + d) = a + c + (b + d)`. -/
theorem add_add_add_comm (a b c d : K) : a + b + (c + d) = a + c + (b + d) := by
  rw [add_assoc, add_left_comm b c d, ← add_assoc]

/-- Exchanging the middle terms of a sum of differences: `a - b + (c - d) = a + c - (b + d)`. -/
theorem sub_add_sub_comm (a b c d : K) : a - b + (c - d) = a + c - (b + d) := by
  rw [sub_eq_add_neg a b, sub_eq_add_neg c d, sub_eq_add_neg (a + c) (b + d), neg_add]
  exact add_add_add_comm a (-b) c (-d)

/-- Cancelling `b` against `-b`: `a + b + (c + -b) = a + c`. -/
theorem add_add_add_neg_cancel (a b c : K) : a + b + (c + -b) = a + c := by
  rw [add_assoc a b (c + -b), ← add_assoc b c (-b), add_comm b c, add_assoc c b (-b),
    add_neg_cancel, add_zero]

/-- Cancelling `a` against `-a`: `a + b + (-a + b) = b + b`. -/
theorem add_add_neg_add_cancel (a b : K) : a + b + (-a + b) = b + b := by
  rw [add_assoc a b (-a + b), ← add_assoc b (-a) b, add_comm b (-a), add_assoc (-a) b b,
    ← add_assoc a (-a) (b + b), add_neg_cancel, zero_add]

/-- `1 / a = a⁻¹`. -/
theorem one_div (a : K) : 1 / a = a⁻¹ := by
  rw [div_eq_mul_inv, one_mul]

/-- A right inverse is the inverse: `a * b = 1 → a⁻¹ = b`. -/
theorem inv_eq_of_mul_eq_one_right {a b : K} (h : a * b = 1) : a⁻¹ = b := by
  have ha : a ≠ 0 := fun h0 => by
    rw [h0, zero_mul] at h
    exact zero_ne_one h
  have e : a⁻¹ = a⁻¹ * (a * b) := by rw [h, mul_one]
  rw [e, ← mul_assoc, inv_mul_cancel₀ ha, one_mul]

/-- The inverse of a product: `(a * b)⁻¹ = a⁻¹ * b⁻¹` (both sides vanish when a factor does). -/
theorem mul_inv (a b : K) : (a * b)⁻¹ = a⁻¹ * b⁻¹ := by
  cases Classical.em (a = 0) with
  | inl ha => rw [ha, zero_mul, inv_zero, zero_mul]
  | inr ha =>
    cases Classical.em (b = 0) with
    | inl hb => rw [hb, mul_zero, inv_zero, mul_zero]
    | inr hb =>
      apply inv_eq_of_mul_eq_one_right
      rw [mul_assoc, mul_left_comm b a⁻¹ b⁻¹, mul_inv_cancel₀ hb, mul_one, mul_inv_cancel₀ ha]

/-- A product of nonzero elements is nonzero. -/
theorem mul_ne_zero {a b : K} (ha : a ≠ 0) (hb : b ≠ 0) : a * b ≠ 0 := by
  intro hab
  cases mul_eq_zero.mp hab with
  | inl h => exact ha h
  | inr h => exact hb h

/-- A scalar whose square vanishes is zero: `a * a = 0 → a = 0`. -/
theorem eq_zero_of_mul_self_eq_zero {a : K} (h : a * a = 0) : a = 0 := by
  cases mul_eq_zero.mp h with
  | inl h => exact h
  | inr h => exact h

/-- A common nonzero factor cancels: `(a * b)⁻¹ * (a * x) = b⁻¹ * x` for `a, b ≠ 0`. -/
theorem mul_inv_mul_mul_cancel_left {a b : K} (x : K) (ha : a ≠ 0) (hb : b ≠ 0) :
    (a * b)⁻¹ * (a * x) = b⁻¹ * x := by
  rw [mul_inv, mul_assoc, mul_left_comm b⁻¹ a x, ← mul_assoc a⁻¹ a, inv_mul_cancel₀ ha, one_mul]

/-- Division distributes over a sum: `(a + b) / c = a / c + b / c`. -/
theorem add_div (a b c : K) : (a + b) / c = a / c + b / c := by
  rw [div_eq_mul_inv, div_eq_mul_inv, div_eq_mul_inv, add_mul]

/-- Division distributes over a difference: `(a - b) / c = a / c - b / c`. -/
theorem sub_div (a b c : K) : (a - b) / c = a / c - b / c := by
  rw [div_eq_mul_inv, div_eq_mul_inv, div_eq_mul_inv, sub_mul]

/-- `b ≠ 0 → a / b * b = a`. -/
theorem div_mul_cancel₀ (a : K) {b : K} (h : b ≠ 0) : a / b * b = a := by
  rw [div_eq_mul_inv, mul_assoc, inv_mul_cancel₀ h, mul_one]

/-- Cancelling a nonzero factor on the left: `a ≠ 0 → a * b = a * c → b = c`. -/
theorem mul_left_cancel₀ {a b c : K} (ha : a ≠ 0) (h : a * b = a * c) : b = c := by
  have e : a * (b - c) = 0 := by rw [mul_sub, h, sub_self]
  cases mul_eq_zero.mp e with
  | inl h1 => exact absurd h1 ha
  | inr h1 => exact eq_of_sub_eq_zero h1

/-- `a ≠ 0 → a * b / a = b`. -/
theorem mul_div_cancel_left₀ (b : K) {a : K} (ha : a ≠ 0) : a * b / a = b := by
  rw [mul_comm a b]
  exact mul_div_cancel_right₀ b ha

/-- Doubling the exponent: `a ^ (2 k) = a ^ k * a ^ k`. -/
theorem pow_two_mul (a : K) : ∀ k : Nat, a ^ (2 * k) = a ^ k * a ^ k
  | 0 => by
    rw [Nat.mul_zero, pow_zero, mul_one]
  | k + 1 => by
    have ih := pow_two_mul a k
    have e : 2 * (k + 1) = 2 * k + 1 + 1 := rfl
    rw [e, pow_succ a (2 * k + 1), pow_succ a (2 * k), pow_succ a k, ih]
    simp only [mul_comm, mul_left_comm]

/-- Cancelling a common summand: `a + b - (a - c) = b + c`. -/
theorem add_sub_sub_cancel (a b c : K) : a + b - (a - c) = b + c := by
  rw [sub_eq_add_neg a c, sub_eq_add_neg, neg_add, neg_neg, add_assoc, add_left_comm b (-a) c,
    ← add_assoc a (-a), add_neg_cancel, zero_add]

/-- Cancelling a subtracted summand added back: `a - b + c + b = a + c`. -/
theorem sub_add_add_cancel (a b c : K) : a - b + c + b = a + c := by
  rw [sub_eq_add_neg, add_assoc a (-b) c, add_assoc a, add_assoc (-b) c b, add_comm c b,
    ← add_assoc (-b) b c, neg_add_cancel, zero_add]

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

/-- Subtracting a positive quantity makes a number smaller: `0 < b → a - b < a`. -/
theorem sub_lt_self (a : K) {b : K} (h : 0 < b) : a - b < a := by
  have h' := add_lt_add_left (neg_neg_iff_pos.mpr h) a
  rw [add_zero, ← sub_eq_add_neg] at h'
  exact h'

/-- Subtracting a nonnegative quantity does not increase a number: `0 ≤ b → a - b ≤ a`. -/
theorem sub_le_self (a : K) {b : K} (h : 0 ≤ b) : a - b ≤ a := by
  have h' := add_le_add_left (neg_nonpos.mpr h) a
  rw [add_zero, ← sub_eq_add_neg] at h'
  exact h'

/-- Adding back less than was subtracted stays strictly below: `c < b → a - b + c < a`. -/
theorem sub_add_lt_self_of_lt {a b c : K} (h : c < b) : a - b + c < a := by
  have h1 := add_lt_add_left h (a - b)
  rw [sub_add_cancel] at h1
  exact h1

/-- Subtracting on the right preserves `≤`: `a ≤ b → a - c ≤ b - c`. -/
theorem sub_le_sub_right {a b : K} (h : a ≤ b) (c : K) : a - c ≤ b - c := by
  rw [sub_eq_add_neg, sub_eq_add_neg]
  exact add_le_add_right h (-c)

/-- Negation reverses `≤`: `a ≤ b → -b ≤ -a`. -/
theorem neg_le_neg {a b : K} (h : a ≤ b) : -b ≤ -a := by
  have h1 := add_le_add_left h (-a + -b)
  have e1 : -a + -b + a = -b := by rw [add_comm (-a) (-b), add_assoc, neg_add_cancel, add_zero]
  have e2 : -a + -b + b = -a := by rw [add_assoc, neg_add_cancel, add_zero]
  rw [e1, e2] at h1
  exact h1

/-- Subtracting from the left reverses `≤`: `a ≤ b → c - b ≤ c - a`. -/
theorem sub_le_sub_left {a b : K} (h : a ≤ b) (c : K) : c - b ≤ c - a := by
  rw [sub_eq_add_neg, sub_eq_add_neg]
  exact add_le_add_left (neg_le_neg h) c

/-- Moving a summand across `≤`: `a + b ≤ c → b ≤ c - a`. -/
theorem le_sub_left_of_add_le {a b c : K} (h : a + b ≤ c) : b ≤ c - a := by
  have h' := add_le_add_right h (-a)
  rw [add_comm a b, add_assoc, add_neg_cancel, add_zero, ← sub_eq_add_neg] at h'
  exact h'

/-- Trading the subtrahend across `≤`: `a ≤ c - b ↔ b ≤ c - a`. -/
theorem le_sub_comm {a b c : K} : a ≤ c - b ↔ b ≤ c - a := by
  have key : ∀ {x y z : K}, x ≤ z - y → y ≤ z - x := by
    intro x y z h
    have h1 := add_le_add_right h y
    rw [sub_add_cancel] at h1
    have h2 := sub_le_sub_right h1 x
    rw [add_comm x y, add_sub_cancel_right] at h2
    exact h2
  exact ⟨key, key⟩

/-- Adding a nonnegative term on the right: `0 ≤ b → a ≤ a + b`. -/
theorem le_add_of_nonneg_right {a b : K} (h : 0 ≤ b) : a ≤ a + b := by
  have h' := add_le_add_left h a
  rw [add_zero] at h'
  exact h'

/-- Adding a nonnegative term on the left: `0 ≤ b → a ≤ b + a`. -/
theorem le_add_of_nonneg_left {a b : K} (h : 0 ≤ b) : a ≤ b + a := by
  have h' := add_le_add_right h a
  rw [zero_add] at h'
  exact h'

/-- A negative times a positive is negative. -/
theorem mul_neg_of_neg_of_pos {a b : K} (ha : a < 0) (hb : 0 < b) : a * b < 0 := by
  rw [mul_comm]
  exact mul_neg_of_pos_of_neg hb ha

/-- Cancelling a common left summand: `a + b ≤ a + c → b ≤ c`. -/
theorem le_of_add_le_add_left {a b c : K} (h : a + b ≤ a + c) : b ≤ c := by
  have h1 := add_le_add_left h (-a)
  rw [← add_assoc, ← add_assoc, neg_add_cancel, zero_add, zero_add] at h1
  exact h1

/-- Cancelling a common right summand: `a + b ≤ c + b → a ≤ c`. -/
theorem le_of_add_le_add_right {a b c : K} (h : a + b ≤ c + b) : a ≤ c := by
  have h' := add_le_add_right h (-b)
  rw [add_assoc, add_neg_cancel, add_zero, add_assoc, add_neg_cancel, add_zero] at h'
  exact h'

/-- From `0 ≤ c (a - b)` with `0 < c`: `b ≤ a`. -/
theorem le_of_mul_sub_nonneg {a b c : K} (hc : 0 < c) (h : 0 ≤ c * (a - b)) : b ≤ a := by
  refine Classical.byContradiction (fun hn => ?_)
  have hneg : c * (a - b) < 0 := mul_neg_of_pos_of_neg hc (sub_neg.mpr (not_le.mp hn))
  exact lt_irrefl 0 (lt_of_le_of_lt h hneg)

/-- Of two nonnegative numbers with zero sum, the first is zero. -/
theorem eq_zero_of_add_eq_zero_left {a b : K} (ha : 0 ≤ a) (hb : 0 ≤ b) (h : a + b = 0) :
    a = 0 := by
  have h1 : a + 0 ≤ a + b := add_le_add_left hb a
  rw [add_zero, h] at h1
  exact le_antisymm h1 ha

/-- Cancelling a positive factor on the left: `c * a ≤ c * b → 0 < c → a ≤ b`. -/
theorem le_of_mul_le_mul_left {a b c : K} (h : c * a ≤ c * b) (hc : 0 < c) : a ≤ b := by
  refine not_lt.mp (fun hlt => ?_)
  have h2 := mul_lt_mul_of_pos_left hlt hc
  exact lt_irrefl _ (lt_of_le_of_lt h h2)

/-- Cancelling a positive factor on the right: `a * c ≤ b * c → 0 < c → a ≤ b`. -/
theorem le_of_mul_le_mul_right {a b c : K} (h : a * c ≤ b * c) (hc : 0 < c) : a ≤ b := by
  refine not_lt.mp (fun hlt => ?_)
  have h2 := mul_lt_mul_of_pos_right hlt hc
  exact lt_irrefl _ (lt_of_le_of_lt h h2)

/-- From `a + -b ≤ c`, the gaps to `d` satisfy `a - d ≤ c - d + b`. -/
theorem sub_le_sub_add_of_add_neg_le {a b c d : K} (h : a + -b ≤ c) : a - d ≤ c - d + b := by
  have h1 := add_le_add_right h b
  rw [add_assoc, neg_add_cancel, add_zero] at h1
  have h2 := sub_le_sub_right h1 d
  have e : c + b - d = c - d + b := by
    rw [sub_eq_add_neg, sub_eq_add_neg, add_assoc, add_comm b (-d), ← add_assoc]
  rw [e] at h2
  exact h2

/-- From `a ≤ b - q`, the gaps to `d` satisfy `a - d + q ≤ b - d`. -/
theorem sub_add_le_sub_of_le_sub {a b q d : K} (h : a ≤ b - q) : a - d + q ≤ b - d := by
  have h1 := add_le_add_right h q
  rw [sub_add_cancel] at h1
  have h2 := sub_le_sub_right h1 d
  have e : a + q - d = a - d + q := by
    rw [sub_eq_add_neg, sub_eq_add_neg, add_assoc, add_comm q (-d), ← add_assoc]
  rw [e] at h2
  exact h2

/-- Dividing a bound by a positive factor: `0 < c → c * a ≤ b → a ≤ b / c`. -/
theorem le_div_of_mul_le_of_pos {a b c : K} (hc : 0 < c) (h : c * a ≤ b) : a ≤ b / c := by
  have e : a = c⁻¹ * (c * a) := by rw [← mul_assoc, inv_mul_cancel₀ (ne_of_gt hc), one_mul]
  rw [e, div_eq_mul_inv, mul_comm b]
  exact mul_le_mul_of_nonneg_left h (inv_nonneg (le_of_lt hc))

/-- A nonnegative number is at most four times itself: `0 ≤ a → a ≤ 2 (2 a)`. -/
theorem le_two_mul_two_mul {a : K} (ha : 0 ≤ a) : a ≤ 2 * (2 * a) := by
  have h1 : a ≤ 2 * a := by
    rw [two_mul]
    exact le_add_of_nonneg_right ha
  have h2 : 2 * a ≤ 2 * (2 * a) := by
    rw [two_mul (2 * a)]
    exact le_add_of_nonneg_right (le_trans ha h1)
  exact le_trans h1 h2

end Order

section Halves

/-! ### Halving

`2 ≠ 0` comes from the order (`zero_lt_two`), so the lemmas about `/ 2` carry its classes. -/

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K]

/-- Half of a nonnegative number is nonnegative: `0 ≤ a → 0 ≤ a / 2`. -/
theorem half_nonneg {a : K} (ha : 0 ≤ a) : 0 ≤ a / 2 := by
  rw [div_eq_mul_inv]
  exact mul_nonneg ha (inv_nonneg (le_of_lt zero_lt_two))

/-- Halving a double: `(a + a) / 2 = a`. -/
theorem add_self_div_two (a : K) : (a + a) / 2 = a := by
  rw [← two_mul, mul_comm, mul_div_cancel_right₀ a two_ne_zero]

/-- Halving a sum with a doubled middle term: `(a - 2 * b + c) / 2 = a / 2 - b + c / 2`. -/
theorem sub_two_mul_add_div_two (a b c : K) : (a - 2 * b + c) / 2 = a / 2 - b + c / 2 := by
  rw [div_eq_mul_inv, div_eq_mul_inv, div_eq_mul_inv, sub_eq_add_neg, add_mul, add_mul, neg_mul,
    mul_comm 2 b, mul_assoc b 2 2⁻¹, mul_inv_cancel₀ two_ne_zero, mul_one, ← sub_eq_add_neg]

/-- Distributing a halved factor over a sum with a doubled middle term:
`d / 2 * (a - 2 * b + c) = d / 2 * a - d * b + d / 2 * c`. -/
theorem div_two_mul_sub_two_mul_add (d a b c : K) :
    d / 2 * (a - 2 * b + c) = d / 2 * a - d * b + d / 2 * c := by
  rw [mul_add, mul_sub, div_eq_mul_inv, mul_assoc d 2⁻¹ (2 * b), ← mul_assoc 2⁻¹ 2 b,
    inv_mul_cancel₀ two_ne_zero, one_mul]

/-- Two halves make a whole: `2⁻¹ + 2⁻¹ = 1`. -/
theorem inv_two_add_inv_two : (2 : K)⁻¹ + 2⁻¹ = 1 := by
  rw [← two_mul, mul_inv_cancel₀ two_ne_zero]

/-- Twice a half: `2 * (a / 2) = a`. -/
theorem two_mul_div_two (a : K) : 2 * (a / 2) = a := by
  rw [div_eq_mul_inv, mul_left_comm, mul_inv_cancel₀ two_ne_zero, mul_one]

/-- Halving a doubled term: `(a - 2 * b) / 2 = a / 2 - b`. -/
theorem sub_two_mul_div_two (a b : K) : (a - 2 * b) / 2 = a / 2 - b := by
  rw [sub_div, div_eq_mul_inv (2 * b), mul_comm 2 b, mul_assoc, mul_inv_cancel₀ two_ne_zero,
    mul_one]

/-- `(1 - a / 2) * 2 = 2 - a`. -/
theorem one_sub_half_mul_two (a : K) : (1 - a / 2) * 2 = 2 - a := by
  rw [sub_mul, one_mul, div_mul_cancel₀ a two_ne_zero]

/-- `(2 - a) / 2 = 1 - a / 2`. -/
theorem two_sub_div_two (a : K) : (2 - a) / 2 = 1 - a / 2 := by
  rw [div_eq_mul_inv, sub_mul, mul_inv_cancel₀ two_ne_zero, ← div_eq_mul_inv]

/-- `1 - 2⁻¹ = 2⁻¹`. -/
theorem one_sub_inv_two : (1 : K) - 2⁻¹ = 2⁻¹ := by
  rw [← inv_two_add_inv_two, add_sub_cancel_right]

/-- Halving below two: `a < 2 → a / 2 < 1`. -/
theorem half_lt_one_of_lt_two {a : K} (h : a < 2) : a / 2 < 1 := by
  have h1 := mul_lt_mul_of_pos_right h (inv_pos zero_lt_two)
  rw [mul_inv_cancel₀ two_ne_zero, ← div_eq_mul_inv] at h1
  exact h1

/-- A number below `2` has a positive complement of its half: `a < 2 → 0 < 1 - a / 2`. -/
theorem one_sub_half_pos {a : K} (h : a < 2) : 0 < 1 - a / 2 :=
  sub_pos.mpr (half_lt_one_of_lt_two h)

/-- Halving a strict bound by a double: `a < 2 * b → a / 2 < b`. -/
theorem div_two_lt_of_lt_two_mul {a b : K} (h : a < 2 * b) : a / 2 < b := by
  have h' := mul_lt_mul_of_pos_right h (inv_pos zero_lt_two)
  rw [mul_comm 2 b, mul_assoc b 2 2⁻¹, mul_inv_cancel₀ two_ne_zero, mul_one, ← div_eq_mul_inv]
    at h'
  exact h'

/-- `2 (2 (L/2 D)) = 2 L D`. -/
theorem two_mul_two_mul_half (L D : K) : 2 * (2 * (L / 2 * D)) = 2 * L * D := by
  have e : 2 * (2 * (L / 2 * D)) = 2 * 2⁻¹ * (2 * L * D) := by
    simp only [div_eq_mul_inv, mul_assoc, mul_comm, mul_left_comm]
  rw [e, mul_inv_cancel₀ two_ne_zero, one_mul]

end Halves

end LearningRules
