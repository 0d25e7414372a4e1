"""Who may do what: any active user reads; changing pages needs ``pages.change_page``."""

from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated


class CanChangePages(BasePermission):
    message = "You need the pages.change_page permission to change or create pages."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.has_perm("pages.change_page"))


class ReadOrChangePages(IsAuthenticated):
    """Reading needs an authenticated (so active) user; writing also ``CanChangePages``."""

    message = CanChangePages.message

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        return request.method in SAFE_METHODS or CanChangePages().has_permission(request, view)
