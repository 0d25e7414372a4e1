"""Which fetched pages look built by script (so ``auto`` sends them to the browser)."""

import pytest

from extraction.extract.script_built import script_built_reason
from extraction.tests.render_helpers import APP_SHELL

ARTICLE = "<p>" + "We build furniture by hand in our workshop in Leeds. " * 20 + "</p>"


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (APP_SHELL, "a <noscript> asks for JavaScript"),
        ('<div id="__next"></div><script src="/x.js"></script>', "an empty app root #__next"),
        ('<div id="app">  </div><script>boot()</script>', "an empty app root #app"),
        (
            '<p>Loading…</p><script src="/_nuxt/entry.4f2a.js"></script>',
            "little text and a script bundle",
        ),
        ("<p>Hi</p><script>" + "render();" * 100 + "</script>", "little text and much more script"),
        (
            "<noscript>Bitte JavaScript aktivieren.</noscript><script></script>",
            "a <noscript> asks for JavaScript",
        ),
    ],
)
def test_script_built_pages(html, reason):
    assert script_built_reason(html) == reason


@pytest.mark.parametrize(
    "html",
    [
        ARTICLE,  # no script at all
        ARTICLE + '<script src="/static/js/main.js"></script>',  # text enough: read as it is
        '<div id="root">' + ARTICLE + '</div><script src="/main.js"></script>',  # filled
        "<p>Short page</p><script>var a = 1;</script>",
        "<noscript><img src=/pixel.gif></noscript><script></script><p>Hi</p>",
        "",
        "<<<>>>&&&",
        "<noscript>" * 1000 + "<script></script>" + ARTICLE,
    ],
)
def test_pages_that_read_as_they_are(html):
    assert script_built_reason(html) is None
