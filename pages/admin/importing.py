"""The admin's import page: the same service and the same per-line report as ``import_pages``."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.template.response import TemplateResponse

from pages.services.imports import ImportFormatError, pages_import, read_url_lines

# The import runs in the web request, so a file of this size must import well within gunicorn's
# --timeout (the Procfile's 30 s): bench/import_bench.py measured about 3,700 URLs/s (0.2 MB/s of
# 60-byte URLs, selected) on a shared 2-core machine, so 2 MB takes about 10 s. Bigger files:
# manage.py import_pages.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
TOO_BIG = (
    f"larger than {MAX_UPLOAD_BYTES // 2**20} MB, more than the web server can import in one "
    "request: split it, or use manage.py import_pages."
)
MAX_REPORTED_LINES = 1000


class ImportForm(forms.Form):
    urls = forms.CharField(
        label="Paste URLs",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 90, "placeholder": "https://…"}),
        help_text="One URL a line, or a CSV with a url column.",
    )
    file = forms.FileField(
        label="…or upload a file",
        required=False,
        help_text="A text file with one URL a line, or a CSV with a url column.",
    )
    select = forms.BooleanField(
        label="Select the new pages for contact extraction (queues them)", required=False
    )

    def clean_urls(self):
        urls = self.cleaned_data["urls"]
        if len(urls.encode()) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"The pasted text is {TOO_BIG}")
        return urls

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"The file is {TOO_BIG}")
        return upload

    def clean(self):
        data = super().clean()
        if bool(data.get("urls", "").strip()) == bool(data.get("file")) and not self.errors:
            raise forms.ValidationError("Paste URLs or upload a file (one of the two).")
        return data

    def lines(self) -> list[str]:
        """The input as lines, whichever way it came; undecodable bytes are replaced, as the
        command does, so one bad byte is one invalid line rather than a failed import."""
        if upload := self.cleaned_data.get("file"):
            text = upload.read().decode("utf-8-sig", errors="replace")
        else:
            text = self.cleaned_data["urls"]
        return text.splitlines(keepends=True)


def import_view(model_admin, request):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    report = None
    try:
        form = ImportForm(request.POST or None, request.FILES or None)
    except RequestDataTooBig:  # pasted text beyond DATA_UPLOAD_MAX_MEMORY_SIZE
        form = ImportForm()
        model_admin.message_user(request, f"The pasted text is {TOO_BIG}", messages.ERROR)
    if request.method == "POST" and form.is_valid():
        try:
            report = pages_import(
                lines=read_url_lines(form.lines()), select=form.cleaned_data["select"]
            )
        except ImportFormatError as exc:
            form.add_error(None, str(exc))
        else:
            level = messages.WARNING if report.invalid else messages.SUCCESS
            model_admin.message_user(request, f"Import: {report.summary()}.", level)
            form = ImportForm()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "Import pages",
        "form": form,
        "report": report,
        "invalid_lines": report.invalid[:MAX_REPORTED_LINES] if report else [],
        "more_invalid": max(len(report.invalid) - MAX_REPORTED_LINES, 0) if report else 0,
    }
    return TemplateResponse(request, "admin/pages/page/import.html", context)
