import json

import pytest

from pages.models import Domain, Page
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db

PAGES = "/api/v3/pages"


def post(client, body):
    return client.post(PAGES, body, format="json")


def test_creates_pages_and_their_domains(curator_client):
    response = post(
        curator_client, {"urls": ["https://Team.Example.org/people#top", "http://b.example.org"]}
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["created"], body["skipped"], body["queued"]) == (2, 0, 0)
    assert set(Page.objects.values_list("url", "domain__name", "page_curation_status")) == {
        ("https://team.example.org/people", "team.example.org", "New"),
        ("http://b.example.org/", "b.example.org", "New"),
    }
    assert sorted(body["created_ids"]) == sorted(
        str(pk) for pk in Page.objects.values_list("pk", flat=True)
    )


def test_selecting_queues_the_new_pages(curator_client):
    response = post(curator_client, {"urls": ["https://a.example.org/"], "select": True})

    assert response.json()["queued"] == 1
    page = Page.objects.get()
    assert (page.page_curation_status, page.page_processing_status) == ("Selected", "Queued")


def test_known_and_repeated_urls_are_skipped(curator_client):
    known = PageFactory(url="https://a.example.org/known")

    response = post(
        curator_client,
        {
            "urls": [known.url, "https://a.example.org/new", "https://A.example.org/new"],
            "select": True,
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["created"], body["skipped"], body["queued"]) == (1, 2, 1)
    known.refresh_from_db()
    assert known.page_curation_status == "New"  # only the created pages are selected


def test_nothing_new_is_a_200(curator_client):
    known = PageFactory()

    response = post(curator_client, {"urls": [known.url]})

    assert response.status_code == 200
    assert response.json()["created"] == 0


def test_an_invalid_url_refuses_the_whole_request(curator_client):
    PageFactory(url="https://a.example.org/known", domain__name="a.example.org")
    before = list(Page.objects.values_list("pk", "url", "page_curation_status"))

    response = post(
        curator_client,
        {
            "urls": [
                "https://fresh.example.org/fine",
                "ftp://a.example.org/file",
                "https://user:pw@a.example.org/",
                "",
                "javascript:alert(1)",
            ],
            "select": True,
        },
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "urls": {
            "1": ["scheme must be http or https"],
            "2": ["credentials in URLs are not accepted"],
            "3": ["empty URL"],
            "4": ["scheme must be http or https"],
        }
    }
    assert list(Page.objects.values_list("pk", "url", "page_curation_status")) == before
    assert list(Domain.objects.values_list("name", flat=True)) == ["a.example.org"]
    assert Page.objects.count() == 1


def test_long_and_idn_urls_are_400s_naming_each(curator_client):
    urls = [
        "https://example.org/" + "ü" * 3000,
        "https://faß.de/",
        "https://example.org/\u0007",
        "https://MÜNCHEN.de/",
    ]

    response = post(curator_client, {"urls": urls})

    assert response.status_code == 400
    errors = response.json()["errors"]["urls"]
    assert errors["0"] == ["longer than 2,000 bytes once encoded (18,020 bytes)"]
    assert errors["1"][0].startswith("the host faß.de is a different name under IDNA 2003")
    assert errors["2"] == ["control character U+0007 in the URL"]
    assert "3" not in errors
    assert not Page.objects.exists()


def test_nul_and_lone_surrogates_are_400s(curator_client):
    # As escapes in the JSON text: a lone surrogate cannot be sent as UTF-8.
    urls = ["https://example.org/\ud800", "https://example.org/\u0000"]
    body = json.dumps({"urls": urls}, ensure_ascii=True)

    response = curator_client.post(PAGES, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"]["urls"] == {
        "0": ["Surrogate characters are not allowed: U+D800."],
        "1": ["Null characters are not allowed."],
    }
    assert not Page.objects.exists()


def test_an_idn_url_is_created_in_its_normal_form(curator_client):
    response = post(curator_client, {"urls": ["https://MÜNCHEN.de:443/Team/./x/..#a"]})

    assert response.status_code == 201
    assert Page.objects.get().url == "https://xn--mnchen-3ya.de/Team/"


BAD_BODIES = {
    "missing urls": ({"select": True}, "urls", "required"),
    "empty list": ({"urls": []}, "urls", "empty"),
    "urls not a list": ({"urls": "https://a.example.org/"}, "urls", "list"),
    "a number for a URL": ({"urls": [7]}, "urls", "valid string"),
    "select not a boolean": (
        {"urls": ["https://a.example.org/"], "select": "yes"},
        "select",
        "boolean",
    ),
    "too many URLs": (
        {"urls": ["https://a.example.org/1", "https://a.example.org/2", "https://a.example.org/3"]},
        "urls",
        "no more than 2",
    ),
    "a NUL character": ({"urls": ["https://a.example.org/\x00"]}, "urls", "null"),
}


@pytest.mark.parametrize("case", BAD_BODIES, ids=list(BAD_BODIES))
def test_a_bad_body_is_a_400_naming_the_field(curator_client, settings, case):
    settings.API_MAX_BATCH = 2
    body, field, message = BAD_BODIES[case]

    response = post(curator_client, body)

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [field]
    assert message in str(errors[field]).lower()
    assert not Page.objects.exists()


def test_malformed_json_creates_nothing(curator_client):
    response = curator_client.post(
        PAGES, '{"urls": ["https://a.example.org/"', content_type="application/json"
    )

    assert response.status_code == 400
    assert "body" in response.json()["errors"]
    assert not Page.objects.exists()


def test_a_form_post_is_refused(curator_client):
    response = curator_client.post(PAGES, {"urls": "https://a.example.org/"})

    assert response.status_code == 400
    assert "content_type" in response.json()["errors"]
    assert not Page.objects.exists()
