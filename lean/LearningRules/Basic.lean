/-!
# The ordered-field context

Every statement of this library is generic over an ordered field `K`, built from Lean core's own
algebra and order classes, so that core `Rat` is an instance and results hold for any ordered field
(the reals included, once a user supplies the instances).

## Main definitions

There is no bundled class: every file opens the same `variable` line,

```
variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K]
```

and every spec statement quantifies over exactly these binders. The line is the one `grind`'s ring
and linear-arithmetic engines are tested against in Lean core, so `grind` applies unchanged.

* `LearningRules.half` : `1/2` as an element of the field, used by objectives written `½ ⟪x, x⟫`.

## Implementation notes

* Sign convention: a *loss decreases*. Every objective `F` is a loss, and `ΔF > 0` in the project's
  wording means `F (rule w) < F w`. Rules that ascend an objective (Hebbian learning) state the
  increase of the objective explicitly.
* Squared norms only: an ordered field has no square root, so norms appear as `⟪x, x⟫`.
* The spec statements `<theorem>_spec : Prop` break Mathlib's naming rule for `Prop`-valued
  definitions on purpose: `foo_spec` is the statement proved by `theorem foo` in `proofs/`.

## References

* Lean core, `Init/Grind/Ordered/Ring.lean` and `Init/Grind/Ordered/Rat.lean` (v4.35.0).
-/

namespace LearningRules

variable {K : Type} [Lean.Grind.Field K]

/-- One half in the field `K`, written `2⁻¹`. -/
def half : K := (2 : K)⁻¹

end LearningRules
