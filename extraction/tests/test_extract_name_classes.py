"""More failure classes seen on real pages (issue 16, names and positions), one test per class."""

import pytest

from extraction.extract import extract_contacts
from extraction.extract.names import clean_name


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


def test_names_in_a_table_laid_out_by_column():
    html = """<table>
      <tr><td>Vorsitzende</td><td></td><td>Kassierer</td></tr>
      <tr><td>Iris Kerwer</td><td></td><td>Uwe Ewen</td></tr>
      <tr><td>Zur Flur 2, Mettlach</td><td></td><td>Bochstraße 2, Mettlach</td></tr>
      <tr><td>iris [at] mv.de</td><td></td><td>kasse [at] mv.de</td></tr>
      <tr><td>0151-29704198</td><td></td><td>06864-911344</td></tr></table>"""
    found = contacts_by_key(html, "https://mv.de/")
    got = {key: (c.name, c.phone, c.position) for key, c in found.items()}
    assert got == {
        "iris@mv.de": ("Iris Kerwer", "+4915129704198", "Vorsitzende"),
        "kasse@mv.de": ("Uwe Ewen", "+496864911344", "Kassierer"),
    }


def test_names_in_a_table_of_cards_side_by_side_stay_in_their_card():
    card = "<td><strong>{role}</strong><br>{name}<br>Universiteit<br>{mail}</td>"
    html = "<table><tr>{}{}</tr></table>".format(
        card.format(role="Voorzitter", name="Theo Huibers", mail="voorzitter@wgi.org"),
        card.format(role="Secretaris", name="Rianne Kaptein", mail="secretaris@wgi.org"),
    )
    found = contacts_by_key(html, "https://wgi.org/")
    assert found["voorzitter@wgi.org"].position == "Voorzitter"
    assert found["secretaris@wgi.org"].name == "Rianne Kaptein"


def test_names_under_a_person_label_a_few_lines_above_the_address():
    html = """<div><p><strong>Vertreten durch:</strong><br>Iris Müller</p>
      <p><strong>Kontakt:</strong><br>Telefon: 06144-970015<br>
      E-Mail: <a href="mailto:jiln@arcor.de">jiln@arcor.de</a></p>
      <p>Haftung für Inhalte</p><p>{}</p></div>""".format("Die Inhalte unserer Seiten. " * 30)
    assert contacts_by_key(html, "https://verein.de/")["jiln@arcor.de"].name == "Iris Müller"


def test_phones_on_the_line_above_the_address_in_sibling_paragraphs():
    html = """<div><h3>1. Vorsitzender:</h3><p>Heiko Paasche</p><p>Am Knickgraben 21</p>
      <p><strong>Telefon:</strong> <a href="tel:004917657855345">+4917657855345</a></p>
      <p><strong>E-Mail:</strong> <a href="mailto:mhpaasche@gmail.com">mhpaasche@gmail.com</a></p>
      <p>{}</p>
      <p>Pieter Berg - <a href="mailto:pb@firm.nl">pb@firm.nl</a> - 06 2233 4455</p>
      <p>Sanne Jong - <a href="mailto:sj@firm.nl">sj@firm.nl</a></p></div>""".format("Text. " * 120)
    found = contacts_by_key(html, "https://club.de/")
    assert found["mhpaasche@gmail.com"].phone == "+4917657855345"
    assert found["sj@firm.nl"].phone == ""


def test_names_on_a_page_with_one_address_spelt_far_from_it():
    html = """<h1>Impressum</h1><p>KLV e.V.</p><p>Telefon: 05531 / 3199</p>
      <p><a href="mailto:s.sander@klv.de">s.sander@klv.de</a></p><p>{}</p>
      <p>Technische Umsetzung: Steve Sander 1.Vorsitzender</p>""".format("Haftung. " * 250)
    found = contacts_by_key(html, "https://klv.de/")["s.sander@klv.de"]
    assert (found.name, found.position) == ("Steve Sander", "1.Vorsitzender")


