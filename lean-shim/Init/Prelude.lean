prelude
/-!
# Shim: the logical core (mirrors `Init/Prelude.lean` and `Init/Core.lean` of Lean 4.35.0)

Part of the project's core shim, used only by `pyverify lean check` to run the real Lean 4.35.0
front end and kernel on this library without core's `.olean` files. Never imported by `lean/` or
`proofs/`, never built by lake. Every declaration carries core's exact name and type, written by the
project from the v4.35 sources; every core *theorem* is an `axiom` here and is listed in
`lean-shim/MANIFEST.md`.
-/
set_option genCtorIdx false
set_option linter.defProp false
set_option linter.unusedVariables false
universe u v w

/-- Compiler: erased data. -/
axiom lcErased : Type
/-- Compiler: any type. -/
axiom lcAny : Type
/-- Compiler: void. -/
axiom lcVoid : Type
/-- Compiler: unreachable code. -/
unsafe axiom lcUnreachable {α : Sort u} : α
/-- Compiler: a proof. -/
unsafe axiom lcProof {α : Prop} : α
/-- Compiler: cast. -/
unsafe axiom lcCast {α : Sort u} {β : Sort v} (a : α) : β

/-- `id x = x`. -/
@[inline] def id {α : Sort u} (a : α) : α := a

/-- Function composition. -/
@[inline] def Function.comp {α : Sort u} {β : Sort v} {δ : Sort w} (f : β → δ) (g : α → β) : α → δ :=
  fun x => f (g x)

/-- The constant function. -/
@[inline] def Function.const {α : Sort u} (β : Sort v) (a : α) : β → α := fun _ => a

set_option bootstrap.inductiveCheckResultingUniverse false in
/-- The universe-polymorphic unit type. -/
inductive PUnit : Sort u where
  /-- The canonical element. -/
  | unit : PUnit

/-- The unit type. -/
abbrev Unit : Type := PUnit

/-- The canonical element of `Unit`. -/
@[match_pattern] abbrev Unit.unit : Unit := PUnit.unit


/-- The true proposition. -/
inductive True : Prop where
  /-- Its proof. -/
  | intro : True

/-- The false proposition. -/
inductive False : Prop

/-- The empty type. -/
inductive Empty : Type

set_option bootstrap.inductiveCheckResultingUniverse false in
/-- The universe-polymorphic empty type. -/
inductive PEmpty : Sort u where

/-- Negation. -/
def Not (a : Prop) : Prop := a → False

/-- Ex falso, for any sort. -/
@[macro_inline] def False.elim {C : Sort u} (h : False) : C := h.rec

/-- Ex falso from `a` and `¬a`. -/
@[macro_inline] def absurd {a : Prop} {b : Sort v} (h₁ : a) (h₂ : Not a) : b := (h₂ h₁).rec

/-- Equality. -/
inductive Eq {α : Sort u_1} : α → α → Prop where
  /-- Reflexivity. -/
  | refl (a : α) : Eq a a

/-- Non-dependent recursor of `Eq`. -/
@[simp] abbrev Eq.ndrec.{u1, u2} {α : Sort u2} {a : α} {motive : α → Sort u1} (m : motive a) {b : α}
    (h : Eq a b) : motive b :=
  h.rec m

/-- `rfl : a = a`. -/
@[match_pattern] def rfl {α : Sort u} {a : α} : Eq a a := Eq.refl a

/-- Symmetry of equality. -/
theorem Eq.symm {α : Sort u} {a b : α} (h : Eq a b) : Eq b a := h ▸ rfl

/-- Transitivity of equality. -/
theorem Eq.trans {α : Sort u} {a b c : α} (h₁ : Eq a b) (h₂ : Eq b c) : Eq a c := h₂ ▸ h₁

/-- Cast along an equality of types. -/
@[macro_inline] def cast {α β : Sort u} (h : Eq α β) (a : α) : β := h.rec a

/-- Congruence in the argument. -/
theorem congrArg {α : Sort u} {β : Sort v} {a₁ a₂ : α} (f : α → β) (h : Eq a₁ a₂) : Eq (f a₁) (f a₂) :=
  h ▸ rfl

