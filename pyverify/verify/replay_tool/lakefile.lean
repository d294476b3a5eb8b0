import Lake
open Lake DSL

/-! The verifier's kernel replay program `pv-replay` (see `pyverify/verify/replay.py`). Built with the same
toolchain as the project by `pyverify.verify.replay.build_replay_tool`. -/

package pvReplay

@[default_target]
lean_exe «pv-replay» where
  root := `PvReplay
  supportInterpreter := false
