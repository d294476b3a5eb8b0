prelude
/-! Test fixture for the verifier: a tiny `prelude` context standing in for `LearningRules`.
It contains an `axiom cheat` on purpose, so that the audit can be shown to catch a proof that uses it. -/
universe u
inductive MyEq {α : Sort u} (a : α) : α → Prop where
  | refl : MyEq a a
inductive MyTrue : Prop where
  | intro : MyTrue
inductive MyFalse : Prop
inductive N where
  | z : N
  | s : N → N
inductive B where
  | t : B
  | f : B
axiom cheat : MyFalse
noncomputable def MyFalse.elim2 {C : Sort u} (h : MyFalse) : C := MyFalse.rec (motive := fun _ => C) h
noncomputable def add (n m : N) : N := N.rec (motive := fun _ => N) m (fun _ r => N.s r) n
noncomputable def mul (n m : N) : N := N.rec (motive := fun _ => N) N.z (fun _ r => add m r) n
noncomputable def sq (n : N) : N := mul n n
noncomputable def dbl (n : N) : N := N.rec (motive := fun _ => N) N.z (fun _ r => N.s (N.s r)) n
noncomputable def pow2 (n : N) : N := N.rec (motive := fun _ => N) (N.s N.z) (fun _ r => dbl r) n
noncomputable def loop (n : N) : B := N.rec (motive := fun _ => B) B.t (fun _ r => r) n
def four : N := N.s (N.s (N.s (N.s N.z)))
def zero_spec : Prop := MyEq N.z N.z
