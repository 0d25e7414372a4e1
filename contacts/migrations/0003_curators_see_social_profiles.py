"""Curators see the social profiles, as they see the contacts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Curators"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("contacts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(
        content_type__app_label="contacts", codename="view_socialprofile"
    )
    for group in Group.objects.filter(name=GROUP):
        group.permissions.add(view)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="contacts", codename="view_socialprofile"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0002_contact_position_still_on_page_social_profile"),
        ("pages", "0002_curators_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
