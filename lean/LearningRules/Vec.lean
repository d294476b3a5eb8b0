import LearningRules.Basic

/-!
# Concrete vectors and matrices over an ordered field

## Main definitions

* `LearningRules.Vec K n` : vectors `Fin n → K`, with coordinatewise `+`, `-`, scalar `•` and `0`.
* `LearningRules.Vec.finSum`, `LearningRules.Vec.sumFam` : finite sums of scalars and of vectors.
* `LearningRules.Vec.dot` : the dot product `⟪x, y⟫ = Σ i, x i * y i`, by recursion on `n`, so that
  it reduces and `#eval`s over `Rat`.
* `LearningRules.Vec.ofList`, `LearningRules.Vec.toList` : literals and printing.
* `LearningRules.Vec.natCast m` : the number `m` as an element of `K` (`Σ i < m, 1`).
* `LearningRules.Mat K m n` : matrices `Fin m → Fin n → K`, with `mulVec`, `transpose` and `quadForm`.

## Implementation notes

The dot product is defined through `LearningRules.Vec.dotAux`, which takes the length explicitly so
that the recursion is plain structural recursion on `Nat`. Its algebra (bilinearity, symmetry,
`0 ≤ ⟪x, x⟫`, Cauchy–Schwarz in squared form) is proved once in
`proofs/LearningRulesProofs/Vec.lean`. Only squared norms appear: an ordered field has no `sqrt`.
-/

namespace LearningRules

/-- A vector of length `n` over `K`: a function from coordinates to scalars. -/
def Vec (K : Type) (n : Nat) : Type := Fin n → K

/-- A matrix with `m` rows and `n` columns over `K`. -/
def Mat (K : Type) (m n : Nat) : Type := Fin m → Fin n → K

namespace Vec

variable {K : Type} [Lean.Grind.Field K] {n : Nat}

/-- Coordinatewise sum of two vectors. -/
def add (x y : Vec K n) : Vec K n := fun i => x i + y i

/-- Coordinatewise difference of two vectors. -/
def sub (x y : Vec K n) : Vec K n := fun i => x i - y i

/-- Scalar multiple `a • x`. -/
def smul (a : K) (x : Vec K n) : Vec K n := fun i => a * x i

/-- The zero vector. -/
def zero : Vec K n := fun _ => 0

/-- Vector addition. -/
instance : Add (Vec K n) := ⟨add⟩

/-- Vector subtraction. -/
instance : Sub (Vec K n) := ⟨sub⟩

/-- Scalar multiplication. -/
instance : SMul K (Vec K n) := ⟨smul⟩

/-- The zero vector. -/
instance : Zero (Vec K n) := ⟨zero⟩

/-- The sum `Σ i : Fin m, f i` of a finite family of scalars, by recursion on `m`. -/
def finSum : (m : Nat) → (Fin m → K) → K
  | 0, _ => 0
  | m + 1, f => f 0 + finSum m (fun i => f i.succ)

/-- The coordinatewise sum `Σ i : Fin m, v i` of a finite family of vectors. -/
def sumFam (m : Nat) (v : Fin m → Vec K n) : Vec K n := fun j => finSum m (fun i => v i j)

/-- The dot product of two length-`m` coordinate functions, by recursion on `m`. -/
def dotAux : (m : Nat) → (Fin m → K) → (Fin m → K) → K
  | 0, _, _ => 0
  | m + 1, x, y => x 0 * y 0 + dotAux m (fun i => x i.succ) (fun i => y i.succ)

/-- The dot product `⟪x, y⟫ = Σ i, x i * y i`. -/
def dot (x y : Vec K n) : K := dotAux n x y

/-- The squared norm `⟪x, x⟫`. -/
def normSq (x : Vec K n) : K := dot x x

/-- The vector with the coordinates of a list (a literal such as `Vec.ofList [1, 2/3]`). -/
def ofList (l : List K) : Vec K l.length := fun i => l.get i

/-- The coordinates of a vector as a list, for printing and `#guard` comparisons. -/
def toList (x : Vec K n) : List K := List.ofFn x

/-- The constant vector with every coordinate `a`. -/
def const (a : K) : Vec K n := fun _ => a

/-- The `i`-th standard basis vector. -/
def basis (i : Fin n) : Vec K n := fun j => if j = i then 1 else 0

/-- The natural number `m` read in the field `K`, as the sum `Σ i < m, 1` (Lean core's `Lean.Grind`
classes register no global cast `Nat → K`). Used for averages `(1 / m) * Σ` and iteration counts. -/
def natCast (m : Nat) : K := finSum m (fun _ => 1)

end Vec

/-- The dot product `⟪x, y⟫` of two vectors. -/
notation:max "⟪" x ", " y "⟫" => LearningRules.Vec.dot x y

namespace Mat

variable {K : Type} [Lean.Grind.Field K] {m n : Nat}

/-- The matrix–vector product `A x`. -/
def mulVec (A : Mat K m n) (x : Vec K n) : Vec K m := fun i => Vec.dot (n := n) (A i) x

/-- The transpose `Aᵀ`. -/
def transpose (A : Mat K m n) : Mat K n m := fun j i => A i j

/-- The quadratic form `⟪x, A x⟫`. -/
def quadForm (A : Mat K n n) (x : Vec K n) : K := Vec.dot x (mulVec A x)

/-- The matrix with the rows of a list of lists (rows of the wrong length are padded with `0`). -/
def ofRows (rows : List (List K)) (n : Nat) : Mat K rows.length n :=
  fun i j => (rows.get i).getD j.val 0

/-- The identity matrix. -/
def id : Mat K n n := fun i j => if i = j then 1 else 0

/-- The matrix product `A B`. -/
def mul {p : Nat} (A : Mat K m n) (B : Mat K n p) : Mat K m p :=
  fun i k => Vec.dot (n := n) (A i) (fun j => B j k)

/-- A symmetric matrix: `A i j = A j i`. -/
def IsSymm (A : Mat K n n) : Prop := ∀ i j, A i j = A j i

end Mat

end LearningRules
