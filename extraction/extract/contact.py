"""The value objects extraction returns."""

from dataclasses import asdict, dataclass, field

EMAIL_TYPES = ("personal", "generic")
FOUND_BY = ("mailto", "text", "obfuscated", "cfemail", "jsonld", "tel")
NETWORKS = ("linkedin", "x", "facebook", "instagram", "youtube", "tiktok", "github", "xing")


@dataclass(frozen=True, slots=True)
class ExtractedContact:
    """One contact found on a page.

    ``email`` is lower case or empty (a phone-only contact); ``phone`` is E.164 or empty;
    ``email_type`` is ``personal``/``generic`` for an email contact and empty for a phone-only one;
    ``position`` is the role or title the page shows with the person (Partner, Vorsitzende...).
    """

    email: str
    phone: str
    name: str
    email_type: str
    found_by: str
    position: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    @property
    def sort_key(self) -> tuple[int, str, str, str]:
        return (0 if self.email else 1, self.email, self.phone, self.name)


@dataclass(frozen=True, slots=True)
class ExtractedProfile:
    """A social network profile the page links to.

    ``url`` is normalised (https, the network's canonical host, no query or tracking); ``handle``
    is the account's name or id on the network; ``contact_email`` is the email of the person whose
    card holds the link, or empty.
    """

    network: str
    url: str
    handle: str
    contact_email: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class PageExtraction:
    """Everything extracted from one page: contacts (sorted) and social profiles (page order)."""

    contacts: list[ExtractedContact] = field(default_factory=list)
    profiles: list[ExtractedProfile] = field(default_factory=list)
