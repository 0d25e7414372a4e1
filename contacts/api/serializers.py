"""Response shape of the contacts API (contacts are read-only here: the job writes them)."""

from rest_framework import serializers

from contacts.models import Contact, SocialProfile
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
            "position",
            "source_url",
            "last_seen_at",
            "still_on_page",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class SocialProfileSerializer(serializers.ModelSerializer):
    domain = serializers.CharField(source="domain.name", read_only=True)
    page_url = serializers.CharField(source="page.url", read_only=True, allow_null=True)
    contact_email = serializers.EmailField(source="contact.email", read_only=True, allow_null=True)

    class Meta:
        model = SocialProfile
        fields = [
            "id",
            "domain",
            "network",
            "handle",
            "url",
            "page",
            "page_url",
            "contact",
            "contact_email",
            "last_seen_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PageDetailSerializer(PageSerializer):
    contacts = ContactSerializer(many=True, read_only=True)
    social_profiles = SocialProfileSerializer(many=True, read_only=True)

    class Meta(PageSerializer.Meta):
        fields = [*PageSerializer.Meta.fields, "contacts", "social_profiles"]
        read_only_fields = fields
