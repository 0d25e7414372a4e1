from django.contrib import admin
from django.urls import include, path

from extraction.dashboard import pipeline_dashboard
from extraction.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/pipeline/", admin.site.admin_view(pipeline_dashboard), name="pipeline_dashboard"),
    path("admin/", admin.site.urls),
    path("api/", include("wf7.api_urls")),
]