def test_names_far_from_one_of_many_addresses_are_not_spelt_from_afar():
    html = """<p>Jingliang Duan</p><p>duanjl@ustb.edu.cn</p><p>{}</p>
      <p>Contact us: <a href="mailto:duanjl15@163.com">duanjl15@163.com</a></p>""".format(
        "Publications. " * 150
    )
    assert contacts_by_key(html, "https://lab.cn/")["duanjl15@163.com"].name == ""


def test_phones_on_the_line_above_not_taken_from_an_address_block_or_a_line_of_two_addresses():
    html = """<address>Cedar Ridge Pediatrics<br>Austin, TX 78758<br>Phone: (512) 555-0175</address>
      <p>Records: <a href="mailto:records@cedar.com">records@cedar.com</a></p>"""
    assert contacts_by_key(html, "https://cedar.com/")["records@cedar.com"].phone == ""
    html = """<p>Tel. 02 7601 2345</p>
      <p>PEC: studio@pec.rinaldi.it · Email: segreteria@rinaldi.it</p>"""
    found = contacts_by_key(html, "https://rinaldi.it/")
    assert found["studio@pec.rinaldi.it"].phone == found["segreteria@rinaldi.it"].phone == ""
    assert found["+390276012345"].email == ""


def test_positions_a_label_introduces_need_no_role_word():
    card = """<article><h3>{name}</h3><p><strong>Funktion:</strong> {role}</p>
      <p>Betreuung der Vereins-Website.</p><p>E-Mail: <a href="mailto:{mail}">{mail}</a></p>
      </article>"""
    html = card.format(name="Moreno Moor", role="Homepage", mail="webmaster@fv.ch")
    html += card.format(
        name="Ida Muster", role="Die Organisation von allen Anlässen", mail="a@fv.ch"
    )
    found = contacts_by_key(html, "https://fv.ch/")
    assert (found["webmaster@fv.ch"].name, found["webmaster@fv.ch"].position) == (
        "Moreno Moor",
        "Homepage",
    )
    assert found["a@fv.ch"].position == ""


def test_names_and_phones_listed_apart_from_the_addresses_that_spell_them():
    html = """<div><h3>Email</h3><p>nikatheater@centrum.cz
      <a href="mailto:office@divadlo.cz">office@divadlo.cz</a></p></div>
      <div><h3>Telefon</h3>
      <p>Mgr. Nika Štěpánková <a href="tel:+420604486386">+420 604 486 386</a></p>
      <p>Mgr. Jana Nováková <a href="tel:+420774744434">+420 774 744 434</a></p></div>"""
    found = contacts_by_key(html, "https://divadlo.cz/")
    nika = found["nikatheater@centrum.cz"]
    assert (nika.name, nika.phone) == ("Nika Štěpánková", "+420604486386")
    assert "+420604486386" not in found
    assert found["office@divadlo.cz"].phone == ""
    assert found["+420774744434"].name == "Jana Nováková"


def test_names_alone_on_the_line_right_above_an_address_in_a_long_list():
    html = """<h2>Inzerce</h2><ul><li>Jitka Melkusová
      <li><a href="mailto:inzerce@noviny.cz">inzerce@noviny.cz</a><li><a href="/i/">informace</a>
      <li>602 189 735<li>516 454 163</ul>
      <p>Naše redakce ráda pomůže, Jana Nová.</p>
      <p><a href="mailto:redakce@noviny.cz">redakce</a></p>"""
    found = contacts_by_key(html, "https://noviny.cz/")
    assert found["inzerce@noviny.cz"].name == "Jitka Melkusová"
    assert found["redakce@noviny.cz"].name == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prof.dr.ir. Arjen P.de Vries", "Arjen P. de Vries"),
        ("Jan J.van Dijk", "Jan J. van Dijk"),
        ("Anna K.Berg", "Anna K.Berg"),
    ],
)
def test_names_with_an_initial_run_into_the_particle_after_it(text, expected):
    assert clean_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maulana Halima al-Rakkasa", "Halima al-Rakkasa"),
        ("Honourable Lord Ulf Treteljgar", "Ulf Treteljgar"),
        ("Amr el-Sayed", "Amr el-Sayed"),
        ("al-Rakkasa Halima", ""),
    ],
)
def test_names_with_a_particle_joined_by_a_hyphen_and_honorifics_of_rank(text, expected):
    assert clean_name(text) == expected


