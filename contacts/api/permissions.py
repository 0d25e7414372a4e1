"""Reading contacts needs ``contacts.view_contact``; social profiles ``view_socialprofile``."""

from core.api.permissions import ModelPermission


class ReadContacts(ModelPermission):
    read_permission = "contacts.view_contact"


class ReadSocialProfiles(ModelPermission):
    read_permission = "contacts.view_socialprofile"
