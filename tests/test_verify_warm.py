"""The warm Lean worker (`pyverify.verify.warm.WarmLean` over the zygote of `pyverify.lean.zygote`), checked
against fresh processes of the real prelude-only Lean 4.35.0 binary."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pyverify.errors import InvalidArgumentError, MissingDependencyError
from pyverify.lean.diagnostics import run_lean_file
from pyverify.lean.sandbox import fs_isolation_available, network_isolation_available
from pyverify.verify.warm import WarmLean

FIXTURES = Path(__file__).parent / "fixtures" / "lean" / "prelude"
PV_FIXTURE = Path(__file__).parent / "adversarial" / "PvFixture.lean"

# 2^32 recursor steps: elaboration never finishes in a test's lifetime.
SPIN = """prelude
universe u
inductive MyEq {α : Sort u} (a : α) : α → Prop where
  | refl : MyEq a a
inductive N where
  | z : N
  | s : N → N
inductive B where
  | t : B
  | f : B
noncomputable def add (n m : N) : N := N.rec (motive := fun _ => N) m (fun _ r => N.s r) n
noncomputable def mul (n m : N) : N := N.rec (motive := fun _ => N) N.z (fun _ r => add m r) n
noncomputable def sq (n : N) : N := mul n n
noncomputable def loop (n : N) : B := N.rec (motive := fun _ => B) B.t (fun _ r => r) n
def four : N := N.s (N.s (N.s (N.s N.z)))
theorem spin : MyEq (loop (sq (sq (sq (sq four))))) B.t := MyEq.refl
"""


@pytest.fixture(scope="session")
def zygote(prelude_lean: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pyverify.lean.zygote import build_zygote

    try:
        return build_zygote()
    except MissingDependencyError as exc:
        pytest.skip(f"Lean zygote unavailable: {exc}")
    except PermissionError:
        return build_zygote(tmp_path_factory.mktemp("zygote"))


@pytest.fixture(scope="module")
def warm(zygote: Path) -> Iterator[WarmLean]:
    with WarmLean(zygote) as w:
        yield w


def _children(ppid: int) -> list[int]:
    """Live processes whose parent is ``ppid`` (Linux /proc)."""
    found = []
    for e in os.listdir("/proc"):
        if not e.isdigit():
            continue
        try:
            stat = Path(f"/proc/{e}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == ppid and fields[0] != "Z":
            found.append(int(e))
    return found


def _gone(pid: int, within: float = 5.0) -> bool:
    """Whether ``pid`` has exited (no longer in /proc, or a zombie waiting for its parent) within ``within`` s."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True
        time.sleep(0.02)
    return False


@pytest.mark.parametrize("name", ["valid.lean", "type_error.lean", "axiom_cheat.lean", "sorry.lean"])
def test_same_diagnostics_as_a_fresh_process(warm: WarmLean, prelude_lean: Path, name: str) -> None:
    fresh = run_lean_file(prelude_lean, FIXTURES / name, timeout=60)
    hot = warm.check_file(FIXTURES / name, timeout=60)
    assert fresh.diagnostics, "the fixture must produce messages for the comparison to mean anything"
    assert hot.diagnostics == fresh.diagnostics
    assert hot.axioms == fresh.axioms and hot.returncode == fresh.returncode
    assert hot.other_output == fresh.other_output == [] and hot.stderr == fresh.stderr
    assert not hot.timed_out and not hot.output_truncated and not hot.resource_exhausted
    assert "warm-zygote(fork)" in hot.enforced and "wall-timeout=60s" in hot.enforced
    assert any(t.startswith("no-network(unshare -rn") for t in hot.enforced) == network_isolation_available()
    # check_file asks for nothing writable: where mount namespaces work, nothing is
    assert ("fs-readonly(mount-ns; writable: none)" in hot.enforced) == fs_isolation_available()


