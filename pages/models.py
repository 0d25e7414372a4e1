import uuid

from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel


class PageCurationStatus(models.TextChoices):
    """What the curator wants: user intent."""

    NEW = "New", "New"
    SELECTED = "Selected", "Selected"
    ARCHIVED = "Archived", "Archived"


class PageProcessingStatus(models.TextChoices):
    """What the system is doing with the page; NULL means never queued."""

    QUEUED = "Queued", "Queued"
    PROCESSING = "Processing", "Processing"
    COMPLETE = "Complete", "Complete"
    ERROR = "Error", "Error"


class ContactScrapeStatus(models.TextChoices):
    NEW = "New", "New"
    CONTACT_FOUND = "ContactFound", "Contact found"
    NO_CONTACT_FOUND = "NoContactFound", "No contact found"
    ERROR = "Error", "Error"
    NOT_A_FIT = "NotAFit", "Not a fit"


class DomainCurationStatus(models.TextChoices):
    """What the curator wants of a domain: user intent (selecting queues its discovery)."""

    NEW = "New", "New"
    SELECTED = "Selected", "Selected"
    ARCHIVED = "Archived", "Archived"


class DiscoveryStatus(models.TextChoices):
    """What the system is doing to find the domain's pages; NULL means never queued."""

    QUEUED = "Queued", "Queued"
    PROCESSING = "Processing", "Processing"
    COMPLETE = "Complete", "Complete"
    ERROR = "Error", "Error"


class RobotsStatus(models.TextChoices):
    """The cached robots.txt: read (its rules apply), missing (a 4xx: everything is allowed), or
    unavailable (a 5xx or no answer: nothing is fetched from the site until it answers)."""

    FETCHED = "Fetched", "Fetched"
    MISSING = "Missing", "Missing (allow all)"
    UNAVAILABLE = "Unavailable", "Unavailable (fetch nothing)"


class PageKind(models.TextChoices):
    CONTACT = "contact", "Contact"
    TEAM = "team", "Team"
    LEGAL = "legal", "Legal notice"
    ABOUT = "about", "About"
    HOME = "home", "Home"
    OTHER = "other", "Other"


class DiscoveredVia(models.TextChoices):
    SITEMAP = "sitemap", "Sitemap"
    LINK = "link", "Homepage link"
    START = "start", "Start page"
    IMPORT = "import", "Imported"


class FetchedWith(models.TextChoices):
    """How the page's last result was fetched."""

    HTTP = "http", "HTTP"
    BROWSER = "browser", "Browser"
    SCRAPERAPI = "scraperapi", "ScraperAPI"


