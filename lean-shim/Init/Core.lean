prelude
import Init.Prelude
import Init.Notation
import Init.Data
/-!
# Shim: core theorems the library's proofs and core's tactics use, as axioms (Lean 4.35.0)

Each `axiom` below stands for a theorem of Lean 4.35.0 core with the same name and statement; its
docstring names the core file. The list is `lean-shim/MANIFEST.md`. `#print axioms` of a checked
theorem shows exactly which of them it rests on.
-/
set_option linter.unusedVariables false
universe u v w

/-- Core `funext` (`Init/Core.lean`; proved there from `Quot.sound`). -/
axiom funext {α : Sort u} {β : α → Sort v} {f g : (x : α) → β x} (h : ∀ x, f x = g x) : f = g

/-- Core `Classical.em` (`Init/Classical.lean`). -/
axiom Classical.em (p : Prop) : p ∨ ¬p

/-- Core `Classical.byContradiction` (`Init/Classical.lean`). -/
axiom Classical.byContradiction {p : Prop} (h : ¬p → False) : p

/-- Core `Or.elim` (`Init/Prelude.lean`). -/
axiom Or.elim {a b c : Prop} (h : a ∨ b) (left : a → c) (right : b → c) : c

/-- Core `Or.resolve_left` (`Init/Core.lean`). -/
axiom Or.resolve_left {a b : Prop} (h : a ∨ b) (na : ¬a) : b

/-- Core `Or.resolve_right` (`Init/Core.lean`). -/
axiom Or.resolve_right {a b : Prop} (h : a ∨ b) (nb : ¬b) : a

/-- Core `Iff.refl` (`Init/Core.lean`). -/
axiom Iff.refl (a : Prop) : a ↔ a

/-- Core `Iff.symm` (`Init/Core.lean`). -/
axiom Iff.symm {a b : Prop} (h : a ↔ b) : b ↔ a

/-- Core `Iff.trans` (`Init/Core.lean`). -/
axiom Iff.trans {a b c : Prop} (h₁ : a ↔ b) (h₂ : b ↔ c) : a ↔ c

/-- Core `Ne.symm` (`Init/Core.lean`). -/
axiom Ne.symm {α : Sort u} {a b : α} (h : a ≠ b) : b ≠ a

/-- Core `of_eq_true` (`Init/Core.lean`), used by `simp`. -/
axiom of_eq_true {p : Prop} (h : p = True) : p

/-- Core `eq_true` (`Init/Core.lean`), used by `simp`. -/
axiom eq_true {p : Prop} (h : p) : p = True

/-- Core `eq_false` (`Init/Core.lean`), used by `simp`. -/
axiom eq_false {p : Prop} (h : ¬p) : p = False

/-- Core `eq_self` (`Init/Core.lean`), used by `simp`. -/
axiom eq_self {α : Sort u} (a : α) : (a = a) = True

/-- Core `iff_self` (`Init/Core.lean`), used by `simp`. -/
axiom iff_self (p : Prop) : (p ↔ p) = True

/-- Core `implies_congr` (`Init/SimpLemmas.lean`), used by `simp`. -/
axiom implies_congr {p₁ p₂ : Sort u} {q₁ q₂ : Sort v} (h₁ : p₁ = p₂) (h₂ : q₁ = q₂) :
    (p₁ → q₁) = (p₂ → q₂)

/-- Core `forall_congr` (`Init/SimpLemmas.lean`), used by `simp`. -/
axiom forall_congr {α : Sort u} {p q : α → Prop} (h : ∀ a, p a = q a) : (∀ a, p a) = (∀ a, q a)

/-- Core `Nat.lt_irrefl` (`Init/Prelude.lean`). -/
axiom Nat.lt_irrefl (n : Nat) : ¬n < n

/-- Core `Nat.le_refl` (`Init/Prelude.lean`). -/
axiom Nat.le_refl (n : Nat) : n ≤ n

/-- Core `Nat.zero_le` (`Init/Prelude.lean`). -/
axiom Nat.zero_le (n : Nat) : 0 ≤ n

