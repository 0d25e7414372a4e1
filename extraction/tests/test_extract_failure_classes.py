"""The failure classes seen on real pages (issue 16), one test per class, named after it."""

import pytest

from extraction.extract import extract_contacts
from extraction.extract.names import clean_name
from extraction.extract.phones import find_in_text


def emails_of(html: str, url: str = "https://firm.com/") -> set[str]:
    return {c.email for c in extract_contacts(html, url) if c.email}


def phones_in(text: str, region: str) -> list[str]:
    return [e164 for e164, _, _ in find_in_text(text, region)]


# Text of neighbouring elements runs together


@pytest.mark.parametrize(
    "html",
    [
        '<p><strong>Mail</strong><a href="mailto:office@firm.com">office@firm.com</a></p>',
        "<p><b>E-mail</b>office@firm.com</p>",
        "<p><b>Email:</b><i>office@firm.com</i></p>",
        "<p><label>Mail</label><span>office@firm.com</span></p>",
        '<p>Mail<a href="/c">office@firm.com</a></p>',
    ],
)
def test_text_of_neighbouring_elements_runs_together(html):
    assert emails_of(html) == {"office@firm.com"}


def test_text_of_neighbouring_elements_obfuscated_address_after_a_label():
    html = "<p><b>E-mail</b><span>jdoe [AT] uni [DOT] edu</span></p>"
    assert emails_of(html, "https://uni.edu/") == {"jdoe@uni.edu"}


def test_text_of_neighbouring_elements_address_split_over_spans_still_joins():
    html = "<p><span>jane</span><span>@</span><span>firm.com</span></p>"
    assert emails_of(html) == {"jane@firm.com"}


# Numbers that are not phones


@pytest.mark.parametrize("region", ["US", "IT", "BR", "CN", "MX", "KR", "DK"])
@pytest.mark.parametrize(
    "text",
    [
        "Fed. Reg. 84, pp. 31207\u201331218 (2019)",
        "pages 31207-31218",
        "vol. 12, 2345\u20132367",
        "in: Proceedings 312071\u2013312098",
    ],
)
def test_numbers_that_are_not_phones_page_ranges(text, region):
    assert phones_in(text, region) == []


@pytest.mark.parametrize("region", ["US", "BR", "IN", "KR", "CA", "AR"])
@pytest.mark.parametrize(
    "text",
    [
        "Licence 1234-5678-01",
        "License: 1234-5678-01",
        "Lizenz 2345-6789-12",
        "Permit 612-345-6789",
        "arXiv:2101.12345",
        "Certified installer 2345-6789-12",
    ],
)
def test_numbers_that_are_not_phones_licences_and_registrations(text, region):
    assert phones_in(text, region) == []


def test_numbers_that_are_not_phones_labelled_numbers_are_kept():
    assert phones_in("Tel. 2345-2367", "DK") == ["+4523452367"]
    assert phones_in("Call 612-345-6789", "US") == ["+16123456789"]
    assert phones_in("+1 612-345-6789", "US") == ["+16123456789"]


# Phones written the local way


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("Tél. : 01·42·68·53·00", "FR", ["+33142685300"]),
        ("Tél. 01 · 42 · 68 · 53 · 00", "FR", ["+33142685300"]),
        ("Tel. +49 (0)30 1234-567", "DE", ["+49301234567"]),
        ("Telefon: 030 1234-0", "DE", ["+493012340"]),
        ("Telefon 030 / 1234 - 567", "DE", ["+49301234567"]),
        ("Tel. 0 30 / 12 34 56 - 78", "DE", ["+493012345678"]),
        ("Durchwahl: +49 89 12345-210", "DE", ["+498912345210"]),
        ("Tel: (11) 3456-7890", "BR", ["+551134567890"]),
        ("Cel: (21) 98765-4321", "BR", ["+5521987654321"]),
        ("Tel.: 91 123 45 67 / 91 765 43 21", "ES", ["+34911234567", "+34917654321"]),
        ("Tfno: 912 345 678 / 654 321 987", "ES", ["+34912345678", "+34654321987"]),
        ("Tel 71 3450-8388/ 3450-9907", "BR", ["+557134508388", "+557134509907"]),
        ("Tel: 55 5281-0024 · 5281-0141", "MX", ["+525552810024", "+525552810141"]),
    ],
)
def test_phones_written_the_local_way(text, region, expected):
    assert phones_in(text, region) == expected


