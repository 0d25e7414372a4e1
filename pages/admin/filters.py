"""List filters shared by the page and contact lists."""

from django.contrib import admin

from core.web_addresses import host_for_lookup
from pages.selectors import pages_with_error_reason


class InputFilter(admin.SimpleListFilter):
    """A filter typed into a text box: there can be far too many values to list them."""

    template = "admin/input_filter.html"

    def lookups(self, request, model_admin):
        return ()

    def has_output(self):
        return True

    def choices(self, changelist):
        """The other active query parameters, kept as hidden fields of the filter's form."""
        yield {
            "value": self.value() or "",
            "parameter_name": self.parameter_name,
            "others": [
                (key, value)
                for key, value in changelist.params.items()
                if key != self.parameter_name
            ],
        }


class DomainFilter(InputFilter):
    """Exact host name; the search box finds partial names."""

    title = "domain"
    parameter_name = "domain"

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(domain__name=host_for_lookup(self.value()))
        return queryset


class ErrorReasonFilter(InputFilter):
    """The pages the dashboard counts under one error reason."""

    title = "error reason"
    parameter_name = "error"

    def has_output(self):
        """Shown only when the dashboard sent the curator here, so it can be read and cleared."""
        return self.value() is not None

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(pk__in=pages_with_error_reason(reason=self.value()).values("pk"))
        return queryset
