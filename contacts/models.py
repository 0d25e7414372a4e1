import uuid

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from core.models import TimeStampedModel
from pages.models import Domain, Page


class EmailType(models.TextChoices):
    PERSONAL = "personal", "Personal"
    GENERIC = "generic", "Generic (role address)"


class FoundBy(models.TextChoices):
    MAILTO = "mailto", "mailto: link"
    TEXT = "text", "Visible text"
    OBFUSCATED = "obfuscated", "Obfuscated text"
    CFEMAIL = "cfemail", "Cloudflare email protection"
    JSONLD = "jsonld", "Structured data (JSON-LD)"
    TEL = "tel", "tel: link"


class Contact(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="contacts")
    page = models.ForeignKey(
        Page, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(max_length=255, blank=True, default="")
    # NULL, not "", when absent: the (domain, email) upsert needs NULLs to stay distinct.
    email = models.EmailField(max_length=254, null=True, blank=True, db_index=True)
    phone_number = models.CharField(max_length=20, null=True, blank=True, help_text="E.164")
    source_url = models.URLField(max_length=2048, blank=True, default="")
    email_type = models.CharField(max_length=10, choices=EmailType.choices, blank=True, default="")
    found_by = models.CharField(max_length=12, choices=FoundBy.choices, blank=True, default="")
    last_seen_at = models.DateTimeField(null=True, blank=True)
    # Database defaults too: the job's raw upsert names its columns, and may not name these.
    position = models.CharField(
        max_length=255,
        blank=True,
        default="",
        db_default="",
        help_text="The role or title the page shows.",
    )
    still_on_page = models.BooleanField(
        default=True,
        db_default=True,
        help_text="Whether the latest processing of its page still found it.",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["domain", "email"], name="contact_unique_domain_email"),
            models.UniqueConstraint(
                fields=["domain", "phone_number"],
                condition=Q(email__isnull=True),
                name="contact_unique_domain_phone_without_email",
            ),
            # Stored lower case, so the unique constraint holds in any letter case.
            models.CheckConstraint(
                condition=Q(email__isnull=True) | (Q(email=Lower("email")) & ~Q(email="")),
                name="contact_email_lower_case",
            ),
            models.CheckConstraint(
                condition=Q(email__isnull=False) | Q(phone_number__isnull=False),
                name="contact_has_email_or_phone",
            ),
        ]

    def __str__(self):
        return self.email or self.phone_number

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        self.phone_number = self.phone_number or None
        super().save(*args, **kwargs)


class SocialNetwork(models.TextChoices):
    LINKEDIN = "linkedin", "LinkedIn"
    X = "x", "X (Twitter)"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    YOUTUBE = "youtube", "YouTube"
    TIKTOK = "tiktok", "TikTok"
    GITHUB = "github", "GitHub"
    XING = "xing", "XING"


class SocialProfile(TimeStampedModel):
    """An organisation's or a person's account on a social network, linked from a page.

    One per (domain, network, handle): finding it again, on any page of the domain, updates it.
    ``handle`` tells a LinkedIn company from a person (``company/acme``, ``in/jane-doe``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="social_profiles")
    page = models.ForeignKey(
        Page,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="social_profiles",
        help_text="The page that showed it last.",
    )
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="social_profiles",
        help_text="The person whose profile it is, when the page shows it with them.",
    )
    network = models.CharField(max_length=16, choices=SocialNetwork.choices, db_index=True)
    url = models.URLField(max_length=2048, help_text="Normalised.")
    handle = models.CharField(max_length=255)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["network", "handle"]
        constraints = [
            models.UniqueConstraint(
                fields=["domain", "network", "handle"],
                name="social_profile_unique_domain_network_handle",
            ),
            models.CheckConstraint(condition=~Q(handle=""), name="social_profile_has_handle"),
        ]

    def __str__(self):
        return f"{self.get_network_display()}: {self.handle}"


def normalize_email(email: str | None) -> str | None:
    email = (email or "").strip().lower()
    return email or None
