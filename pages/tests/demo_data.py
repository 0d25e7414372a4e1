"""A believable pipeline for the browser tests and the README's screenshots."""

import random
from datetime import timedelta

from django.utils import timezone

from contacts.models import Contact
from pages.models import Domain, Page

SITES = {
    "harrisonlaw.example": ["/", "/attorneys", "/contact", "/attorneys/jane-harrison"],
    "brightsmile-dental.example": ["/", "/our-team", "/contact-us"],
    "northfield-university.example": ["/physics/people", "/chemistry/staff", "/admissions"],
    "greenway-landscaping.example": ["/", "/about", "/quote"],
    "oakridge-council.example": ["/departments/planning", "/contact", "/councillors"],
    "bluewater-marine.example": ["/", "/dealers", "/support"],
    "cedar-accounting.example": ["/team", "/contact"],
}
ERRORS = [
    "Timeout: no answer within 70 s (after 3 attempts)",
    "Timeout: no answer within 70 s (after 3 attempts)",
    "HTTP 404: Not Found",
    "HTTP 403: Forbidden",
    "DNS: cannot resolve bluewater-marine.example ([Errno -2] Name or service not known)",
]
PEOPLE = ["jane.harrison", "m.okafor", "li.wei", "s.patel", "info", "office", "r.garcia", "a.nowak"]


def seed_demo_pipeline(seed: int = 7) -> None:
    """Pages in every status, errors with a few reasons, contacts spread over 30 days."""
    rng = random.Random(seed)
    now = timezone.now()
    pages = []
    for name, paths in SITES.items():
        domain = Domain.objects.create(name=name)
        pages += [Page.objects.create(domain=domain, url=f"https://{name}{path}") for path in paths]
    rng.shuffle(pages)
    errors = iter(ERRORS)
    for index, page in enumerate(pages):
        kind = index % 6
        fields = {}
        if kind in (0, 1, 2):
            fields = {
                "page_curation_status": "Selected",
                "page_processing_status": "Complete",
                "contact_scrape_status": "ContactFound" if kind < 2 else "NoContactFound",
                "processing_attempts": 1,
                "processing_started_at": now - timedelta(hours=index, seconds=14),
                "processed_at": now - timedelta(hours=index),
            }
        elif kind == 3 and (error := next(errors, None)):
            fields = {
                "page_curation_status": "Selected",
                "page_processing_status": "Error",
                "contact_scrape_status": "Error",
                "page_processing_error": error,
                "processing_attempts": 3,
                "processed_at": now - timedelta(hours=index),
            }
        elif kind == 4:
            fields = {"page_curation_status": "Selected", "page_processing_status": "Queued"}
        Page.objects.filter(pk=page.pk).update(**fields)
    _contacts(rng, now)


def _contacts(rng: random.Random, now) -> None:
    found = Page.objects.filter(contact_scrape_status="ContactFound").select_related("domain")
    seen = set()
    for page in found:
        for person in rng.sample(PEOPLE, rng.randint(2, 5)):
            if (page.domain_id, person) in seen:  # one contact per domain and email
                continue
            seen.add((page.domain_id, person))
            contact = Contact.objects.create(
                domain=page.domain,
                page=page,
                email=f"{person}@{page.domain.name}",
                name=person.replace(".", " ").title() if "." in person else "",
                phone_number=f"+1415555{rng.randint(1000, 9999)}" if rng.random() < 0.5 else None,
                source_url=page.url,
                email_type="personal" if "." in person else "generic",
                found_by=rng.choice(["mailto", "text", "jsonld"]),
            )
            when = now - timedelta(days=rng.randint(0, 29), minutes=rng.randint(0, 600))
            Contact.objects.filter(pk=contact.pk).update(created_at=when, last_seen_at=when)
