"""Pages API views: each validates with a serializer, calls one service or selector, serialises."""

from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.errors import error_responses
from pages.api.filters import PageFilter
from pages.api.permissions import CanChangePages, ReadOrChangePages
from pages.api.serializers import (
    BatchStatusResultSerializer,
    BatchStatusSerializer,
    PageCreateResultSerializer,
    PageCreateSerializer,
    PageSerializer,
    V2BatchStatusSerializer,
)
from pages.selectors import pages_for_listing
from pages.services.curation import pages_set_curation_status
from pages.services.imports import pages_import


class PageStatusView(APIView):
    """Set the curation status of a batch of pages; selecting queues them."""

    permission_classes = [CanChangePages]
    serializer_class: type[serializers.Serializer] = BatchStatusSerializer

    @extend_schema(
        operation_id="pages_status_update",
        request=BatchStatusSerializer,
        responses={200: BatchStatusResultSerializer, **error_responses(400, 401, 403)},
    )
    def put(self, request):
        serializer = self.serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = pages_set_curation_status(**serializer.validated_data, acting_user=request.user)
        return Response(BatchStatusResultSerializer(result._asdict()).data)


class V2PageStatusView(PageStatusView):
    """The v2 contract: as v3, and ``Queued`` is accepted as the old name of ``Selected``."""

    serializer_class = V2BatchStatusSerializer

    @extend_schema(
        operation_id="pages_status_update_v2",
        request=V2BatchStatusSerializer,
        responses={200: BatchStatusResultSerializer, **error_responses(400, 401, 403)},
    )
    def put(self, request):
        return super().put(request)


class PageListView(generics.ListAPIView):
    """List pages (GET) or create them from URLs (POST)."""

    permission_classes = [ReadOrChangePages]
    queryset = pages_for_listing()
    serializer_class = PageSerializer
    filterset_class = PageFilter

    @extend_schema(responses={200: PageSerializer(many=True), **error_responses(400, 401, 403)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="pages_create",
        request=PageCreateSerializer,
        responses={
            201: OpenApiResponse(PageCreateResultSerializer, description="Some pages created."),
            200: OpenApiResponse(PageCreateResultSerializer, description="All already known."),
            **error_responses(400, 401, 403),
        },
    )
    def post(self, request):
        serializer = PageCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        urls = serializer.validated_data["urls"]
        with transaction.atomic():
            report = pages_import(lines=enumerate(urls), select=serializer.validated_data["select"])
            if report.invalid:
                # One invalid URL refuses the request; the atomic block undoes the rest.
                raise ValidationError(
                    {"urls": {index: [reason] for index, _text, reason in report.invalid}}
                )
        result = PageCreateResultSerializer(report).data
        return Response(result, status=status.HTTP_201_CREATED if report.created else 200)