def test_phones_written_the_local_way_extension_and_switchboard_are_two_contacts():
    html = "<p>Zentrale: 030 1234-0</p><p>Durchwahl: 030 1234-567</p>"
    found = {c.phone for c in extract_contacts(html, "https://firma.de/")}
    assert found == {"+493012340", "+49301234567"}


def test_phones_written_the_local_way_slash_pair_offsets_point_at_each_number():
    text = "Tel.: 91 123 45 67 / 91 765 43 21"
    spans = [text[start:end] for _, start, end in find_in_text(text, "ES")]
    assert spans == ["91 123 45 67", "91 765 43 21"]


# Names


def contacts_by_key(html: str, url: str = "https://club.example.org/") -> dict:
    return {c.email or c.phone: c for c in extract_contacts(html, url)}


@pytest.mark.parametrize(
    "heading",
    ["Technischer Leiter", "Senior Treasurer", "Vice-President", "Kassiererin", "Jugendwart"],
)
def test_names_role_words_are_not_names(heading):
    html = f"<div><h3>{heading}</h3><p>Jane Roe</p><p>jane.roe@club.org</p></div>"
    found = contacts_by_key(html)["jane.roe@club.org"]
    assert (found.name, found.position) == ("Jane Roe", heading)


@pytest.mark.parametrize(
    "stray",
    ["ASME St. Louis Section", "Sobre Nós", "Chi Siamo", "Rua de Bustes", "GKS Golem Boys S.A"],
)
def test_names_organisations_places_and_stray_phrases_are_not_names(stray):
    html = f"<div><h3>{stray}</h3><p>office.mail@club.org</p></div>"
    assert contacts_by_key(html)["office.mail@club.org"].name == ""


def test_names_icon_only_mailto_on_a_card_whose_heading_is_the_name():
    html = """<div class="card"><h4>Dr. Anna Schmidt</h4><p>Geschäftsführerin</p>
      <a href="mailto:a.schmidt@firma.de"><i class="icon-mail"></i></a></div>"""
    found = contacts_by_key(html, "https://firma.de/")["a.schmidt@firma.de"]
    assert (found.name, found.position) == ("Anna Schmidt", "Geschäftsführerin")


def test_names_role_address_on_a_named_persons_card():
    html = """<ul><li><h3>Mary Fitzgerald</h3><p>Secretary</p>
      <a href="mailto:secretary@club.org">secretary@club.org</a></li>
      <li><h3>Office</h3><a href="mailto:info@club.org">info@club.org</a></li></ul>"""
    found = contacts_by_key(html)
    assert (found["secretary@club.org"].name, found["secretary@club.org"].position) == (
        "Mary Fitzgerald",
        "Secretary",
    )
    assert found["info@club.org"].name == ""


def test_names_role_address_without_a_role_on_the_card_stays_unnamed():
    html = "<div><h3>Ashworth Pryce</h3><p>enquiries@ashworthpryce.co.uk</p></div>"
    assert contacts_by_key(html)["enquiries@ashworthpryce.co.uk"].name == ""


@pytest.mark.parametrize(
    "name",
    [
        "Иван Петров",
        "Nika Štěpánková",
        "Burak Konyal\u0131",
        "Seán O'Brien",
        "Anne-Marie van der Berg",
        "José María García-López",
        "Jean DUPONT",
    ],
)
def test_names_in_other_scripts_with_particles_apostrophes_hyphens_diacritics(name):
    html = f"<div><h3>{name}</h3><p>person.one@club.org</p></div>"
    assert contacts_by_key(html)["person.one@club.org"].name == name.replace("DUPONT", "Dupont")


def test_names_flat_layout_heading_above_the_address():
    html = """<body><h2>Seneschal (Chapter President)</h2><p>Master John MacAndrew</p>
      <p>E-Mail: <a href="mailto:shire.seneschal@club.org">Seneschal</a></p>
      <h2>Exchequer (Treasurer)</h2><p>Lady Juliana Cuthbertson</p>
      <p>E-Mail: <a href="mailto:shire.exchequer@club.org">Exchequer</a></p></body>"""
    found = contacts_by_key(html)
    assert (found["shire.seneschal@club.org"].name, found["shire.seneschal@club.org"].position) == (
        "John MacAndrew",
        "Seneschal (Chapter President)",
    )
    assert found["shire.exchequer@club.org"].name == "Juliana Cuthbertson"


