import LearningRules.FreeEnergy
import LearningRulesProofs.Vec

/-!
# Proofs for the free energy and Gibbs' inequality

## Main statements

Proofs of the statements of `lean/LearningRules/FreeEnergy.lean`: `gibbs`,
`free_energy_decomposition`, `free_energy_ge_surprise` and `free_energy_eq_posterior`.

## Implementation notes

* Order and field facts (`div_pos`, `mul_inv_cancel₀`, `inv_mul_cancel₀`, `sub_nonneg`, ...)
  come from `LearningRulesProofs.Algebra`; ring identities are `rw` chains (with `sub_add`,
  `sub_sub_cancel_left`) or `simp only` AC normalisation; no `grind`.
* `finSum_pos` : a finite sum of positive terms over a nonempty index set is positive.
* `log_div` : `log (a / b) = log a - log b` for positive `a`, `b`, from `LogLike.log_mul` applied
  to `(a / b) * b = a`.
* `sub_le_mul_log_div` : `a - b ≤ a log (a / b)` for positive `a`, `b`, from
  `log (b / a) ≤ b / a - 1`; summing it gives Gibbs' inequality.
* `posDist_posterior` : the posterior of a positive joint is a distribution with full support.
* `free_energy_decomposition` : termwise `q log (q / p(x, z)) = q log (q / p(z | x)) - q log p(x)`
  (three uses of `log_div`), summed with `Σ q = 1`; `free_energy_ge_surprise` is this identity
  plus Gibbs' inequality at the posterior.

## References

* J. W. Gibbs, 1902; K. Friston, 2010.
-/

namespace LearningRules.FreeEnergy

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K]

/-- A finite sum of positive terms over a nonempty index set is positive. -/
theorem finSum_pos : ∀ (m : Nat) (f : Fin m → K), 0 < m → (∀ i, 0 < f i) →
    0 < Vec.finSum m f
  | 0, _, hm, _ => absurd hm (Nat.lt_irrefl 0)
  | k + 1, f, _, hf => by
    rw [Vec.finSum_succ]
    have h0 : 0 < f 0 := hf 0
    have hrest : 0 ≤ Vec.finSum k (fun i => f i.succ) :=
      Vec.finSum_nonneg (fun i => by
        have hi : 0 < f i.succ := hf i.succ
        exact le_of_lt hi)
    exact add_pos_of_pos_of_nonneg h0 hrest

variable [LogLike K]

/-- The logarithm of a quotient: `log (a / b) = log a - log b` for positive `a`, `b`. -/
theorem log_div {a b : K} (ha : 0 < a) (hb : 0 < b) :
    LogLike.log (a / b) = LogLike.log a - LogLike.log b := by
  have hab : 0 < a / b := div_pos ha hb
  have h1 : LogLike.log (a / b * b) = LogLike.log (a / b) + LogLike.log b :=
    LogLike.log_mul (a / b) b hab hb
  have h2 : a / b * b = a := by
    rw [div_eq_mul_inv, mul_assoc, inv_mul_cancel₀ (ne_of_gt hb), mul_one]
  rw [h2] at h1
  rw [h1, add_sub_cancel_right]

/-- The pointwise Gibbs bound `a - b ≤ a log (a / b)` for positive `a`, `b`. -/
theorem sub_le_mul_log_div {a b : K} (ha : 0 < a) (hb : 0 < b) :
    a - b ≤ a * LogLike.log (a / b) := by
  have hba : 0 < b / a := div_pos hb ha
  have h1 : LogLike.log (b / a) ≤ b / a - 1 := LogLike.log_le_sub_one (b / a) hba
  have h2 : LogLike.log (a / b) = LogLike.log a - LogLike.log b := log_div ha hb
  have h3 : LogLike.log (b / a) = LogLike.log b - LogLike.log a := log_div hb ha
  have h4 : a * LogLike.log (b / a) ≤ a * (b / a - 1) :=
    mul_le_mul_of_nonneg_left h1 (le_of_lt ha)
  have h5 : a * (b / a - 1) = b - a := by
    rw [div_eq_mul_inv, mul_sub, mul_one, mul_left_comm, mul_inv_cancel₀ (ne_of_gt ha), mul_one]
  rw [h3, h5] at h4
  rw [h2]
  have h6 : 0 ≤ b - a - a * (LogLike.log b - LogLike.log a) := sub_nonneg.mpr h4
  have h7 : b - a - a * (LogLike.log b - LogLike.log a) =
      a * (LogLike.log a - LogLike.log b) - (a - b) := by
    simp only [sub_eq_add_neg, mul_add, mul_neg, neg_add, neg_neg, add_assoc, add_comm]
  rw [h7] at h6
  exact sub_nonneg.mp h6

