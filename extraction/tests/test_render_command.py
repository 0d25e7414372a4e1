"""``manage.py extract_contacts URL --render``: what the browser sees, for curators."""

import pytest
from django.core.management import CommandError, call_command

from extraction.tests.render_helpers import serve_app


@pytest.mark.browser
def test_render_shows_the_contacts_a_script_adds(page_server, settings, capsys):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    url = serve_app(page_server)
    call_command("extract_contacts", url)
    assert "no contacts found" in capsys.readouterr().out
    call_command("extract_contacts", url, "--render")
    out, err = capsys.readouterr()
    assert "maria.lopez@harrisonlaw.com" in out
    assert "0 request(s) refused by the address guard" in err


@pytest.mark.browser
def test_render_html_prints_the_rendered_dom(page_server, settings, capsys):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    call_command("extract_contacts", serve_app(page_server), "--render", "--html")
    out = capsys.readouterr().out
    assert out.startswith("<html>")
    assert 'href="mailto:maria.lopez@harrisonlaw.com"' in out


@pytest.mark.browser
def test_render_refuses_an_internal_address(page_server, settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(CommandError, match=r"127\.0\.0\.1 is not a public address"):
        call_command("extract_contacts", serve_app(page_server), "--render")
    assert page_server.hits["/contact"] == 0


def test_render_without_a_browser_says_how_to_get_one(settings):
    settings.FETCH_BROWSER_PATH = "/nonexistent/chromium"
    with pytest.raises(CommandError, match="apt-get install chromium"):
        call_command("extract_contacts", "http://127.0.0.1:9/", "--render")


def test_render_takes_only_a_url(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<p>x</p>")
    with pytest.raises(CommandError, match="--render takes an http"):
        call_command("extract_contacts", str(page), "--render")
