"""Who may do what with pages: reading needs ``pages.view_page``, changing ``pages.change_page``."""

from core.api.permissions import ModelPermission


class ReadOrChangePages(ModelPermission):
    read_permission = "pages.view_page"
    write_permission = "pages.change_page"


class CanChangePages(ModelPermission):
    """Every method changes something (the status endpoints are PUT only)."""

    read_permission = "pages.change_page"
    write_permission = "pages.change_page"
