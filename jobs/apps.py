from django.apps import AppConfig


class JobsConfig(AppConfig):
    """The one job loop (claim, heartbeat lease, stale-result guard) that every job runs on."""

    name = "jobs"
    default_auto_field = "django.db.models.BigAutoField"
