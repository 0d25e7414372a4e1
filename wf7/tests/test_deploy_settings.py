"""The settings ``manage.py check --deploy`` asks for come from the environment; with them set it
has nothing to say, without them it warns."""

import os
import subprocess
import sys

from wf7.settings import BASE_DIR

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "wf7.example.org",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SESSION_COOKIE_SECURE": "true",
    "CSRF_COOKIE_SECURE": "true",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
}
DEPLOY_NAMES = [name for name in PRODUCTION if name.startswith(("SECURE_", "SESSION_", "CSRF_"))]


def check_deploy(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={**clean, "ENV_FILE": "", **env},
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_silent_with_the_production_settings():
    result = check_deploy(**PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_without_them():
    result = check_deploy(**{k: v for k, v in PRODUCTION.items() if k not in DEPLOY_NAMES})

    assert result.returncode != 0
    for code in ["W004", "W008", "W012", "W016"]:  # HSTS, SSL redirect, both cookies
        assert f"security.{code}" in result.stderr


def test_a_malformed_proxy_header_is_refused():
    result = check_deploy(**{**PRODUCTION, "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO"})

    assert result.returncode != 0
    assert 'SECURE_PROXY_SSL_HEADER is "HEADER,VALUE"' in result.stderr


def test_every_deploy_setting_is_in_env_example():
    names = {line.split("=")[0] for line in (BASE_DIR / ".env.example").read_text().splitlines()}
    assert {*DEPLOY_NAMES, "LOGIN_THROTTLE_RATE", "NUM_PROXIES"} <= names


def test_the_proxy_header_is_read_as_a_pair():
    code = "import wf7.settings as s; print(repr(s.SECURE_PROXY_SSL_HEADER))"
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean, "ENV_FILE": "", **PRODUCTION},
        capture_output=True,
        text=True,
    )

    assert result.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')", result.stderr
