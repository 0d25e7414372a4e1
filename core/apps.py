from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared plumbing below the apps: the base model, the base error, the API's plumbing."""

    name = "core"
    default_auto_field = "django.db.models.BigAutoField"
