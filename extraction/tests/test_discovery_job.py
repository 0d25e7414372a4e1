"""Discovery end to end on loopback sites: what it requests, what it proposes, what it selects."""

import pytest

from extraction.tests.discovery_helpers import (
    discover,
    homepage,
    robots,
    selected_domain,
    urlset,
    xml,
)
from pages.models import Domain, Page

pytestmark = pytest.mark.django_db(transaction=True)


def pages_of(domain: Domain) -> dict[str, Page]:
    return {page.url: page for page in Page.objects.filter(domain=domain)}


def test_discovery_reads_robots_sitemap_and_homepage_and_selects_the_best(
    page_server, discovery_settings
):
    robots(page_server, f"User-agent: *\nAllow: /\nSitemap: {page_server.url('/sitemap.xml')}\n")
    xml(page_server, "/sitemap.xml", urlset(page_server, "/", "/impressum", "/blog/hello"))
    page_server.html(
        "/",
        homepage(("/kontakt", "Kontakt"), ("/team", "Unser Team"), ("/produkte/a", "Produkt A")),
    )
    domain = selected_domain(page_server)

    stats = discover()

    domain.refresh_from_db()
    assert stats.complete == 1
    assert domain.discovery_status == "Complete"
    assert domain.robots_status == "Fetched"
    assert domain.discovery_requests == 3  # robots.txt, homepage, sitemap
    found = pages_of(domain)
    kontakt, team, impressum = (
        found[page_server.url(p)] for p in ("/kontakt", "/team", "/impressum")
    )
    assert (kontakt.page_kind, kontakt.discovered_via) == ("contact", "link")
    assert (team.page_kind, impressum.page_kind) == ("team", "legal")
    assert impressum.discovered_via == "sitemap"
    for page in (kontakt, team, impressum):
        assert page.page_curation_status == "Selected"
        assert page.page_processing_status == "Queued"
    assert page_server.url("/blog/hello") not in found  # penalised below zero: not proposed
    assert kontakt.discovery_score > found[page_server.url("/")].discovery_score


def test_no_request_to_a_disallowed_path_and_no_page_for_it(page_server, discovery_settings):
    robots(
        page_server,
        # Our group is the one that applies: the "*" group's rules are not ours.
        "User-agent: *\nDisallow: /kontakt\n\n"
        "User-agent: WF7ContactBot\nDisallow: /team\nDisallow: /intern/\n",
    )
    page_server.html(
        "/",
        homepage(("/kontakt", "Kontakt"), ("/team", "Team"), ("/intern/staff", "Staff")),
    )
    xml(page_server, "/sitemap.xml", urlset(page_server, "/intern/people", "/kontakt"))
    domain = selected_domain(page_server)

    discover()

    assert page_server.hits["/team"] == 0
    assert page_server.hits["/intern/staff"] == page_server.hits["/intern/people"] == 0
    urls = set(pages_of(domain))
    assert page_server.url("/kontakt") in urls
    assert not {page_server.url(p) for p in ("/team", "/intern/staff", "/intern/people")} & urls


def test_robots_404_allows_everything(page_server, discovery_settings):
    page_server.html("/", homepage(("/contact", "Contact us")))
    domain = selected_domain(page_server)

    discover()

    domain.refresh_from_db()
    assert domain.robots_status == "Missing"
    assert page_server.url("/contact") in pages_of(domain)


@pytest.mark.parametrize("broken", ["500", "timeout"])
def test_robots_unavailable_fetches_nothing_else(page_server, discovery_settings, broken):
    from extraction.tests.page_server import Reply

    reply = Reply(status=503, body=b"down") if broken == "500" else Reply(body=b"", delay=3)
    page_server.add("/robots.txt", reply)
    page_server.html("/", homepage(("/contact", "Contact us")))
    domain = selected_domain(page_server)

    discover()

    domain.refresh_from_db()
    assert domain.discovery_status == "Error"
    assert domain.discovery_error.startswith("Robots.txt unavailable")
    assert set(page_server.hits) == {"/robots.txt"}
    assert not pages_of(domain)


def test_auto_select_zero_leaves_the_choice_to_curators(page_server, discovery_settings):
    discovery_settings.DISCOVERY_AUTO_SELECT = 0
    page_server.html("/", homepage(("/contact", "Contact"), ("/about", "About us")))
    domain = selected_domain(page_server)

    discover()

    found = pages_of(domain)
    assert len(found) == 3
    assert {page.page_curation_status for page in found.values()} == {"New"}


