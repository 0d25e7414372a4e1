"""``GET /api/v3/pipeline``: the numbers ``manage.py audit_pages`` prints, for monitors."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.errors import error_responses
from extraction.selectors import pipeline_summary
from pages.api.permissions import ReadOrChangePages


class ErrorReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()
    count = serializers.IntegerField()


class DiscoverySummarySerializer(serializers.Serializer):
    domains = serializers.IntegerField()
    domain_curation_status = serializers.DictField(child=serializers.IntegerField())
    discovery_status = serializers.DictField(
        child=serializers.IntegerField(), help_text="`none` counts domains never queued."
    )
    discovery_queue_depth = serializers.IntegerField()
    discovery_stuck = serializers.IntegerField(help_text="Discovering for longer than the lease.")
    domain_orphans = serializers.IntegerField(help_text="Selected but not queued; always 0.")
    last_discovered_at = serializers.DateTimeField(allow_null=True)


class PipelineSerializer(serializers.Serializer):
    """Documents ``pipeline_summary()`` in the schema; the view returns that dict as it is."""

    pages = serializers.IntegerField()
    curation_status = serializers.DictField(child=serializers.IntegerField())
    processing_status = serializers.DictField(
        child=serializers.IntegerField(), help_text="`none` counts pages never queued."
    )
    contact_scrape_status = serializers.DictField(child=serializers.IntegerField())
    queue_depth = serializers.IntegerField()
    stuck = serializers.IntegerField(help_text="Processing for longer than the lease.")
    orphans = serializers.IntegerField(help_text="Selected but not queued; always 0.")
    errors_by_reason = ErrorReasonSerializer(many=True)
    contacts = serializers.IntegerField()
    complete_without_contacts = serializers.IntegerField()
    last_processed_at = serializers.DateTimeField(allow_null=True)
    discovery = DiscoverySummarySerializer()
    rendering = serializers.CharField(
        help_text="FETCH_RENDER (`never`, `auto`, `always`), or `unavailable` without a browser."
    )


class PipelineView(APIView):
    """The numbers ``manage.py audit_pages`` prints, for dashboards and monitors."""

    permission_classes = [ReadOrChangePages]

    @extend_schema(
        operation_id="pipeline_summary",
        responses={200: PipelineSerializer, **error_responses(401, 403)},
    )
    def get(self, request):
        return Response(pipeline_summary())
