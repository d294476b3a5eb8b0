prelude
import Init.Prelude
import Init.Notation
/-!
# Shim: numbers, casts, and the algebra and order classes of `grind` (Lean 4.35.0)

Mirrors, by name and type: `NatCast`/`IntCast` (`Init/Data/Cast.lean`, `Init/Data/Int/Basic.lean`), `Int`
(`Init/Data/Int/Basic.lean`), the order classes `Std.IsPreorder`, `Std.IsPartialOrder`, `Std.IsLinearPreorder`,
`Std.IsLinearOrder`, `Std.LawfulOrderLT` (`Init/Data/Order/Classes.lean`), and `Lean.Grind.Semiring`, `Ring`,
`CommSemiring`, `CommRing` (`Init/Grind/Ring/Basic.lean`), `Field` (`Init/Grind/Ring/Field.lean`),
`OrderedAdd` (`Init/Grind/Ordered/Module.lean`), `OrderedRing` (`Init/Grind/Ordered/Ring.lean`). Class fields
are core's, in core's order; default values (`:= by intros; rfl`) are omitted (they only matter when an
instance is written, and the library writes none).
-/
set_option linter.unusedVariables false
set_option genCtorIdx false
universe u v

/-- Canonical maps from `Nat`. -/
class NatCast (R : Type u) where
  /-- The map. -/
  protected natCast : Nat → R

/-- `Nat.cast`. -/
@[reducible, match_pattern] protected def Nat.cast {R : Type u} [NatCast R] : Nat → R := NatCast.natCast

/-- The integers. -/
inductive Int : Type where
  /-- `n ≥ 0`. -/
  | ofNat : Nat → Int
  /-- `-(n + 1)`. -/
  | negSucc : Nat → Int

/-- `NatCast Int`. -/
instance instNatCastInt : NatCast Int := ⟨Int.ofNat⟩

/-- Integer literals. -/
instance instOfNat {n : Nat} : OfNat Int n := ⟨Int.ofNat n⟩

/-- `Inhabited Int`. -/
instance instInhabitedInt : Inhabited Int := ⟨Int.ofNat Nat.zero⟩

/-- Negation of integers (the shim never computes with it). -/
@[extern "lean_int_neg"]
protected opaque Int.neg (n : @& Int) : Int

/-- `Neg Int`. -/
instance Int.instNegInt : Neg Int := ⟨Int.neg⟩

/-- Addition of integers. -/
@[extern "lean_int_add"]
protected opaque Int.add (m n : @& Int) : Int

/-- `Add Int`. -/
instance Int.instAdd : Add Int := ⟨Int.add⟩

/-- Canonical maps from `Int`. -/
class IntCast (R : Type u) where
  /-- The map. -/
  protected intCast : Int → R

/-- `Int.cast`. -/
@[reducible, match_pattern] protected def Int.cast {R : Type u} [IntCast R] : Int → R := IntCast.intCast

namespace Std

/-- `≤` is a preorder. -/
class IsPreorder (α : Type u) [LE α] where
  /-- Reflexivity. -/
  le_refl : ∀ a : α, a ≤ a
  /-- Transitivity. -/
  le_trans : ∀ a b c : α, a ≤ b → b ≤ c → a ≤ c

/-- `≤` is a partial order. -/
class IsPartialOrder (α : Type u) [LE α] extends IsPreorder α where
  /-- Antisymmetry. -/
  le_antisymm : ∀ a b : α, a ≤ b → b ≤ a → a = b

/-- `≤` is a total preorder. -/
class IsLinearPreorder (α : Type u) [LE α] extends IsPreorder α where
  /-- Totality. -/
  le_total : ∀ a b : α, a ≤ b ∨ b ≤ a

/-- `≤` is a linear order. -/
class IsLinearOrder (α : Type u) [LE α] extends IsPartialOrder α, IsLinearPreorder α

/-- `<` agrees with `≤`. -/
class LawfulOrderLT (α : Type u) [LT α] [LE α] where
  /-- `a < b ↔ a ≤ b ∧ ¬ b ≤ a`. -/
  lt_iff : ∀ a b : α, a < b ↔ a ≤ b ∧ ¬ b ≤ a

end Std

namespace Lean.Grind

