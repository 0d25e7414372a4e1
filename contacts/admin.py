from django.contrib import admin

from contacts.models import Contact


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "name",
        "phone_number",
        "email_type",
        "found_by",
        "domain",
        "created_at",
    ]
    list_filter = ["email_type", "found_by", "created_at"]
    search_fields = ["email", "name", "phone_number", "domain__name"]
    list_select_related = ["domain"]
    raw_id_fields = ["domain", "page"]
    readonly_fields = ["created_at", "updated_at", "last_seen_at"]
