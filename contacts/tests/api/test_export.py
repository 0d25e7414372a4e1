import csv
import io

import pytest

from contacts.export import COLUMNS
from contacts.tests.factories import ContactFactory
from pages.tests.factories import DomainFactory, PageFactory

pytestmark = pytest.mark.django_db

EXPORT = "/api/v3/contacts/export"


def rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_streams_csv_with_the_filters(reader_client):
    page = PageFactory(domain=DomainFactory(name="here.example.org"))
    ContactFactory(page=page, domain=page.domain, email="ann@here.example.org")
    ContactFactory(page=page, domain=page.domain, email=None, phone_number="+12025550143")
    ContactFactory(email="other@elsewhere.example.org")

    response = reader_client.get(f"{EXPORT}?domain=here.example.org&has_email=true")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert [row["email"] for row in rows(response)] == ["ann@here.example.org"]


def test_formula_cells_are_neutralised(reader_client):
    page = PageFactory(domain=DomainFactory(name="evil.example.org"))
    ContactFactory(
        page=page,
        domain=page.domain,
        name='=HYPERLINK("http://evil.example.org","click")',
        phone_number="+12025550143",
    )
    ContactFactory(page=page, domain=page.domain, name="@SUM(A1)")
    ContactFactory(page=page, domain=page.domain, name="\tTab")

    found = sorted(row["name"] for row in rows(reader_client.get(EXPORT)))

    assert found == ["'\tTab", '\'=HYPERLINK("http://evil.example.org","click")', "'@SUM(A1)"]
    assert "+12025550143" in {row["phone_number"] for row in rows(reader_client.get(EXPORT))}


def test_the_header_is_there_when_nothing_matches(reader_client):
    response = reader_client.get(f"{EXPORT}?domain=nothing.example.org")

    text = b"".join(response.streaming_content).decode()
    assert text.strip() == ",".join(COLUMNS)


def test_asking_for_csv_works(reader_client):
    ContactFactory()

    response = reader_client.get(EXPORT, HTTP_ACCEPT="text/csv")

    assert response.status_code == 200
    assert len(rows(response)) == 1


def test_a_bad_filter_is_a_json_400_even_when_csv_was_asked_for(reader_client):
    response = reader_client.get(f"{EXPORT}?has_phone=maybe", HTTP_ACCEPT="text/csv")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()["errors"]) == ["has_phone"]
