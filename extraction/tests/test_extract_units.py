"""Each source and each filter of extraction.extract, one at a time."""

import pytest

from extraction.extract import ExtractedContact, extract_contacts, region_for_url
from extraction.extract.emails import decode_cfemail, email_type, is_contact_email
from extraction.extract.names import clean_name
from extraction.extract.phones import find_in_text


def cf_encode(address: str, key: int = 0x42) -> str:
    return f"{key:02x}" + "".join(f"{ord(ch) ^ key:02x}" for ch in address)


def one(html: str, url: str = "https://firm.com/") -> list[dict]:
    return [c.as_dict() for c in extract_contacts(html, url)]


def emails_of(html: str, url: str = "https://firm.com/") -> dict[str, str]:
    return {c.email: c.found_by for c in extract_contacts(html, url) if c.email}


def phones_of(html: str, url: str = "https://firm.com/") -> set[str]:
    return {c.phone for c in extract_contacts(html, url) if c.phone}


# Emails: where they come from


def test_plain_text_mixed_case_and_trailing_punctuation():
    found = emails_of("<p>Write to Jane.Roe@Firm.COM. Or (bob@firm.com), ok? x@y.org!</p>")
    assert found == {"jane.roe@firm.com": "text", "bob@firm.com": "text", "x@y.org": "text"}


def test_mailto_percent_decoded_query_dropped_and_named():
    html = '<a href="mailto:%6Aane%40firm.com?subject=Hi&cc=boss@firm.com">Jane Roe</a>'
    assert one(html) == [
        {
            "email": "jane@firm.com",
            "phone": "",
            "name": "Jane Roe",
            "email_type": "personal",
            "found_by": "mailto",
            "position": "",
        }
    ]


def test_html_entities_are_decoded():
    assert emails_of("<p>&#106;ane&#64;firm&#46;com</p>") == {"jane@firm.com": "text"}


@pytest.mark.parametrize(
    "written",
    [
        "jane [at] firm [dot] com",
        "jane(at)firm.com",
        "jane {at} firm {dot} com",
        "jane AT firm DOT com",
        "jane &lt;at&gt; firm &lt;dot&gt; com",
        "jane (at) firm (punkt) com",
        "jane@firm[dot]com",
    ],
)
def test_obfuscations(written):
    assert emails_of(f"<p>Email: {written}</p>") == {"jane@firm.com": "obfuscated"}


def test_prose_with_at_is_not_an_address():
    assert emails_of("<p>Find us at booking.com or meet us at the park.</p>") == {}


def test_cloudflare_span_and_link():
    hexed = cf_encode("jane@firm.com")
    html = f'<span class="__cf_email__" data-cfemail="{hexed}">[email&#160;protected]</span>'
    assert emails_of(html) == {"jane@firm.com": "cfemail"}
    html = f'<a href="/cdn-cgi/l/email-protection#{cf_encode("bob@firm.com")}">[email]</a>'
    assert emails_of(html) == {"bob@firm.com": "cfemail"}
    assert decode_cfemail("zz") == ""
    assert decode_cfemail("") == ""


def test_jsonld_person_and_organization():
    html = """<script type="application/ld+json">{"@graph":[
      {"@type":"Organization","email":"info@firm.com","telephone":"+1 202 555 0100",
       "employee":{"@type":"Person","name":"Ann Lee","email":"mailto:ann@firm.com"}}]}</script>"""
    got = {c.email: c for c in extract_contacts(html, "https://firm.com/")}
    assert got["info@firm.com"].phone == "+12025550100"
    assert got["info@firm.com"].email_type == "generic"
    assert got["ann@firm.com"].name == "Ann Lee"
    assert got["ann@firm.com"].found_by == "jsonld"


def test_broken_jsonld_is_skipped():
    html = '<script type="application/ld+json">{"email": "a@firm.com",,, </script><p>x</p>'
    assert extract_contacts(html, "") == []


