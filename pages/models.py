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

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = self.name.strip().lower()
        super().save(*args, **kwargs)


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
