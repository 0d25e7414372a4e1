"""Response shape of the contacts API (contacts are read-only here: the job writes them)."""

from rest_framework import serializers

from contacts.models import Contact
from pages.api.serializers import PageSerializer


class ContactSerializer(serializers.ModelSerializer):
    domain = serializers.CharField(source="domain.name", read_only=True)

    class Meta:
        model = Contact
        fields = [
            "id",
            "domain",
            "page",
            "name",
            "email",
            "phone_number",
            "email_type",
            "found_by",
            "source_url",
            "last_seen_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PageDetailSerializer(PageSerializer):
    contacts = ContactSerializer(many=True, read_only=True)

    class Meta(PageSerializer.Meta):
        fields = [*PageSerializer.Meta.fields, "contacts"]
        read_only_fields = fields