def test_invisible_text_is_not_read():
    html = """<head><title>t@firm.com</title></head><body>
      <script>var e="s@firm.com"; var p="(202) 555-0123";</script><style>a{}</style>
      <!-- c@firm.com --><template>t2@firm.com</template><noscript>n@firm.com</noscript>
      <div style="display: none">hidden@firm.com</div><p hidden>h2@firm.com</p>
      <img alt="alt@firm.com" src="x.png"><p>seen@firm.com</p></body>"""
    assert emails_of(html) == {"seen@firm.com": "text"}


# Emails: what is not a contact


@pytest.mark.parametrize(
    "address",
    [
        "logo@2x.png",
        "icon@3x.webp",
        "font@1.woff2",
        "bundle@4.1.min.js",
        "user@example.com",
        "me@site.test",
        "a1b2c3d4e5f60718293a4b5c6d7e8f90@o12345.ingest.sentry.io",
        "abc@sentry-next.wixpress.com",
        "you@firm.com",
        "your@firm.com",
        "email@firm.com",
        "name@firm.com",
        "noreply@firm.com",
        "john..doe@firm.com",
        "jane@-firm.com",
    ],
)
def test_junk_addresses_are_rejected(address):
    assert not is_contact_email(address)
    assert emails_of(f"<p>{address}</p>") == {}


def test_real_addresses_pass():
    for address in ("jane.roe@firm.com", "info@firm.co.uk", "a.b-c+d@sub.firm.de"):
        assert is_contact_email(address)


def test_junk_domain_list_is_a_data_file():
    from extraction.extract.data import DATA_DIR, junk_email_domains

    assert (DATA_DIR / "junk_email_domains.txt").is_file()
    assert "sentry.io" in junk_email_domains()


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("info@firm.com", "generic"),
        ("sales.uk@firm.com", "generic"),
        ("careers@firm.com", "generic"),
        ("jane.roe@firm.com", "personal"),
        ("dev.patel@firm.com", "personal"),
    ],
)
def test_email_type(address, kind):
    assert email_type(address) == kind


# Phones


@pytest.mark.parametrize(
    ("url", "region"),
    [
        ("https://www.firm.de/x", "DE"),
        ("https://firm.co.uk/", "GB"),
        ("http://kchi.or.ug", "UG"),
        ("https://firm.com/", "US"),
        ("https://lumen.ai/", "US"),
        ("https://firm.eu/", "US"),
        ("", "US"),
        ("not a url", "US"),
    ],
)
def test_region_for_url(url, region):
    assert region_for_url(url, "US") == region


def test_region_fallback_is_overridable():
    assert region_for_url("https://firm.com/", "GB") == "GB"
    html = "<p>Tel: 020 7946 0018</p>"
    assert {c.phone for c in extract_contacts(html, "", default_region="GB")} == {"+442079460018"}


@pytest.mark.parametrize(
    ("text", "url", "e164"),
    [
        ("Tel: (202) 555-0123", "https://firm.com", "+12025550123"),
        ("Phone 202.555.0123", "https://firm.com", "+12025550123"),
        ("Tel. +49 30 2345678-11", "https://firm.de", "+4930234567811"),
        ("Telefon: 030 2345678", "https://firm.de", "+49302345678"),
        ("T: 020 7946 0018", "https://firm.co.uk", "+442079460018"),
        ("Mobile 0772 900 431", "https://x.or.ug", "+256772900431"),
        ("call 0044 20 7946 0018", "https://firm.com", "+442079460018"),
        ("Tel 2025550123", "https://firm.com", "+12025550123"),
    ],
)
def test_phones_in_text(text, url, e164):
    assert phones_of(f"<p>{text}</p>", url) == {e164}


