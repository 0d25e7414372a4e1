"""Curators import domains and queue their discovery, as they do with pages."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Curators"
CODENAMES = ["change_domain", "add_domain"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("pages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    granted = Permission.objects.filter(content_type__app_label="pages", codename__in=CODENAMES)
    for group in Group.objects.filter(name=GROUP):
        group.permissions.add(*granted)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="pages", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("pages", "0006_domain_dual_status_and_discovery")]

    operations = [migrations.RunPython(grant, revoke)]