def test_fixture_verdicts_are_the_expected_ones(warm: WarmLean) -> None:
    assert warm.check_file(FIXTURES / "valid.lean").ok
    bad = warm.check_file(FIXTURES / "type_error.lean")
    assert bad.returncode == 1 and bad.errors and "type mismatch" in bad.errors[0].message.lower()
    cheat = warm.check_file(FIXTURES / "axiom_cheat.lean")
    assert cheat.axioms == {"uses_cheat": frozenset({"cheat"}), "honest": frozenset()}


def test_timeout_kills_the_child_and_the_zygote_serves_on(warm: WarmLean, tmp_path: Path) -> None:
    (tmp_path / "Spin.lean").write_text(SPIN, encoding="utf-8")
    zpid = warm.pid
    assert zpid is not None
    t0 = time.monotonic()
    run = warm.check_file(tmp_path / "Spin.lean", timeout=1.5)
    elapsed = time.monotonic() - t0
    assert run.timed_out and run.returncode == -signal.SIGKILL and not run.ok
    assert 1.4 < elapsed < 10
    child = warm.last_child_pid
    assert child is not None and child != zpid
    assert _gone(child) and _children(zpid) == []
    assert warm.pid == zpid  # the same zygote, still running
    assert warm.check_file(FIXTURES / "valid.lean").ok


def test_output_flood_is_capped_and_the_zygote_survives(warm: WarmLean, tmp_path: Path) -> None:
    src = (FIXTURES / "valid.lean").read_text(encoding="utf-8") + "#print axioms Demo.one_add_one\n" * 400
    (tmp_path / "Flood.lean").write_text(src, encoding="utf-8")
    capped = warm.check_file(tmp_path / "Flood.lean", max_output_bytes=8192)
    assert capped.output_truncated and not capped.ok
    assert "output-cap=8192B" in capped.enforced
    whole = warm.check_file(tmp_path / "Flood.lean", max_output_bytes=1 << 20)
    assert not whole.output_truncated and whole.ok  # the same file fits under a larger cap
    assert len(whole.diagnostics) == 402
    assert len(capped.diagnostics) < 80  # at most 8192 bytes of ~150-byte JSON lines came back
    assert _children(warm.pid or -1) == []


def test_address_space_limit_reaches_the_child(warm: WarmLean) -> None:
    small = warm.check_file(FIXTURES / "valid.lean", memory_bytes=1 << 30)
    assert small.resource_exhausted and small.returncode != 0, small  # Lean needs ~8 GiB of address space
    assert warm.check_file(FIXTURES / "valid.lean").ok  # default (16 GiB) works


def test_killed_zygote_is_restarted_on_the_next_check(zygote: Path) -> None:
    with WarmLean(zygote) as w:
        first = w.pid
        assert first is not None and w.check_file(FIXTURES / "valid.lean").ok
        os.kill(first, signal.SIGKILL)
        assert _gone(first)
        run = w.check_file(FIXTURES / "valid.lean")
        assert run.ok and w.starts == 2 and w.pid not in (None, first)


def test_zygote_killed_mid_request_takes_its_child_down_and_the_request_is_retried(zygote: Path,
                                                                                   tmp_path: Path) -> None:
    (tmp_path / "Spin.lean").write_text(SPIN, encoding="utf-8")
    with WarmLean(zygote) as w:
        first = w.pid
        assert first is not None
        result: dict[str, object] = {}
        worker = threading.Thread(target=lambda: result.update(run=w.check_file(tmp_path / "Spin.lean", timeout=2)))
        worker.start()
        end = time.monotonic() + 10
        kids: list[int] = []
        while not kids and time.monotonic() < end:
            kids = _children(first)
            time.sleep(0.01)
        assert kids, "the zygote never forked a child"
        os.kill(first, signal.SIGKILL)
        assert all(_gone(k) for k in kids)  # PR_SET_PDEATHSIG
        worker.join(timeout=30)
        run = result["run"]
        assert getattr(run, "timed_out") is True  # retried on a new zygote, which enforced the timeout
        assert w.starts == 2 and w.pid != first


def test_stop_leaves_nothing_behind(zygote: Path) -> None:
    w = WarmLean(zygote).start()
    pid, workdir = w.pid, w._workdir
    assert pid is not None and workdir is not None and Path(workdir).is_dir()
    w.stop()
    assert _gone(pid) and not Path(workdir).exists() and not w.alive
    w.stop()  # idempotent


