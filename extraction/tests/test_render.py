"""The renderer against loopback servers: what the browser loads, what it may not reach, and how
it ends a page that never finishes or a browser that dies."""

import threading
import time

import psutil
import pytest

from extraction.fetch import FetchError, Refused, TooLarge, guard
from extraction.render import RenderError
from extraction.tests.page_server import PageServer, Reply
from extraction.tests.render_helpers import JS, serve_app

pytestmark = pytest.mark.browser

EMAIL = "maria.lopez@harrisonlaw.com"


def test_a_script_fills_the_page_from_a_json_file(page_server, renderer_with):
    url = serve_app(page_server)
    page = renderer_with().submit(url).result()
    assert EMAIL in page.html
    assert not page.timed_out
    assert page_server.hits["/api/people.json"] == 1


def test_images_fonts_media_and_stylesheets_are_not_requested(page_server, renderer_with):
    url = page_server.html(
        "/styled",
        '<link rel="stylesheet" href="/site.css"><style>@font-face{font-family:x;'
        'src:url(/f.woff2)} p{font-family:x}</style><p>Hello</p><img src="/logo.png">'
        '<video src="/clip.mp4" autoplay></video><iframe src="/frame"></iframe>',
    )
    page_server.html("/frame", "<p>framed</p>")
    renderer_with().submit(url).result()
    assert page_server.hits["/frame"] == 1  # frames are loaded (and guarded)
    for blocked in ("/site.css", "/f.woff2", "/logo.png", "/clip.mp4"):
        assert page_server.hits[blocked] == 0, blocked


@pytest.fixture
def only_127_0_0_1_is_public(monkeypatch):
    """The guard on, with 127.0.0.1 counted as public and every other address not; the name
    intranet.example resolves to 10.1.2.3 without asking any resolver."""

    async def resolve(name, port):
        if name == "intranet.example":
            return ["10.1.2.3"]
        raise OSError(-2, "Name or service not known")

    monkeypatch.setattr(guard, "is_public_address", lambda address: address == "127.0.0.1")
    monkeypatch.setattr(guard, "resolve", resolve)


@pytest.fixture
def other_server():
    server = PageServer(host="127.0.0.2")
    yield server
    server.stop()


@pytest.mark.usefixtures("only_127_0_0_1_is_public")
def test_a_script_calling_a_private_address_is_refused_and_the_page_still_read(
    page_server, other_server, renderer_with
):
    secret = other_server.html("/secret", "{}")
    url = page_server.html(
        "/page",
        f"""<p id="out">Call jane@harrisonlaw.com</p><script>
        fetch('{secret}').catch(() => document.body.dataset.first = 'refused');
        fetch('http://intranet.example:{other_server.port}/x')
          .catch(() => document.body.dataset.second = 'refused');
        </script><iframe src="{secret}"></iframe>""",
    )
    renderer = renderer_with(allow_private=False)
    page = renderer.submit(url).result()
    assert "jane@harrisonlaw.com" in page.html
    assert 'data-first="refused"' in page.html
    assert 'data-second="refused"' in page.html
    assert other_server.hits["/secret"] == 0
    assert renderer.refused >= 3


@pytest.mark.usefixtures("only_127_0_0_1_is_public")
def test_a_redirect_to_a_private_address_is_refused(page_server, other_server, renderer_with):
    other_server.html("/inside", "<p>inside</p>")
    url = page_server.add(
        "/hop", Reply(status=302, headers={"Location": other_server.url("/inside")})
    )
    with pytest.raises(Refused, match=r"127\.0\.0\.2 is not a public address"):
        renderer_with(allow_private=False).submit(url).result()
    assert other_server.hits["/inside"] == 0


@pytest.mark.usefixtures("only_127_0_0_1_is_public")
def test_a_private_document_is_refused_before_the_browser_starts(other_server, renderer_with):
    renderer = renderer_with(allow_private=False)
    with pytest.raises(Refused):
        renderer.submit(other_server.html("/p", "<p>x</p>")).result()
    assert renderer.launches == 0


