"""API permissions as in the admin: reading a model needs its view permission, changing it the
permission the view names. An authenticated user without it gets a 403 saying which one."""

from rest_framework.permissions import SAFE_METHODS, IsAuthenticated


class ModelPermission(IsAuthenticated):
    """Reads need ``read_permission``; any other method ``write_permission`` (none: refused)."""

    read_permission = ""
    write_permission = ""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        reading = request.method in SAFE_METHODS
        needed = self.read_permission if reading else self.write_permission
        if needed and request.user.has_perm(needed):
            return True
        if not needed:
            self.message = "This endpoint is read-only."
        elif reading:
            self.message = f"You need the {needed} permission to read this."
        else:
            self.message = f"You need the {needed} permission to change or create pages."
        return False
