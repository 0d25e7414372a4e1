"""Social profiles and the PageExtraction interface."""

import pytest

from extraction.extract import (
    ExtractedProfile,
    PageExtraction,
    extract_contacts,
    extract_page,
    extract_page_strict,
)
from extraction.extract.profiles import profile_of


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        (
            "https://www.linkedin.com/in/Jane-Roe/?trk=public",
            ("linkedin", "https://www.linkedin.com/in/jane-roe", "jane-roe"),
        ),
        (
            "http://linkedin.com/company/acme-gmbh",
            ("linkedin", "https://www.linkedin.com/company/acme-gmbh", "acme-gmbh"),
        ),
        ("https://twitter.com/AcmeCo", ("x", "https://x.com/acmeco", "acmeco")),
        ("https://x.com/acmeco?lang=en", ("x", "https://x.com/acmeco", "acmeco")),
        (
            "https://m.facebook.com/AcmeCo/",
            ("facebook", "https://www.facebook.com/acmeco", "acmeco"),
        ),
        (
            "https://www.facebook.com/profile.php?id=100012345",
            ("facebook", "https://www.facebook.com/profile.php?id=100012345", "100012345"),
        ),
        (
            "https://instagram.com/acme.co/",
            ("instagram", "https://www.instagram.com/acme.co", "acme.co"),
        ),
        ("https://youtube.com/@Acme", ("youtube", "https://www.youtube.com/@acme", "acme")),
        (
            "https://www.youtube.com/channel/UCaBcD",
            ("youtube", "https://www.youtube.com/channel/UCaBcD", "UCaBcD"),
        ),
        ("https://www.tiktok.com/@acme", ("tiktok", "https://www.tiktok.com/@acme", "acme")),
        (
            "https://github.com/Acme-Lab/tools",
            ("github", "https://github.com/acme-lab", "acme-lab"),
        ),
        (
            "https://www.xing.com/profile/Jane_Roe",
            ("xing", "https://www.xing.com/profile/Jane_Roe", "Jane_Roe"),
        ),
    ],
)
def test_profile_links_are_normalised(href, expected):
    assert profile_of(href) == expected


@pytest.mark.parametrize(
    "href",
    [
        "https://www.linkedin.com/shareArticle?mini=true&url=x",
        "https://www.linkedin.com/sharing/share-offsite/?url=x",
        "https://twitter.com/intent/tweet?text=x",
        "https://twitter.com/share?url=x",
        "https://x.com/acme/status/123",
        "https://www.facebook.com/sharer/sharer.php?u=x",
        "https://www.facebook.com/tr?id=1&ev=PageView",
        "https://www.facebook.com/dialog/share?app_id=1",
        "https://www.instagram.com/p/Cxyz/",
        "https://www.youtube.com/watch?v=abc",
        "https://youtu.be/abc",
        "https://www.xing.com/spi/shares/new?url=x",
        "https://x.com/wix",
        "https://github.com/jekyll/jekyll",
        "https://github.com/features",
        "https://linkedin.com.evil.example/in/jane",
        "javascript:alert(1)",
        "https://[broken",
    ],
)
def test_share_intent_tracking_and_builder_links_are_not_profiles(href):
    assert profile_of(href) is None


PAGE = """<html><body>
<div class="card"><h3>Jane Roe</h3><p>Partner</p>
  <a href="mailto:jane.roe@firm.com">jane.roe@firm.com</a>
  <a href="https://www.linkedin.com/in/jane-roe/"><i class="icon-linkedin"></i></a></div>
<div class="card"><h3>Sam Poe</h3><a href="mailto:sam.poe@firm.com">Mail</a></div>
<footer><p>info@firm.com</p>
  <a href="https://www.facebook.com/FirmCo">Facebook</a>
  <a href="https://twitter.com/intent/tweet?url=x">Share</a>
  <a href="https://www.facebook.com/FirmCo/">Facebook again</a>
  <a href="https://www.wix.com/">Made with Wix</a><a href="https://x.com/wix">Wix on X</a>
</footer></body></html>"""


def test_extract_page_gives_contacts_and_profiles():
    page = extract_page(PAGE, "https://firm.com/team")
    assert isinstance(page, PageExtraction)
    assert page.contacts == extract_contacts(PAGE, "https://firm.com/team")
    assert page.profiles == [
        ExtractedProfile(
            "linkedin", "https://www.linkedin.com/in/jane-roe", "jane-roe", "jane.roe@firm.com"
        ),
        ExtractedProfile("facebook", "https://www.facebook.com/firmco", "firmco", ""),
    ]
    jane = next(c for c in page.contacts if c.email == "jane.roe@firm.com")
    assert (jane.name, jane.position) == ("Jane Roe", "Partner")


def test_a_generic_address_does_not_claim_the_footers_profiles():
    page = extract_page(PAGE, "https://firm.com/team")
    assert all(p.contact_email != "info@firm.com" for p in page.profiles)


def test_extract_page_never_raises_and_the_strict_form_does(monkeypatch):
    def boom(*_args, **_kwargs):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr("extraction.extract.extractor.parse", boom)
    assert extract_page(PAGE, "https://firm.com/") == PageExtraction()
    assert extract_contacts(PAGE, "https://firm.com/") == []
    with pytest.raises(RuntimeError, match="parser exploded"):
        extract_page_strict(PAGE, "https://firm.com/")


@pytest.mark.parametrize("html", ["", "   ", None, b"", b"\xff\xfe"])
def test_extract_page_of_nothing_is_empty(html):
    assert extract_page(html, "https://firm.com/") == PageExtraction()  # type: ignore[arg-type]
