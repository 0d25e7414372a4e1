"""A farm of whole websites on loopback addresses for the discovery benchmark: nine languages,
sitemaps of every kind (plain, index, gzip, declared in robots.txt, none), robots.txt rules that
hide pages holding contacts, Crawl-delay, and contacts on contact, team and imprint pages, in
footers, and on pages only the sitemap lists. Each site knows the emails of each page, so the
contacts a crawler may collect are those of the pages robots.txt allows it (``truth(agent)``)."""

import gzip
import random
from dataclasses import dataclass, field

from protego import Protego

# Per language: (anchor, path) of the contact, team, legal and about pages, and of noise pages.
LANGUAGES = {
    "en": {
        "contact": ("Contact us", "/contact-us"),
        "team": ("Our people", "/people"),
        "legal": ("Legal notice", "/legal-notice"),
        "about": ("About", "/about"),
        "noise": [("Services", "/services"), ("Insights", "/insights"), ("Careers", "/careers")],
    },
    "de": {
        "contact": ("Kontakt", "/kontakt"),
        "team": ("Ansprechpartner", "/ansprechpartner"),
        "legal": ("Impressum", "/impressum"),
        "about": ("Über uns", "/ueber-uns"),
        "noise": [
            ("Leistungen", "/leistungen"),
            ("Aktuelles", "/aktuelles"),
            ("Karriere", "/karriere"),
        ],
    },
    "fr": {
        "contact": ("Nous contacter", "/nous-contacter"),
        "team": ("Notre équipe", "/equipe"),
        "legal": ("Mentions légales", "/mentions-legales"),
        "about": ("Qui sommes-nous", "/qui-sommes-nous"),
        "noise": [
            ("Expertises", "/expertises"),
            ("Actualités", "/actualites"),
            ("Carrières", "/carrieres"),
        ],
    },
    "es": {
        "contact": ("Contacto", "/contacto"),
        "team": ("Equipo", "/equipo"),
        "legal": ("Aviso legal", "/aviso-legal"),
        "about": ("Sobre nosotros", "/sobre-nosotros"),
        "noise": [("Servicios", "/servicios"), ("Noticias", "/noticias"), ("Empleo", "/empleo")],
    },
    "it": {
        "contact": ("Contatti", "/contatti"),
        "team": ("Il nostro staff", "/staff"),
        "legal": ("Note legali", "/note-legali"),
        "about": ("Chi siamo", "/chi-siamo"),
        "noise": [("Servizi", "/servizi"), ("Notizie", "/notizie"), ("Lavora con noi", "/lavora")],
    },
    "pt": {
        "contact": ("Fale conosco", "/fale-conosco"),
        "team": ("Equipe", "/equipe"),
        "legal": ("Aviso legal", "/aviso-legal"),
        "about": ("Sobre nós", "/sobre-nos"),
        "noise": [
            ("Serviços", "/servicos"),
            ("Notícias", "/noticias"),
            ("Carreiras", "/carreiras"),
        ],
    },
    "nl": {
        "contact": ("Contact", "/contact"),
        "team": ("Medewerkers", "/medewerkers"),
        "legal": ("Colofon", "/colofon"),
        "about": ("Over ons", "/over-ons"),
        "noise": [("Diensten", "/diensten"), ("Nieuws", "/nieuws"), ("Vacatures", "/vacatures")],
    },
    "ja": {
        "contact": ("お問い合わせ", "/inquiry"),
        "team": ("スタッフ紹介", "/members"),
        "legal": ("会社概要", "/corporate"),
        "about": ("私たちについて", "/philosophy"),
        "noise": [("サービス", "/service"), ("ニュース", "/topics"), ("採用情報", "/recruit")],
    },
    "pl": {
        "contact": ("Kontakt", "/kontakt"),
        "team": ("Zespół", "/zespol"),
        "legal": ("Informacje prawne", "/informacje-prawne"),
        "about": ("O nas", "/o-nas"),
        "noise": [("Usługi", "/uslugi"), ("Aktualności", "/aktualnosci"), ("Kariera", "/kariera")],
    },
}
TLDS = {
    "en": "com",
    "de": "de",
    "fr": "fr",
    "es": "es",
    "it": "it",
    "pt": "com.br",
    "nl": "nl",
    "ja": "co.jp",
    "pl": "pl",
}
NAMES = [
    "anna.berg",
    "marco.rossi",
    "lea.dubois",
    "jan.kowalski",
    "sofia.lima",
    "tom.jansen",
    "yuki.tanaka",
    "carlos.ruiz",
    "eva.schmidt",
    "noah.miller",
    "ines.costa",
    "piotr.nowak",
]
SITEMAP_KINDS = ["plain", "index", "gzip", "robots", "none"]