/-- Congruence in function and argument. -/
theorem congr {α : Sort u} {β : Sort v} {f₁ f₂ : α → β} {a₁ a₂ : α} (h₁ : Eq f₁ f₂) (h₂ : Eq a₁ a₂) :
    Eq (f₁ a₁) (f₂ a₂) :=
  h₁ ▸ h₂ ▸ rfl

/-- Congruence in the function. -/
theorem congrFun {α : Sort u} {β : α → Sort v} {f g : (x : α) → β x} (h : Eq f g) (a : α) : Eq (f a) (g a) :=
  h ▸ rfl

/-- `Eq.mp`. -/
@[macro_inline] def Eq.mp {α β : Sort u} (h : Eq α β) (a : α) : β := h ▸ a

/-- `Eq.mpr`. -/
@[macro_inline] def Eq.mpr {α β : Sort u} (h : Eq α β) (b : β) : α := h ▸ b

/-- Substitution. -/
theorem Eq.subst {α : Sort u} {motive : α → Prop} {a b : α} (h₁ : Eq a b) (h₂ : motive a) : motive b :=
  Eq.ndrec h₂ h₁

/-- Heterogeneous equality. -/
inductive HEq : {α : Sort u} → α → {β : Sort u} → β → Prop where
  /-- Reflexivity. -/
  | refl (a : α) : HEq a a

/-- `HEq.rfl`. -/
@[match_pattern] protected def HEq.rfl {α : Sort u} {a : α} : HEq a a := HEq.refl a

/-- Core theorem `eq_of_heq` (`Init/Prelude.lean`). -/
axiom eq_of_heq {α : Sort u} {a a' : α} (h : HEq a a') : Eq a a'

/-- `Eq` gives `HEq`. -/
theorem heq_of_eq {α : Sort u} {a a' : α} (h : Eq a a') : HEq a a' := h ▸ HEq.refl a

/-- Pairs. -/
structure Prod (α : Type u) (β : Type v) where
  /-- Constructor. -/
  mk ::
  /-- First component. -/
  fst : α
  /-- Second component. -/
  snd : β

/-- Pairs in any sort. -/
structure PProd (α : Sort u) (β : Sort v) where
  /-- First component. -/
  fst : α
  /-- Second component. -/
  snd : β

/-- Pairs of propositions in `Sort (max 1 u v)`. -/
structure MProd (α β : Type u) where
  /-- First component. -/
  fst : α
  /-- Second component. -/
  snd : β

/-- Conjunction. -/
structure And (a b : Prop) : Prop where
  /-- Constructor. -/
  intro ::
  /-- Left part. -/
  left : a
  /-- Right part. -/
  right : b

/-- Disjunction. -/
inductive Or (a b : Prop) : Prop where
  /-- Left. -/
  | inl (h : a) : Or a b
  /-- Right. -/
  | inr (h : b) : Or a b

/-- Booleans. -/
inductive Bool : Type where
  /-- False. -/
  | false : Bool
  /-- True. -/
  | true : Bool

/-- Subtypes. -/
structure Subtype {α : Sort u} (p : α → Prop) where
  /-- The value. -/
  val : α
  /-- The property. -/
  property : p val

/-- Optional parameters. -/
@[reducible] def optParam (α : Sort u) (default : α) : Sort u := α

/-- Output parameters. -/
@[reducible] def outParam (α : Sort u) : Sort u := α

/-- Semi-output parameters. -/
@[reducible] def semiOutParam (α : Sort u) : Sort u := α

/-- Lift to a higher universe. -/
structure PLift (α : Sort u) : Type u where
  /-- Wrap. -/
  up ::
  /-- Unwrap. -/
  down : α

/-- Non-empty types. -/
class inductive Nonempty (α : Sort u) : Prop where
  /-- An element gives non-emptiness. -/
  | intro (val : α) : Nonempty α

/-- The axiom of choice. -/
axiom Classical.choice {α : Sort u} : Nonempty α → α

/-- Inhabited types. -/
class Inhabited (α : Sort u) where
  /-- The default element. -/
  default : α

/-- Lift to a higher universe, for any sort. -/
structure PULift.{r, s} (α : Sort s) : Sort (max s r 1) where
  /-- Wrap. -/
  up ::
  /-- Unwrap. -/
  down : α

