from django.urls import path

from pages.api import views

v3_urlpatterns = [
    path("pages", views.PageListView.as_view(), name="pages"),
    path("pages/status", views.PageStatusView.as_view(), name="pages-status"),
    # str, not uuid: a malformed id is then the API's JSON 404, not Django's HTML one.
    path("pages/<str:pk>", views.PageDetailView.as_view(), name="page"),
    path("pipeline", views.PipelineView.as_view(), name="pipeline"),
]

v2_urlpatterns = [
    path("pages/status", views.V2PageStatusView.as_view(), name="pages-status"),
]
