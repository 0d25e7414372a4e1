"""The value object extract_contacts returns."""

from dataclasses import asdict, dataclass

EMAIL_TYPES = ("personal", "generic")
FOUND_BY = ("mailto", "text", "obfuscated", "cfemail", "jsonld", "tel")


@dataclass(frozen=True, slots=True)
class ExtractedContact:
    """One contact found on a page.

    ``email`` is lower case or empty (a phone-only contact); ``phone`` is E.164 or empty;
    ``email_type`` is ``personal``/``generic`` for an email contact and empty for a phone-only one.
    """

    email: str
    phone: str
    name: str
    email_type: str
    found_by: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    @property
    def sort_key(self) -> tuple[int, str, str, str]:
        return (0 if self.email else 1, self.email, self.phone, self.name)
