from django.urls import path

from contacts.api import views

v3_urlpatterns = [
    path("contacts", views.ContactListView.as_view(), name="contacts"),
    path("contacts/export", views.ContactExportView.as_view(), name="contacts-export"),
    path("social-profiles", views.SocialProfileListView.as_view(), name="social-profiles"),
    path(
        "social-profiles/export",
        views.SocialProfileExportView.as_view(),
        name="social-profiles-export",
    ),
    # str, not uuid: a malformed id is then the API's JSON 404, not Django's HTML one.
    path("pages/<str:pk>", views.PageDetailView.as_view(), name="page"),
]