def test_bad_requests_are_answered_and_the_zygote_survives(zygote: Path, tmp_path: Path) -> None:
    proc = subprocess.Popen([str(zygote)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env={"PATH": os.defpath, "LANG": "C.UTF-8"})
    assert proc.stdin is not None and proc.stdout is not None
    try:
        assert json.loads(proc.stdout.readline())["protocol"] == 1

        def ask(line: bytes) -> tuple[dict[str, object], bytes]:
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write(line + b"\n")
            proc.stdin.flush()
            head = json.loads(proc.stdout.readline())
            body = proc.stdout.read(int(head["stdout"]) + int(head["stderr"]))
            return head, body

        for bad in (b"not json", b"{}", b'{"argv":["--version"]}', b'{"argv":["x"],"cwd":"/","timeout":1,"zz":1}',
                    b'{"argv":["\\ud800"],"cwd":"/","timeout":1}', b'{"argv":[1],"cwd":"/","timeout":1}',
                    b'{"argv":[],"cwd":"/","timeout":-1}', b'{"argv":[],"cwd":"/","timeout":1} trailing'):
            head, body = ask(bad)
            assert str(head["error"]).startswith("bad request") and head["pid"] == 0 and body == b"", bad
        head, body = ask(json.dumps({"argv": ["--version"], "cwd": str(tmp_path), "timeout": 30,
                                     "env": ["PATH=/usr/bin"]}).encode())
        assert head["error"] == "" and head["returncode"] == 0 and body.startswith(b"Lean (version 4.35.0")
        head, body = ask(json.dumps({"argv": ["--version"], "cwd": str(tmp_path / "missing"), "timeout": 30}).encode())
        assert head["returncode"] == 126 and b"chdir" in body
    finally:
        proc.stdin.close()
        assert proc.wait(timeout=10) == 0  # EOF ends the zygote cleanly
        proc.stdout.close()


_NAMES = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/"), min_size=1, max_size=12)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stem=_NAMES)
@example(stem="-")  # "-.lean" once reached Lean as an option (`lean: invalid option -- '.'`)
@example(stem="--json")
def test_any_file_name_survives_the_request_encoding(warm: WarmLean, tmp_path: Path, stem: str) -> None:
    # The C side decodes the JSON request itself (escapes, \\u, surrogate pairs): the file Lean opens and names
    # in its messages must be exactly the one we sent.
    name = f"{stem}.lean"
    d = tmp_path / "names"
    d.mkdir(exist_ok=True)
    try:
        (d / name).write_bytes((FIXTURES / "type_error.lean").read_bytes())
    except OSError:  # a name the file system refuses (too long in bytes)
        return
    run = warm.check_file(d / name)
    assert run.errors and {x.file for x in run.diagnostics} == {name}, run.stderr


def test_prove_runner_gives_the_same_verdicts(warm: WarmLean, prelude_lean: Path, tmp_path: Path) -> None:
    from pyverify.verify.prove import check_prove, prelude_template

    template = prelude_template(prelude_lean, PV_FIXTURE, tmp_path / "lib", allow_unreplayed=True)
    spec = {"family": "prove", "lean_spec": "MyEq N.z N.z"}
    for answer, status in (("MyEq.refl", "valid"), ("MyFalse.elim2 cheat", "forbidden"),
                           ("MyEq.refl\n  (MyTrue.intro)", "lean_error")):
        hot = check_prove(spec, answer, timeout=10, template=template, runner=warm.run)
        cold = check_prove(spec, answer, timeout=10, template=template)
        assert hot.status == cold.status == status, (hot, cold)
        assert hot.construct == cold.construct and hot.position == cold.position
        assert "warm-zygote(fork)" in hot.details["enforced"]
        assert "warm-zygote(fork)" not in cold.details["enforced"]
        if status == "valid":
            # the verdict names the isolation that applied, warm and cold alike
            fs = "fs-readonly(mount-ns; writable: out)" if fs_isolation_available() else "NO read-only file system"
            assert hot.details["isolation"].startswith("warm zygote fork, " + fs), hot.details
            assert cold.details["isolation"].startswith("fresh process, " + fs), cold.details
            assert hot.backed_by is not None and hot.details["isolation"] in hot.backed_by
            assert cold.backed_by is not None and cold.details["isolation"] in cold.backed_by
            assert (fs in hot.details["enforced"]) == fs_isolation_available()


def test_bad_arguments_raise(warm: WarmLean, tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError):
        warm.check_file(tmp_path / "missing.lean")
    with pytest.raises(InvalidArgumentError):
        warm.run(["--version"], cwd=tmp_path, timeout=0)
    with pytest.raises(InvalidArgumentError):
        warm.run(["--version"], cwd=tmp_path / "nope", timeout=5)
    with pytest.raises(InvalidArgumentError):
        warm.run(["--version"], cwd=tmp_path, timeout=5, env={"A=B": "c"})
    with pytest.raises(InvalidArgumentError):
        WarmLean(tmp_path / "no-zygote")


def test_build_zygote_reports_missing_dependencies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pyverify.lean import zygote as zmod

    with pytest.raises(MissingDependencyError, match="libleanshared"):
        zmod.build_zygote(tmp_path, lib=tmp_path / "libleanshared.so")
    (tmp_path / "libleanshared.so").write_bytes(b"")
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    with pytest.raises(MissingDependencyError, match="gcc"):
        zmod.build_zygote(tmp_path / "cache", lib=tmp_path / "libleanshared.so")


# -- the read-only file system of the warm runner --------------------------------------------------------------

def _check_dir(tmp_path: Path) -> tuple[Path, Path]:
    """A check directory holding ``valid.lean`` and an empty ``out/``, and another existing directory."""
    d = tmp_path / "check"
    (d / "out").mkdir(parents=True)
    shutil.copyfile(FIXTURES / "valid.lean", d / "valid.lean")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    return d, elsewhere


def _compile(w: WarmLean, d: Path, target: str | Path, writable: list[Path] | None) -> tuple[bool, str]:
    """``lean --json -o <target> valid.lean`` in ``d`` on the warm worker: (exit 0?, stderr)."""
    run = w.run(["--json", "-o", str(target), "valid.lean"], cwd=d, timeout=60, writable=writable)
    assert not run.timed_out and not run.resource_exhausted, run
    return run.returncode == 0, run.stderr


def test_warm_children_write_only_their_output_directory(zygote: Path, tmp_path: Path) -> None:
    if not fs_isolation_available():
        pytest.skip("mount namespaces (unshare -rnm) are not available on this OS: the documented fallback "
                    "(fresh directory per check, copies only) applies to the warm runner too")
    d, elsewhere = _check_dir(tmp_path)
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "Library.olean").write_bytes(b"the library's olean")
    with WarmLean(zygote) as w:
        assert w.fs_isolated
        # the zygote itself runs in its own user and mount namespaces (its children are forks: they inherit them)
        for ns in ("mnt", "user"):
            assert os.readlink(f"/proc/{w.pid}/ns/{ns}") != os.readlink(f"/proc/self/ns/{ns}")
        ok, err = _compile(w, d, "out/Valid.olean", [d / "out"])
        assert ok, err
        assert (d / "out" / "Valid.olean").stat().st_size > 0  # written in the stage, copied back
        run = w.run(["--json", "valid.lean"], cwd=d, timeout=60, writable=[d / "out"])
        assert "fs-readonly(mount-ns; writable: out)" in run.enforced and "no-network(unshare -rnm)" in run.enforced
        # every write outside out/ fails inside the forked child, and leaves nothing behind
        for target in (elsewhere / "Evil.olean", "Evil.olean", lib / "Library.olean", tmp_path / "Evil.olean"):
            ok, err = _compile(w, d, target, [d / "out"])
            assert not ok and "failed to write" in err, (target, err)
        assert list(elsewhere.iterdir()) == [] and not (tmp_path / "Evil.olean").exists()
        assert sorted(p.name for p in d.iterdir()) == ["out", "valid.lean"]
        assert (lib / "Library.olean").read_bytes() == b"the library's olean"
        # without an output directory nothing at all is writable, out/ included
        (d / "out" / "Valid.olean").unlink()
        ok, err = _compile(w, d, "out/Valid.olean", None)
        assert not ok and "failed to write" in err and not (d / "out" / "Valid.olean").exists()
        assert "fs-readonly(mount-ns; writable: none)" in w.run(["--version"], cwd=d, timeout=30).enforced
        # the stage is emptied after each check: nothing from one check is left for the next
        assert w._stage is not None and sorted(p.name for p in w._stage.iterdir()) == ["out"]
        assert list((w._stage / "out").iterdir()) == []
        assert w.check_file(FIXTURES / "valid.lean").ok


