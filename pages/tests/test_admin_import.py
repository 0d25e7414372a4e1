import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pages.admin.importing import MAX_UPLOAD_BYTES
from pages.models import Page
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db

IMPORT = "admin:pages_page_import"


def test_the_import_page_renders_and_is_linked_from_the_list(staff_client):
    assert staff_client.get(reverse(IMPORT)).status_code == 200
    changelist = staff_client.get(reverse("admin:pages_page_changelist")).content.decode()
    assert reverse(IMPORT) in changelist


def test_pasted_urls_are_imported_with_the_per_line_report(staff_client):
    PageFactory(url="https://known.example.org/", domain__name="known.example.org")
    pasted = "\n".join(
        [
            "https://Acme.example.org/team",
            "ftp://acme.example.org/file",
            "https://known.example.org",
            "# a comment",
            "https://acme.example.org/team#top",
            "not a url",
        ]
    )
    response = staff_client.post(reverse(IMPORT), {"urls": pasted}, follow=True)
    content = response.content.decode()
    assert "created 1, skipped 2, invalid 2, queued 0" in content
    assert (
        "<td>2</td><td>scheme must be http or https</td><td>ftp://acme.example.org/file</td>"
        in (content)
    )
    assert "<td>6</td><td>scheme must be http or https</td><td>not a url</td>" in content
    page = Page.objects.get(url="https://acme.example.org/team")
    assert page.page_curation_status == "New"
    assert page.domain.name == "acme.example.org"


def test_an_uploaded_csv_can_select_and_queue_the_new_pages(staff_client):
    upload = SimpleUploadedFile(
        "pages.csv",
        b"\xef\xbb\xbfname,url\r\nAcme,https://acme.example.org/\r\nBeta,https://beta.example.org/\r\n",
        content_type="text/csv",
    )
    response = staff_client.post(reverse(IMPORT), {"file": upload, "select": "on"}, follow=True)
    assert "created 2, skipped 0, invalid 0, queued 2" in response.content.decode()
    assert set(Page.objects.values_list("page_processing_status", flat=True)) == {"Queued"}


def test_a_csv_without_a_url_column_is_refused(staff_client):
    response = staff_client.post(
        reverse(IMPORT), {"urls": "name,link\nAcme,https://a.example.org/"}
    )
    assert "the CSV header has no &#x27;url&#x27; column" in response.content.decode()
    assert not Page.objects.exists()


def test_nothing_to_import_is_an_error(staff_client):
    response = staff_client.post(reverse(IMPORT), {"urls": "  "})
    assert "Paste URLs or upload a file" in response.content.decode()


def test_import_needs_the_add_permission(client, django_user_model):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_page"))
    client.force_login(viewer)
    response = client.post(reverse(IMPORT), {"urls": "https://acme.example.org/"})
    assert response.status_code == 403
    assert not Page.objects.exists()


def many_urls(size: int) -> str:
    line = "https://www.firm.example.org/people/team-member-0000000\n"
    return line * (size // len(line) + 1)


def test_a_file_over_the_cap_is_refused_before_anything_is_imported(staff_client):
    upload = SimpleUploadedFile("big.txt", many_urls(MAX_UPLOAD_BYTES + 1).encode())

    response = staff_client.post(reverse(IMPORT), {"file": upload})

    assert response.status_code == 200
    assert "The file is larger than 2 MB" in response.content.decode()
    assert "manage.py import_pages" in response.content.decode()
    assert not Page.objects.exists()


def test_pasted_text_over_the_cap_is_refused(staff_client):
    response = staff_client.post(reverse(IMPORT), {"urls": many_urls(MAX_UPLOAD_BYTES + 1)})

    assert response.status_code == 200
    assert "The pasted text is larger than 2 MB" in response.content.decode()
    assert not Page.objects.exists()


def test_pasted_text_over_the_upload_limit_is_a_message_not_a_400(staff_client):
    text = many_urls(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)

    response = staff_client.post(reverse(IMPORT), {"urls": text}, follow=True)

    assert response.status_code == 200
    assert "The pasted text is larger than 2 MB" in response.content.decode()
    assert not Page.objects.exists()


def test_the_cap_and_the_procfile_agree():
    """The cap was measured against the Procfile's gunicorn timeout (see importing.py)."""
    web = next(
        line
        for line in (settings.BASE_DIR / "Procfile").read_text().splitlines()
        if line.startswith("web:")
    )
    assert "--timeout 30" in web
    assert MAX_UPLOAD_BYTES <= 2 * 2**20
