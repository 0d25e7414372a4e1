"""The SSRF guard vets what is connected: one resolution per hop, every address vetted, the
connection made to the vetted address. No real DNS and no packet outside 127.0.0.0/8: the resolver
is stubbed, and so is the connect step, which leads the "public" test addresses to loopback
servers and refuses everything else inside the process."""

import asyncio
import socket

import httpcore
import pytest

from extraction.fetch import Fetcher, FetchError, Refused, guard, is_public_address, transport
from extraction.tests.fetch_helpers import HTML, options
from extraction.tests.page_server import Reply

PUBLIC = "93.184.215.14"
PUBLIC6 = "2606:4700::1111"


def refusal(host: str) -> str:
    return (
        f"Refused: {host} is not a public address "
        "(set FETCH_ALLOW_PRIVATE_ADDRESSES=true to fetch local pages)"
    )


class StubResolver:
    """Answers from ``answers[name]``, one list of addresses per lookup (the last repeats)."""

    def __init__(self):
        self.answers: dict[str, list[list[str]]] = {}
        self.names: list[str] = []

    def set(self, name: str, *answers: list[str]) -> None:
        self.answers[name] = list(answers)

    async def __call__(self, name: str, port: int) -> list[str]:
        self.names.append(name)
        answers = self.answers.get(name)
        if not answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return answers.pop(0) if len(answers) > 1 else answers[0]


class LoopbackOnlyBackend(httpcore.AsyncNetworkBackend):
    """The connect step: the "public" test addresses lead to 127.0.0.1, the same port; any
    other address is refused here, so no packet can leave for it."""

    def __init__(self):
        self.connects: list[tuple[str, int]] = []
        self._real = httpcore.AnyIOBackend()

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        self.connects.append((host, port))
        if host not in (PUBLIC, PUBLIC6):
            raise httpcore.ConnectError(f"test: no connection to {host}")
        return await self._real.connect_tcp("127.0.0.1", port, timeout=timeout)

    async def sleep(self, seconds: float) -> None:
        await self._real.sleep(seconds)