/-- Lift to a higher universe (types). -/
structure ULift.{r, s} (α : Type s) : Type (max s r) where
  /-- Wrap. -/
  up ::
  /-- Unwrap. -/
  down : α

/-- Decidable propositions. -/
class inductive Decidable (p : Prop) where
  /-- `p` is false. -/
  | isFalse (h : Not p) : Decidable p
  /-- `p` is true. -/
  | isTrue (h : p) : Decidable p

/-- Decide a proposition. -/
@[inline_if_reduce, nospecialize] def Decidable.decide (p : Prop) [h : Decidable p] : Bool :=
  h.casesOn (motive := fun _ => Bool) (fun _ => Bool.false) (fun _ => Bool.true)

export Decidable (isTrue isFalse decide)

/-- Decidable predicates. -/
abbrev DecidablePred {α : Sort u} (r : α → Prop) := (a : α) → Decidable (r a)

/-- Decidable relations. -/
abbrev DecidableRel {α : Sort u} {β : Sort v} (r : α → β → Prop) := (a : α) → (b : β) → Decidable (r a b)

/-- Decidable equality. -/
abbrev DecidableEq (α : Sort u) := (a b : α) → Decidable (Eq a b)

/-- Decide equality. -/
def decEq {α : Sort u} [inst : DecidableEq α] (a b : α) : Decidable (Eq a b) := inst a b

/-- `if-then-else`. -/
@[macro_inline] def ite {α : Sort u} (c : Prop) [h : Decidable c] (t e : α) : α :=
  h.casesOn (motive := fun _ => α) (fun _ => e) (fun _ => t)

/-- Dependent `if-then-else`. -/
@[macro_inline] def dite {α : Sort u} (c : Prop) [h : Decidable c] (t : c → α) (e : Not c → α) : α :=
  h.casesOn (motive := fun _ => α) e t

/-- Boolean `cond`. -/
@[macro_inline] def cond {α : Sort u} (c : Bool) (x y : α) : α :=
  match c with
  | Bool.true => x
  | Bool.false => y

/-- Boolean negation. -/
@[inline] def not : Bool → Bool
  | Bool.true => Bool.false
  | Bool.false => Bool.true

/-- Boolean and. -/
@[macro_inline] def and (x y : Bool) : Bool :=
  match x with
  | Bool.false => Bool.false
  | Bool.true => y

/-- Boolean or. -/
@[macro_inline] def or (x y : Bool) : Bool :=
  match x with
  | Bool.true => Bool.true
  | Bool.false => y

/-- Natural numbers. -/
inductive Nat where
  /-- Zero. -/
  | zero : Nat
  /-- Successor. -/
  | succ (n : Nat) : Nat

/-- Numeric literals. -/
class OfNat (α : Type u) (_ : Nat) where
  /-- The value of the literal. -/
  ofNat : α

/-- The literal `n : Nat`. -/
@[default_instance 100]
instance instOfNatNat (n : Nat) : OfNat Nat n where
  ofNat := n

/-- `≤`. -/
class LE (α : Type u) where
  /-- The relation. -/
  le : α → α → Prop

/-- `<`. -/
class LT (α : Type u) where
  /-- The relation. -/
  lt : α → α → Prop

/-- `a ≥ b` is `b ≤ a`. -/
@[reducible] def GE.ge {α : Type u} [LE α] (a b : α) : Prop := LE.le b a

/-- `a > b` is `b < a`. -/
@[reducible] def GT.gt {α : Type u} [LT α] (a b : α) : Prop := LT.lt b a

/-- `max`. -/
class Max (α : Type u) where
  /-- The maximum. -/
  max : α → α → α

/-- `min`. -/
class Min (α : Type u) where
  /-- The minimum. -/
  min : α → α → α

/-- `Trans` for `calc`. -/
class Trans.{u_r, u_s, u_t, u_1, u_2, u_3} {α : Sort u_1} {β : Sort u_2} {γ : Sort u_3}
    (r : α → β → Sort u_r) (s : β → γ → Sort u_s) (t : outParam (α → γ → Sort u_t)) where
  /-- Compose. -/
  trans : r a b → s b c → t a c

