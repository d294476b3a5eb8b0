import LearningRules.Basic
import LearningRules.Vec
import LearningRules.Learning
import LearningRules.GradientDescent
import LearningRules.GradientDescentNesterov
import LearningRules.Quadratic
import LearningRules.SGD
import LearningRules.LMS
import LearningRules.EWC
import LearningRules.PredictiveCoding
import LearningRules.Perceptron
import LearningRules.TD0
import LearningRules.Hebbian
import LearningRules.Oja
import LearningRules.Perturbation
import LearningRules.FeedbackAlignment
import LearningRules.FreeEnergy

/-!
# LearningRules: the spec

The aggregator of the spec library: executable learning rules, their objectives, and every property
as a statement `def <name>_spec : Prop`. The proofs live in the separate library
`LearningRulesProofs`, so that a proof can never change the statement it proves.

## Implementation notes

The statements are named `<theorem>_spec` although they are `Prop`-valued definitions, which
Mathlib would name in UpperCamelCase: the suffix pairs each statement with `theorem <theorem>` in
`proofs/`, a deliberate exception to the naming convention.
-/
