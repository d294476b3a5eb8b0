prelude
import Init.Prelude
import Init.Notation
/-!
# Shim: `Zero`/`One` numerals, `NeZero`, `Nat.mod`, `Fin`, `List` (Lean 4.35.0)

Mirrors, by name and type, `Zero.toOfNat0`/`Zero.ofOfNat0`/`One.toOfNat1`/`One.ofOfNat1` and `NeZero`
(`Init/Prelude.lean`), `Nat.mod` (`Init/Prelude.lean`: `0 % n` reduces to `0` by definition),
`Fin.ofNat`/`Fin.instOfNat`/`Fin.succ`/`Fin.castSucc`/`Fin.cases` (`Init/Data/Fin/Basic.lean`), `List` and
`List.length`/`List.get`/`List.getD`/`List.ofFn` (`Init/Prelude.lean`, `Init/Data/List/Basic.lean`,
`Init/Data/List/OfFn.lean`). Where core's definition is by well-founded recursion or a loop, the shim's is
structural with the same value; the library's proofs rely only on the defining equations listed in
`lean-shim/MANIFEST.md`.
-/
set_option linter.unusedVariables false
set_option genCtorIdx false
universe u v w

/-- `0` from `Zero`. -/
instance (priority := 300) Zero.toOfNat0 {α : Type u} [Zero α] : OfNat α (nat_lit 0) := ⟨Zero.zero⟩
/-- `Zero` from the literal `0`. -/
instance (priority := 200) Zero.ofOfNat0 {α : Type u} [OfNat α (nat_lit 0)] : Zero α := ⟨OfNat.ofNat (nat_lit 0)⟩
/-- `1` from `One`. -/
instance (priority := 300) One.toOfNat1 {α : Type u} [One α] : OfNat α (nat_lit 1) := ⟨One.one⟩
/-- `One` from the literal `1`. -/
instance (priority := 200) One.ofOfNat1 {α : Type u} [OfNat α (nat_lit 1)] : One α := ⟨OfNat.ofNat (nat_lit 1)⟩

/-- `Inhabited Nat`. -/
instance instInhabitedNat : Inhabited Nat := ⟨Nat.zero⟩

/-- `n ≠ 0` as a class. -/
class NeZero {R : Type u} [Zero R] (n : R) : Prop where
  /-- The fact. -/
  out : n ≠ 0

/-- Core theorem `Nat.succ_ne_zero` (`Init/Prelude.lean`). -/
axiom Nat.succ_ne_zero (n : Nat) : n + 1 ≠ 0

/-- `n + 1 ≠ 0`. -/
instance Nat.instNeZeroSucc {n : Nat} : NeZero (n + 1) := ⟨Nat.succ_ne_zero n⟩

/-- `Nat.mod` on values `n ≥ m > 0` (opaque here; the kernel computes `Nat.mod` on literals natively). -/
@[extern "lean_nat_mod"]
protected opaque Nat.modCore (x y : @& Nat) : Nat

/-- Remainder: `0 % n = 0` by definition, as in core. -/
@[extern "lean_nat_mod"]
protected def Nat.mod : @& Nat → @& Nat → Nat
  | 0, _ => 0
  | Nat.succ k, m => ite (m ≤ Nat.succ k) (Nat.modCore (Nat.succ k) m) (Nat.succ k)

/-- `Mod Nat`. -/
instance Nat.instMod : Mod Nat := ⟨Nat.mod⟩

/-- Core theorem `Nat.mod_lt` (`Init/Data/Nat/Div/Basic.lean`). -/
axiom Nat.mod_lt (x : Nat) {y : Nat} : y > 0 → x % y < y

/-- Core theorem `Nat.pos_of_neZero` (`Init/Data/Nat/Basic.lean`). -/
axiom Nat.pos_of_neZero (n : Nat) [NeZero n] : 0 < n

/-- `a % n` as an element of `Fin n`. -/
protected def Fin.ofNat (n : Nat) [NeZero n] (a : Nat) : Fin n :=
  ⟨a % n, Nat.mod_lt _ (Nat.pos_of_neZero n)⟩

/-- Numerals in `Fin n`. -/
instance Fin.instOfNat {n : Nat} [NeZero n] {i : Nat} : OfNat (Fin n) i := ⟨Fin.ofNat n i⟩

/-- Core theorem `Nat.succ_lt_succ` (`Init/Prelude.lean`). -/
axiom Nat.succ_lt_succ {n m : Nat} : n < m → n + 1 < m + 1

/-- Core theorem `Nat.lt_succ_of_lt` (`Init/Data/Nat/Basic.lean`). -/
axiom Nat.lt_succ_of_lt {a b : Nat} (h : a < b) : a < b + 1

/-- Core theorem `Nat.zero_lt_succ` (`Init/Prelude.lean`). -/
axiom Nat.zero_lt_succ (n : Nat) : 0 < n + 1

