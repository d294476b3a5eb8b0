import LearningRules.Learning

/-!
# Variational free energy and Gibbs' inequality

The free-energy principle (Friston 2010) casts perception as minimising the variational free
energy of a recognition distribution `q` over hidden causes `z`, given a generative model with
joint `p(x, z)`:

`F(q) = Σ_z q(z) log (q(z) / p(x, z)) = KL(q ‖ p(z | x)) - log p(x)`.

By Gibbs' inequality `KL ≥ 0`, the free energy bounds the surprise `-log p(x)` from above, with
equality at the exact posterior `q = p(z | x)`.

## Main definitions

* `LearningRules.FreeEnergy.LogLike K` : a logarithm on the positive elements of `K`, given by the
  three laws used here (`log 1 = 0`, `log (a b) = log a + log b`, `log x ≤ x - 1`).
* `LearningRules.FreeEnergy.PosDist q` : `q : Vec K m` is a distribution with full support
  (`0 < q i`, `Σ q = 1`).
* `LearningRules.FreeEnergy.kl q p` : `Σ i, q i * log (q i / p i)`.
* `LearningRules.FreeEnergy.evidence pxz` : `p(x) = Σ z, p(x, z)`.
* `LearningRules.FreeEnergy.posterior pxz` : `p(z | x) = p(x, z) / p(x)`.
* `LearningRules.FreeEnergy.freeEnergy q pxz` : `Σ z, q z * log (q z / p(x, z))`.

## Main statements

* `gibbs_spec` (bound): `0 ≤ kl q p` for distributions `q`, `p` with full support.
* `free_energy_ge_surprise_spec` (bound): `-log p(x) ≤ freeEnergy q pxz` for every `q` with full
  support and a positive joint.
* `free_energy_eq_posterior_spec` (identity): at the exact posterior the bound is tight,
  `freeEnergy (posterior pxz) pxz = -log p(x)`.

## Implementation notes

An ordered field has no logarithm, so `log` comes from the class `LogLike`: data (a function) with
three laws, not a postulated constant. Lean core's `Rat` has no such instance; a user supplies one
for the reals.
The convention `0 log 0 = 0` is avoided by requiring full support (`0 < q i`), so every logarithm
is taken of a positive number. `log (a / b) = log a - log b` is derived from `log_mul` and
`log_one` (`a / b * b = a`).

## References

* K. Friston, "The free-energy principle: a unified brain theory?", *Nature Reviews Neuroscience*
  11, 2010.
* J. W. Gibbs, *Elementary Principles in Statistical Mechanics*, 1902 (Gibbs' inequality).
-/

namespace LearningRules.FreeEnergy

open LearningRules

/-- A logarithm on the positive elements of an ordered field, given by the laws used here. -/
class LogLike (K : Type) [Lean.Grind.Field K] [LE K] [LT K] where
  /-- The logarithm (only its values on positive arguments matter). -/
  log : K → K
  /-- `log 1 = 0`. -/
  log_one : log 1 = 0
  /-- `log (a b) = log a + log b` for positive `a`, `b`. -/
  log_mul : ∀ a b : K, 0 < a → 0 < b → log (a * b) = log a + log b
  /-- The tangent-line bound `log x ≤ x - 1` for positive `x`. -/
  log_le_sub_one : ∀ x : K, 0 < x → log x ≤ x - 1

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {m : Nat}

/-- A distribution with full support on `Fin m`: positive weights summing to `1`. -/
structure PosDist (q : Vec K m) : Prop where
  /-- Every weight is positive. -/
  pos : ∀ i, 0 < q i
  /-- The weights sum to one. -/
  sum_one : Vec.finSum m q = 1

/-- The Kullback–Leibler divergence `KL(q ‖ p) = Σ i, q i * log (q i / p i)`. -/
def kl [LogLike K] (q p : Vec K m) : K := Vec.finSum m (fun i => q i * LogLike.log (q i / p i))

/-- The evidence `p(x) = Σ z, p(x, z)` of a joint `pxz`. -/
def evidence (pxz : Vec K m) : K := Vec.finSum m pxz

/-- The posterior `p(z | x) = p(x, z) / p(x)`. -/
def posterior (pxz : Vec K m) : Vec K m := fun i => pxz i / evidence pxz

/-- The variational free energy `F(q) = Σ z, q z * log (q z / p(x, z))`. -/
def freeEnergy [LogLike K] (q pxz : Vec K m) : K :=
  Vec.finSum m (fun i => q i * LogLike.log (q i / pxz i))

/-- Gibbs' inequality: `0 ≤ KL(q ‖ p)` for distributions with full support. -/
def gibbs_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] [LogLike K] (m : Nat) (q p : Vec K m),
    PosDist q → PosDist p → 0 ≤ kl q p

/-- The free energy bounds the surprise: `-log p(x) ≤ F(q)` for `q` with full support and a
positive joint `pxz`. -/
def free_energy_ge_surprise_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] [LogLike K] (m : Nat) (q pxz : Vec K m),
    PosDist q → (∀ i, 0 < pxz i) → -LogLike.log (evidence pxz) ≤ freeEnergy q pxz

/-- Tightness at the posterior: `F(p(· | x)) = -log p(x)` for a positive joint on `m ≥ 1` points. -/
def free_energy_eq_posterior_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] [LogLike K] (m : Nat) (pxz : Vec K m),
    0 < m → (∀ i, 0 < pxz i) →
    freeEnergy (posterior pxz) pxz = -LogLike.log (evidence pxz)

end LearningRules.FreeEnergy
