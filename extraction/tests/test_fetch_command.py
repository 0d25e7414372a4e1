"""``manage.py extract_contacts URL`` fetches through the job's fetcher: guard, caps, budget."""

import pytest
from django.core.management import CommandError, call_command

from extraction.tests.fetch_helpers import HTML
from extraction.tests.page_server import drip


def test_the_command_refuses_an_internal_address(page_server, settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(CommandError, match=r"127\.0\.0\.1 is not a public address"):
        call_command("extract_contacts", page_server.html("/team", HTML))
    assert page_server.hits["/team"] == 0


def test_the_command_fetches_when_local_pages_are_allowed(page_server, settings, capsys):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    settings.FETCH_USER_AGENT = "WF7-command-test"
    page = "<html><body><p>Email us: info@acmewidgets.com</p></body></html>"
    call_command("extract_contacts", page_server.html("/team", page), "--json")
    assert '"email": "info@acmewidgets.com"' in capsys.readouterr().out
    assert page_server.user_agents == ["WF7-command-test"]


def test_the_command_keeps_to_the_page_budget(raw_server, settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    settings.FETCH_TIMEOUT_SECONDS = 1.0
    server = raw_server(drip(interval=2.0))
    with pytest.raises(CommandError, match=r"the page did not arrive within 1 s"):
        call_command("extract_contacts", server.url())
