"""Speed of extract_contacts vs the seed's two regexes, on 50-200 KB pages, in one run.

    /work/venv/bin/python bench/extract_bench.py [--repeat N]

The pages are the labelled corpus (extraction/tests/corpus) padded with the boilerplate real
pages carry: an inline state script full of IDs and timestamps, analytics snippets, a mega-menu,
product tiles with srcsets, inline CSS and a long footer. Each page is padded to a size between
50 and 200 KB. Prints median and p95 time per page for both, and how many contacts each finds.
No database and no Django settings needed.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extraction.extract import extract_contacts
from extraction.tests.corpus_eval import SEED_EMAIL_RE, SEED_PHONE_RE, load_corpus

SIZES = (50_000, 80_000, 120_000, 160_000, 200_000)


def seed_extract(html: str) -> tuple[list[str], list[str]]:
    """What the original did: two regexes over the raw HTML."""
    return SEED_EMAIL_RE.findall(html), SEED_PHONE_RE.findall(html)


def _state_script(rng: random.Random, size: int) -> str:
    items = []
    while sum(len(i) for i in items) < size:
        items.append(
            f'{{"id":{rng.randint(10**9, 10**10)},"ts":{rng.randint(1.6e12, 1.8e12)},'
            f'"sku":"SKU-{rng.randint(1000, 9999)}-{rng.randint(100, 999)}",'
            f'"price":{rng.randint(100, 99999) / 100},"phoneHash":{rng.randint(10**9, 10**10)},'
            f'"img":"/media/{rng.randint(1, 999)}/tile@2x.webp"}}'
        )
    return '<script>window.__STATE__={"items":[' + ",".join(items) + "]};</script>"


def _menu(rng: random.Random, size: int) -> str:
    out, total = ["<nav class='mega'><ul>"], 0
    while total < size:
        n = rng.randint(1, 99999)
        item = (
            f"<li class='menu-item menu-item-{n}'>"
            f"<a href='/c/{n}?ref=nav&amp;v={rng.randint(1, 10**6)}'"
            f" data-track='{rng.randint(10**9, 10**10)}'>Category {n}</a></li>"
        )
        out.append(item)
        total += len(item)
    out.append("</ul></nav>")
    return "".join(out)


def _tiles(rng: random.Random, size: int) -> str:
    out, total = ["<section class='tiles'>"], 0
    while total < size:
        n = rng.randint(1, 99999)
        tile = (
            f"<div class='tile'><img src='/img/p{n}.jpg' srcset='/img/p{n}@2x.jpg 2x, "
            f"/img/p{n}@3x.jpg 3x' alt=''><h4>Product {n}</h4><p>${rng.randint(5, 999)}.99 · "
            f"SKU {rng.randint(10**6, 10**7)} · updated {rng.randint(2019, 2024)}-"
            f"{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}</p></div>"
        )
        out.append(tile)
        total += len(tile)
    out.append("</section>")
    return "".join(out)


def pad(html: str, target: int, rng: random.Random) -> str:
    room = max(0, target - len(html))
    css = "<style>" + ".c{margin:0 auto;max-width:1170px}" * (room // 40 // 30) + "</style>"
    analytics = (
        "<script>(function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;})(window,document,"
        "'script','https://www.google-analytics.com/analytics.js','ga');"
        f"ga('create','UA-{rng.randint(10**7, 10**8)}-1','auto');</script>"
    )
    head = css + analytics + _state_script(rng, room * 4 // 10)
    top = _menu(rng, room * 2 // 10)
    bottom = _tiles(rng, room * 37 // 100)
    html = html.replace("</head>", head + "</head>", 1) if "</head>" in html else head + html
    html = html.replace("<body>", "<body>" + top, 1) if "<body>" in html else top + html
    return html.replace("</body>", bottom + "</body>", 1) if "</body>" in html else html + bottom


def build_pages() -> list[tuple[str, str, str]]:
    rng = random.Random(7)
    pages = []
    for i, page in enumerate(load_corpus()):
        pages.append((page.name, pad(page.html, SIZES[i % len(SIZES)], rng), page.url))
    return pages


def _time_both(ours, seed, repeat: int) -> tuple[float, float]:
    """Median of repeat runs of each, interleaved so both see the same machine load."""
    ours_times, seed_times = [], []
    for _ in range(repeat):
        for fn, times in ((ours, ours_times), (seed, seed_times)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return statistics.median(ours_times), statistics.median(seed_times)


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per page (median is kept)")
    args = parser.parse_args(argv)
    pages = build_pages()
    sizes = [len(html) for _, html, _ in pages]
    extract_contacts(pages[0][1], pages[0][2])  # load phone metadata and word lists
    ours, seed = [], []
    ours_found = seed_found = 0
    for _name, html, url in pages:
        o, s = _time_both(
            lambda html=html, url=url: extract_contacts(html, url),
            lambda html=html: seed_extract(html),
            args.repeat,
        )
        ours.append(o)
        seed.append(s)
        ours_found += len(extract_contacts(html, url))
        emails, phones = seed_extract(html)
        seed_found += len(set(emails)) + len(set(phones))
    print(
        f"{len(pages)} pages, {min(sizes) / 1000:.0f}-{max(sizes) / 1000:.0f} KB "
        f"(median {statistics.median(sizes) / 1000:.0f} KB), {args.repeat} runs each"
    )
    print(f"{'':28} {'median ms':>10} {'p95 ms':>10} {'found':>8}")
    print(
        f"{'ours: extract_contacts':28} {statistics.median(ours) * 1000:10.2f} "
        f"{_p95(ours) * 1000:10.2f} {ours_found:8}"
    )
    print(
        f"{'seed: two regexes, raw HTML':28} {statistics.median(seed) * 1000:10.2f} "
        f"{_p95(seed) * 1000:10.2f} {seed_found:8}"
    )
    ratio = statistics.median(seed) / statistics.median(ours)
    print(f"ours is {ratio:.1f}x the seed's speed (median per page)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
