"""Groups that data migrations create: a name and exactly the permissions it grants."""

from django.contrib.auth.management import create_permissions


def set_group_permissions(apps, name: str, permissions: list[tuple[str, str]]) -> None:
    """Create or update group ``name`` to hold exactly ``permissions`` ((app_label, codename))."""
    # On a fresh database the permissions are only made after every migration (post_migrate).
    for label in {app_label for app_label, _ in permissions}:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in permissions
        ]
    )
