"""robots.txt rules as the jobs read them: groups, wildcards, Crawl-delay, the token, and what
a missing or failing robots.txt means."""

import asyncio
from datetime import timedelta

import pytest
from django.utils import timezone

from extraction.discovery.robots import (
    RobotsRules,
    cached_rules,
    fetch_rules,
    user_agent_token,
)
from extraction.fetch import Fetcher
from extraction.tests.fetch_helpers import options
from extraction.tests.page_server import Reply

ROBOTS = """
User-agent: *
Disallow: /private/
Disallow: /*.pdf$
Allow: /private/press/
Crawl-delay: 2

User-agent: WF7ContactBot
Disallow: /team/
Crawl-delay: 5
Sitemap: https://firm.example/sitemap.xml
"""


@pytest.fixture
def robots_settings(settings):
    settings.FETCH_USER_AGENT = "WF7ContactBot/1.0 (+contact extraction)"
    settings.FETCH_OBEY_ROBOTS = True
    settings.ROBOTS_MAX_CRAWL_DELAY_SECONDS = 30
    return settings


def rules(text: str) -> RobotsRules:
    return RobotsRules.build("Fetched", text)


@pytest.mark.parametrize(
    ("agent", "token"),
    [
        ("WF7ContactBot/1.0 (+contact extraction)", "WF7ContactBot"),
        ("WF7", "WF7"),
        ("", "*"),
    ],
)
def test_the_token_is_the_product_name(agent, token):
    assert user_agent_token(agent) == token


def test_our_group_applies_not_the_star_group(robots_settings):
    found = rules(ROBOTS)
    assert not found.allows("https://firm.example/team/ann")
    assert found.allows("https://firm.example/private/x")  # only "*" disallows it
    assert found.crawl_delay == 5
    assert found.sitemaps == ["https://firm.example/sitemap.xml"]


def test_the_star_group_applies_to_other_agents(robots_settings):
    robots_settings.FETCH_USER_AGENT = "OtherBot/2.0"
    found = rules(ROBOTS)
    assert not found.allows("https://firm.example/private/x")
    assert found.allows("https://firm.example/private/press/release")  # longest match wins
    assert not found.allows("https://firm.example/files/brochure.pdf")  # wildcard and $
    assert found.allows("https://firm.example/files/brochure.pdf?v=2")
    assert found.allows("https://firm.example/team/ann")
    assert found.crawl_delay == 2


def test_crawl_delay_is_capped(robots_settings):
    robots_settings.ROBOTS_MAX_CRAWL_DELAY_SECONDS = 3
    assert rules("User-agent: *\nCrawl-delay: 3600\n").crawl_delay == 3


def test_allow_all_when_empty_or_missing(robots_settings):
    assert rules("").allows("https://firm.example/anything")
    assert RobotsRules.build("Missing").allows("https://firm.example/anything")


def test_unavailable_allows_nothing_unless_robots_are_not_obeyed(robots_settings):
    unavailable = RobotsRules.build("Unavailable", "HTTP 503")
    assert not unavailable.allows("https://firm.example/")
    robots_settings.FETCH_OBEY_ROBOTS = False
    assert unavailable.allows("https://firm.example/")
    assert rules("User-agent: *\nDisallow: /\n").allows("https://firm.example/")


def test_a_cache_older_than_the_max_age_is_not_used(robots_settings):
    robots_settings.ROBOTS_MAX_AGE_HOURS = 24
    now = timezone.now()
    assert cached_rules("Fetched", "User-agent: *\n", now - timedelta(hours=1)) is not None
    assert cached_rules("Fetched", "User-agent: *\n", now - timedelta(hours=25)) is None
    assert cached_rules("Unavailable", "HTTP 500", now) is None
    assert cached_rules("", "", None) is None


def _fetch(server_url: str) -> RobotsRules:
    async def run():
        async with Fetcher(options(retries=0, timeout=1.0, read_timeout=1.0)) as fetcher:
            return await fetch_rules(fetcher, server_url)

    return asyncio.run(run())


@pytest.mark.parametrize(
    ("reply", "status"),
    [
        (
            Reply(body=b"User-agent: *\nDisallow: /x\n", headers={"Content-Type": "text/plain"}),
            "Fetched",
        ),
        (Reply(status=404, body=b"no"), "Missing"),
        (Reply(status=403, body=b"no"), "Missing"),
        (Reply(status=500, body=b"oops"), "Unavailable"),
        (Reply(status=503, body=b"busy"), "Unavailable"),
        (Reply(body=b"User-agent: *\n", delay=2.0), "Unavailable"),
    ],
    ids=["200", "404", "403", "500", "503", "timeout"],
)
def test_what_the_answer_means(page_server, robots_settings, reply, status):
    page_server.add("/robots.txt", reply)
    found = _fetch(page_server.url(""))
    assert found.status == status
    assert page_server.hits["/robots.txt"] >= 1
