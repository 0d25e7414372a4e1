"""The domains API: create, change status in batches, list with filters; candidates through the
pages list."""

import pytest
from django.contrib.auth.models import Permission

from pages.models import Domain, Page
from wf7.tests.api_clients import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def domain_curator_client(django_user_model):
    user = django_user_model.objects.create_user("domains")
    user.user_permissions.add(Permission.objects.get(codename="change_domain"))
    return token_client(user)


def test_create_selects_and_queues_by_default(domain_curator_client):
    response = domain_curator_client.post(
        "/api/v3/domains", {"domains": ["a.example", "https://b.example/en/"]}, format="json"
    )
    assert response.status_code == 201
    assert (response.json()["created"], response.json()["queued"]) == (2, 2)
    assert Domain.objects.get(name="b.example").homepage_url == "https://b.example/en/"
    assert set(Domain.objects.values_list("discovery_status", flat=True)) == {"Queued"}


def test_create_without_select(domain_curator_client):
    response = domain_curator_client.post(
        "/api/v3/domains", {"domains": ["a.example"], "select": False}, format="json"
    )
    assert response.json()["queued"] == 0
    assert Domain.objects.get().discovery_status is None


def test_one_invalid_domain_refuses_the_request(domain_curator_client):
    response = domain_curator_client.post(
        "/api/v3/domains", {"domains": ["a.example", "ftp://b"]}, format="json"
    )
    assert response.status_code == 400
    assert "1" in response.json()["errors"]["domains"]
    assert not Domain.objects.exists()


def test_changing_needs_the_permission(reader_client):
    response = reader_client.post("/api/v3/domains", {"domains": ["a.example"]}, format="json")
    assert response.status_code == 403
    assert reader_client.get("/api/v3/domains").status_code == 200


def test_status_batch(domain_curator_client):
    domains = [Domain.objects.create(name=f"d{n}.example") for n in range(2)]
    response = domain_curator_client.put(
        "/api/v3/domains/status",
        {"domain_ids": [str(d.pk) for d in domains], "status": "Selected"},
        format="json",
    )
    assert response.json() == {"updated_count": 2, "queued_count": 2}


def test_status_with_an_unknown_id_changes_nothing(domain_curator_client):
    domain = Domain.objects.create(name="a.example")
    response = domain_curator_client.put(
        "/api/v3/domains/status",
        {
            "domain_ids": [str(domain.pk), "00000000-0000-0000-0000-000000000001"],
            "status": "Selected",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["unknown_domain_ids"] == ["00000000-0000-0000-0000-000000000001"]
    domain.refresh_from_db()
    assert domain.discovery_status is None


def test_list_filters_on_both_statuses(reader_client):
    Domain.objects.create(name="a.example", domain_curation_status="Selected")
    Domain.objects.create(name="b.example")

    def names(query):
        return [d["name"] for d in reader_client.get(f"/api/v3/domains?{query}").json()["results"]]

    assert names("discovery_status=Queued") == ["a.example"]
    assert names("discovery_status=none") == ["b.example"]
    assert names("curation_status=New") == ["b.example"]
    assert reader_client.get("/api/v3/domains?discovery_status=Bogus").status_code == 400


def test_candidates_through_the_pages_list(reader_client):
    domain = Domain.objects.create(name="a.example")
    other = Domain.objects.create(name="b.example")
    Page.objects.create(
        domain=domain, url="https://a.example/", discovery_score=3, page_kind="home"
    )
    Page.objects.create(
        domain=domain, url="https://a.example/kontakt", discovery_score=12, page_kind="contact"
    )
    Page.objects.create(domain=domain, url="https://a.example/imported")
    Page.objects.create(domain=other, url="https://b.example/kontakt", discovery_score=20)
    response = reader_client.get("/api/v3/pages?domain=a.example&ordering=-discovery_score")
    results = response.json()["results"]
    assert [page["url"] for page in results] == [
        "https://a.example/kontakt",
        "https://a.example/",
        "https://a.example/imported",
    ]
    assert (results[0]["page_kind"], results[0]["discovery_score"]) == ("contact", 12)
    kinds = reader_client.get("/api/v3/pages?page_kind=home").json()["results"]
    assert [page["url"] for page in kinds] == ["https://a.example/"]
