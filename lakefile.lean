import Lake
open Lake DSL

/-- The learning-rules project: the spec (`LearningRules`) and its proofs (`LearningRulesProofs`). -/
package learningrules where
  leanOptions := #[
    ⟨`autoImplicit, false⟩,
    ⟨`relaxedAutoImplicit, false⟩
  ]

/-- The spec: executable learning rules, objectives, and every property as a `_spec : Prop`. -/
@[default_target]
lean_lib LearningRules where
  srcDir := "lean"

/-- The proofs: `theorem foo : LearningRules.….foo_spec` for each spec statement, and every other
module under `proofs/LearningRulesProofs/` (the `#guard` test vectors included). -/
@[default_target]
lean_lib LearningRulesProofs where
  srcDir := "proofs"
  globs := #[.andSubmodules `LearningRulesProofs]