def test_auto_select_takes_the_best_n_of_different_kinds(page_server, discovery_settings):
    discovery_settings.DISCOVERY_AUTO_SELECT = 2
    links = [("/contact", "Contact"), ("/contact-us", "Contact us"), ("/team", "Our team")]
    page_server.html("/", homepage(*links, ("/about", "About")))
    domain = selected_domain(page_server)

    discover()

    selected = {
        page.url for page in pages_of(domain).values() if page.page_curation_status == "Selected"
    }
    assert len(selected) == 2
    assert page_server.url("/team") in selected


def test_fetches_stay_within_the_budget(page_server, discovery_settings):
    discovery_settings.DISCOVERY_MAX_FETCHES = 3
    robots(
        page_server, f"Sitemap: {page_server.url('/a.xml')}\nSitemap: {page_server.url('/b.xml')}\n"
    )
    xml(page_server, "/a.xml", urlset(page_server, "/kontakt"))
    xml(page_server, "/b.xml", urlset(page_server, "/impressum"))
    page_server.html("/", homepage())
    selected_domain(page_server)

    discover()

    assert sum(page_server.hits.values()) == 3
    assert page_server.hits["/b.xml"] == 0


def test_a_page_found_twice_is_one_row(page_server, discovery_settings):
    page_server.html("/", homepage(("/contact#form", "Contact"), ("/contact", "Write to us")))
    xml(page_server, "/sitemap.xml", urlset(page_server, "/contact"))
    domain = selected_domain(page_server)
    Page.objects.create(url=page_server.url("/contact"), domain=domain)

    discover()
    Domain.objects.filter(pk=domain.pk).update(discovery_status="Queued")
    discover()

    assert Page.objects.filter(url=page_server.url("/contact")).count() == 1
    assert Page.objects.filter(domain=domain).count() == len(pages_of(domain))


def test_homepage_that_shows_contacts_is_selected(page_server, discovery_settings):
    footer = '<a href="mailto:info@firm.example.com">info@firm.example.com</a>'
    page_server.html("/", homepage(("/news", "News"), footer=footer))
    domain = selected_domain(page_server)

    discover()

    home = pages_of(domain)[page_server.url("/")]
    assert (home.page_kind, home.discovered_via) == ("home", "start")
    assert home.page_curation_status == "Selected"


def test_homepage_failure_without_sitemap_is_an_error(page_server, discovery_settings):
    from extraction.tests.page_server import Reply

    page_server.add("/", Reply(status=404, body=b"gone"))
    domain = selected_domain(page_server)

    discover()

    domain.refresh_from_db()
    assert domain.discovery_status == "Error"
    assert "HTTP 404" in domain.discovery_error


def test_a_sitemap_index_with_a_gzipped_child_is_followed(page_server, discovery_settings):
    from extraction.tests.discovery_helpers import gzipped, sitemap_index

    page_server.html("/", homepage())
    xml(
        page_server, "/sitemap_index.xml", sitemap_index(page_server, "/posts.xml", "/pages.xml.gz")
    )
    xml(page_server, "/posts.xml", urlset(page_server, "/blog/a", "/blog/b"))
    xml(page_server, "/pages.xml.gz", gzipped(urlset(page_server, "/impressum", "/equipe")))
    domain = selected_domain(page_server)

    discover()

    found = pages_of(domain)
    assert page_server.hits["/sitemap.xml"] == 1  # guessed first, 404
    assert page_server.hits["/pages.xml.gz"] == 1
    assert found[page_server.url("/impressum")].discovered_via == "sitemap"
    assert found[page_server.url("/equipe")].page_kind == "team"


def test_a_broken_sitemap_leaves_the_homepage_links(page_server, discovery_settings):
    page_server.html("/", homepage(("/kontakt", "Kontakt")))
    xml(page_server, "/sitemap.xml", b"<urlset><url><loc>")
    domain = selected_domain(page_server)

    discover()

    domain.refresh_from_db()
    assert domain.discovery_status == "Complete"
    assert page_server.url("/kontakt") in pages_of(domain)


def test_discovery_keeps_the_crawl_delay(page_server, discovery_settings):
    import time

    robots(page_server, f"User-agent: *\nCrawl-delay: 0.3\nSitemap: {page_server.url('/s.xml')}\n")
    page_server.html("/", homepage(("/kontakt", "Kontakt")))
    xml(page_server, "/s.xml", urlset(page_server, "/impressum"))
    selected_domain(page_server)

    started = time.monotonic()
    discover()

    assert sum(page_server.hits.values()) == 3
    assert time.monotonic() - started >= 2 * 0.3  # homepage and sitemap each waited
