"""Precision and recall of contact extraction, ours vs the seed's regexes, on both corpora.

    .venv/bin/python bench/extract_report.py [-v] [--real-only | --hand-only]

The hand-written corpus (extraction/tests/corpus) was written while tuning the extractor; the
real-page corpus (extraction/tests/real_corpus) holds public pages labelled by hand. Prints one row
per page and the overall figures: emails, phones, names (pairs of email-or-phone and name) and
positions (n/a where the corpus does not label them). -v also lists every miss and false find.
Needs no database and no Django settings.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extraction.tests.corpus_eval import Score, load_corpus, name_hits, ours
from extraction.tests.real_corpus_eval import (
    PageScores,
    load_real_corpus,
    score_corpus,
    score_ours,
    score_seed,
)

COLUMNS = ("email", "phone", "name", "position")


def _pr(score: Score | None) -> str:
    return "  n/a  n/a" if score is None else f"{score.precision:5.2f}{score.recall:5.2f}"


def _cells(scores: PageScores) -> tuple:
    return (scores.emails, scores.phones, scores.names, scores.positions)


def _row(label: str, mine: PageScores, seeds: PageScores) -> str:
    cells = [*_cells(mine), seeds.emails, seeds.phones]
    return f"{label[:40]:40} " + " ".join(f"{_pr(s):>11}" for s in cells)


def _header() -> str:
    names = [f"our {c} P R" for c in COLUMNS] + ["seed email", "seed phone"]
    return f"{'page':40} " + " ".join(f"{n:>11}" for n in names)


def _misses(mine: PageScores) -> list[str]:
    lines = []
    for column, score in zip(COLUMNS, _cells(mine), strict=True):
        if score is not None and (score.false_pos or score.false_neg):
            lines.append(f"    {column}: extra {score.false_pos} missed {score.false_neg}")
    return lines


def _counts(label: str, scores: PageScores) -> str:
    parts = []
    for column, score in zip(COLUMNS, _cells(scores), strict=True):
        if score is not None:
            parts.append(f"{column}s tp={score.tp} fp={score.fp} fn={score.fn}")
    return f"{label}: " + "; ".join(parts)


def labels_positions(pages: list) -> bool:
    """Does the corpus write down positions? (The hand-written one does not: n/a there.)"""
    return any("position" in contact for page in pages for contact in page.expected)


def report(title: str, pages: list, verbose: bool) -> None:
    """One table: a row per page, then the totals, ours beside the seed."""
    with_positions = None if labels_positions(pages) else False
    our_total, our_pages = score_corpus(
        pages, lambda page: score_ours(page, with_positions=with_positions)
    )
    seed_total, seed_pages = score_corpus(pages, score_seed)
    header = _header()
    print(f"\n{title} ({len(pages)} pages)")
    print(header)
    print("-" * len(header))
    for (name, mine), (_, seeds) in zip(our_pages, seed_pages, strict=True):
        print(_row(name, mine, seeds))
        if verbose:
            for line in _misses(mine):
                print(line)
    print("-" * len(header))
    print(_row("OVERALL", our_total, seed_total))
    print(_counts("ours", our_total))
    print(_counts("seed", seed_total))


def hand_written_names(pages: list) -> str:
    """The hand-written corpus's own name figure: right names over expected email contacts."""
    ok = total = 0
    for page in pages:
        _, _, names = ours(page)
        right, expected = name_hits(page, names)
        ok, total = ok + right, total + expected
    return f"ours: names right on {ok}/{total} expected email contacts"


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    if "--real-only" not in argv:
        hand = load_corpus()
        report("HAND-WRITTEN CORPUS (extraction/tests/corpus)", hand, verbose)
        print(hand_written_names(hand))
    if "--hand-only" not in argv:
        report("REAL-PAGE CORPUS (extraction/tests/real_corpus)", load_real_corpus(), verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