def test_names_in_prose_above_an_unrelated_address_are_not_taken():
    html = "<body><h2>Peter Miller</h2><p>Write to us: hello.there@club.org</p></body>"
    assert contacts_by_key(html)["hello.there@club.org"].name == ""
    html = "<body><h2>Peter Miller</h2><p>Write to him: p.miller@club.org</p></body>"
    assert contacts_by_key(html)["p.miller@club.org"].name == "Peter Miller"


def test_capital_at_is_an_obfuscated_address_without_dot_words():
    html = "<p>e-mail: florian.frommlet AT meduniwien.ac.at</p><p>we meet at club.org</p>"
    assert emails_of(html) == {"florian.frommlet@meduniwien.ac.at"}


def test_names_link_whose_text_shows_another_address_names_neither_wrongly():
    html = """<table><tr><td><b>Voorzitter</b><p>Theo Huibers</p>
      <a href="mailto:secretaris@club.org">voorzitter@club.org</a></td></tr>
      <tr><td><b>Secretaris</b><p>Rianne Kaptein</p>
      <a href="mailto:secretaris@club.org">secretaris@club.org</a></td></tr></table>"""
    found = contacts_by_key(html)
    assert found["voorzitter@club.org"].name == "Theo Huibers"
    assert found["secretaris@club.org"].name == "Rianne Kaptein"


def test_names_organisations_departments_and_legal_forms_are_not_names():
    for stray in ("Departement Computerwetenschappen", "Nowaczekk Sp.z.o.o", "Lar Residencial"):
        html = f"<div><h3>{stray}</h3><p>office.mail@club.org</p></div>"
        assert contacts_by_key(html)["office.mail@club.org"].name == "", stray


def test_names_an_address_that_spells_the_person_finds_the_name_away_from_it():
    html = """<body><h2>Impressum</h2><p>1. Vorsitzender:</p><p>Heiko Paasche</p>
      <p>Am Knickgraben 21, 37434 Obernfeld</p><div><p>Unser Verein</p><p>Seit 1921</p></div>
      <p>E-Mail: mhpaasche@gmail.com</p><p>Kontakt: verein.post@gmail.com</p></body>"""
    found = contacts_by_key(html, "https://verein.de/")
    assert found["mhpaasche@gmail.com"].name == "Heiko Paasche"
    assert found["verein.post@gmail.com"].name == ""


def test_names_a_place_named_in_an_address_is_not_the_person():
    html = """<body><h2>Colegio Público Perú</h2><p>Calle Mayor 3, Madrid</p>
      <p>cp.peru.madrid@educa.madrid.org</p></body>"""
    assert (
        contacts_by_key(html, "https://colegio.es/")["cp.peru.madrid@educa.madrid.org"].name == ""
    )


def test_names_icon_only_card_with_a_lone_given_name_the_address_spells():
    card = """<div class="card"><div><ul><li><a href="mailto:club+{key}@gmail.com">
      <svg><path d="M1 1"/></svg></a></li></ul></div><h4>{name}</h4><p>{role}</p></div>"""
    html = card.format(key="alberto", name="Alberto", role="Secretario y papá de dos alumnos")
    html += card.format(key="vero", name="Vero", role="Vicesecretaria")
    html += '<div><h4>Spa</h4><a href="mailto:spa@hotel.co.uk">spa@hotel.co.uk</a></div>'
    found = contacts_by_key(html)
    assert (found["club+alberto@gmail.com"].name, found["club+alberto@gmail.com"].position) == (
        "Alberto",
        "Secretario",
    )
    assert (found["club+vero@gmail.com"].name, found["club+vero@gmail.com"].position) == (
        "Vero",
        "Vicesecretaria",
    )
    assert found["spa@hotel.co.uk"].name == ""


def test_names_after_a_person_label_in_an_imprint():
    html = """<body><h2>Impressum</h2><p>Kaninchenzuchtverein H188</p><p>Vertreten durch:</p>
      <p>Iris Müller</p><p>Kontakt:</p><p>E-Mail: jiln@arcor.de</p></body>"""
    assert contacts_by_key(html, "https://verein.de/")["jiln@arcor.de"].name == "Iris Müller"


