import Lean.CoreM
import Lean.Replay

/-!
# pv-replay: replay one module's constants through the Lean kernel

`pv-replay <Module>` finds `<Module>.olean` on `LEAN_PATH`, imports the module's *imports* (not the module),
and adds every constant the module declares to that environment with `Environment.replay`, which runs the
kernel's type checker on each (the same procedure as Lean's `leanchecker`). It then prints one JSON line
`{"pv_replay": 1, "module": "<Module>", "constants": ["<name>", …]}` and exits 0; any kernel error or
missing file exits 1 with the message on stderr.

## Implementation notes

Written for Lean 4.35.0 against `Lean.Replay` and the module-data API used by Lean's own
`src/LeanChecker.lean`. It has not been compiled in the environment where it was written (no toolchain
there): `pyverify.verify.replay.build_replay_tool` builds it wherever `lake` exists, and a failed build is
reported, never hidden.

## References

Lean 4 sources, `src/LeanChecker.lean` and `src/Lean/Replay.lean`.
-/

open Lean

/-- Replay every constant of `module` on top of its imports; return the names replayed. -/
unsafe def replayModule (module : Name) : IO (Array Name) := do
  let mFile ← findOLean module
  unless (← mFile.pathExists) do
    throw <| IO.userError s!"object file '{mFile}' of module {module} does not exist"
  let (mod, _) ← readModuleData mFile
  let (_, s) ← importModulesCore mod.imports |>.run
  let env ← finalizeImport s mod.imports {} 0 false false (isModule := true)
  let mut newConstants : Std.HashMap Name ConstantInfo := {}
  for name in mod.constNames, ci in mod.constants do
    newConstants := newConstants.insert name ci
  discard <| env.toKernelEnv.replay newConstants
  return mod.constNames

/-- Entry point: exactly one module name. -/
unsafe def main (args : List String) : IO UInt32 := do
  let [arg] := args | do
    IO.eprintln "usage: pv-replay <Module>"
    return 2
  initSearchPath (← findSysroot)
  try
    let names ← replayModule arg.toName
    let quoted := names.toList.map fun n => "\"" ++ (toString n).replace "\"" "\\\"" ++ "\""
    IO.println s!"\{\"pv_replay\": 1, \"module\": \"{arg}\", \"constants\": [{", ".intercalate quoted}]}"
    return 0
  catch e =>
    IO.eprintln s!"pv-replay: {e}"
    return 1