def test_a_page_that_never_finishes_loading_is_read_as_it_stands(page_server, renderer_with):
    page_server.add("/never", Reply(body=b"<p>late</p>", delay=30))
    url = page_server.html(
        "/slow", '<p>Write to jane@harrisonlaw.com</p><iframe src="/never"></iframe>'
    )
    started = time.monotonic()
    page = renderer_with(timeout=1.5).submit(url).result()
    assert time.monotonic() - started < 8
    assert page.timed_out
    assert "jane@harrisonlaw.com" in page.html


def test_a_page_whose_script_never_yields_fails_and_its_browser_is_replaced(
    page_server, renderer_with
):
    busy = page_server.html("/busy", "<p>x</p><script>while (true) {}</script>")
    fine = page_server.html("/fine", "<p>fine</p>")
    renderer = renderer_with(timeout=1.0)
    with pytest.raises(RenderError, match="Timeout"):
        renderer.submit(busy).result(timeout=30)
    assert "fine" in renderer.submit(fine).result(timeout=30).html
    assert renderer.launches == 2


def kill_browsers() -> int:
    killed = 0
    for child in psutil.Process().children(recursive=True):
        try:
            if "chrom" in child.name():
                child.kill()
                killed += 1
        except psutil.Error:
            pass
    return killed


def test_a_browser_that_crashes_mid_page_is_replaced_and_the_page_retried(
    page_server, renderer_with
):
    url = page_server.add(
        "/crash", Reply(body=b"<p>first</p>", delay=1.0), Reply(body=b"<p>second try</p>")
    )
    renderer = renderer_with()
    killed = []

    def kill_when_asked():
        for _ in range(200):
            if page_server.hits["/crash"]:
                killed.append(kill_browsers())
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_when_asked)
    killer.start()
    page = renderer.submit(url).result(timeout=30)
    killer.join()
    assert killed and killed[0] > 0
    assert "second try" in page.html
    assert page_server.hits["/crash"] == 2
    assert renderer.launches == 2


def test_a_dom_over_the_cap_is_too_large(page_server, renderer_with):
    url = page_server.html(
        "/big", "<div id=x></div><script>x.textContent = 'a'.repeat(300000)</script>"
    )
    with pytest.raises(TooLarge, match="the limit is 100000"):
        renderer_with(max_dom_chars=100_000).submit(url).result()


def test_the_browser_is_replaced_after_its_pages(page_server, renderer_with):
    url = page_server.html("/p", "<p>x</p>")
    renderer = renderer_with(pages_per_browser=2)
    for _ in range(3):
        renderer.submit(url).result()
    assert renderer.launches == 2


def test_an_http_error_of_the_document_is_an_error(page_server, renderer_with):
    with pytest.raises(FetchError, match="HTTP 404"):
        renderer_with().submit(page_server.url("/missing")).result()


def test_the_browser_is_replaced_past_its_memory_limit(page_server, renderer_with):
    url = page_server.html("/p", "<p>x</p>")
    renderer = renderer_with(memory_limit_bytes=1)  # any browser is over it
    renderer.submit(url).result()
    for _ in range(200):  # the check runs after the page, off the loop
        if renderer.retired:
            break
        time.sleep(0.05)
    renderer.submit(url).result()
    assert renderer.launches == 2


def test_service_workers_and_popups_are_refused(page_server, renderer_with):
    page_server.add("/sw.js", Reply(body=b"self.addEventListener('fetch', () => {})", headers=JS))
    page_server.html("/popup", "<p>popup</p>")
    url = page_server.html(
        "/app",
        """<p id="out">x</p><script>
        const out = document.getElementById('out');
        const worker = navigator.serviceWorker
          ? navigator.serviceWorker.register('/sw.js').then(() => 'registered', () => 'refused')
          : Promise.resolve('refused');
        worker.then(result => { out.dataset.worker = result; });
        </script>""",
    )
    page = renderer_with().submit(url).result()
    assert 'data-worker="refused"' in page.html
    assert page_server.hits["/sw.js"] == 0