@pytest.mark.parametrize(
    "text",
    [
        "Posted 2024-01-15",
        "Updated 15.01.2024",
        "On 01/15/2024 we",
        "Price $1,299.00",
        "Only 1 249,00 € today",
        "Case No. 2:19-cv-01234",
        "ISBN 978-3-16-148410-0",
        "Version 2.14.3 build 20240615",
        "Server 192.168.100.200",
        "at 37.774929, -122.419418",
        "DC 20500-0003",
        "Order 2025550123 shipped",
        "Ref: 202-555-0123",
        "© 2008-2024",
        "VAT No. 123 4567 89",
        "Fax: (202) 555-0199",
    ],
)
def test_not_phones(text):
    assert phones_of(f"<p>{text}</p>") == set()
    assert find_in_text(text, "US") == []


def test_numbers_in_scripts_attributes_and_urls_are_ignored():
    html = """<script>var ids=[2025550123, 4155550142];</script>
      <a href="/item/2025550188" data-id="(202) 555-0177">item</a>
      <p>https://shop.com/p/2025550166</p>"""
    assert phones_of(html) == set()


def test_tel_link():
    got = extract_contacts('<a href="tel:+1-202-555-0123;ext=4">Call</a>', "https://firm.com")
    assert [(c.phone, c.found_by) for c in got] == [("+12025550123", "tel")]


# Grouping and names


def test_card_groups_name_email_phone_and_lone_phones():
    html = """<ul>
      <li><h3>Jane Roe</h3><p>Partner</p><a href="mailto:jroe@firm.com">Email</a>
          <p>T: (202) 555-0123</p></li>
      <li><h3>Sam Poe</h3><p>Tel: (202) 555-0124</p></li></ul>
      <footer><p>Main: (202) 555-0100</p></footer>"""
    assert one(html) == [
        ExtractedContact(
            "jroe@firm.com", "+12025550123", "Jane Roe", "personal", "mailto", "Partner"
        ).as_dict(),
        ExtractedContact("", "+12025550100", "", "", "text").as_dict(),
        ExtractedContact("", "+12025550124", "Sam Poe", "", "text").as_dict(),
    ]


def test_phone_is_not_taken_from_a_neighbours_card():
    html = """<div><div class="c"><h3>Sam Poe</h3><p>(202) 555-0124</p></div>
      <div class="c"><h3>Jane Roe</h3><p>jroe@firm.com</p></div></div>"""
    got = {c.email or c.phone: c for c in extract_contacts(html, "https://firm.com")}
    assert got["jroe@firm.com"].phone == ""
    assert got["jroe@firm.com"].name == "Jane Roe"
    assert got["+12025550124"].name == "Sam Poe"


def test_two_emails_in_one_paragraph_share_nothing():
    html = "<p>Jane Roe jroe@firm.com, Sam Poe spoe@firm.com, (202) 555-0124</p>"
    got = extract_contacts(html, "https://firm.com")
    assert {c.email for c in got} == {"jroe@firm.com", "spoe@firm.com", ""}
    assert all(not c.phone for c in got if c.email)


def test_generic_addresses_get_no_person_name():
    html = "<div><h3>Jane Roe</h3><p>info@firm.com</p></div>"
    assert [(c.email, c.name) for c in extract_contacts(html, "")] == [("info@firm.com", "")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jane Roe", "Jane Roe"),
        ("Dr. María José García-López, Partner", "María José García-López"),
        ("Pieter van der Berg", "Pieter van der Berg"),
        ("JANE ROE", "Jane Roe"),
        ("Parish Secretary: Mary Fitzgerald", "Mary Fitzgerald"),
        ("Contact Us", ""),
        ("Read more", ""),
        ("Partner", ""),
        ("Ctra. de Logroño", ""),
        ("Room 214", ""),
    ],
)
def test_clean_name(text, name):
    assert clean_name(text) == name


def test_as_dict_and_frozen():
    c = ExtractedContact("a@b.com", "", "", "personal", "text")
    assert c.as_dict() == {
        "email": "a@b.com",
        "phone": "",
        "name": "",
        "email_type": "personal",
        "found_by": "text",
        "position": "",
    }
    with pytest.raises(AttributeError):
        c.email = "x"  # type: ignore[misc]