/-- Gibbs' inequality `0 ≤ KL(q ‖ p)` (bound). -/
theorem gibbs : gibbs_spec := by
  intro K _ _ _ _ _ _ _ m q p hq hp
  have hle : Vec.finSum m (fun i => q i - p i)
      ≤ Vec.finSum m (fun i => q i * LogLike.log (q i / p i)) :=
    Vec.finSum_le_finSum (fun i => sub_le_mul_log_div (hq.pos i) (hp.pos i))
  have hsub : Vec.finSum m (fun i => q i - p i) = Vec.finSum m q - Vec.finSum m p :=
    Vec.finSum_sub m q p
  have hq1 : Vec.finSum m q = 1 := hq.sum_one
  have hp1 : Vec.finSum m p = 1 := hp.sum_one
  show 0 ≤ Vec.finSum m (fun i => q i * LogLike.log (q i / p i))
  rw [hsub, hq1, hp1, sub_self] at hle
  exact hle

omit [LogLike K] in
/-- The posterior of a positive joint on a nonempty set is a distribution with full support. -/
theorem posDist_posterior {m : Nat} {pxz : Vec K m} (hm : 0 < m) (hpos : ∀ i, 0 < pxz i) :
    PosDist (posterior pxz) := by
  have hpx : 0 < evidence pxz := finSum_pos m pxz hm hpos
  refine ⟨fun i => div_pos (hpos i) hpx, ?_⟩
  have hinv : evidence pxz * (evidence pxz)⁻¹ = 1 := mul_inv_cancel₀ (ne_of_gt hpx)
  have h1 : ∀ i, posterior pxz i = pxz i * (evidence pxz)⁻¹ :=
    fun i => div_eq_mul_inv (pxz i) (evidence pxz)
  have h2 : Vec.finSum m (fun i => pxz i * (evidence pxz)⁻¹)
      = Vec.finSum m (fun i => pxz i) * (evidence pxz)⁻¹ :=
    Vec.finSum_mul_right m (fun i => pxz i) (evidence pxz)⁻¹
  show Vec.finSum m (fun i => posterior pxz i) = 1
  rw [Vec.finSum_congr h1, h2]
  exact hinv

/-- A distribution with full support lives on a nonempty index set (`Σ q = 1 ≠ 0`). -/
theorem PosDist.size_pos {m : Nat} {q : Vec K m} (hq : PosDist q) : 0 < m := by
  refine Nat.pos_of_ne_zero (fun h0 => ?_)
  subst h0
  have h01 : (0 : K) = 1 := hq.sum_one
  exact zero_ne_one h01