@dataclass
class Site:
    index: int
    language: str
    firm: str
    pages: dict[str, str] = field(default_factory=dict)  # path → HTML
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # path → (body, type)
    robots: str = ""
    crawl_delay: float = 0.0
    emails: dict[str, set[str]] = field(default_factory=dict)  # path → emails shown there
    sitemap_kind: str = "none"

    def disallowed(self, path: str, agent: str) -> bool:
        return not Protego.parse(self.robots).can_fetch(f"http://h{path}", agent)

    def truth(self, agent: str) -> set[str]:
        """The emails of every page robots.txt allows ``agent`` to read."""
        allowed = [
            emails for path, emails in self.emails.items() if not self.disallowed(path, agent)
        ]
        return set().union(*allowed)


def _card(email: str, name: str = "") -> str:
    title = f"<h3>{name}</h3>" if name else ""
    return f'<div class="person">{title}<a href="mailto:{email}">{email}</a></div>'


def _page(title: str, nav: str, body: str, footer: str) -> str:
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        f'<header><nav class="main-nav">{nav}</nav></header><main><h1>{title}</h1>{body}</main>'
        f'<footer class="site-footer">{footer}</footer></body></html>'
    )


def _links(items) -> str:
    return " ".join(f'<a href="{path}">{text}</a>' for text, path in items)


def _menus(words: dict, office: str, team_hidden: bool, legal_hidden: bool):
    """The nav and footer of every page: a team or legal page the sitemap alone lists is in
    neither."""
    nav_items = [words["about"], *words["noise"]]
    if not team_hidden:
        nav_items.insert(1, words["team"])
    nav_items += [words["contact"], ("Blog", "/blog"), ("Shop", "/products")]
    footer_items = [words["contact"], ("Privacy", "/privacy")]
    if not legal_hidden:
        footer_items.insert(1, words["legal"])
    return _links(nav_items), _links(footer_items) + f' <a href="mailto:{office}">{office}</a>'


def _noise_pages(add, words: dict, home_links: str) -> None:
    for _text, path in words["noise"]:
        add(path, path.strip("/"), "<p>Nothing to see.</p>")
    add("/privacy", "Privacy", "<p>We respect your data.</p>")
    add("/blog", "Blog", home_links)
    add("/blog/page/2", "Blog 2", home_links)
    for n in range(1, 6):
        add(f"/blog/post-{n}", f"Post {n}", "<p>Words.</p>")
    add(
        "/products", "Shop", "".join(f'<a href="/products/item-{n}">Item {n}</a>' for n in range(5))
    )
    for n in range(5):
        add(f"/products/item-{n}", f"Item {n}", "<p>Buy.</p>")


