"""Response shape of the contacts API (contacts are read-only here: the job writes them)."""

from rest_framework import serializers

from contacts.models import Contact


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
