"""The one normal form of a web address, and what it refuses."""

import pytest

from core.web_addresses import (
    MAX_URL_BYTES,
    InvalidWebAddress,
    host_for_lookup,
    host_of,
    normalize_host,
    normalize_url,
)

NORMAL_FORMS = [
    ("HTTP://Example.COM/Team", "http://example.com/Team"),
    ("https://example.com", "https://example.com/"),
    ("  https://example.com/x  ", "https://example.com/x"),
    ("https://example.com:443/x", "https://example.com/x"),
    ("http://example.com:80/x", "http://example.com/x"),
    ("https://example.com:8443/x", "https://example.com:8443/x"),
    ("http://example.com:443/x", "http://example.com:443/x"),
    ("https://example.com/x#team", "https://example.com/x"),
    ("https://example.com/a/./b/../c", "https://example.com/a/c"),
    ("https://example.com/../../x", "https://example.com/x"),
    ("https://example.com/%7euser/%e4", "https://example.com/~user/%E4"),
    ("https://example.com/%41%42c", "https://example.com/ABc"),
    ("https://example.com/a b?q=x y", "https://example.com/a%20b?q=x%20y"),
    ("https://example.com/büro?ort=köln", "https://example.com/b%C3%BCro?ort=k%C3%B6ln"),
    ("https://example.com/x?b=2&a=1", "https://example.com/x?b=2&a=1"),
    ("https://example.com/x?q=a%26b%3Dc", "https://example.com/x?q=a%26b%3Dc"),
    ("https://example.com./x", "https://example.com/x"),
    ("https://MÜNCHEN.de/", "https://xn--mnchen-3ya.de/"),
    ("https://xn--mnchen-3ya.de/", "https://xn--mnchen-3ya.de/"),
    ("https://bücher.example/", "https://xn--bcher-kva.example/"),
    ("http://127.0.0.1:8000/page", "http://127.0.0.1:8000/page"),
    ("http://[::1]:8000/page", "http://[::1]:8000/page"),
    ("http://[2001:DB8:0:0::1]/", "http://[2001:db8::1]/"),
    ("http://localhost:8000/", "http://localhost:8000/"),
]


@pytest.mark.parametrize("raw, expected", NORMAL_FORMS)
def test_normal_forms(raw, expected):
    assert normalize_url(raw) == expected


@pytest.mark.parametrize("raw, expected", NORMAL_FORMS)
def test_the_normal_form_is_stable(raw, expected):
    assert normalize_url(normalize_url(raw)) == normalize_url(raw)


REFUSED = [
    ("", "empty URL"),
    ("   ", "empty URL"),
    ("ftp://example.com/x", "scheme must be http or https"),
    ("javascript:alert(1)", "scheme must be http or https"),
    ("example.com/x", "scheme must be http or https"),
    ("not a url", "scheme must be http or https"),
    ("http:/example.com/x", "scheme must be http or https"),
    ("http://", "no host name"),
    ("http://:80/", "no host name"),
    ("https://user:secret@example.com/", "credentials in URLs are not accepted"),
    ("https://user@example.com/", "credentials in URLs are not accepted"),
    ("https://example.com:99999/", "malformed URL (Port out of range 0-65535)"),
    ("https://example.com/a\x00b", "control character U+0000 in the URL"),
    ("https://example.com/\tx", "control character U+0009 in the URL"),
    ("https://exa\nmple.com/", "control character U+000A in the URL"),
    ("https://example.com/\x1f", "control character U+001F in the URL"),
    ("https://example.com/\x7f", "control character U+007F in the URL"),
    ("https://example.com/\ud800", "not valid Unicode (a lone surrogate)"),
    ("https://exa_mple.com/", "not a valid host name"),
    ("https://-example.com/", "not a valid host name"),
    ("https://a..example.com/", "not a valid host name"),
    ("https://xn--zz.de/", "not a valid host name"),
    ("https://example/", "not a valid URL"),
    ("http://[fe80::1%25eth0]/", "not a valid"),
]


@pytest.mark.parametrize("raw, reason", REFUSED)
def test_refused(raw, reason):
    with pytest.raises(InvalidWebAddress) as refused:
        normalize_url(raw)
    assert str(refused.value).startswith(reason)


@pytest.mark.parametrize(
    "host, idna2003, idna2008",
    [
        ("faß.de", "fass.de", "xn--fa-hia.de"),  # sharp s
        ("βόλος.gr", "xn--nxasmq6b.gr", "xn--nxasmm1c.gr"),  # final sigma
        ("ὀδυσσεύς.example", "xn--pxac5babi3d8526a.example", "xn--pxac3bcak3d8526a.example"),
    ],
)
def test_a_host_that_idna_2003_and_2008_read_differently_is_refused(host, idna2003, idna2008):
    with pytest.raises(InvalidWebAddress) as refused:
        normalize_url(f"https://{host}/team")
    assert str(refused.value) == (
        f"the host {host} is a different name under IDNA 2003 ({idna2003}) and IDNA 2008 "
        f"({idna2008}); write the one you mean in its xn-- form"
    )