def build_site(index: int, origin_of) -> Site:
    """Site number ``index``; ``origin_of(site)`` is its http://host:port (for sitemaps)."""
    rng = random.Random(index)
    language = list(LANGUAGES)[index % len(LANGUAGES)]
    words = LANGUAGES[language]
    firm = f"firm{index}-{language}.{TLDS[language]}"
    site = Site(index, language, firm, sitemap_kind=SITEMAP_KINDS[index % len(SITEMAP_KINDS)])
    people = rng.sample(NAMES, 3)
    office = f"office@{firm}"
    contact_email, legal_email = f"info@{firm}", f"management@{firm}"
    team_emails = [f"{name}@{firm}" for name in people]
    hidden_email = f"{rng.choice(NAMES)}.private@{firm}"
    # Some sites list their team or imprint only in the sitemap; some hide a page from robots.
    has_sitemap = site.sitemap_kind != "none"
    team_hidden = index % 4 == 1 and has_sitemap
    legal_hidden = index % 4 == 3 and has_sitemap
    nav, footer = _menus(words, office, team_hidden, legal_hidden)

    def add(path: str, title: str, body: str, *emails: str) -> None:
        site.pages[path] = _page(title, nav, body, footer)
        site.emails[path] = {office, *emails}

    home_links = (
        "".join(f'<p><a href="/blog/post-{n}">Post {n}</a></p>' for n in range(1, 6))
        + '<p><a href="/blog/page/2">More</a></p>'
    )
    add("/", firm, f"<p>Welcome to {firm}.</p>{home_links}")
    add(words["contact"][1], words["contact"][0], _card(contact_email), contact_email)
    team_cards = "".join(_card(e, e.split("@")[0]) for e in team_emails)
    add(words["team"][1], words["team"][0], team_cards, *team_emails)
    add(words["legal"][1], words["legal"][0], _card(legal_email, "Managing director"), legal_email)
    add(words["about"][1], words["about"][0], "<p>Since 1990.</p>")
    _noise_pages(add, words, home_links)

    rules = ["User-agent: *", "Disallow: /cart", "Disallow: /intern/"]
    if index % 3 == 0:  # a page with contacts that robots.txt forbids, linked from the homepage
        add("/intern/directory", "Directory", _card(hidden_email, "Internal"), hidden_email)
        site.pages["/"] = site.pages["/"].replace(
            "</main>", '<p><a href="/intern/directory">Staff directory</a></p></main>'
        )
    if index % 5 == 2:  # our own group: the team page is not for crawlers
        rules = [
            "User-agent: WF7ContactBot",
            f"Disallow: {words['team'][1]}",
            "Disallow: /intern/",
            "",
            *rules,
        ]
    if index % 4 == 2:
        site.crawl_delay = 0.2
        rules.append("Crawl-delay: 0.2")
    _add_sitemaps(site, origin_of, rules)
    site.robots = "\n".join(rules) + "\n"
    return site


def _urlset(origin: str, paths) -> bytes:
    locs = "".join(f"<url><loc>{origin}{path}</loc></url>" for path in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    ).encode()


def _add_sitemaps(site: Site, origin_of, rules: list[str]) -> None:
    origin = origin_of(site)
    pages = [path for path in site.pages if not path.startswith("/intern/")]
    posts = [path for path in pages if path.startswith(("/blog", "/products"))]
    kind = site.sitemap_kind
    xml = "application/xml"
    if kind == "plain":
        site.files["/sitemap.xml"] = (_urlset(origin, pages), xml)
    elif kind == "index":
        index = (
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{origin}/sitemap-posts.xml</loc></sitemap>"
            f"<sitemap><loc>{origin}/sitemap-pages.xml</loc></sitemap></sitemapindex>"
        ).encode()
        site.files["/sitemap_index.xml"] = (index, xml)
        site.files["/sitemap-posts.xml"] = (_urlset(origin, posts), xml)
        site.files["/sitemap-pages.xml"] = (_urlset(origin, set(pages) - set(posts)), xml)
    elif kind == "gzip":
        site.files["/sitemap.xml.gz"] = (gzip.compress(_urlset(origin, pages)), "application/gzip")
        rules.append(f"Sitemap: {origin}/sitemap.xml.gz")
    elif kind == "robots":
        site.files["/maps/all.xml"] = (_urlset(origin, pages), xml)
        rules.append(f"Sitemap: {origin}/maps/all.xml")
