"""Contacts and social profiles API views: each a filtered list and the same filters as a
streamed CSV file; and a page with the contacts found on it."""

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from contacts.api.filters import ContactFilter, SocialProfileFilter
from contacts.api.permissions import ReadContacts, ReadSocialProfiles
from contacts.api.serializers import (
    ContactSerializer,
    PageDetailSerializer,
    SocialProfileSerializer,
)
from contacts.export import contacts_csv_lines, social_profiles_csv_lines
from contacts.selectors import (
    contacts_for_listing,
    pages_with_contacts,
    social_profiles_for_listing,
)
from core.api.errors import error_responses
from pages.api.permissions import ReadOrChangePages


class CSVRenderer(BaseRenderer):
    """Lets a client ask for ``Accept: text/csv``; the view streams the body itself."""

    media_type = "text/csv"
    format = "csv"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        raise NotImplementedError("The export view streams its CSV; errors are JSON.")


class ContactListView(generics.ListAPIView):
    permission_classes = [ReadContacts]
    queryset = contacts_for_listing()
    serializer_class = ContactSerializer
    filterset_class = ContactFilter

    @extend_schema(responses={200: ContactSerializer(many=True), **error_responses(400, 401, 403)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class CSVExportView(generics.ListAPIView):
    """The list's filters as a CSV file, streamed, with formula-like cells neutralised."""

    pagination_class = None
    renderer_classes = [JSONRenderer, CSVRenderer]
    filename = ""

    def csv_lines(self, rows):
        raise NotImplementedError

    def get(self, request):
        rows = self.filter_queryset(self.get_queryset())
        response = StreamingHttpResponse(
            self.csv_lines(rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response):  # an error, whatever the client asked for: JSON
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class ContactExportView(CSVExportView):
    """The contacts of the list's filters as CSV."""

    permission_classes = [ReadContacts]
    queryset = contacts_for_listing()
    filterset_class = ContactFilter
    filename = "contacts.csv"

    def csv_lines(self, rows):
        return contacts_csv_lines(rows)

    @extend_schema(
        operation_id="contacts_export",
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="One contact a row."),
            **error_responses(400, 401, 403),
        },
    )
    def get(self, request):
        return super().get(request)


class SocialProfileListView(generics.ListAPIView):
    """Social network profiles the pages link to: the organisation's, and people's (``contact``)."""

    permission_classes = [ReadSocialProfiles]
    queryset = social_profiles_for_listing()
    serializer_class = SocialProfileSerializer
    filterset_class = SocialProfileFilter

    @extend_schema(
        responses={200: SocialProfileSerializer(many=True), **error_responses(400, 401, 403)}
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class SocialProfileExportView(CSVExportView):
    """The profiles of the list's filters as CSV."""

    permission_classes = [ReadSocialProfiles]
    queryset = social_profiles_for_listing()
    filterset_class = SocialProfileFilter
    filename = "social-profiles.csv"

    def csv_lines(self, rows):
        return social_profiles_csv_lines(rows)

    @extend_schema(
        operation_id="social_profiles_export",
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="One profile a row."),
            **error_responses(400, 401, 403),
        },
    )
    def get(self, request):
        return super().get(request)


class PageDetailView(generics.RetrieveAPIView):
    """One page with the contacts found on it."""

    permission_classes = [ReadOrChangePages]
    queryset = pages_with_contacts()
    serializer_class = PageDetailSerializer

    @extend_schema(
        # The route takes any text (a malformed id is then the API's JSON 404), but an id is a
        # UUID: ``pages/status`` is another endpoint.
        parameters=[OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)],
        responses={200: PageDetailSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