def test_warm_fallback_without_fs_isolation(zygote: Path, tmp_path: Path) -> None:
    # isolate_fs=False is the OS-without-mount-namespaces path: the same checks, no fs tag, writes not confined
    d, elsewhere = _check_dir(tmp_path)
    with WarmLean(zygote, isolate_fs=False) as w:
        assert not w.fs_isolated
        run = w.run(["--json", "-o", "out/Valid.olean", "valid.lean"], cwd=d, timeout=60, writable=[d / "out"])
        assert run.ok and (d / "out" / "Valid.olean").is_file()
        assert not any(t.startswith("fs-readonly") or t.startswith("warm-staged") for t in run.enforced)
        ok, err = _compile(w, d, elsewhere / "Evil.olean", [d / "out"])
        assert ok and (elsewhere / "Evil.olean").is_file(), err  # what the isolation above prevents


def test_warm_refuses_writable_directories_it_cannot_honour(warm: WarmLean, tmp_path: Path) -> None:
    d, elsewhere = _check_dir(tmp_path)
    for bad in ([elsewhere], [d], [d / "out", elsewhere], [d / "missing"]):
        with pytest.raises(InvalidArgumentError, match="writable"):
            warm.run(["--version"], cwd=d, timeout=30, writable=bad)
    assert warm.run(["--version"], cwd=d, timeout=30, writable=[]).returncode == 0


