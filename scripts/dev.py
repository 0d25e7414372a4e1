#!/usr/bin/env python3
"""Set up and run WF7 with nothing but Python 3.11: ``serve`` runs the service, ``test`` the tests.

Both create ``.venv`` and install the pinned requirements when they have changed. ``test`` runs the
suite against ``DATABASE_URL`` when it is set, otherwise against a throwaway PostgreSQL that it
starts itself (the ``pgserver`` package); it never falls back to SQLite.
"""

import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"


def ensure_venv(requirements: str) -> None:
    if not PYTHON.exists():
        print(f"Creating {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    files = sorted((ROOT / "requirements").glob("*.txt"))
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".installed-{requirements}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"Installing requirements/{requirements}.txt ...", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "-r", str(ROOT / "requirements" / f"{requirements}.txt")], check=True)
    stamp.write_text(digest)


def manage(*args: str, env=None) -> subprocess.Popen:
    return subprocess.Popen([str(PYTHON), str(ROOT / "manage.py"), *args], cwd=ROOT, env=env)


def serve(args: list[str]) -> int:
    ensure_venv("base")
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "true")}
    if manage("migrate", "--noinput", env=env).wait():
        return 1
    address = args[0] if args else "127.0.0.1:8000"
    worker = manage("qcluster", env=env)
    web = manage("runserver", address, env=env)
    print(f"WF7 is at http://{address}/admin/ (worker pid {worker.pid}); Ctrl-C stops both.")
    try:
        return web.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for process in (web, worker):
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in (web, worker):
            process.wait()


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
        print("Testing against a throwaway PostgreSQL (DATABASE_URL is not set).", flush=True)
    else:
        server = None
    try:
        return subprocess.run([str(PYTHON), "-m", "pytest", *args], cwd=ROOT, env=env).returncode
    finally:
        if server is not None:
            server.cleanup()


def main() -> int:
    commands = {"serve": serve, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__.strip())
        print("\nusage: python3 scripts/dev.py serve [ADDRESS] | test [PYTEST ARGS]")
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
