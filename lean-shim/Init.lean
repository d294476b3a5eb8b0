prelude
import Init.Prelude
import Init.Notation
import Init.Algebra
import Init.Data
import Init.Core
/-! # Shim root: what a file without `prelude` imports implicitly when checked by `pyverify lean check`. -/