def test_read_only_mounts_cannot_be_remounted_read_write(tmp_path: Path) -> None:
    # The namespace script the warm zygote and the cold path share: its command is root of the outer user
    # namespace's view, but runs in a nested one where the read-only flags are locked (a raw mount(2) call,
    # not util-linux's `mount`, which refuses a non-root caller by itself).
    import sys

    from pyverify.lean.sandbox import fs_isolated_argv

    if not fs_isolation_available():
        pytest.skip("mount namespaces (unshare -rnm) are not available on this OS: the documented fallback applies")
    (tmp_path / "out").mkdir()
    probe = (
        "import ctypes, os, sys\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "for path in ('/', sys.argv[1]):\n"
        "    rc = libc.mount(None, path.encode(), None, 32 | 4096, None)  # MS_REMOUNT | MS_BIND, no MS_RDONLY\n"
        "    print(path, rc, os.strerror(ctypes.get_errno()))\n"
        "for target in (sys.argv[1] + '/x', sys.argv[2] + '/y'):\n"
        "    try:\n"
        "        open(target, 'w').write('written')\n"
        "        print('wrote', target)\n"
        "    except OSError as exc:\n"
        "        print('refused', target, exc.errno)\n"
    )
    argv, tags = fs_isolated_argv([sys.executable, "-c", probe, str(tmp_path), str(tmp_path / "out")],
                                  [tmp_path / "out"])
    assert tags == ["no-network(unshare -rnm)", "fs-readonly(mount-ns; writable: out)"]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "/ -1 Operation not permitted" and lines[1].endswith(" -1 Operation not permitted"), lines
    assert lines[2] == f"refused {tmp_path}/x 30" and lines[3] == f"wrote {tmp_path}/out/y", lines
    assert not (tmp_path / "x").exists() and (tmp_path / "out" / "y").read_text() == "written"