def test_names_a_generic_address_at_a_site_named_after_its_owner():
    html = """<h2>Impressum</h2><p>Norbert Banhalmi - Fotografie e.U.</p>
      <p>E-Mail: hello@norbertbanhalmi.com<br>Telefon: +43 677 616 55592</p>
      <div><h3>Kontakt</h3><p>Tel AT: +43 677 616 55592<br>Tel HU: +36 70 469 83 97<br>
      E-Mail: hello@norbertbanhalmi.com</p></div><p>Inhaber: Norbert Banhalmi</p>"""
    found = extract_contacts(html, "https://norbertbanhalmi.com/")
    assert {c.phone for c in found} == {"+4367761655592", "+36704698397"}
    assert {c.name for c in found} == {"Norbert Banhalmi"}


def test_names_a_firm_named_like_a_person_is_not_its_generic_address_owner():
    html = """<h1>Ashworth Pryce</h1><p>Solicitors since 1898</p>
      <p>Email: enquiries@ashworthpryce.co.uk</p><p>Partner: Jane Holt</p>"""
    found = contacts_by_key(html, "https://ashworthpryce.co.uk/")
    assert found["enquiries@ashworthpryce.co.uk"].name == ""


def test_positions_from_a_section_heading_over_cards_with_their_own_name_heading():
    card = '<div class="card"><h3>{name}</h3><p>email: {mail}</p></div>'
    html = (
        '<div class="sec"><h2>Ph.D. Student</h2>'
        + card.format(name="Fawang Zhang", mail="zhangfawang945@foxmail.com")
        + card.format(name="Haoqi Yan", mail="yhq925@sina.com")
        + '</div><div class="sec"><h2>Ihre Ansprechpartner</h2>'
        + card.format(name="Nicole Keller", mail="nicole.keller@treuhand.ch")
        + "</div>"
    )
    found = contacts_by_key(html, "https://lab.edu.cn/")
    assert found["yhq925@sina.com"].position == "Ph.D. Student"
    assert found["zhangfawang945@foxmail.com"].position == "Ph.D. Student"
    assert found["nicole.keller@treuhand.ch"].position == ""


def test_positions_a_heading_of_the_card_beside_is_not_a_section_heading():
    html = """<div><div><h3>Seneschal (Chapter President)</h3><h4>John MacAndrew</h4>
      <p><a href="mailto:seneschal@shire.org">E-Mail</a></p></div>
      <div><h4>Fionualla Davindottir</h4><p>Family Activities</p>
      <p><a href="mailto:family@shire.org">E-Mail</a></p></div></div>"""
    assert contacts_by_key(html, "https://shire.org/")["family@shire.org"].position == ""


def test_positions_the_operator_of_a_website_in_an_imprint():
    html = """<div><div><h2>Betreiber der Website</h2>
      <p><strong>Bernhard Baumann</strong><br>Staudachstrasse 1</p></div>
      <div><h2>Kontakt</h2><p>E-Mail: baumann.bernhard@gmx.net</p></div></div>"""
    found = contacts_by_key(html, "https://honig.at/")["baumann.bernhard@gmx.net"]
    assert (found.name, found.position) == ("Bernhard Baumann", "Betreiber der Website")


@pytest.mark.parametrize("text", ["GOLEM ARENA", "Weser Stadion", "Olympia Halle"])
def test_names_a_venue_in_an_address_is_not_a_name(text):
    assert clean_name(text) == ""
