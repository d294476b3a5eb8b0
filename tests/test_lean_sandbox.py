"""The sandbox kills whole process trees, caps output, enforces rlimits and scrubs the environment."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyverify.errors import InvalidArgumentError
from pyverify.lean.sandbox import fresh_workdir, network_isolation_available, run_sandboxed


def _live_members(pgid: int) -> list[int]:
    """Pids of non-zombie processes in process group ``pgid``, from a /proc scan."""
    found: list[int] = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        state, pgrp = fields[0], int(fields[2])
        if pgrp == pgid and state != "Z":
            found.append(int(entry))
    return found


def _wait_group_gone(pgid: int, seconds: float = 3.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while True:
        left = _live_members(pgid)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def test_timeout_kills_the_whole_forked_tree(tmp_path: Path) -> None:
    script = "sleep 60 & sleep 60 & (sleep 60; echo never) & echo started; wait"
    t0 = time.monotonic()
    r = run_sandboxed(["sh", "-c", script], cwd=tmp_path, timeout=1.0)
    assert r.timed_out
    assert time.monotonic() - t0 < 10
    assert r.stdout == b"started\n"
    assert r.returncode < 0
    assert _wait_group_gone(r.pid) == []


def test_normal_exit_leaves_no_background_child(tmp_path: Path) -> None:
    # The leader exits at once but leaves a sleeper in its group holding stdout: it must be killed.
    r = run_sandboxed(["sh", "-c", "sleep 60 & echo done"], cwd=tmp_path, timeout=20)
    assert not r.timed_out
    assert r.returncode == 0
    assert r.wall_seconds < 10
    assert _wait_group_gone(r.pid) == []


def test_output_flood_is_capped_and_killed(tmp_path: Path) -> None:
    r = run_sandboxed(["sh", "-c", "yes flood"], cwd=tmp_path, timeout=20, max_output_bytes=50_000)
    assert r.output_truncated
    assert not r.timed_out
    assert len(r.stdout) + len(r.stderr) == 50_000
    assert r.wall_seconds < 10
    assert _wait_group_gone(r.pid) == []


@settings(max_examples=8, deadline=None)
@given(size=st.integers(min_value=0, max_value=20_000), cap=st.integers(min_value=1, max_value=20_000))
def test_output_cap_property(size: int, cap: int) -> None:
    with fresh_workdir() as d:
        r = run_sandboxed(
            [sys.executable, "-c", f"import sys; sys.stdout.write('x' * {size})"],
            cwd=d, timeout=30, max_output_bytes=cap,
        )
    assert len(r.stdout) == min(size, cap)
    assert r.output_truncated == (size > cap)


def test_memory_limit_gives_resource_exhausted(tmp_path: Path) -> None:
    r = run_sandboxed(
        [sys.executable, "-c", "x = bytearray(2 * 1024**3)"],
        cwd=tmp_path, timeout=30, memory_bytes=512 * 1024**2,
    )
    assert r.resource_exhausted
    assert r.returncode != 0
    assert any(e.startswith("rlimit-as=") for e in r.enforced)


def test_within_memory_limit_is_fine(tmp_path: Path) -> None:
    r = run_sandboxed(
        [sys.executable, "-c", "x = bytearray(10 * 1024**2); print(len(x))"],
        cwd=tmp_path, timeout=30, memory_bytes=512 * 1024**2,
    )
    assert r.ok, r
    assert r.stdout.strip() == b"10485760"


def test_cpu_limit_gives_resource_exhausted(tmp_path: Path) -> None:
    r = run_sandboxed([sys.executable, "-c", "while True: pass"], cwd=tmp_path, timeout=30, cpu_seconds=1)
    assert r.resource_exhausted
    assert not r.timed_out


def test_env_is_scrubbed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYVERIFY_TEST_SECRET", "hunter2")
    r = run_sandboxed(["env"], cwd=tmp_path, timeout=10, env={"LEAN_PATH": "/some/lib"})
    lines = dict(line.split("=", 1) for line in r.text().splitlines())
    assert "PYVERIFY_TEST_SECRET" not in lines
    assert set(lines) == {"PATH", "HOME", "LANG", "LEAN_PATH"}
    assert lines["LEAN_PATH"] == "/some/lib"
    assert Path(lines["HOME"]) == tmp_path.resolve()


def test_stdin_is_fed(tmp_path: Path) -> None:
    data = b"abc\n" * 100_000
    r = run_sandboxed(["cat"], cwd=tmp_path, timeout=20, stdin=data, max_output_bytes=10**7)
    assert r.ok, (r.returncode, r.timed_out, r.output_truncated, len(r.stdout), r.stderr, r.wall_seconds)
    assert r.stdout == data


def test_core_dumps_disabled(tmp_path: Path) -> None:
    r = run_sandboxed(["sh", "-c", "ulimit -c"], cwd=tmp_path, timeout=10)
    assert r.stdout.strip() == b"0"
    assert "rlimit-core=0" in r.enforced


@pytest.mark.skipif(not network_isolation_available(), reason="unshare -rn does not work on this machine")
def test_network_is_isolated_when_unshare_works(tmp_path: Path) -> None:
    r = run_sandboxed(["cat", "/proc/net/dev"], cwd=tmp_path, timeout=10)
    ifaces = [line.split(":")[0].strip() for line in r.text().splitlines()[2:]]
    assert ifaces == ["lo"]
    assert "no-network(unshare -rn)" in r.enforced


def test_without_isolation_enforced_does_not_claim_it(tmp_path: Path) -> None:
    r = run_sandboxed(["true"], cwd=tmp_path, timeout=10, isolate_network=False)
    assert not any("network" in e for e in r.enforced)


def test_bad_arguments_are_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="argv"):
        run_sandboxed([], cwd=tmp_path, timeout=1)
    with pytest.raises(InvalidArgumentError, match="timeout"):
        run_sandboxed(["true"], cwd=tmp_path, timeout=0)
    with pytest.raises(InvalidArgumentError, match="cwd"):
        run_sandboxed(["true"], cwd=tmp_path / "missing", timeout=1)
    with pytest.raises(InvalidArgumentError, match="memory_bytes"):
        run_sandboxed(["true"], cwd=tmp_path, timeout=1, memory_bytes=-5)
    with pytest.raises(FileNotFoundError, match="no-such-program"):
        run_sandboxed(["no-such-program-xyz"], cwd=tmp_path, timeout=1)


def test_fresh_workdir_is_removed() -> None:
    with fresh_workdir() as d:
        (d / "f").write_text("x")
        assert d.is_dir()
    assert not d.exists()


def test_leader_that_closes_its_output_still_times_out(tmp_path: Path) -> None:
    r = run_sandboxed(["sh", "-c", "exec >&- 2>&-; sleep 60"], cwd=tmp_path, timeout=1.0)
    assert r.timed_out
    assert r.wall_seconds < 10
    assert _wait_group_gone(r.pid) == []


def test_exit_status_of_a_clean_exit_is_kept(tmp_path: Path) -> None:
    r = run_sandboxed(["sh", "-c", "echo out; echo err >&2; exit 7"], cwd=tmp_path, timeout=20)
    assert (r.returncode, r.stdout, r.stderr, r.timed_out) == (7, b"out\n", b"err\n", False)


@pytest.fixture(params=["prlimit", "preexec_fn"])
def limit_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test under each way of setting the rlimits (``prlimit`` skipped with a reason where missing)."""
    from pyverify.lean import sandbox

    if request.param == "prlimit":
        if sandbox._prlimit_path() is None:
            pytest.skip("util-linux prlimit is not available here; only the preexec_fn path can be tested")
        monkeypatch.delenv("PYVERIFY_SANDBOX_NO_PRLIMIT", raising=False)
    else:
        monkeypatch.setenv("PYVERIFY_SANDBOX_NO_PRLIMIT", "1")
    return str(request.param)


