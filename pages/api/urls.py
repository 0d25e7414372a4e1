from django.urls import path

from pages.api import views

v3_urlpatterns = [
    path("pages", views.PageListView.as_view(), name="pages"),
    path("pages/status", views.PageStatusView.as_view(), name="pages-status"),
]

v2_urlpatterns = [
    path("pages/status", views.V2PageStatusView.as_view(), name="pages-status"),
]