def test_names_followed_by_an_ordinal_role_and_honorifics_run_together():
    assert clean_name("Steve Sander 1.Vorsitzender") == "Steve Sander"
    assert clean_name("Mw.Prof.dr. Marie-Francine Moens") == "Marie-Francine Moens"
    assert clean_name("Am Knickgraben 21") == ""
    assert clean_name("Alastair Davison [Enquiries and membership]") == "Alastair Davison"


def test_positions_of_the_card_above_are_not_taken_by_a_card_with_its_own_heading():
    card = """<div class="card"><a href="mailto:club+{key}@gmail.com"><svg></svg></a>
      <h4>{name}</h4><p>{line}</p></div>"""
    html = card.format(key="alejandra", name="Alejandra", line="Presidenta y mamá de una alumna")
    html += card.format(key="maria-01", name="María", line="Mamá de dos alumnas")
    found = contacts_by_key(html)
    assert found["club+alejandra@gmail.com"].position == "Presidenta"
    assert (found["club+maria-01@gmail.com"].name, found["club+maria-01@gmail.com"].position) == (
        "María",
        "",
    )


def test_names_a_town_under_a_street_line_is_not_a_name():
    html = """<div><p>Dirección</p><p>Avd. Salud Gutiérrez, s/n</p>
      <p>Alcalá de Guadaíra (Sevilla)</p><p>Contacto</p><p>afeaes@hotmail.com</p></div>"""
    assert contacts_by_key(html, "https://afeaes.es/")["afeaes@hotmail.com"].name == ""


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "Tel: 955 950 821", "+34955950821"),
        ("es", "Tel: 55 5281-0024", "+525552810024"),
        ("pt-BR", "Fixo: (79) 3042-4506", "+557930424506"),
        ("tr", "Telefon: 0531 728 19 26", "+905317281926"),
    ],
)
def test_phones_written_the_local_way_on_a_generic_host_take_the_pages_language(
    lang, text, expected
):
    html = f'<html lang="{lang}"><body><p>{text}</p></body></html>'
    assert {c.phone for c in extract_contacts(html, "https://club.github.io/")} == {expected}


def test_phones_on_a_generic_host_take_the_country_of_its_international_numbers():
    html = "<p>Zentrale +41 41 669 00 00</p><p>Tel. 041 669 00 54</p>"
    found = {c.phone for c in extract_contacts(html, "https://club.github.io/")}
    assert found == {"+41416690000", "+41416690054"}


def test_positions_a_role_heading_over_a_role_address_and_a_personal_one():
    html = """<div class="box"><h3>President</h3>
      <a href="mailto:club-president@club.org">club-president@club.org</a><br>
      <a href="mailto:hj390@club.org">hj390@club.org</a></div>
      <div class="box"><h3>Subject Contacts</h3>
      <a href="mailto:tb820@club.org">tb820@club.org</a></div>
      <div class="footer"><a href="mailto:society@club.org"><img src="m.png"></a></div>"""
    found = contacts_by_key(html)
    assert found["hj390@club.org"].position == "President"
    assert found["tb820@club.org"].position == ""
    assert found["society@club.org"].position == ""


def test_positions_beside_a_name_found_away_from_the_address():
    html = """<body><p>1. Vorsitzender:</p><p>Heiko Paasche</p><p>Am Knickgraben 21</p>
      <div><p>Unser Verein</p><p>Seit 1921</p></div><p>E-Mail: mhpaasche@gmail.com</p>
      <p>Ansprechpartner*innen sind aktuell:</p><p>Vesna Koch</p><p>vkoch@yahoo.de</p></body>"""
    found = contacts_by_key(html, "https://verein.de/")
    assert (found["mhpaasche@gmail.com"].name, found["mhpaasche@gmail.com"].position) == (
        "Heiko Paasche",
        "1. Vorsitzender",
    )
    assert found["vkoch@yahoo.de"].position == ""


def test_phones_written_the_local_way_second_number_of_a_pair_keeps_the_first_ones_country():
    text = "Tel: 55 5281-0024 · 5281-0141"
    found = find_in_text(text, "ES", ("MX", "AR", "CO", "CL", "PE"))
    assert [(e164, text[start:end]) for e164, start, end in found] == [
        ("+525552810024", "55 5281-0024"),
        ("+525552810141", "5281-0141"),
    ]