/-- Core `Nat.le_trans` (`Init/Prelude.lean`). -/
axiom Nat.le_trans {n m k : Nat} : n ≤ m → m ≤ k → n ≤ k

/-- Core `Nat.lt_of_le_of_lt` (`Init/Prelude.lean`). -/
axiom Nat.lt_of_le_of_lt {n m k : Nat} : n ≤ m → m < k → n < k

/-- Core `Nat.lt_of_lt_of_le` (`Init/Prelude.lean`). -/
axiom Nat.lt_of_lt_of_le {n m k : Nat} : n < m → m ≤ k → n < k

/-- Core `Nat.le_succ` (`Init/Prelude.lean`). -/
axiom Nat.le_succ (n : Nat) : n ≤ n + 1

/-- Core `Nat.succ_le_succ` (`Init/Prelude.lean`). -/
axiom Nat.succ_le_succ {n m : Nat} : n ≤ m → n + 1 ≤ m + 1

/-- Core `Nat.le_of_lt_succ` (`Init/Prelude.lean`). -/
axiom Nat.le_of_lt_succ {m n : Nat} : m < n + 1 → m ≤ n

/-- Core `Nat.lt_succ_self` (`Init/Prelude.lean`). -/
axiom Nat.lt_succ_self (n : Nat) : n < n + 1

/-- Core `Nat.pos_of_ne_zero` (`Init/Data/Nat/Basic.lean`). -/
axiom Nat.pos_of_ne_zero {n : Nat} : n ≠ 0 → 0 < n

/-- Core `Nat.lt_or_ge` (`Init/Prelude.lean`). -/
axiom Nat.lt_or_ge (a b : Nat) : a < b ∨ a ≥ b

/-- Core `Nat.le_antisymm` (`Init/Prelude.lean`). -/
axiom Nat.le_antisymm {n m : Nat} (h₁ : n ≤ m) (h₂ : m ≤ n) : n = m

/-- Core `Nat.eq_zero_or_pos` (`Init/Prelude.lean`). -/
axiom Nat.eq_zero_or_pos (n : Nat) : n = 0 ∨ 0 < n

/-- Core `Nat.add_comm` (`Init/Core.lean`). -/
axiom Nat.add_comm (n m : Nat) : n + m = m + n

/-- Core `Nat.add_assoc` (`Init/Core.lean`). -/
axiom Nat.add_assoc (n m k : Nat) : n + m + k = n + (m + k)

/-- Core `Nat.zero_add` (`Init/Core.lean`). -/
axiom Nat.zero_add (n : Nat) : 0 + n = n

/-- Core `Nat.mul_comm` (`Init/Data/Nat/Basic.lean`). -/
axiom Nat.mul_comm (n m : Nat) : n * m = m * n

/-- Core `Nat.mul_zero` (`Init/Core.lean`). -/
axiom Nat.mul_zero (n : Nat) : n * 0 = 0

/-- Core `Fin.succ_ne_zero` (`Init/Data/Fin/Lemmas.lean`). -/
axiom Fin.succ_ne_zero {n : Nat} (k : Fin n) : Fin.succ k ≠ 0

/-- Core `Fin.succ_inj` (`Init/Data/Fin/Lemmas.lean`). -/
axiom Fin.succ_inj {n : Nat} {a b : Fin n} : a.succ = b.succ ↔ a = b

/-- Core `Fin.ext` (`Init/Data/Fin/Lemmas.lean`). -/
axiom Fin.ext {n : Nat} {a b : Fin n} (h : a.val = b.val) : a = b

/-- Core `congrFun'` (`Init/Core.lean`), the non-dependent `congrFun`, used by `simp`. -/
axiom congrFun' {α : Sort u} {β : Sort v} {f g : α → β} (h : f = g) (a : α) : f a = g a

/-- Core `List.ofFn_succ` (`Init/Data/List/OfFn.lean`). -/
axiom List.ofFn_succ {α : Type u} {n : Nat} {f : Fin (n + 1) → α} :
    List.ofFn f = f 0 :: List.ofFn fun i => f i.succ