@pytest.fixture
def net(monkeypatch):
    """Stub resolver and connect step; the real resolver answers only loopback literals."""
    resolver, backend = StubResolver(), LoopbackOnlyBackend()
    monkeypatch.setattr(guard, "resolve", resolver)
    monkeypatch.setattr(transport, "network_backend", lambda: backend)
    real_getaddrinfo = socket.getaddrinfo

    def loopback_only(host, *args, **kwargs):
        if host not in ("127.0.0.1", b"127.0.0.1"):
            raise socket.gaierror(socket.EAI_NONAME, f"test: no real DNS for {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)
    return resolver, backend


def fetch_all(*urls: str, **overrides) -> list:
    """Fetch ``urls`` one after another through one guarded fetcher; pages or exceptions."""

    async def run():
        results = []
        async with Fetcher(options(allow_private=False, **overrides)) as fetcher:
            for url in urls:
                try:
                    results.append(await fetcher.fetch(url))
                except FetchError as exc:
                    results.append(exc)
        return results

    return asyncio.run(run())


def test_dns_rebinding_gets_the_vetted_address_or_a_refusal(net, page_server):
    """The name answers a public address, then 127.0.0.1: the first fetch connects to the public
    address it vetted (never asking DNS again), the second is refused before any connection."""
    resolver, backend = net
    resolver.set("rebind.example", [PUBLIC], ["127.0.0.1"])
    page_server.html("/team", HTML)
    url = f"http://rebind.example:{page_server.port}/team"
    first, second = fetch_all(url, url)
    assert first.html == HTML
    assert resolver.names == ["rebind.example", "rebind.example"]
    assert backend.connects == [(PUBLIC, page_server.port)]
    assert page_server.host_headers == [f"rebind.example:{page_server.port}"]
    assert isinstance(second, Refused)
    assert str(second) == refusal("rebind.example")


def test_a_host_keeps_its_pooled_connection(net, page_server):
    resolver, backend = net
    resolver.set("www.firm.example", [PUBLIC6])
    page_server.html("/a", HTML)
    page_server.html("/b", HTML)
    base = f"http://www.firm.example:{page_server.port}"
    assert [page.html for page in fetch_all(f"{base}/a", f"{base}/b")] == [HTML, HTML]
    assert backend.connects == [(PUBLIC6, page_server.port)]


def test_every_redirect_hop_is_vetted(net, page_server):
    resolver, backend = net
    resolver.set("www.firm.example", [PUBLIC])
    resolver.set("intranet.example", ["10.0.0.7"])
    target = f"http://intranet.example:{page_server.port}/secret"
    page_server.add("/jump", Reply(status=302, headers={"Location": target}))
    page_server.html("/secret", HTML)
    (result,) = fetch_all(f"http://www.firm.example:{page_server.port}/jump")
    assert isinstance(result, Refused)
    assert str(result) == refusal("intranet.example")
    assert "10.0.0.7" not in str(result)
    assert page_server.log == ["/jump"]
    assert len(backend.connects) == 1


def test_a_redirect_to_the_metadata_address_is_refused(net, page_server):
    resolver, backend = net
    resolver.set("www.firm.example", [PUBLIC])
    metadata = "http://169.254.169.254/latest/meta-data/"
    page_server.add("/jump", Reply(status=302, headers={"Location": metadata}))
    (result,) = fetch_all(f"http://www.firm.example:{page_server.port}/jump")
    assert str(result) == refusal("169.254.169.254")
    assert resolver.names == ["www.firm.example"]  # an address literal is vetted as it is
    assert len(backend.connects) == 1


@pytest.mark.parametrize(
    "answer",
    [
        [PUBLIC, "10.0.0.5"],  # every address is vetted, not only the first
        ["2002:7f00:1::1"],  # 6to4 wrapping 127.0.0.1
        ["2002:a00:1::1"],  # 6to4 wrapping 10.0.0.1
        ["2001:0:4136:e378:8000:63bf:80ff:fffe"],  # Teredo, client 127.0.0.1
        ["::ffff:10.1.2.3"],  # IPv4-mapped
        ["fd00::1"],
    ],
)
def test_a_name_with_any_private_address_is_refused(net, page_server, answer):
    resolver, backend = net
    resolver.set("mixed.example", answer)
    (result,) = fetch_all(f"http://mixed.example:{page_server.port}/")
    assert str(result) == refusal("mixed.example")
    assert backend.connects == []


@pytest.mark.parametrize(
    ("host", "a_label"),
    [("straße.example", "xn--strae-oqa.example"), ("ς.example", "xn--3xa.example")],
)
def test_an_idn_host_is_resolved_as_it_is_connected(net, page_server, host, a_label):
    """IDNA 2003 (what getaddrinfo does with a Unicode name) would look up strasse.example or
    xn--4xa.example (final sigma folded); the guard resolves the IDNA 2008 A-label that httpx
    sends and connects to, and nothing else."""
    resolver, backend = net
    resolver.set(a_label, [PUBLIC])
    page_server.html("/", HTML)
    (page,) = fetch_all(f"http://{host}:{page_server.port}/")
    assert page.html == HTML
    assert resolver.names == [a_label]
    assert backend.connects == [(PUBLIC, page_server.port)]
    assert page_server.host_headers == [f"{a_label}:{page_server.port}"]


def test_a_host_that_idna_2008_rejects_is_not_fetched(net):
    """A zero-width joiner: IDNA 2003 silently drops it (ab.example), IDNA 2008 refuses it."""
    resolver, backend = net
    resolver.set("ab.example", [PUBLIC])
    (result,) = fetch_all("http://a\u200db.example/")
    assert str(result).startswith("Bad URL: http://a\u200db.example/")
    assert (resolver.names, backend.connects) == ([], [])


def test_a_name_that_does_not_resolve_is_a_clear_error(net):
    (result,) = fetch_all("http://nowhere.example/")
    assert str(result) == "DNS: cannot resolve nowhere.example (Name or service not known)"


def test_loopback_is_refused_by_default(page_server):
    url = page_server.html("/x", HTML)
    (result,) = fetch_all(url)
    assert str(result) == refusal("127.0.0.1")
    assert page_server.hits["/x"] == 0


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("2002:7f00:1::1", False),
        ("2002:a00:1::1", False),
        ("2002:c0a8:101::1", False),
        ("2002:808:808::1", True),  # 6to4 around a public address stays public
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", False),
        ("2001:0:4136:e378:8000:63bf:f5ff:fffe", False),
        ("::ffff:169.254.169.254", False),
        ("not an address", False),
    ],
)
def test_wrapped_addresses_are_unwrapped(address, public):
    assert is_public_address(address) is public
