"""A copy of the original system's tables in a schema of the test database, with rows covering
every mapping the import makes (ids sort in the order written below: the source is read by id)."""

from uuid import UUID

import psycopg
from psycopg import sql


def domain_id(n: int) -> UUID:
    return UUID(f"d0000000-0000-4000-8000-{n:012d}")


def page_id(n: int) -> UUID:
    return UUID(f"a0000000-0000-4000-8000-{n:012d}")


def contact_id(n: int) -> UUID:
    return UUID(f"c0000000-0000-4000-8000-{n:012d}")


TABLES = """
CREATE TYPE {schema}.page_curation_status
    AS ENUM ('New', 'Selected', 'Archived', 'Queued', 'Pending');
CREATE TYPE {schema}.page_processing_status
    AS ENUM ('Queued', 'Processing', 'Complete', 'Error', 'Done');
CREATE TABLE {schema}.domains (id uuid PRIMARY KEY, domain text);
CREATE TABLE {schema}.pages (
    id uuid PRIMARY KEY,
    domain_id uuid,
    url text NOT NULL,
    page_curation_status {schema}.page_curation_status,
    page_processing_status {schema}.page_processing_status,
    page_processing_error text,
    contact_scrape_status text DEFAULT 'New',
    created_at timestamptz DEFAULT now(),
    updated_at timestamp DEFAULT now()
);
CREATE TABLE {schema}.contacts (
    id uuid PRIMARY KEY,
    domain_id uuid,
    page_id uuid,
    name text,
    email text,
    phone_number text,
    source_url text,
    created_at timestamp DEFAULT now()
);
"""

DOMAINS = [
    (domain_id(1), "Example-Firm.DE"),
    (domain_id(2), "https://www.acme.co.uk/"),
    (domain_id(3), "example-firm.de"),  # a duplicate of 1
    (domain_id(4), "not a domain!"),
    (domain_id(5), "us-shop.com"),
    (domain_id(6), "a" * 60 + "." + "b" * 60 + "." + "c" * 60 + "." + "d" * 60 + ".com"),  # 248
    (domain_id(7), ("a" * 60 + ".") * 4 + "example.com"),  # 256 characters
]

# id, domain, url, curation, processing, error, scrape status, created_at
PAGES = [
    (1, 1, "https://example-firm.de/kontakt", "Selected", "Complete", None, "ContactFound"),
    (2, 1, "https://example-firm.de/team", "Queued", None, None, "New"),  # v2's "Queued"
    (3, 2, "https://www.acme.co.uk/contact", "Selected", None, None, "New"),  # an orphan
    (4, 2, "https://www.acme.co.uk/about", "New", "Processing", None, "New"),  # stuck
    (5, 5, "https://us-shop.com/contact", "Selected", "Complete", None, "New"),  # placeholder
    (6, 3, "https://example-firm.de/impressum", "Archived", None, None, "New"),  # merged domain
    (7, 1, "https://example-firm.de/x", "Pending", None, None, "New"),  # unknown curation
    (8, 4, "https://not-a-domain.example/", "New", None, None, "New"),  # its domain is invalid
    (9, 5, "https://us-shop.com/about", "Selected", "Complete", None, "New"),
    (10, 5, "ftp://us-shop.com/file", "New", None, None, "New"),  # not http(s)
    (11, 5, "https://us-shop.com/done", "New", "Done", None, "New"),  # unknown processing
    (12, 5, "HTTPS://US-Shop.com/about#top", "New", "Error", "HTTP 500", "Error"),  # dup. of 9
]

# id, domain, page, name, email, phone, source_url
CONTACTS = [
    (1, 1, 1, "", "Anna.Schmidt@Example-Firm.DE", "030 1234567", None),
    (2, 1, 1, "Anna Schmidt", "anna.schmidt@example-firm.de", None, None),  # duplicate of 1
    (3, 2, 3, "Bob Smith", "bob@acme.co.uk", "020 7946 0018", "https://www.acme.co.uk/old"),
    (4, 5, 5, "No Contact Found - us-shop.com", "notfound_a0000000@us-shop.com", None, None),
    (5, 2, 4, "Bad", "not-an-email", None, None),  # nothing left: not imported
    (6, 2, 4, "Phone Only", None, "(020) 7946 0019", "see website"),  # not a URL: the page's
    (7, 2, 4, "", "", "020 7946 0019", None),  # duplicate of 6 (phone-only)
    (8, 1, 6, "", "info@example-firm.de", "12", None),  # imported without the phone
    (9, 5, 12, "Sales", "sales@us-shop.com", "(212) 736-5000", None),  # page 12 is page 9
    (10, 5, 99, "Ghost", "ghost@us-shop.com", None, "N/A"),  # unknown page
    (11, 2, 3, "Max", "  MAX@ACME.CO.UK ", "garbage", None),
    (12, 5, 9, "", "NOTFOUND_a0000009@us-shop.com", None, None),  # page 9 holds contact 9 too
    (13, 5, 9, "", "logo@2x.png", "", None),  # the original's regex took a file name
    (14, 5, 98, "", "notfound_a0000098@us-shop.com", None, None),  # its page is gone: dropped
]


def create_legacy_tables(dsn: str, schema: str, *, scrape_status_column: bool = True):
    with psycopg.connect(dsn, autocommit=True, prepare_threshold=None) as connection:
        name = sql.Identifier(schema)
        connection.execute(sql.SQL("CREATE SCHEMA {}").format(name))
        for statement in TABLES.strip().split(";\n"):
            if statement.strip():
                connection.execute(sql.SQL(statement).format(schema=name))
        if not scrape_status_column:
            connection.execute(
                sql.SQL("ALTER TABLE {}.pages DROP COLUMN contact_scrape_status").format(name)
            )
        with connection.cursor() as cursor:
            cursor.executemany(
                sql.SQL("INSERT INTO {}.domains VALUES (%s, %s)").format(name), DOMAINS
            )
            for n, domain, url, curation, processing, error, scrape in PAGES:
                columns = ["id", "domain_id", "url", "page_curation_status"]
                values = [page_id(n), domain_id(domain), url, curation]
                columns += ["page_processing_status", "page_processing_error", "created_at"]
                values += [processing, error, f"2025-08-{n:02d} 10:00:00+00"]
                if scrape_status_column:
                    columns.append("contact_scrape_status")
                    values.append(scrape)
                cursor.execute(
                    sql.SQL("INSERT INTO {}.pages ({}) VALUES ({})").format(
                        name,
                        sql.SQL(", ").join(map(sql.Identifier, columns)),
                        sql.SQL(", ").join([sql.Placeholder()] * len(values)),
                    ),
                    values,
                )
            cursor.executemany(
                sql.SQL(
                    "INSERT INTO {}.contacts (id, domain_id, page_id, name, email, phone_number,"
                    " source_url, created_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
                ).format(name),
                [
                    (
                        contact_id(n),
                        domain_id(domain),
                        page_id(page),
                        person,
                        email,
                        phone,
                        source,
                        f"2025-09-{n:02d} 12:00:00",
                    )
                    for n, domain, page, person, email, phone, source in CONTACTS
                ],
            )


def drop_legacy_tables(dsn: str, schema: str):
    with psycopg.connect(dsn, autocommit=True, prepare_threshold=None) as connection:
        connection.execute(
            sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema))
        )
