"""More failure classes seen on real pages (issue 16, names and positions), one test per class."""

from extraction.extract import extract_contacts


def contacts_by_key(html: str, url: str = "https://club.github.io/") -> dict:
    return {c.email or c.phone: c for c in extract_contacts(html, url)}


def test_phones_on_a_generic_host_take_the_country_of_the_email_domains():
    html = """<table><tr><td>Claudia Voser<br>Nat. 079 673 21 47<br>
      <a href="mailto:claudia.voser@bluewin.ch">E-Mail</a></td></tr></table>"""
    found = contacts_by_key(html)
    assert found["claudia.voser@bluewin.ch"].phone == "+41796732147"


def test_phones_on_a_generic_host_keep_the_default_when_emails_name_no_country():
    html = "<p>Jane Doe<br>Tel. (202) 555-0123<br>jane@example-firm.com</p>"
    found = contacts_by_key(html)
    assert found["jane@example-firm.com"].phone == "+12025550123"


def test_phones_with_an_area_code_and_a_short_subscriber_are_not_postcodes():
    assert set(contacts_by_key("<p>06864-2647</p>", "https://mv.de/")) == {"+4968642647"}
    assert contacts_by_key("<p>Boston, MA 02134-1234</p>", "https://firm.com/") == {}
