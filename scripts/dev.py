#!/usr/bin/env python3
"""Set up and run WF7 with nothing but Python 3.11: ``serve`` runs the service, ``test`` the tests,
``manage`` any ``manage.py`` command.

Each creates ``.venv`` and installs the pinned requirements when they have changed. ``serve`` and
``manage`` run with ``DEBUG`` on unless the environment or ``.env`` says otherwise. ``test`` runs
the suite against ``DATABASE_URL`` when it is set, otherwise against a throwaway PostgreSQL that it
starts itself (the ``pgserver`` package); it never falls back to SQLite. This script's own messages
go to stderr, so ``TOKEN=$(python3 scripts/dev.py manage drf_create_token …)`` captures only the
command's output.
"""

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
# Each requirements file and the ones that include it (dev includes base, bench includes dev).
INCLUDED_IN = {"base": ["base", "dev", "bench"], "dev": ["dev", "bench"], "bench": ["bench"]}
STOP_GRACE_SECONDS = 10


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ensure_venv(requirements: str) -> None:
    if not PYTHON.exists():
        say(f"Creating {VENV} ...")
        venv.EnvBuilder(with_pip=True).create(VENV)
    files = sorted((ROOT / "requirements").glob("*.txt"))
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    for installed in INCLUDED_IN[requirements]:
        stamp = VENV / f".installed-{installed}"
        if stamp.exists() and stamp.read_text() == digest:
            return
    say(f"Installing requirements/{requirements}.txt ...")
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    requirements_file = str(ROOT / "requirements" / f"{requirements}.txt")
    subprocess.run([*pip, "-r", requirements_file], check=True, stdout=sys.stderr)
    (VENV / f".installed-{requirements}").write_text(digest)


def development_env() -> dict[str, str]:
    """The environment with DEBUG on, unless the environment or ``.env`` sets it."""
    env = dict(os.environ)
    if "DEBUG" not in env and not _env_file_sets("DEBUG"):
        env["DEBUG"] = "true"
    return env


def _env_file_sets(name: str) -> bool:
    """Whether the file the settings read (``ENV_FILE``, default ``.env``) sets ``name``."""
    env_file = Path(os.environ.get("ENV_FILE", ROOT / ".env"))
    if not os.environ.get("ENV_FILE", "x") or not env_file.is_file():
        return False
    lines = env_file.read_text(errors="replace").splitlines()
    return any(line.strip().startswith(f"{name}=") for line in lines)


def manage_command(*args: str) -> list[str]:
    return [str(PYTHON), str(ROOT / "manage.py"), *args]


class Stop(Exception):
    """SIGTERM (or SIGHUP) arrived: stop the children as Ctrl-C does."""


def _raise_stop(signum, frame):
    raise Stop(signal.Signals(signum).name)


def supervise(commands: list[list[str]], env: dict[str, str]) -> int:
    """Run the commands until the first one exits, Ctrl-C, SIGTERM or SIGHUP; then stop them all.

    Each child leads its own process group, so stopping it also stops what it started (runserver's
    reloaded server, qcluster's workers): SIGTERM to each child (not SIGINT, which a shell's
    background job ignores), SIGKILL after a grace period, then SIGKILL to whatever is left in
    its group."""
    previous = {sig: signal.signal(sig, _raise_stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    children = []
    try:
        for command in commands:
            children.append(subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True))
        say("Started " + ", ".join(str(child.pid) for child in children) + ".")
        while all(child.poll() is None for child in children):
            time.sleep(0.2)
        return next(child.returncode for child in children if child.returncode is not None)
    except (KeyboardInterrupt, Stop):
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _stop(children)


def _signal_group(child: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, sig)


def _stop(children: list[subprocess.Popen]) -> None:
    for child in children:
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        _signal_group(child, signal.SIGKILL)  # anything the child left behind in its group


def serve(args: list[str]) -> int:
    ensure_venv("base")
    env = development_env()
    if subprocess.run(manage_command("migrate", "--noinput"), cwd=ROOT, env=env).returncode:
        return 1
    address = args[0] if args else "127.0.0.1:8000"
    say(f"WF7 is at http://{address}/admin/; Ctrl-C stops the web server and the worker.")
    return supervise([manage_command("qcluster"), manage_command("runserver", address)], env)


def manage(args: list[str]) -> int:
    ensure_venv("base")
    try:
        return subprocess.run(manage_command(*args), cwd=ROOT, env=development_env()).returncode
    except KeyboardInterrupt:
        return 130


def throwaway_postgres():
    import pgserver  # installed by requirements/dev.txt

    data_dir = tempfile.mkdtemp(prefix="wf7-pg-")
    server = pgserver.get_server(data_dir, cleanup_mode="delete")
    socket_dir = server.get_postmaster_info().socket_dir
    return server, f"postgres://postgres@/postgres?host={socket_dir}"


def test(args: list[str]) -> int:
    ensure_venv("dev")
    env = dict(os.environ)
    env.setdefault("SECRET_KEY", "wf7-tests-only-secret-key")
    if not env.get("DATABASE_URL"):
        if str(PYTHON) != sys.executable:  # pgserver lives in the venv: start it from there
            return subprocess.run([str(PYTHON), __file__, "test", *args], cwd=ROOT).returncode
        server, env["DATABASE_URL"] = throwaway_postgres()
        say("Testing against a throwaway PostgreSQL (DATABASE_URL is not set).")
    else:
        server = None
    try:
        return subprocess.run([str(PYTHON), "-m", "pytest", *args], cwd=ROOT, env=env).returncode
    finally:
        if server is not None:
            server.cleanup()


def main() -> int:
    commands = {"serve": serve, "test": test, "manage": manage}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        say(__doc__.strip())
        say(
            "\nusage: python3 scripts/dev.py serve [ADDRESS] | test [PYTEST ARGS]"
            " | manage COMMAND [ARGS]"
        )
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
