"""Request and response shapes of the pages API. Requests are validated strictly: a value of the
wrong JSON type is refused, not coerced, so a client's mistake is a 400 and never a silent guess."""

import re

from django.conf import settings
from rest_framework import serializers

from pages.models import Page, PageCurationStatus

CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
# The old v2 trigger: a curation value "Queued", stored as Selected.
V2_QUEUED = "Queued"
V2_STATUS_CHOICES = [*PageCurationStatus.choices, (V2_QUEUED, "Queued (old name of Selected)")]


class StrictUUIDField(serializers.UUIDField):
    """Only the canonical ``8-4-4-4-12`` text; DRF would also take integers and bare hex."""

    def to_internal_value(self, data):
        if not isinstance(data, str) or not CANONICAL_UUID.fullmatch(data):
            self.fail("invalid", value=data)
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    """JSON ``true`` or ``false`` only; DRF would also take ``"yes"``, ``1``, ``"on"``…"""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictCharField(serializers.CharField):
    """A JSON string only; DRF would turn numbers into text."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class _BatchStatusSerializer(serializers.Serializer):
    # The batch limit is a setting, so the field is built per request (and per schema).
    def get_fields(self):
        fields = super().get_fields()
        fields["page_ids"] = serializers.ListField(
            child=StrictUUIDField(),
            allow_empty=False,
            max_length=settings.API_MAX_BATCH,
            help_text="The pages to change, at most API_MAX_BATCH of them; all must exist.",
        )
        return fields


class BatchStatusSerializer(_BatchStatusSerializer):
    status = serializers.ChoiceField(choices=PageCurationStatus.choices)


class V2BatchStatusSerializer(_BatchStatusSerializer):
    status = serializers.ChoiceField(
        choices=V2_STATUS_CHOICES,
        help_text="`Queued` is the old v2 trigger, stored as `Selected` (processing `Queued`).",
    )

    def validate_status(self, value: str) -> str:
        return PageCurationStatus.SELECTED if value == V2_QUEUED else value


class BatchStatusResultSerializer(serializers.Serializer):
    updated_count = serializers.IntegerField()
    queued_count = serializers.IntegerField()


class PageCreateSerializer(serializers.Serializer):
    def get_fields(self):
        fields = super().get_fields()
        fields["urls"] = serializers.ListField(
            child=StrictCharField(allow_blank=True, trim_whitespace=False),
            allow_empty=False,
            max_length=settings.API_MAX_BATCH,
            help_text="http(s) URLs, at most API_MAX_BATCH; any invalid one refuses the request.",
        )
        return fields

    select = StrictBooleanField(
        default=False, help_text="Select the created pages, which queues them for extraction."
    )


class PageCreateResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    skipped = serializers.IntegerField(help_text="Already known, or repeated in the request.")
    queued = serializers.IntegerField()
    created_ids = serializers.ListField(child=serializers.UUIDField())


class PageSerializer(serializers.ModelSerializer):
    domain = serializers.CharField(source="domain.name", read_only=True)
    page_kind = serializers.CharField(
        read_only=True, help_text="contact, team, legal, about, home, other; empty: not scored."
    )

    class Meta:
        model = Page
        fields = [
            "id",
            "url",
            "domain",
            "page_curation_status",
            "page_processing_status",
            "page_processing_error",
            "contact_scrape_status",
            "processing_attempts",
            "processing_started_at",
            "processed_at",
            "discovery_score",
            "page_kind",
            "discovered_via",
            "fetched_with",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
