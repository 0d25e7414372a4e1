from django.contrib import admin
from django.urls import include, path, reverse_lazy

from core.throttling import throttled_login
from pages.admin.dashboard import pipeline_dashboard

# The admin's "View site" link: WF7 has no public site, so it opens the pipeline dashboard.
admin.site.site_url = reverse_lazy("pipeline_dashboard")

urlpatterns = [
    path("admin/login/", throttled_login(admin.site.login)),
    path("admin/pipeline/", admin.site.admin_view(pipeline_dashboard), name="pipeline_dashboard"),
    path("admin/", admin.site.urls),
    path("api/", include("wf7.api_urls")),
]