/-- The free energy is the KL divergence to the posterior minus the log-evidence (identity). -/
theorem free_energy_decomposition : free_energy_decomposition_spec := by
  intro K _ _ _ _ _ _ _ m q pxz hq hpos
  have hm : 0 < m := hq.size_pos
  have hpx : 0 < evidence pxz := finSum_pos m pxz hm hpos
  have hpost : PosDist (posterior pxz) := posDist_posterior hm hpos
  have hterm : ∀ i, q i * LogLike.log (q i / pxz i)
      = q i * LogLike.log (q i / posterior pxz i) - q i * LogLike.log (evidence pxz) := by
    intro i
    have h1 : LogLike.log (q i / pxz i) = LogLike.log (q i) - LogLike.log (pxz i) :=
      log_div (hq.pos i) (hpos i)
    have h2 : LogLike.log (q i / posterior pxz i)
        = LogLike.log (q i) - LogLike.log (posterior pxz i) :=
      log_div (hq.pos i) (hpost.pos i)
    have h3 : LogLike.log (posterior pxz i) = LogLike.log (pxz i) - LogLike.log (evidence pxz) :=
      log_div (hpos i) hpx
    rw [h1, h2, h3, ← sub_add, mul_add, add_sub_cancel_right]
  have e1 : Vec.finSum m (fun i => q i * LogLike.log (q i / posterior pxz i)
        - q i * LogLike.log (evidence pxz))
      = Vec.finSum m (fun i => q i * LogLike.log (q i / posterior pxz i))
        - Vec.finSum m (fun i => q i * LogLike.log (evidence pxz)) :=
    Vec.finSum_sub m (fun i => q i * LogLike.log (q i / posterior pxz i))
      (fun i => q i * LogLike.log (evidence pxz))
  have e2 : Vec.finSum m (fun i => q i * LogLike.log (evidence pxz))
      = Vec.finSum m (fun i => q i) * LogLike.log (evidence pxz) :=
    Vec.finSum_mul_right m (fun i => q i) (LogLike.log (evidence pxz))
  have hq1 : Vec.finSum m (fun i => q i) = 1 := hq.sum_one
  show Vec.finSum m (fun i => q i * LogLike.log (q i / pxz i))
    = Vec.finSum m (fun i => q i * LogLike.log (q i / posterior pxz i)) - LogLike.log (evidence pxz)
  rw [Vec.finSum_congr hterm, e1, e2, hq1, one_mul]

/-- The free energy bounds the surprise from above (bound): the decomposition with `KL ≥ 0`. -/
theorem free_energy_ge_surprise : free_energy_ge_surprise_spec := by
  intro K _ _ _ _ _ _ _ m q pxz hq hpos
  have hpost : PosDist (posterior pxz) := posDist_posterior hq.size_pos hpos
  have hkl : 0 ≤ kl q (posterior pxz) := gibbs K m q (posterior pxz) hq hpost
  rw [free_energy_decomposition K m q pxz hq hpos, sub_eq_add_neg]
  have h := add_le_add_right hkl (-LogLike.log (evidence pxz))
  rw [zero_add] at h
  exact h

/-- At the exact posterior the free energy equals the surprise (identity). -/
theorem free_energy_eq_posterior : free_energy_eq_posterior_spec := by
  intro K _ _ _ _ _ _ _ m pxz hm hpos
  have hpx : 0 < evidence pxz := finSum_pos m pxz hm hpos
  have hpost : PosDist (posterior pxz) := posDist_posterior hm hpos
  have hterm : ∀ i, posterior pxz i * LogLike.log (posterior pxz i / pxz i)
      = posterior pxz i * -LogLike.log (evidence pxz) := by
    intro i
    have h1 : LogLike.log (posterior pxz i / pxz i)
        = LogLike.log (posterior pxz i) - LogLike.log (pxz i) :=
      log_div (hpost.pos i) (hpos i)
    have h2 : LogLike.log (posterior pxz i) = LogLike.log (pxz i) - LogLike.log (evidence pxz) :=
      log_div (hpos i) hpx
    rw [h1, h2, sub_sub_cancel_left]
  have e1 : Vec.finSum m (fun i => posterior pxz i * -LogLike.log (evidence pxz))
      = Vec.finSum m (fun i => posterior pxz i) * -LogLike.log (evidence pxz) :=
    Vec.finSum_mul_right m (fun i => posterior pxz i) (-LogLike.log (evidence pxz))
  have hs : Vec.finSum m (fun i => posterior pxz i) = 1 := hpost.sum_one
  show Vec.finSum m (fun i => posterior pxz i * LogLike.log (posterior pxz i / pxz i))
    = -LogLike.log (evidence pxz)
  rw [Vec.finSum_congr hterm, e1, hs, one_mul]

end LearningRules.FreeEnergy
