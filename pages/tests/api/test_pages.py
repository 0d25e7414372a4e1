import pytest

from contacts.tests.factories import ContactFactory, SocialProfileFactory
from pages.models import Domain, Page
from pages.tests.factories import DomainFactory, PageFactory

pytestmark = pytest.mark.django_db

PAGES = "/api/v3/pages"


def urls(response) -> list[str]:
    return [row["url"] for row in response.json()["results"]]


def test_a_listed_page_shows_its_fields(reader_client):
    page = PageFactory(url="https://a.example.org/team", domain__name="a.example.org")

    response = reader_client.get(PAGES)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["next"] is None
    row = body["results"][0]
    assert row["id"] == str(page.pk)
    assert row["domain"] == "a.example.org"
    assert row["page_curation_status"] == "New"
    assert row["page_processing_status"] is None
    assert "contacts" not in row


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("curation_status=Selected", {"selected", "done"}),
        ("curation_status=Archived", {"archived"}),
        ("processing_status=Complete", {"done"}),
        ("processing_status=Queued", {"selected"}),
        ("processing_status=none", {"new", "archived"}),
        ("contact_scrape_status=ContactFound", {"done"}),
        ("domain=other.example.org", {"archived"}),
        ("domain=OTHER.example.org", {"archived"}),
        ("search=sel", {"selected"}),
        ("search=SEL", {"selected"}),
        ("curation_status=Selected&contact_scrape_status=New", {"selected"}),
    ],
)
def test_filters(reader_client, query, expected):
    here = DomainFactory(name="here.example.org")
    PageFactory(domain=here, url="https://here.example.org/new")
    PageFactory(
        domain=here, url="https://here.example.org/selected", page_curation_status="Selected"
    )
    PageFactory(
        domain=DomainFactory(name="other.example.org"),
        url="https://other.example.org/archived",
        page_curation_status="Archived",
    )
    PageFactory(domain=here, url="https://here.example.org/done", complete=True)

    response = reader_client.get(f"{PAGES}?{query}")

    assert response.status_code == 200
    assert {url.rsplit("/", 1)[1] for url in urls(response)} == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("curation_status=Queued", "curation_status"),
        ("processing_status=Done", "processing_status"),
        ("contact_scrape_status=Found", "contact_scrape_status"),
        ("ordering=password", "ordering"),
        ("offset=-1", "offset"),
        ("offset=two", "offset"),
        ("limit=-5", "limit"),
        ("curation_status=", "curation_status"),
        ("ordering=,", "ordering"),
        ("ordering=url,", "ordering"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(reader_client, query, field):
    PageFactory()

    response = reader_client.get(f"{PAGES}?{query}")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_an_offset_past_the_end_is_an_empty_page(reader_client):
    PageFactory()

    body = reader_client.get(f"{PAGES}?offset=5").json()

    assert (body["count"], body["results"]) == (1, [])


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("", ["c", "a", "b"]),
        ("url", ["b", "c", "a"]),
        ("-url", ["a", "c", "b"]),
        ("domain,-url", ["c", "b", "a"]),
        ("-domain,url", ["a", "b", "c"]),
    ],
)
def test_ordering(reader_client, ordering, expected):
    PageFactory(url="https://m.example.org/b", domain__name="m.example.org")
    PageFactory(url="https://z.example.org/a", domain__name="z.example.org")
    PageFactory(url="https://m.example.org/c", domain__name="m.example.org")

    response = reader_client.get(f"{PAGES}?ordering={ordering}" if ordering else PAGES)

    assert [url.rsplit("/", 1)[1] for url in urls(response)] == expected


def test_the_default_order_is_newest_first(reader_client):
    first, second = PageFactory(), PageFactory()

    assert urls(reader_client.get(PAGES)) == [second.url, first.url]


def test_pagination_walks_every_page_once(reader_client):
    pages = PageFactory.create_batch(5)
    Page.objects.update(created_at=pages[0].created_at)  # ties must not overlap or skip

    seen, url = [], f"{PAGES}?limit=2"
    while url:
        body = reader_client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]

    assert sorted(seen) == sorted(str(p.pk) for p in pages)


def test_the_limit_is_capped(reader_client, settings):
    settings.API_MAX_PAGE_SIZE = 3
    PageFactory.create_batch(4)

    assert len(reader_client.get(f"{PAGES}?limit=100").json()["results"]) == 3


@pytest.mark.parametrize("size", [1, 40])
def test_the_list_takes_a_fixed_number_of_queries(
    reader_client, django_assert_max_num_queries, size
):
    for page in PageFactory.create_batch(size):
        ContactFactory(page=page, domain=page.domain)

    # token + the user's and the groups' permissions + count + the page of rows (with its domain)
    with django_assert_max_num_queries(5):
        response = reader_client.get(f"{PAGES}?limit={size}")

    assert len(response.json()["results"]) == size


def test_the_detail_includes_the_contacts(reader_client):
    page = PageFactory()
    contact = ContactFactory(page=page, domain=page.domain, phone_number="+12025550143")
    ContactFactory()  # another page's

    response = reader_client.get(f"{PAGES}/{page.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(page.pk)
    assert [(c["id"], c["email"], c["phone_number"]) for c in body["contacts"]] == [
        (str(contact.pk), contact.email, "+12025550143")
    ]
    assert body["contacts"][0]["domain"] == page.domain.name


def test_the_detail_takes_a_fixed_number_of_queries(reader_client, django_assert_max_num_queries):
    page = PageFactory()
    for contact in ContactFactory.create_batch(30, page=page, domain=page.domain):
        SocialProfileFactory(page=page, domain=page.domain, contact=contact)

    # token + permissions + page (with its domain) + its contacts + its profiles
    with django_assert_max_num_queries(6):
        body = reader_client.get(f"{PAGES}/{page.pk}").json()
    assert len(body["contacts"]) == 30
    assert len(body["social_profiles"]) == 30


def test_the_detail_includes_the_social_profiles(reader_client):
    page = PageFactory()
    profile = SocialProfileFactory(page=page, domain=page.domain, handle="company/firm")
    SocialProfileFactory()  # another page's

    body = reader_client.get(f"{PAGES}/{page.pk}").json()

    assert [(p["id"], p["handle"], p["page_url"]) for p in body["social_profiles"]] == [
        (str(profile.pk), "company/firm", page.url)
    ]


@pytest.mark.parametrize("page_id", ["0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b", "not-a-uuid"])
def test_an_unknown_page_is_a_json_404(reader_client, page_id):
    response = reader_client.get(f"{PAGES}/{page_id}")

    assert response.status_code == 404
    assert list(response.json()["errors"]) == ["detail"]


def test_domains_are_not_created_by_reading(reader_client):
    reader_client.get(f"{PAGES}?domain=new.example.org")

    assert not Domain.objects.exists()


def test_the_domain_filter_takes_an_idn_in_either_form(reader_client):
    page = PageFactory(domain__name="xn--mnchen-3ya.de", url="https://xn--mnchen-3ya.de/team")
    PageFactory()

    for typed in ["MÜNCHEN.de", "xn--mnchen-3ya.de"]:
        ids = [row["id"] for row in reader_client.get(PAGES, {"domain": typed}).json()["results"]]
        assert ids == [str(page.pk)], typed
