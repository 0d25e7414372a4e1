"""Domains API: list them with filters on both statuses, create them from host names or homepage
URLs (selecting queues discovery), set their curation status in batches. The pages' contracts,
for domains; a domain's candidate pages are ``GET /pages?domain=…&ordering=-discovery_score``."""

import django_filters
from django.conf import settings
from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.errors import error_responses
from core.api.filters import StrictFilterSet
from core.api.permissions import ModelPermission
from pages.api.filters import NOT_QUEUED, StableOrderingFilter
from pages.api.serializers import (
    BatchStatusResultSerializer,
    StrictBooleanField,
    StrictCharField,
    StrictUUIDField,
)
from pages.models import DiscoveryStatus, Domain, DomainCurationStatus, RobotsStatus
from pages.selectors import domains_for_listing
from pages.services.domains import domains_import, domains_set_curation_status


class ReadOrChangeDomains(ModelPermission):
    read_permission = "pages.view_domain"
    write_permission = "pages.change_domain"


class CanChangeDomains(ModelPermission):
    """Every method changes something (the status endpoint is PUT only)."""

    read_permission = "pages.change_domain"
    write_permission = "pages.change_domain"


class DomainSerializer(serializers.ModelSerializer):
    homepage_url = serializers.URLField(
        source="start_url", read_only=True, help_text="Where discovery starts."
    )
    robots_status = serializers.CharField(
        read_only=True,
        help_text="Fetched, Missing (allow all), Unavailable (fetch nothing), or empty: not read.",
    )

    class Meta:
        model = Domain
        fields = [
            "id",
            "name",
            "homepage_url",
            "domain_curation_status",
            "discovery_status",
            "discovery_error",
            "discovery_attempts",
            "discovery_requests",
            "discovered_at",
            "robots_status",
            "robots_fetched_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class DomainStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=DomainCurationStatus.choices)

    def get_fields(self):
        fields = super().get_fields()
        fields["domain_ids"] = serializers.ListField(
            child=StrictUUIDField(),
            allow_empty=False,
            max_length=settings.API_MAX_BATCH,
            help_text="The domains to change, at most API_MAX_BATCH of them; all must exist.",
        )
        return fields


class DomainCreateSerializer(serializers.Serializer):
    select = StrictBooleanField(
        default=True, help_text="Select the created domains, which queues their discovery."
    )

    def get_fields(self):
        fields = super().get_fields()
        fields["domains"] = serializers.ListField(
            child=StrictCharField(allow_blank=True, trim_whitespace=False),
            allow_empty=False,
            max_length=settings.API_MAX_BATCH,
            help_text="Host names or homepage URLs; any invalid one refuses the request.",
        )
        return fields


class DomainCreateResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    skipped = serializers.IntegerField(help_text="Already known, or repeated in the request.")
    queued = serializers.IntegerField()
    created_ids = serializers.ListField(child=serializers.UUIDField())


class DomainFilter(StrictFilterSet):
    curation_status = django_filters.ChoiceFilter(
        field_name="domain_curation_status", choices=DomainCurationStatus.choices
    )
    discovery_status = django_filters.ChoiceFilter(
        choices=[*DiscoveryStatus.choices, (NOT_QUEUED, "Never queued (NULL)")],
        method="filter_discovery_status",
    )
    robots_status = django_filters.ChoiceFilter(choices=RobotsStatus.choices)
    search = django_filters.CharFilter(field_name="name", lookup_expr="icontains")
    ordering = StableOrderingFilter(
        fields=[("name", "name"), ("created_at", "created_at"), ("discovered_at", "discovered_at")]
    )

    class Meta:
        model = Domain
        fields: list[str] = []

    def filter_discovery_status(self, queryset, name, value):
        if value == NOT_QUEUED:
            return queryset.filter(discovery_status__isnull=True)
        return queryset.filter(discovery_status=value)


class DomainListView(generics.ListAPIView):
    """List domains (GET) or create them (POST)."""

    permission_classes = [ReadOrChangeDomains]
    queryset = domains_for_listing()
    serializer_class = DomainSerializer
    filterset_class = DomainFilter

    @extend_schema(responses={200: DomainSerializer(many=True), **error_responses(400, 401)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="domains_create",
        request=DomainCreateSerializer,
        responses={
            201: OpenApiResponse(DomainCreateResultSerializer, description="Some created."),
            200: OpenApiResponse(DomainCreateResultSerializer, description="All already known."),
            **error_responses(400, 401, 403),
        },
    )
    def post(self, request):
        serializer = DomainCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        domains = serializer.validated_data["domains"]
        with transaction.atomic():
            report = domains_import(
                lines=enumerate(domains), select=serializer.validated_data["select"]
            )
            if report.invalid:
                raise ValidationError(
                    {"domains": {index: [reason] for index, _text, reason in report.invalid}}
                )
        result = DomainCreateResultSerializer(report).data
        return Response(result, status=status.HTTP_201_CREATED if report.created else 200)


class DomainStatusView(APIView):
    """Set the curation status of a batch of domains; selecting queues their discovery."""

    permission_classes = [CanChangeDomains]

    @extend_schema(
        operation_id="domains_status_update",
        request=DomainStatusSerializer,
        responses={200: BatchStatusResultSerializer, **error_responses(400, 401, 403)},
    )
    def put(self, request):
        serializer = DomainStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = domains_set_curation_status(**serializer.validated_data, acting_user=request.user)
        return Response(BatchStatusResultSerializer(result._asdict()).data)
