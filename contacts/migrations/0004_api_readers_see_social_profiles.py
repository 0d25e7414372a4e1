"""The "API readers" read the social profiles too, as the Curators do."""

from django.db import migrations

from core.groups import set_group_permissions

GROUP = "API readers"
PERMISSIONS = [
    ("pages", "view_page"),
    ("pages", "view_domain"),
    ("contacts", "view_contact"),
    ("contacts", "view_socialprofile"),
]


def grant(apps, schema_editor):
    set_group_permissions(apps, GROUP, PERMISSIONS)


def revoke(apps, schema_editor):
    set_group_permissions(apps, GROUP, PERMISSIONS[:-1])


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0003_curators_see_social_profiles"),
        ("pages", "0004_api_readers_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