class Domain(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=253, unique=True, help_text="Host name, lower case.")
    needs_rendering = models.BooleanField(
        default=False,
        help_text="Learned: a browser found contacts that the fetched HTML of its pages lacked.",
    )
    homepage_url = models.URLField(
        max_length=2048,
        blank=True,
        default="",
        help_text="Where discovery starts; blank: https://name/.",
    )
    domain_curation_status = models.CharField(
        max_length=16,
        choices=DomainCurationStatus.choices,
        default=DomainCurationStatus.NEW,
        db_index=True,
    )
    discovery_status = models.CharField(
        max_length=16, choices=DiscoveryStatus.choices, null=True, blank=True, db_index=True
    )
    discovery_error = models.TextField(blank=True, default="")
    discovery_attempts = models.PositiveIntegerField(default=0)
    discovery_queued_at = models.DateTimeField(null=True, blank=True)
    discovery_started_at = models.DateTimeField(
        null=True, blank=True, help_text="When the current claim began: the claim's token."
    )
    discovery_heartbeat_at = models.DateTimeField(null=True, blank=True)
    discovered_at = models.DateTimeField(null=True, blank=True)
    discovery_requests = models.PositiveIntegerField(
        default=0, help_text="Requests the last discovery made (robots.txt, sitemaps, homepage)."
    )
    robots_txt = models.TextField(blank=True, default="")
    robots_fetched_at = models.DateTimeField(null=True, blank=True)
    robots_status = models.CharField(
        max_length=16, choices=RobotsStatus.choices, blank=True, default=""
    )

    loaded_curation_status = None

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~(
                    Q(domain_curation_status="Selected") & Q(discovery_status__isnull=True)
                ),
                name="domain_selected_has_discovery_status",
                violation_error_message="A selected domain must have a discovery status.",
            ),
        ]
        indexes = [
            models.Index(
                fields=["discovery_status", "discovery_queued_at"],
                name="domain_discovery_claim_idx",
            ),
            models.Index(
                fields=["discovery_status", "discovery_heartbeat_at"],
                name="domain_discovery_lease_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = self.name.strip().lower()
        super().save(*args, **kwargs)
        self.loaded_curation_status = self.domain_curation_status

    @classmethod
    def from_db(cls, db, field_names, values):
        domain = super().from_db(db, field_names, values)
        domain.loaded_curation_status = domain.__dict__.get("domain_curation_status")
        return domain

    @property
    def start_url(self) -> str:
        return self.homepage_url or f"https://{self.name}/"


class Page(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="pages")
    url = models.URLField(max_length=2048, unique=True)
    page_curation_status = models.CharField(
        max_length=16,
        choices=PageCurationStatus.choices,
        default=PageCurationStatus.NEW,
        db_index=True,
    )
    page_processing_status = models.CharField(
        max_length=16, choices=PageProcessingStatus.choices, null=True, blank=True, db_index=True
    )
    page_processing_error = models.TextField(blank=True, default="")
    contact_scrape_status = models.CharField(
        max_length=16,
        choices=ContactScrapeStatus.choices,
        default=ContactScrapeStatus.NEW,
        db_index=True,
    )
    processing_attempts = models.PositiveIntegerField(
        default=0, help_text="Claims since the page was last queued by a curator."
    )
    queued_at = models.DateTimeField(
        null=True, blank=True, help_text="When the page last entered the queue (oldest first)."
    )
    processing_started_at = models.DateTimeField(
        null=True, blank=True, help_text="When the current claim began: the claim's token."
    )
    processing_heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="The claiming worker's last sign of life."
    )
    processed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    discovery_score = models.FloatField(
        null=True,
        blank=True,
        db_index=True,
        help_text="How likely discovery found it to hold contacts.",
    )
    page_kind = models.CharField(max_length=8, choices=PageKind.choices, blank=True, default="")
    discovered_via = models.CharField(
        max_length=8, choices=DiscoveredVia.choices, default=DiscoveredVia.IMPORT
    )
    fetched_with = models.CharField(
        max_length=16,
        choices=FetchedWith.choices,
        null=True,
        blank=True,
        help_text="How the last result was fetched (NULL: never fetched).",
    )

    # The curation status as last read from or written to the database (None: not yet saved).
    loaded_curation_status = None

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # The original's "orphan pages": selected, but invisible to the job.
            models.CheckConstraint(
                condition=~(
                    Q(page_curation_status="Selected") & Q(page_processing_status__isnull=True)
                ),
                name="page_selected_has_processing_status",
                violation_error_message="A selected page must have a processing status.",
            ),
        ]
        indexes = [
            models.Index(
                fields=["page_processing_status", "domain", "queued_at"],
                name="page_processing_claim_idx",
            ),
            models.Index(
                fields=["page_processing_status", "processing_heartbeat_at"],
                name="page_processing_lease_idx",
            ),
        ]

    def __str__(self):
        return self.url

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.loaded_curation_status = self.page_curation_status

    @classmethod
    def from_db(cls, db, field_names, values):
        page = super().from_db(db, field_names, values)
        page.loaded_curation_status = page.__dict__.get("page_curation_status")
        return page
