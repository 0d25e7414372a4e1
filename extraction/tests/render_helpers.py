"""Pages that a script builds, and a renderer for the browser tests."""

import json

import pytest

from extraction.render import Renderer, RenderOptions, find_browser
from extraction.tests.page_server import Reply

# The contact page of a single-page app: an empty root that a script fills from a JSON file.
APP_SHELL = """<!doctype html><html><head><title>Contact</title>
<script src="/static/js/main.js"></script></head>
<body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>
</body></html>"""
APP_SCRIPT = """fetch('/api/people.json').then(r => r.json()).then(people => {
  const root = document.getElementById('root');
  root.innerHTML = people.map(p =>
    '<div class="person"><h3>' + p.name + '</h3><a href="mailto:' + p.email + '">' +
    p.email + '</a></div>').join('');
});"""
PEOPLE = [{"name": "Maria Lopez", "email": "maria.lopez@harrisonlaw.com"}]


def serve_app(server, path: str = "/contact", people=None) -> str:
    """A script-built contact page at ``path`` on ``server``; returns its URL."""
    server.add("/static/js/main.js", Reply(body=APP_SCRIPT.encode(), headers=JS))
    body = json.dumps(people or PEOPLE).encode()
    server.add("/api/people.json", Reply(body=body, headers={"Content-Type": "application/json"}))
    return server.html(path, APP_SHELL)


JS = {"Content-Type": "application/javascript"}


def render_options(**overrides) -> RenderOptions:
    values = {
        "browser_path": find_browser() or "",
        "timeout": 5.0,
        "concurrency": 2,
        "max_dom_chars": 1_000_000,
        "pages_per_browser": 100,
        "memory_limit_bytes": 4 * 1024**3,
        "allow_private": True,
        "user_agent": "WF7-test",
    }
    return RenderOptions(**{**values, **overrides})


@pytest.fixture
def renderer_with():
    """``renderer_with(**options)`` starts a renderer; all are closed after the test."""
    started = []

    def start(**overrides) -> Renderer:
        if find_browser() is None:
            pytest.fail("no browser: apt-get install chromium (the browser tests need one)")
        started.append(Renderer(render_options(**overrides)))
        started[-1].start()
        return started[-1]

    yield start
    for renderer in started:
        renderer.close()
