"""The base of the API's filter sets and their strict filters: a value django-filter would drop
or pass on to the database unchecked is a 400 naming the parameter instead."""

from datetime import UTC

import django_filters
from django.core.exceptions import ValidationError
from django_filters.fields import IsoDateTimeField


class UtcDateTimeField(IsoDateTimeField):
    """ISO 8601, turned into UTC here: PostgreSQL refuses offsets past ±15:59 (a 500 otherwise)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValidationError("Out of range once converted to UTC.", code="invalid") from None


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class StrictFilterSet(django_filters.FilterSet):
    """An empty value of a typed filter (``?page=``) or an empty item of an ordering
    (``?ordering=,``) is an error, where django-filter would ignore it and return everything."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name, declared in self.filters.items():
            value = self.data.get(name)
            if value is None or isinstance(declared, django_filters.CharFilter):
                continue
            empty_item = isinstance(declared, django_filters.OrderingFilter) and (
                "" in value.split(",")
            )
            if not value.strip() or empty_item:  # Python strips \x1c-\x1f too
                self.form.add_error(name, "An empty value; leave the parameter out instead.")
                valid = False
        return valid
