from django.contrib import admin
from django.urls import include, path

from core.throttling import throttled_login
from pages.admin.dashboard import pipeline_dashboard

urlpatterns = [
    path("admin/login/", throttled_login(admin.site.login)),
    path("admin/pipeline/", admin.site.admin_view(pipeline_dashboard), name="pipeline_dashboard"),
    path("admin/", admin.site.urls),
    path("api/", include("wf7.api_urls")),
]
