from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ExtractionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "extraction"
    verbose_name = "Contact extraction"

    def ready(self):
        from extraction.schedule import register_schedule

        # Sent per app with models; this one has none, so listen for django_q's.
        django_q = self.apps.get_app_config("django_q")
        post_migrate.connect(register_schedule, sender=django_q, dispatch_uid="wf7-job-schedule")