@pytest.mark.parametrize("joiner", ["\u200d", "\u200c"])
def test_a_host_with_a_zero_width_joiner_is_refused(joiner):
    # IDNA 2003 drops the joiner (another host); IDNA 2008 refuses it outside its scripts.
    with pytest.raises(InvalidWebAddress, match="not a valid host name"):
        normalize_url(f"https://ex{joiner}ample.com/")


def test_the_a_label_of_such_a_host_is_accepted():
    assert normalize_url("https://xn--fa-hia.de/") == "https://xn--fa-hia.de/"


def test_a_6_kb_utf8_url_is_refused_saying_its_size():
    url = "https://example.com/" + "ü" * 3000  # 6,020 bytes as UTF-8, 18,020 once encoded

    with pytest.raises(InvalidWebAddress) as refused:
        normalize_url(url)

    assert str(refused.value) == "longer than 2,000 bytes once encoded (18,020 bytes)"


def test_the_size_is_counted_in_bytes_once_encoded():
    prefix = "https://example.com/"
    fits = prefix + "a" * (MAX_URL_BYTES - len(prefix))
    assert normalize_url(fits) == fits
    with pytest.raises(InvalidWebAddress, match="2,001 bytes"):
        normalize_url(fits + "a")
    # 400 characters, but each "ü" is six bytes once percent-encoded.
    with pytest.raises(InvalidWebAddress, match="longer than 2,000 bytes"):
        normalize_url(prefix + "ü" * 400)


def test_a_huge_input_is_refused_without_parsing_it():
    with pytest.raises(InvalidWebAddress, match="longer than 2,000 bytes"):
        normalize_url("https://example.com/" + "x" * 10_000_000)


def test_host_of():
    assert host_of(normalize_url("https://Sub.MÜNCHEN.de:8443/x")) == "sub.xn--mnchen-3ya.de"
    assert host_of(normalize_url("http://[::1]:8000/")) == "::1"


def test_normalize_host():
    assert normalize_host("MÜNCHEN.de.") == "xn--mnchen-3ya.de"
    assert normalize_host("::1") == "::1"
    with pytest.raises(InvalidWebAddress):
        normalize_host("faß.de")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("https://example.com/a//b", "https://example.com/a//b"),  # empty segments mean something
        ("https://example.com/x?a=1&&b=", "https://example.com/x?a=1&&b="),
        ("https://example.com/x?q=a+b%2Bc", "https://example.com/x?q=a+b%2Bc"),
        ("https://example.com/%2e%2E/a/%2E/b", "https://example.com/a/b"),
        ("https://example.com/a%2Fb", "https://example.com/a%2Fb"),
        ("https://example.com/100%", "https://example.com/100%25"),
        ("https://example.com/%zz%4", "https://example.com/%25zz%254"),
        ("https://example.com/a/b/..", "https://example.com/a/"),
        ("https://example.com/a/.", "https://example.com/a/"),
        ("https://example.com/x?", "https://example.com/x"),
        ("https://example.com/x#!/state", "https://example.com/x"),
        ("https://example.com/[x]?y=[1]", "https://example.com/%5Bx%5D?y=%5B1%5D"),
        ("https://example.com/x?next=/a?b", "https://example.com/x?next=/a?b"),
    ],
)
def test_path_and_query_keep_their_meaning(raw, expected):
    assert normalize_url(raw) == expected


@pytest.mark.parametrize(
    "host, accepted",
    [
        ("a-b.example.org", True),
        ("a--b.example.org", True),
        ("ab--cd.example.org", False),  # "--" in the third and fourth place: IDNA's, not ours
        ("x" * 63 + ".example.org", True),
        ("x" * 64 + ".example.org", False),
        (".".join(["abcdefghi"] * 25) + ".org", True),  # 253 characters
        (".".join(["abcdefghi"] * 26) + ".org", False),
        ("123.example.org", True),
    ],
)
def test_plain_host_names(host, accepted):
    if accepted:
        assert host_of(normalize_url(f"https://{host}/")) == host
    else:
        with pytest.raises(InvalidWebAddress):
            normalize_url(f"https://{host}/")


@pytest.mark.parametrize(
    "typed, looked_up",
    [
        ("MÜNCHEN.de", "xn--mnchen-3ya.de"),
        (" xn--mnchen-3ya.de ", "xn--mnchen-3ya.de"),
        ("Example.org.", "example.org"),
        ("faß.de", "faß.de"),  # no single host: matches nothing rather than the wrong one
        ("not a host", "not a host"),
    ],
)
def test_host_for_lookup(typed, looked_up):
    assert host_for_lookup(typed) == looked_up
