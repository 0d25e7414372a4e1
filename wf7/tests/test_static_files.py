import subprocess
import sys

from wf7.settings import BASE_DIR


def test_static_files_are_served_by_the_app_without_debug(tmp_path):
    """gunicorn with DEBUG off has no static server in front: WhiteNoise serves the assets."""
    env = {"SECRET_KEY": "x", "DEBUG": "false", "PATH": "/usr/bin:/bin"}
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'wf7.settings';"
        "from django.conf import settings; "
        f"settings.STATIC_ROOT = {str(tmp_path)!r}; django.setup();"
        "from django.core.management import call_command; call_command('collectstatic',"
        " interactive=False, verbosity=0);"
        "from django.test import Client; c = Client();"
        "print(c.get('/static/admin/css/base.css').status_code,"
        " c.get('/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css').status_code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "200"]
