"""Scoring candidate links in many languages, by position, with penalties; choosing the best."""

import pytest

from extraction.discovery.scoring import Candidate, choose, fold, score


def scored(url: str, anchor: str = "", position: str = "body") -> Candidate:
    return score(Candidate(url=f"https://firm.example{url}", anchor=anchor, position=position))


@pytest.mark.parametrize(
    ("path", "anchor", "kind"),
    [
        ("/contact-us", "", "contact"),
        ("/kontakt", "Kontakt", "contact"),
        ("/de/ueber-uns", "Über uns", "about"),
        ("/impressum", "", "legal"),
        ("/mentions-legales", "Mentions légales", "legal"),
        ("/aviso-legal", "", "legal"),
        ("/contacto", "Contacto", "contact"),
        ("/contatti", "", "contact"),
        ("/fale-conosco", "Fale conosco", "contact"),
        ("/colofon", "", "legal"),
        ("/fr/equipe", "Notre équipe", "team"),
        ("/equipo", "", "team"),
        ("/ansprechpartner", "", "team"),
        ("/attorneys", "Our Attorneys", "team"),
        ("/qui-sommes-nous", "", "about"),
        ("/chi-siamo", "Chi siamo", "about"),
        ("/sobre-nos", "", "about"),
        ("/o-nas", "O nas", "about"),
        ("/yhteystiedot", "", "contact"),
        ("/kapcsolat", "Kapcsolat", "contact"),
        ("/inquiry", "お問い合わせ", "contact"),
        ("/company", "会社概要", "legal"),
        ("/page-17", "Get in touch", "contact"),
    ],
)
def test_words_in_many_languages(path, anchor, kind):
    candidate = scored(path, anchor)
    assert candidate.kind == kind
    assert candidate.score > 0


def test_accents_and_separators_fold():
    assert fold("Über-uns_Team") == "uber uns team"
    assert fold("Mentions  LÉGALES") == "mentions legales"


@pytest.mark.parametrize(
    "path",
    [
        "/blog/contact-form-tips",
        "/news/2024/our-new-team",
        "/tag/contact",
        "/products/contact-lens",
        "/contact/page/2",
        "/files/contact.pdf",
    ],
)
def test_penalties_outweigh_the_words(path):
    assert scored(path).score < scored("/contact").score


def test_nav_and_footer_links_rank_above_body_links():
    body = scored("/contact", "Contact", "body")
    nav = scored("/contact", "Contact", "nav")
    footer = scored("/contact", "Contact", "footer")
    assert nav.score > body.score and footer.score > body.score


def test_deep_paths_rank_below_shallow_ones():
    assert scored("/about/company/history/team").score < scored("/team").score


def test_an_unknown_page_scores_nothing():
    candidate = scored("/services/consulting", "Consulting")
    assert candidate.kind == "other"
    assert candidate.score <= 0  # not proposed


def test_the_homepage_is_home():
    assert scored("/").kind == "home"
    assert scored("/en/").kind == "home"


def test_choose_takes_each_kind_first_then_the_best():
    candidates = [
        scored("/contact", "Contact", "nav"),
        scored("/contact-us", "Contact us", "footer"),
        scored("/kontakt", "Kontakt"),
        scored("/team", "Team"),
        scored("/impressum", "Impressum"),
        scored("/about", "About"),
        scored("/blog", "Blog"),
    ]
    chosen = choose(candidates, 3)
    assert len(chosen) == 3
    assert {c.kind for c in chosen} == {"contact", "team", "legal"}
    assert choose(candidates, 0) == []
    assert len(choose(candidates, 10)) == 6  # the blog is never chosen


@pytest.mark.parametrize(
    ("url", "same"),
    [
        ("https://www.firm.example/kontakt", True),
        ("http://firm.example/kontakt", True),
        ("https://firm.example:8443/kontakt", False),
        ("https://shop.firm.example/", False),
        ("https://other.example/", False),
        ("https://firm.example:bad/", False),
    ],
)
def test_same_site(url, same):
    from extraction.discovery.discover import same_site

    assert same_site(url, "https://firm.example/") is same
