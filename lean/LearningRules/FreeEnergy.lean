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
* `free_energy_decomposition_spec` (identity): `freeEnergy q pxz = kl q (posterior pxz) - log p(x)`
  for `q` with full support and a positive joint: `F(q) = KL(q ‖ p(· | x)) - log p(x)`.
* `free_energy_ge_surprise_spec` (bound): `-log p(x) ≤ freeEnergy q pxz` for every `q` with full
  support and a positive joint.
* `free_energy_eq_posterior_spec` (identity): at the exact posterior the bound is tight,
  `freeEnergy (posterior pxz) pxz = -log p(x)`.

## Implementation notes

An ordered field has no logarithm, so `log` comes from the class `LogLike`: data (a function) with
three laws, not a postulated constant.

`LogLike` has no instance over `ℚ` (`Rat`), and none can exist. `log_le_sub_one` at `x` and at
`1/x` (with `log (1/x) = -log x` from `log_mul` and `log_one`) gives `1 - 1/x ≤ log x ≤ x - 1`, so
`1/(j+1) ≤ log (1 + 1/j) ≤ 1/j`. Since `2 = Π_{j=k}^{2k-1} (1 + 1/j)` (a telescoping product),
`log_mul` gives `log 2 = Σ_{j=k}^{2k-1} log (1 + 1/j)`, between `H_{2k} - H_k` and
`H_{2k-1} - H_{k-1}` for every `k ≥ 1` (`H` the harmonic numbers). Both bounds tend to `ln 2`, so
`log 2 = ln 2`, which is irrational: no `log : ℚ → ℚ` satisfies the three laws. So the specs of this file are instantiated only over a field with
a logarithm (the reals, with `Real.log`), never over `ℚ`, and the library's `Rat` test vectors do
not reach them. The Python mirror checks them in floats (`numpy.log`, `pyverify check` float64
mode) and checks exactly, in rationals, only what is rational: `evidence`, `posterior`, `Σ q = 1`,
and the identities after `log` is eliminated (the symbolic checks in `pyverify/symbolic/
free_energy.py`, with sympy's exact `log`).
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

/-- A logarithm on the positive elements of an ordered field, given by the laws used here.
No instance exists over `ℚ`: `log_mul` and `log_le_sub_one` force `log 2 = ln 2`, which is
irrational (see the module doc), so these specs are instantiated only over a field with a
logarithm, and the Python checks of them use floats (rational parts exactly). -/
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

/-- The decomposition of the free energy: for `q` with full support and a positive joint `pxz`,
`F(q) = KL(q ‖ p(· | x)) - log p(x)`, i.e.
`freeEnergy q pxz = kl q (posterior pxz) - log (evidence pxz)`. Gibbs' inequality turns it into
`free_energy_ge_surprise_spec`, and `kl p p = 0` into `free_energy_eq_posterior_spec`. -/
def free_energy_decomposition_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] [LogLike K] (m : Nat) (q pxz : Vec K m),
    PosDist q → (∀ i, 0 < pxz i) →
    freeEnergy q pxz = kl q (posterior pxz) - LogLike.log (evidence pxz)

/-- The free energy bounds the surprise: `-log p(x) ≤ F(q)` for `q` with full support and a
positive joint `pxz`. -/
def free_energy_ge_surprise_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] [LogLike K] (m : Nat) (q pxz : Vec K m),
    PosDist q → (∀ i, 0 < pxz i) → -LogLike.log (evidence pxz) ≤ freeEnergy q pxz

/-- Tightness at the posterior: `F(p(· | x)) = -log p(x)` for a positive joint on `m ≥ 1` points.
This is the value of the free energy at one point, not the decomposition
`F(q) = KL(q ‖ p(· | x)) - log p(x)` for every `q` (that is `free_energy_decomposition_spec`, of
which it is the case `q = p(· | x)`, `KL = 0`). -/
def free_energy_eq_posterior_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] [LogLike K] (m : Nat) (pxz : Vec K m),
    0 < m → (∀ i, 0 < pxz i) →
    freeEnergy (posterior pxz) pxz = -LogLike.log (evidence pxz)

end LearningRules.FreeEnergy
