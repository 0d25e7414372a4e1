from django.urls import path

from pages.api import domains, views

v3_urlpatterns = [
    path("pages", views.PageListView.as_view(), name="pages"),
    path("pages/status", views.PageStatusView.as_view(), name="pages-status"),
    path("domains", domains.DomainListView.as_view(), name="domains"),
    path("domains/status", domains.DomainStatusView.as_view(), name="domains-status"),
]

v2_urlpatterns = [
    path("pages/status", views.V2PageStatusView.as_view(), name="pages-status"),
]
