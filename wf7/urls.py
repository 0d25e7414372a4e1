from typing import cast

from django.contrib import admin
from django.urls import include, path, reverse_lazy

from core.throttling import throttled_login
from extraction.dashboard import pipeline_dashboard
from extraction.views import healthz

# The admin's "View site" link: WF7 has no public site, so it opens the pipeline dashboard.
admin.site.site_url = cast(str, reverse_lazy("pipeline_dashboard"))

urlpatterns = [
    path("admin/login/", throttled_login(admin.site.login)),
    path("healthz", healthz, name="healthz"),
    path("admin/pipeline/", admin.site.admin_view(pipeline_dashboard), name="pipeline_dashboard"),
    path("admin/", admin.site.urls),
    path("api/", include("wf7.api_urls")),
]