def test_limits_reach_the_child_on_both_paths(tmp_path: Path, limit_path: str) -> None:
    r = run_sandboxed(["sh", "-c", "ulimit -n; ulimit -c; ulimit -t; ulimit -f"], cwd=tmp_path, timeout=20,
                      max_open_files=77, cpu_seconds=9, max_file_bytes=1024 * 1024, isolate_network=False)
    assert r.ok, r.stderr
    # sh reports the soft limits: open files, core blocks, CPU seconds, then the file size
    assert r.text().split()[:3] == ["77", "0", "9"]
    assert int(r.text().split()[3]) in (1024, 2048)  # 1024-byte blocks (bash) or 512-byte blocks (dash)
    assert f"rlimits-via({limit_path})" in r.enforced


def test_sigpipe_is_default_in_the_child(tmp_path: Path, limit_path: str) -> None:
    # with SIGPIPE ignored, `yes` would report "Broken pipe" on stderr instead of dying quietly
    r = run_sandboxed(["sh", "-c", "yes | head -n 1"], cwd=tmp_path, timeout=20, isolate_network=False)
    assert (r.returncode, r.stdout, r.stderr) == (0, b"y\n", b"")


def test_concurrent_runs_from_threads(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def one(i: int) -> tuple[int, bytes]:
        r = run_sandboxed(["sh", "-c", f"echo {i}"], cwd=tmp_path, timeout=30, memory_bytes=1 << 30)
        return r.returncode, r.stdout

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(one, range(64)))
    assert results == [(0, f"{i}\n".encode()) for i in range(64)]


def test_a_limit_above_the_hard_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import resource

    from pyverify.lean import sandbox

    real = resource.getrlimit
    monkeypatch.setattr(sandbox.os, "geteuid", lambda: 1000)  # as an unprivileged user would be
    monkeypatch.setattr(sandbox.resource, "getrlimit",
                        lambda res: (512, 1024) if res == resource.RLIMIT_NOFILE else real(res))
    with pytest.raises(InvalidArgumentError, match=r"max_open_files .* 1024"):
        run_sandboxed(["true"], cwd=tmp_path, timeout=5, max_open_files=4096)
    assert run_sandboxed(["true"], cwd=tmp_path, timeout=5, max_open_files=1024).ok


def test_a_missing_program_path_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not executable"):
        run_sandboxed([str(tmp_path / "nope")], cwd=tmp_path, timeout=5)
