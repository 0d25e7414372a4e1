"""The "Curators" group: what a curator needs in the admin, and no more (no deleting, no users)."""

from django.db import migrations

from core.groups import set_group_permissions

GROUP = "Curators"
PERMISSIONS = [
    ("pages", "view_page"),
    ("pages", "change_page"),
    ("pages", "add_page"),  # the import page
    ("pages", "view_domain"),
    ("contacts", "view_contact"),
]


def create_curators(apps, schema_editor):
    set_group_permissions(apps, GROUP, PERMISSIONS)


def remove_curators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("contacts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_curators, remove_curators)]
