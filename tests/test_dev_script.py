"""``scripts/dev.py``: SIGTERM stops ``serve``'s children and what they started; ``manage`` passes
a command through with DEBUG on and only the command's output on stdout."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A child that records its pid and waits; one that also starts a grandchild (as runserver's
# reloader and qcluster's workers do); one that ignores SIGTERM and must be killed.
WAITER = "import os, sys, time; open(sys.argv[1], 'a').write(f'{os.getpid()}\\n'); time.sleep(60)"
PARENT = (
    "import os, subprocess, sys, time; open(sys.argv[1], 'a').write(f'{os.getpid()}\\n'); "
    f"subprocess.Popen([sys.executable, '-c', {WAITER!r}, sys.argv[1]]); time.sleep(60)"
)
STUBBORN = "import signal; signal.signal(signal.SIGTERM, signal.SIG_IGN); " + WAITER
SUPERVISOR = (
    "import os, sys; sys.path.insert(0, 'scripts'); import dev; dev.STOP_GRACE_SECONDS = 1; "
    "sys.exit(dev.supervise([[sys.executable, '-c', code, sys.argv[1]] for code in sys.argv[2:]],"
    " dict(os.environ)))"
)


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_to_serve_stops_every_child_and_grandchild(tmp_path, sig):
    pids_file = tmp_path / "pids"
    pids_file.touch()
    supervisor = subprocess.Popen(
        [sys.executable, "-c", SUPERVISOR, str(pids_file), WAITER, PARENT, STUBBORN],
        cwd=ROOT,
        stderr=subprocess.PIPE,
    )

    def pids():
        return [int(line) for line in pids_file.read_text().split()]

    assert wait_for(lambda: len(pids()) == 4, 10), pids()
    assert all(alive(pid) for pid in pids())

    supervisor.send_signal(sig)

    assert supervisor.wait(timeout=10) == 0
    assert wait_for(lambda: not any(alive(pid) for pid in pids()), 5), pids()


def test_serve_ends_when_a_child_ends(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SUPERVISOR, str(tmp_path / "pids"), WAITER, "raise SystemExit(3)"],
        cwd=ROOT,
        capture_output=True,
        timeout=15,
    )

    assert result.returncode == 3


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    return subprocess.run(
        [sys.executable, "scripts/dev.py", "manage", *args],
        cwd=ROOT,
        env={**clean, "ENV_FILE": "", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_manage_runs_a_command_in_the_venv_with_debug_on():
    result = run_manage(
        "shell", "-v", "0", "-c", "from django.conf import settings; print(settings.DEBUG)"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout == "True\n"


def test_manage_keeps_debug_off_when_asked_and_passes_the_exit_status_on():
    result = run_manage("check", DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def descendants(pid: int) -> set[int]:
    """Every process below ``pid``, from /proc."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        children = parents.get(todo.pop(), [])
        found.update(children)
        todo.extend(children)
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_sigterm_stops_the_real_web_server_and_worker(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    env.update(ENV_FILE="", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", REDIS_URL="")
    log = (tmp_path / "serve.log").open("w")
    serve = subprocess.Popen(
        [sys.executable, "scripts/dev.py", "serve", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def answers() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/", timeout=2):
                return True
        except OSError:
            return False

    try:
        assert wait_for(answers, 60), (tmp_path / "serve.log").read_text()[-2000:]
        assert wait_for(
            lambda: len(descendants(serve.pid)) >= 4, 30
        )  # runserver and its reloaded child, qcluster and its workers
        children = descendants(serve.pid)

        serve.send_signal(signal.SIGTERM)

        assert serve.wait(timeout=20) == 0
        assert wait_for(lambda: not any(alive(pid) for pid in children), 10), children
        assert not answers()
    finally:
        if serve.poll() is None:
            serve.kill()