/-- `i + 1` in `Fin (n + 1)`. -/
def Fin.succ {n : Nat} : Fin n → Fin (n + 1)
  | ⟨i, h⟩ => ⟨i + 1, Nat.succ_lt_succ h⟩

/-- `i` in `Fin (n + 1)`. -/
def Fin.castSucc {n : Nat} : Fin n → Fin (n + 1)
  | ⟨i, h⟩ => ⟨i, Nat.lt_succ_of_lt h⟩

/-- `Fin 0` is empty. -/
def Fin.elim0 {α : Sort u} : Fin 0 → α
  | ⟨_, h⟩ => absurd h (Nat.not_succ_le_zero _)

/-- Core theorem `Fin.eq_of_val_eq` (`Init/Prelude.lean`). -/
axiom Fin.eq_of_val_eq {n : Nat} : ∀ {i j : Fin n}, i.val = j.val → i = j

/-- Decidable equality of `Fin n`. -/
instance instDecidableEqFin (n : Nat) : DecidableEq (Fin n) := fun i j =>
  match decEq i.val j.val with
  | isTrue h => isTrue (Fin.eq_of_val_eq h)
  | isFalse h => isFalse (fun h' => h (congrArg Fin.val h'))

/-- Core theorem `Nat.lt_of_succ_lt_succ` (`Init/Prelude.lean`). -/
axiom Nat.lt_of_succ_lt_succ {n m : Nat} : n + 1 < m + 1 → n < m

/-- Cases on `Fin (n + 1)`: `0` and successors. -/
@[elab_as_elim] def Fin.cases {n : Nat} {motive : Fin (n + 1) → Sort u} (zero : motive 0)
    (succ : (i : Fin n) → motive i.succ) : (i : Fin (n + 1)) → motive i
  | ⟨0, _⟩ => zero
  | ⟨i + 1, h⟩ => succ ⟨i, Nat.lt_of_succ_lt_succ h⟩

/-- Linked lists. -/
inductive List (α : Type u) where
  /-- `[]`. -/
  | nil : List α
  /-- `a :: as`. -/
  | cons (head : α) (tail : List α) : List α

/-- Length. -/
def List.length {α : Type u} : List α → Nat
  | List.nil => 0
  | List.cons _ as => as.length + 1

/-- The `i`-th element. -/
def List.get {α : Type u} : (as : List α) → Fin as.length → α
  | List.nil, i => Fin.elim0 i
  | List.cons a _, ⟨0, _⟩ => a
  | List.cons _ as, ⟨i + 1, h⟩ => List.get as ⟨i, Nat.lt_of_succ_lt_succ h⟩

/-- The `i`-th element, or a default. -/
def List.getD {α : Type u} (as : List α) (i : Nat) (fallback : α) : α :=
  match as, i with
  | List.nil, _ => fallback
  | List.cons a _, 0 => a
  | List.cons _ as, i + 1 => List.getD as i fallback

/-- Right fold over `Fin n` (structural here; core's is a loop with the same value). -/
def Fin.foldr {α : Sort u} : (n : Nat) → (f : Fin n → α → α) → (init : α) → α
  | 0, _, x => x
  | n + 1, f, x => f 0 (Fin.foldr n (fun i => f i.succ) x)

/-- The list `[f 0, …, f (n - 1)]`. -/
def List.ofFn {α : Type u} {n : Nat} (f : Fin n → α) : List α := Fin.foldr n (fun i acc => List.cons (f i) acc) List.nil

/-- Left fold. -/
@[specialize] def List.foldl {α : Type u} {β : Type v} (f : α → β → α) : (init : α) → List β → α
  | a, List.nil => a
  | a, List.cons b l => List.foldl f (f a b) l

/-- Concatenation. -/
def List.append {α : Type u} : List α → List α → List α
  | List.nil, bs => bs
  | List.cons a as, bs => List.cons a (List.append as bs)

/-- `++`. -/
class HAppend (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  /-- `a ++ b`. -/
  hAppend : α → β → γ

/-- Homogeneous `++`. -/
class Append (α : Type u) where
  /-- `a ++ b`. -/
  append : α → α → α

/-- `HAppend` from `Append`. -/
@[reducible] instance instHAppendOfAppend {α : Type u} [Append α] : HAppend α α α := ⟨fun a b => Append.append a b⟩

/-- `Append (List α)`. -/
instance List.instAppend {α : Type u} : Append (List α) := ⟨List.append⟩

/-- `[0, 1, …, n - 1]` in `Fin n`. -/
def List.finRange (n : Nat) : List (Fin n) := List.ofFn fun i => i

/-- Decidable `≤`. -/
abbrev DecidableLE (α : Type u) [LE α] := DecidableRel (LE.le : α → α → Prop)

/-- Decidable `<`. -/
abbrev DecidableLT (α : Type u) [LT α] := DecidableRel (LT.lt : α → α → Prop)