export Trans (trans)

/-- `calc` with equalities on the left. -/
instance (r : α → γ → Sort u) : Trans Eq r r where
  trans heq h' := heq ▸ h'

/-- `calc` with equalities on the right. -/
instance (r : α → β → Sort u) : Trans r Eq r where
  trans h' heq := heq ▸ h'

/-- Heterogeneous addition. -/
class HAdd (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  /-- `a + b`. -/
  hAdd : α → β → γ

/-- Heterogeneous subtraction. -/
class HSub (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  /-- `a - b`. -/
  hSub : α → β → γ

/-- Heterogeneous multiplication. -/
class HMul (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  /-- `a * b`. -/
  hMul : α → β → γ

/-- Heterogeneous division. -/
class HDiv (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  /-- `a / b`. -/
  hDiv : α → β → γ

/-- Heterogeneous modulo. -/
class HMod (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  /-- `a % b`. -/
  hMod : α → β → γ

/-- Heterogeneous power. -/
class HPow (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  /-- `a ^ b`. -/
  hPow : α → β → γ

/-- Heterogeneous scalar multiplication. -/
class HSMul (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  /-- `a • b`. -/
  hSMul : α → β → γ

/-- `+`. -/
class Add (α : Type u) where
  /-- `a + b`. -/
  add : α → α → α

/-- `-`. -/
class Sub (α : Type u) where
  /-- `a - b`. -/
  sub : α → α → α

/-- `*`. -/
class Mul (α : Type u) where
  /-- `a * b`. -/
  mul : α → α → α

/-- Unary `-`. -/
class Neg (α : Type u) where
  /-- `-a`. -/
  neg : α → α

/-- `/`. -/
class Div (α : Type u) where
  /-- `a / b`. -/
  div : α → α → α

/-- `%`. -/
class Mod (α : Type u) where
  /-- `a % b`. -/
  mod : α → α → α

/-- `⁻¹`. -/
class Inv (α : Type u) where
  /-- `a⁻¹`. -/
  inv : α → α

/-- Homogeneous power. -/
class Pow (α : Type u) (β : Type v) where
  /-- `a ^ b`. -/
  pow : α → β → α

/-- Natural-number powers. -/
class NatPow (α : Type u) where
  /-- `a ^ n`. -/
  protected pow : α → Nat → α

/-- Homogeneous power with the exponent type as output. -/
class HomogeneousPow (α : Type u) where
  /-- `a ^ b`. -/
  protected pow : α → α → α

/-- Scalar multiplication. -/
class SMul (M : Type u) (α : Type v) where
  /-- `a • x`. -/
  smul : M → α → α

/-- `0`. -/
class Zero (α : Type u) where
  /-- Zero. -/
  zero : α

/-- `1`. -/
class One (α : Type u) where
  /-- One. -/
  one : α

/-- `HAdd` from `Add`. -/
@[reducible] instance instHAdd {α : Type u} [Add α] : HAdd α α α := ⟨fun a b => Add.add a b⟩
/-- `HSub` from `Sub`. -/
@[reducible] instance instHSub {α : Type u} [Sub α] : HSub α α α := ⟨fun a b => Sub.sub a b⟩
/-- `HMul` from `Mul`. -/
@[reducible] instance instHMul {α : Type u} [Mul α] : HMul α α α := ⟨fun a b => Mul.mul a b⟩
/-- `HDiv` from `Div`. -/
@[reducible] instance instHDiv {α : Type u} [Div α] : HDiv α α α := ⟨fun a b => Div.div a b⟩
/-- `HMod` from `Mod`. -/
@[reducible] instance instHMod {α : Type u} [Mod α] : HMod α α α := ⟨fun a b => Mod.mod a b⟩
/-- `HPow` from `Pow`. -/
@[reducible] instance instHPow {α : Type u} {β : Type v} [Pow α β] : HPow α β α := ⟨fun a b => Pow.pow a b⟩
/-- `Pow` from `NatPow`. -/
@[default_instance]
instance instPowNat {α : Type u} [NatPow α] : Pow α Nat := ⟨fun a n => NatPow.pow a n⟩
/-- `HSMul` from `SMul`. -/
@[reducible] instance instHSMul {α : Type u} {β : Type v} [SMul α β] : HSMul α β β := ⟨fun a b => SMul.smul a b⟩

/-- Addition of natural numbers (computed natively by the kernel). -/
@[extern "lean_nat_add"]
protected def Nat.add : (@& Nat) → (@& Nat) → Nat
  | n, .zero => n
  | n, .succ m => .succ (Nat.add n m)

/-- `Add Nat`. -/
instance instAddNat : Add Nat := ⟨Nat.add⟩

attribute [match_pattern] Nat.add Add.add HAdd.hAdd Neg.neg Mul.mul HMul.hMul

/-- Multiplication of natural numbers (computed natively by the kernel). -/
@[extern "lean_nat_mul"]
protected def Nat.mul : (@& Nat) → (@& Nat) → Nat
  | _, .zero => .zero
  | n, .succ m => Nat.add (Nat.mul n m) n

/-- `Mul Nat`. -/
instance instMulNat : Mul Nat := ⟨Nat.mul⟩

/-- Powers of natural numbers (computed natively by the kernel). -/
@[extern "lean_nat_pow"]
protected def Nat.pow (m : @& Nat) : (@& Nat) → Nat
  | .zero => .succ .zero
  | .succ n => Nat.mul (Nat.pow m n) m

/-- `NatPow Nat`. -/
instance instNatPowNat : NatPow Nat := ⟨Nat.pow⟩

/-- Predecessor (computed natively by the kernel). -/
@[extern "lean_nat_pred"]
def Nat.pred : (@& Nat) → Nat
  | .zero => .zero
  | .succ a => a

/-- Truncated subtraction (computed natively by the kernel). -/
@[extern "lean_nat_sub"]
protected def Nat.sub : (@& Nat) → (@& Nat) → Nat
  | n, .zero => n
  | n, .succ m => Nat.pred (Nat.sub n m)

/-- `Sub Nat`. -/
instance instSubNat : Sub Nat := ⟨Nat.sub⟩

/-- Boolean equality of natural numbers (computed natively by the kernel). -/
@[extern "lean_nat_dec_eq"]
def Nat.beq : (@& Nat) → (@& Nat) → Bool
  | .zero, .zero => Bool.true
  | .zero, .succ _ => Bool.false
  | .succ _, .zero => Bool.false
  | .succ n, .succ m => Nat.beq n m

/-- Boolean `≤` of natural numbers (computed natively by the kernel). -/
@[extern "lean_nat_dec_le"]
def Nat.ble : (@& Nat) → (@& Nat) → Bool
  | .zero, .zero => Bool.true
  | .zero, .succ _ => Bool.true
  | .succ _, .zero => Bool.false
  | .succ n, .succ m => Nat.ble n m

/-- Core theorem `Nat.eq_of_beq_eq_true` (`Init/Prelude.lean`). -/
axiom Nat.eq_of_beq_eq_true {n m : Nat} : Eq (Nat.beq n m) Bool.true → Eq n m

/-- Core theorem `Nat.ne_of_beq_eq_false` (`Init/Prelude.lean`). -/
axiom Nat.ne_of_beq_eq_false {n m : Nat} : Eq (Nat.beq n m) Bool.false → Not (Eq n m)

/-- Decidable equality of natural numbers. -/
@[reducible, extern "lean_nat_dec_eq"]
def Nat.decEq (n m : @& Nat) : Decidable (Eq n m) :=
  match h : Nat.beq n m with
  | Bool.true => isTrue (Nat.eq_of_beq_eq_true h)
  | Bool.false => isFalse (Nat.ne_of_beq_eq_false h)

/-- `DecidableEq Nat`. -/
@[inline] instance instDecidableEqNat : DecidableEq Nat := Nat.decEq

/-- `≤` on natural numbers. -/
protected inductive Nat.le (n : Nat) : Nat → Prop
  /-- Reflexivity. -/
  | refl : Nat.le n n
  /-- Step. -/
  | step {m : Nat} : Nat.le n m → Nat.le n (Nat.succ m)

/-- `LE Nat`. -/
instance instLENat : LE Nat := ⟨Nat.le⟩

/-- `<` on natural numbers. -/
protected def Nat.lt (n m : Nat) : Prop := Nat.le (Nat.succ n) m

/-- `LT Nat`. -/
instance instLTNat : LT Nat := ⟨Nat.lt⟩

/-- Core theorem `Nat.le_of_ble_eq_true` (`Init/Prelude.lean`). -/
axiom Nat.le_of_ble_eq_true {n m : Nat} (h : Eq (Nat.ble n m) Bool.true) : LE.le n m

/-- Core theorem `Nat.not_le_of_not_ble_eq_true` (`Init/Prelude.lean`). -/
axiom Nat.not_le_of_not_ble_eq_true {n m : Nat} (h : Not (Eq (Nat.ble n m) Bool.true)) : Not (LE.le n m)

/-- Core theorem `Nat.not_succ_le_zero` (`Init/Prelude.lean`). -/
axiom Nat.not_succ_le_zero (n : Nat) : LE.le (Nat.succ n) Nat.zero → False

/-- `Bool` equality is decidable. -/
@[inline] def Bool.decEq (a b : Bool) : Decidable (Eq a b) :=
  match a, b with
  | Bool.false, Bool.false => isTrue rfl
  | Bool.false, Bool.true => isFalse (fun h => Bool.noConfusion h)
  | Bool.true, Bool.false => isFalse (fun h => Bool.noConfusion h)
  | Bool.true, Bool.true => isTrue rfl

/-- `DecidableEq Bool`. -/
@[inline] instance instDecidableEqBool : DecidableEq Bool := Bool.decEq

/-- `Nat.decLe`. -/
@[extern "lean_nat_dec_le"]
instance Nat.decLe (n m : @& Nat) : Decidable (LE.le n m) :=
  dite (Eq (Nat.ble n m) Bool.true) (fun h => isTrue (Nat.le_of_ble_eq_true h))
    (fun h => isFalse (Nat.not_le_of_not_ble_eq_true h))

/-- `Nat.decLt`. -/
@[extern "lean_nat_dec_lt"]
instance Nat.decLt (n m : @& Nat) : Decidable (LT.lt n m) := Nat.decLe (Nat.succ n) m

/-- Finite types. -/
structure Fin (n : Nat) where
  /-- Constructor. -/
  mk ::
  /-- The value. -/
  val : Nat
  /-- It is below `n`. -/
  isLt : LT.lt val n

/-- `a ↔ b`. -/
structure Iff (a b : Prop) : Prop where
  /-- Constructor. -/
  intro ::
  /-- Forward. -/
  mp : a → b
  /-- Backward. -/
  mpr : b → a

/-- Existential quantification. -/
inductive Exists {α : Sort u} (p : α → Prop) : Prop where
  /-- Constructor. -/
  | intro (w : α) (h : p w) : Exists p

/-- `a ≠ b`. -/
@[reducible] def Ne {α : Sort u} (a b : α) : Prop := Not (Eq a b)

/-- Propositional extensionality. -/
axiom propext {a b : Prop} : (Iff a b) → Eq a b

/-- Every sort is inhabited (by `PUnit`). -/
instance instInhabitedSort : Inhabited (Sort u) := ⟨PUnit⟩

/-- Characters (a `UInt32` in core; only the name and its use in `String` matter here). -/
opaque Char : Type

/-- Strings (opaque here: the shim never inspects them). -/
opaque String : Type

/-- `Inhabited String`, for `opaque` declarations. -/
@[instance] axiom String.instInhabited : Inhabited String

/-- Hierarchical names. -/
inductive Lean.Name where
  /-- The empty name. -/
  | anonymous : Lean.Name
  /-- A string component. -/
  | str (pre : Lean.Name) (str : String) : Lean.Name
  /-- A numeric component. -/
  | num (pre : Lean.Name) (i : Nat) : Lean.Name

/-- `Name.str`, as a function (used by `toExpr` on names). -/
def Lean.Name.mkStr (p : Lean.Name) (s : String) : Lean.Name := Lean.Name.str p s
/-- `Name.num`, as a function. -/
def Lean.Name.mkNum (p : Lean.Name) (v : Nat) : Lean.Name := Lean.Name.num p v
/-- A one-component name. -/
def Lean.Name.mkStr1 (s₁ : String) : Lean.Name := .str .anonymous s₁
/-- A two-component name. -/
def Lean.Name.mkStr2 (s₁ s₂ : String) : Lean.Name := .str (.str .anonymous s₁) s₂
/-- A three-component name. -/
def Lean.Name.mkStr3 (s₁ s₂ s₃ : String) : Lean.Name := .str (.str (.str .anonymous s₁) s₂) s₃
/-- A four-component name. -/
def Lean.Name.mkStr4 (s₁ s₂ s₃ s₄ : String) : Lean.Name := .str (.str (.str (.str .anonymous s₁) s₂) s₃) s₄
/-- A five-component name. -/
def Lean.Name.mkStr5 (s₁ s₂ s₃ s₄ s₅ : String) : Lean.Name :=
  .str (.str (.str (.str (.str .anonymous s₁) s₂) s₃) s₄) s₅
/-- A six-component name. -/
def Lean.Name.mkStr6 (s₁ s₂ s₃ s₄ s₅ s₆ : String) : Lean.Name :=
  .str (.str (.str (.str (.str (.str .anonymous s₁) s₂) s₃) s₄) s₅) s₆
/-- A seven-component name. -/
def Lean.Name.mkStr7 (s₁ s₂ s₃ s₄ s₅ s₆ s₇ : String) : Lean.Name :=
  .str (.str (.str (.str (.str (.str (.str .anonymous s₁) s₂) s₃) s₄) s₅) s₆) s₇
/-- An eight-component name. -/
def Lean.Name.mkStr8 (s₁ s₂ s₃ s₄ s₅ s₆ s₇ s₈ : String) : Lean.Name :=
  .str (.str (.str (.str (.str (.str (.str (.str .anonymous s₁) s₂) s₃) s₄) s₅) s₆) s₇) s₈

/-- `sorry`: a proof or term that is missing. Reported by `#print axioms`. -/
@[extern "lean_sorry"]
axiom sorryAx (α : Sort u) (synthetic : Bool) : α

namespace Lean

/-- Syntax trees (opaque here: their values are built and read only by core's compiled code). -/
opaque Syntax : Type

/-- `Inhabited Syntax`. -/
@[instance] axiom Syntax.instInhabited : Inhabited Syntax

/-- Parser descriptions (only `const` is declared: core's compiled values are used as they are, and
the shim never builds or inspects one). -/
inductive ParserDescr where
  /-- A named parser alias. -/
  | const (name : Name)

/-- `Inhabited ParserDescr`. -/
instance ParserDescr.instInhabited : Inhabited ParserDescr := ⟨ParserDescr.const Name.anonymous⟩

/-- Trailing parser descriptions. -/
abbrev TrailingParserDescr := ParserDescr

/-- The macro context (opaque here). -/
opaque Macro.Context : Type

/-- The macro state (opaque here). -/
opaque Macro.State : Type

/-- Macro exceptions (opaque here). -/
opaque Macro.Exception : Type

end Lean

/-- The result of an `EStateM` computation (core's layout: `ok a s`, `error e s`). -/
inductive EStateM.Result (ε σ α : Type u) where
  /-- Success. -/
  | ok : α → σ → EStateM.Result ε σ α
  /-- Failure. -/
  | error : ε → σ → EStateM.Result ε σ α

/-- `EStateM`: state and exceptions. -/
def EStateM (ε σ α : Type u) : Type u := σ → EStateM.Result ε σ α

/-- `ReaderT`. -/
def ReaderT (ρ : Type u) (m : Type u → Type v) (α : Type u) : Type (max u v) := ρ → m α

/-- The macro monad. -/
abbrev Lean.MacroM := ReaderT Lean.Macro.Context (EStateM Lean.Macro.Exception Lean.Macro.State)

/-- A macro: core's three-argument function type `Syntax → MacroM Syntax`. -/
abbrev Lean.Macro := Lean.Syntax → Lean.MacroM Lean.Syntax

/-- `Inhabited Macro`, for `opaque` declarations of core's compiled macros. -/
instance Lean.Macro.instInhabited : Inhabited Lean.Macro := ⟨fun stx _ s => EStateM.Result.ok stx s⟩
