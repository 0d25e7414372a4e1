"""The "API readers" group: reads pages, domains, contacts and the pipeline; changes nothing."""

from django.db import migrations

from core.groups import set_group_permissions

GROUP = "API readers"
PERMISSIONS = [
    ("pages", "view_page"),
    ("pages", "view_domain"),
    ("contacts", "view_contact"),
]


def create_api_readers(apps, schema_editor):
    set_group_permissions(apps, GROUP, PERMISSIONS)


def remove_api_readers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("pages", "0003_queue_order_and_heartbeat")]

    operations = [migrations.RunPython(create_api_readers, remove_api_readers)]
