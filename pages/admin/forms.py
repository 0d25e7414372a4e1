"""The page form of the admin: the URL in its one normal form, the domain derived from it."""

from django import forms

from core.web_addresses import InvalidWebAddress, normalize_url
from pages.models import Page


class PageForm(forms.ModelForm):
    url = forms.CharField(
        label="URL",
        help_text="http(s); stored in its normal form. The domain follows from the host.",
        widget=forms.TextInput(attrs={"size": 90}),
    )

    class Meta:
        model = Page
        fields = ["url", "page_curation_status"]

    def clean_url(self) -> str:
        try:
            return normalize_url(self.cleaned_data["url"])
        except InvalidWebAddress as exc:
            raise forms.ValidationError(str(exc)) from None
