import os
import subprocess
import sys

from django.conf import settings

from wf7.settings import BASE_DIR


def load_settings(**env):
    """Import the settings in a fresh interpreter with only ``env`` set (and no ``.env`` file)."""
    clean = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "DEBUG")
    }
    code = (
        "import wf7.settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.PAGE_CURATION_SCHEDULER_INTERVAL_MINUTES, "
        "s.PAGE_CURATION_SCHEDULER_BATCH_SIZE, s.PAGE_CURATION_SCHEDULER_MAX_INSTANCES, s.DEBUG)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean, "ENV_FILE": "", **env},
        capture_output=True,
        text=True,
    )


def test_defaults_run_on_sqlite_with_the_seed_scheduler_settings():
    result = load_settings(DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "1", "10", "1", "True"]


def test_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = load_settings(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_environment_overrides_the_defaults():
    result = load_settings(SECRET_KEY="x" * 50, PAGE_CURATION_SCHEDULER_BATCH_SIZE="25")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[2] == "25"


def test_django_q_uses_the_default_database_and_never_catches_up():
    assert settings.Q_CLUSTER["orm"] == "default" or settings.Q_CLUSTER.get("redis")
    assert settings.Q_CLUSTER["catch_up"] is False
    assert settings.Q_CLUSTER["timeout"] < settings.Q_CLUSTER["retry"]
    assert settings.Q_CLUSTER["bulk"] == 1


def pooler_settings(value: str) -> subprocess.CompletedProcess:
    code = (
        "import wf7.settings as s; "
        "print(s.DATABASES['default'].get('DISABLE_SERVER_SIDE_CURSORS', False))"
    )
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_POOLER"}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean, "ENV_FILE": "", "DEBUG": "true", "DATABASE_POOLER": value},
        capture_output=True,
        text=True,
    )


def test_a_transaction_pooler_turns_server_side_cursors_off():
    assert pooler_settings("transaction").stdout.strip() == "True"
    assert pooler_settings("").stdout.strip() == "False"
    assert pooler_settings("session").stdout.strip() == "False"


def test_an_unknown_pooler_mode_is_refused():
    result = pooler_settings("statement")
    assert result.returncode != 0
    assert 'DATABASE_POOLER is "transaction", "session" or empty.' in result.stderr


def test_a_copy_of_env_example_runs_for_development():
    clean = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "DEBUG")
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env={**clean, "ENV_FILE": str(BASE_DIR / ".env.example")},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
    loaded = load_settings(ENV_FILE=str(BASE_DIR / ".env.example"))
    assert loaded.stdout.split()[0] == "django.db.backends.sqlite3"
    assert loaded.stdout.split()[-1] == "True"  # DEBUG


def test_every_setting_in_env_example_is_read_by_the_settings():
    source = (BASE_DIR / "wf7" / "settings.py").read_text()
    names = [
        line.split("=")[0].lstrip("# ")
        for line in (BASE_DIR / ".env.example").read_text().splitlines()
        if "=" in line and line.split("=")[0].lstrip("# ").isupper()
    ]
    assert names
    assert [name for name in names if f'"{name}"' not in source] == []


def test_with_redis_the_cache_is_shared_across_processes():
    code = "import wf7.settings as s; print(getattr(s, 'CACHES', {}).get('default', {}))"
    clean = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean, "ENV_FILE": "", "DEBUG": "true", "REDIS_URL": "redis://127.0.0.1:6379/3"},
        capture_output=True,
        text=True,
    )
    assert "RedisCache" in result.stdout, result.stderr
    assert "redis://127.0.0.1:6379/3" in result.stdout
