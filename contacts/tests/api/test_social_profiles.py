import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.export import CHUNK_SIZE, PROFILE_COLUMNS
from contacts.models import SocialProfile
from contacts.tests.factories import ContactFactory, SocialProfileFactory
from pages.tests.factories import DomainFactory, PageFactory

pytestmark = pytest.mark.django_db

PROFILES = "/api/v3/social-profiles"
EXPORT = "/api/v3/social-profiles/export"


@pytest.fixture
def profiles():
    here = PageFactory(domain=DomainFactory(name="here.example.org"))
    there = PageFactory(domain=DomainFactory(name="there.example.org"))
    jane = ContactFactory(page=here, domain=here.domain, email="jane@here.example.org")
    return {
        "company": SocialProfileFactory(page=here, domain=here.domain, handle="company/here"),
        "jane": SocialProfileFactory(page=here, domain=here.domain, handle="in/jane", contact=jane),
        "github": SocialProfileFactory(
            page=there,
            domain=there.domain,
            network="github",
            handle="there",
            url="https://github.com/there",
        ),
    }


def names(response, profiles) -> set[str]:
    by_id = {str(profile.pk): name for name, profile in profiles.items()}
    return {by_id[row["id"]] for row in response.json()["results"]}


def test_a_listed_profile_shows_its_fields(reader_client, profiles):
    response = reader_client.get(PROFILES)

    assert response.status_code == 200
    assert response.json()["count"] == 3
    jane = profiles["jane"]
    row = next(r for r in response.json()["results"] if r["id"] == str(jane.pk))
    assert row == {
        "id": str(jane.pk),
        "domain": "here.example.org",
        "network": "linkedin",
        "handle": "in/jane",
        "url": "https://www.linkedin.com/in/jane",
        "page": str(jane.page_id),
        "page_url": jane.page.url,
        "contact": str(jane.contact_id),
        "contact_email": "jane@here.example.org",
        "last_seen_at": None,
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }
    company = next(r for r in response.json()["results"] if r["id"] == str(profiles["company"].pk))
    assert (company["contact"], company["contact_email"]) == (None, None)


def test_a_profile_whose_page_is_gone_still_lists(reader_client, profiles):
    profiles["github"].page.delete()
    row = next(r for r in reader_client.get(PROFILES).json()["results"] if r["network"] == "github")
    assert (row["page"], row["page_url"]) == (None, None)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("domain=HERE.example.org", {"company", "jane"}),
        ("network=github", {"github"}),
        ("network=linkedin&domain=here.example.org", {"company", "jane"}),
        ("has_contact=true", {"jane"}),
        ("has_contact=false", {"company", "github"}),
        ("domain=nowhere.example.org", set()),
    ],
)
def test_filters(reader_client, profiles, query, expected):
    response = reader_client.get(f"{PROFILES}?{query}")

    assert response.status_code == 200
    assert names(response, profiles) == expected


def test_the_page_and_contact_filters(reader_client, profiles):
    jane = profiles["jane"]
    assert names(reader_client.get(f"{PROFILES}?page={jane.page_id}"), profiles) == {
        "company",
        "jane",
    }
    assert names(reader_client.get(f"{PROFILES}?contact={jane.contact_id}"), profiles) == {"jane"}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("network=myspace", "network"),
        ("page=not-a-uuid", "page"),
        ("contact=12", "contact"),
        ("contact=", "contact"),
        ("has_contact=yes", "has_contact"),
        ("limit=0", "limit"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(reader_client, profiles, query, field):
    response = reader_client.get(f"{PROFILES}?{query}")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_pagination(reader_client, profiles):
    first = reader_client.get(f"{PROFILES}?limit=2").json()
    second = reader_client.get(f"{PROFILES}?limit=2&offset=2").json()
    assert first["count"] == 3 and len(first["results"]) == 2 and len(second["results"]) == 1
    assert {r["id"] for r in first["results"]}.isdisjoint({r["id"] for r in second["results"]})


def test_the_list_takes_a_fixed_number_of_queries(reader_client, profiles):
    for _ in range(20):
        SocialProfileFactory(contact=ContactFactory())
    with CaptureQueriesContext(connection) as queries:
        assert reader_client.get(PROFILES).status_code == 200
    assert len(queries) <= 6


def test_anonymous_is_401(anonymous_client, profiles):
    assert anonymous_client.get(PROFILES).status_code == 401
    assert anonymous_client.get(EXPORT).status_code == 401


def export_rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_the_export_streams_csv_with_the_filters(reader_client, profiles):
    response = reader_client.get(f"{EXPORT}?domain=here.example.org")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="social-profiles.csv"' in response["Content-Disposition"]
    rows = export_rows(response)
    assert list(rows[0]) == PROFILE_COLUMNS
    by_handle = {row["handle"]: row for row in rows}
    assert set(by_handle) == {"company/here", "in/jane"}
    assert by_handle["in/jane"]["contact_email"] == "jane@here.example.org"
    assert by_handle["company/here"]["contact_email"] == ""
    assert by_handle["company/here"]["page_url"] == profiles["company"].page.url


def test_the_export_reads_every_chunk(reader_client):
    page = PageFactory()
    SocialProfile.objects.bulk_create(
        SocialProfileFactory.build(page=page, domain=page.domain, handle=f"company/c{n}")
        for n in range(CHUNK_SIZE + 5)
    )
    rows = export_rows(reader_client.get(EXPORT))
    assert len({row["handle"] for row in rows}) == CHUNK_SIZE + 5


def test_the_export_neutralises_formula_cells(reader_client):
    jane = ContactFactory(name='=HYPERLINK("http://evil.example.org")')
    SocialProfileFactory(page=jane.page, domain=jane.domain, contact=jane, handle="in/jane")
    row = export_rows(reader_client.get(EXPORT))[0]
    assert row["contact_name"].startswith("'=")


def test_a_bad_export_filter_is_a_json_400(reader_client):
    response = reader_client.get(f"{EXPORT}?network=myspace", HTTP_ACCEPT="text/csv")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "network" in response.json()["errors"]
