"""The API under ``/api/``: v3, the v2 status endpoint kept for old clients, schema and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from contacts.api.urls import v3_urlpatterns as contacts_v3
from core.api.tokens import TokenView
from extraction.api import PipelineView
from pages.api.urls import v2_urlpatterns as pages_v2
from pages.api.urls import v3_urlpatterns as pages_v3

pipeline_v3 = [path("pipeline", PipelineView.as_view(), name="pipeline")]
token_v3 = [path("token", TokenView.as_view(), name="token")]

urlpatterns = [
    path("v3/", include((pages_v3 + contacts_v3 + pipeline_v3 + token_v3, "v3"))),
    path("v2/", include((pages_v2, "v2"))),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[]), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema", permission_classes=[]),
        name="api-docs",
    ),
]