/-- A semiring (core's `Lean.Grind.Semiring`). -/
class Semiring (α : Type u) extends Add α, Mul α where
  /-- The canonical map from `Nat`. -/
  [natCast : NatCast α]
  /-- Numerals. -/
  [ofNat : ∀ n, OfNat α n]
  /-- `Nat` scalar multiplication. -/
  [nsmul : SMul Nat α]
  /-- `Nat` powers. -/
  [npow : HPow α Nat α]
  /-- `a + 0 = a`. -/
  add_zero : ∀ a : α, a + 0 = a
  /-- `a + b = b + a`. -/
  add_comm : ∀ a b : α, a + b = b + a
  /-- `a + b + c = a + (b + c)`. -/
  add_assoc : ∀ a b c : α, a + b + c = a + (b + c)
  /-- `a * b * c = a * (b * c)`. -/
  mul_assoc : ∀ a b c : α, a * b * c = a * (b * c)
  /-- `a * 1 = a`. -/
  mul_one : ∀ a : α, a * 1 = a
  /-- `1 * a = a`. -/
  one_mul : ∀ a : α, 1 * a = a
  /-- `a * (b + c) = a * b + a * c`. -/
  left_distrib : ∀ a b c : α, a * (b + c) = a * b + a * c
  /-- `(a + b) * c = a * c + b * c`. -/
  right_distrib : ∀ a b c : α, (a + b) * c = a * c + b * c
  /-- `0 * a = 0`. -/
  zero_mul : ∀ a : α, 0 * a = 0
  /-- `a * 0 = 0`. -/
  mul_zero : ∀ a : α, a * 0 = 0
  /-- `a ^ 0 = 1`. -/
  pow_zero : ∀ a : α, a ^ 0 = 1
  /-- `a ^ (n + 1) = a ^ n * a`. -/
  pow_succ : ∀ a : α, ∀ n : Nat, a ^ (n + 1) = (a ^ n) * a
  /-- Numerals and `+ 1`. -/
  ofNat_succ : ∀ a : Nat, OfNat.ofNat (α := α) (a + 1) = OfNat.ofNat a + 1
  /-- Numerals and `Nat.cast`. -/
  ofNat_eq_natCast : ∀ n : Nat, OfNat.ofNat (α := α) n = Nat.cast n
  /-- `n • a = n * a`. -/
  nsmul_eq_natCast_mul : ∀ n : Nat, ∀ a : α, n • a = Nat.cast n * a

/-- A ring (core's `Lean.Grind.Ring`). -/
class Ring (α : Type u) extends Semiring α, Neg α, Sub α where
  /-- The canonical map from `Int`. -/
  [intCast : IntCast α]
  /-- `Int` scalar multiplication. -/
  [zsmul : SMul Int α]
  /-- `-a + a = 0`. -/
  neg_add_cancel : ∀ a : α, -a + a = 0
  /-- `a - b = a + -b`. -/
  sub_eq_add_neg : ∀ a b : α, a - b = a + -b
  /-- `(-i) • a = -(i • a)`. -/
  neg_zsmul : ∀ (i : Int) (a : α), (-i : Int) • a = -(i • a)
  /-- `(n : Int) • a = n • a`. -/
  zsmul_natCast_eq_nsmul : ∀ n : Nat, ∀ a : α, (Nat.cast n : Int) • a = n • a
  /-- `Int.cast` of a numeral. -/
  intCast_ofNat : ∀ n : Nat, Int.cast (OfNat.ofNat (α := Int) n) = OfNat.ofNat (α := α) n
  /-- `Int.cast` and negation. -/
  intCast_neg : ∀ i : Int, Int.cast (R := α) (-i) = -Int.cast i

/-- A commutative semiring (core's `Lean.Grind.CommSemiring`). -/
class CommSemiring (α : Type u) extends Semiring α where
  /-- `a * b = b * a`. -/
  mul_comm : ∀ a b : α, a * b = b * a

/-- A commutative ring (core's `Lean.Grind.CommRing`). -/
class CommRing (α : Type u) extends Ring α, CommSemiring α

attribute [instance_reducible] Semiring.npow Semiring.ofNat Semiring.natCast
attribute [instance_reducible] Ring.intCast Ring.zsmul
attribute [instance 100] Semiring.toAdd Semiring.toMul Semiring.npow Ring.toNeg Ring.toSub
attribute [instance 100] Semiring.ofNat

/-- A field (core's `Lean.Grind.Field`). -/
class Field (α : Type u) extends CommRing α, Inv α, Div α where
  /-- `Int` powers. -/
  [zpow : HPow α Int α]
  /-- `a / b = a * b⁻¹`. -/
  div_eq_mul_inv : ∀ a b : α, a / b = a * b⁻¹
  /-- `0 ≠ 1`. -/
  zero_ne_one : (0 : α) ≠ 1
  /-- `0⁻¹ = 0`. -/
  inv_zero : (0 : α)⁻¹ = 0
  /-- `a ≠ 0 → a * a⁻¹ = 1`. -/
  mul_inv_cancel : ∀ {a : α}, a ≠ 0 → a * a⁻¹ = 1
  /-- `a ^ (0 : Int) = 1`. -/
  zpow_zero : ∀ a : α, a ^ (0 : Int) = 1
  /-- `a ^ (n + 1 : Int) = a ^ (n : Int) * a`. -/
  zpow_succ : ∀ (a : α) (n : Nat), a ^ (Nat.cast n + 1 : Int) = a ^ (Nat.cast n : Int) * a
  /-- `a ^ (-n) = (a ^ n)⁻¹`. -/
  zpow_neg : ∀ (a : α) (n : Int), a ^ (-n) = (a ^ n)⁻¹

attribute [instance_reducible] Field.zpow
attribute [instance 100] Field.toInv Field.toDiv Field.zpow

/-- Addition is compatible with the preorder (core's `Lean.Grind.OrderedAdd`). -/
class OrderedAdd (M : Type u) [HAdd M M M] [LE M] [Std.IsPreorder M] where
  /-- `a ≤ b ↔ a + c ≤ b + c`. -/
  add_le_left_iff : ∀ {a b : M} (c : M), a ≤ b ↔ a + c ≤ b + c

/-- A strict ordered ring (core's `Lean.Grind.OrderedRing`). -/
class OrderedRing (R : Type u) [Semiring R] [LE R] [LT R] [Std.IsPreorder R] extends OrderedAdd R where
  /-- `0 < 1`. -/
  zero_lt_one : (0 : R) < 1
  /-- `a < b → 0 < c → c * a < c * b`. -/
  mul_lt_mul_of_pos_left : ∀ {a b c : R}, a < b → 0 < c → c * a < c * b
  /-- `a < b → 0 < c → a * c < b * c`. -/
  mul_lt_mul_of_pos_right : ∀ {a b c : R}, a < b → 0 < c → a * c < b * c

end Lean.Grind
