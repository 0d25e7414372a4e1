"""Reading contacts (the list and the CSV export) needs ``contacts.view_contact``."""

from core.api.permissions import ModelPermission


class ReadContacts(ModelPermission):
    read_permission = "contacts.view_contact"
