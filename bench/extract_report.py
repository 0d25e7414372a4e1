"""Precision and recall of contact extraction over the labelled corpus, ours vs the seed's regexes.

    /work/venv/bin/python bench/extract_report.py [-v]

Prints one row per page and the overall figures; -v also lists every miss and false find.
Needs no database and no Django settings.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extraction.tests.corpus_eval import (
    Score,
    expected_sets,
    load_corpus,
    name_hits,
    ours,
    seed,
)


def _pr(score: Score) -> str:
    return f"{score.precision:5.2f} {score.recall:5.2f}"


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    pages = load_corpus()
    totals = {key: Score() for key in ("our_e", "our_p", "seed_e", "seed_p")}
    names_ok = names_total = 0
    header = f"{'page':38} {'ours email P R':>15} {'ours phone P R':>15}   "
    header += f"{'seed email P R':>15} {'seed phone P R':>15}"
    print(header)
    print("-" * len(header))
    for page in pages:
        exp_e, exp_p = expected_sets(page)
        got_e, got_p, names = ours(page)
        seed_e, seed_p = seed(page)
        row = {key: Score() for key in totals}
        row["our_e"].add(got_e, exp_e)
        row["our_p"].add(got_p, exp_p)
        row["seed_e"].add(seed_e, exp_e)
        row["seed_p"].add(seed_p, exp_p)
        for key, score in row.items():
            totals[key].merge(score)
        ok, total = name_hits(page, names)
        names_ok += ok
        names_total += total
        print(
            f"{page.name[:38]:38} {_pr(row['our_e']):>15} {_pr(row['our_p']):>15}   "
            f"{_pr(row['seed_e']):>15} {_pr(row['seed_p']):>15}"
        )
        if verbose:
            for key in ("our_e", "our_p"):
                if row[key].false_pos or row[key].false_neg:
                    print(f"    {key}: extra {row[key].false_pos} missed {row[key].false_neg}")
            for c in page.expected:
                if c["email"] and c["email"] in names and names[c["email"]] != c["name"]:
                    print(f"    name: {c['email']}: got {names[c['email']]!r}, want {c['name']!r}")
    print("-" * len(header))
    print(
        f"{'OVERALL (' + str(len(pages)) + ' pages)':38} {_pr(totals['our_e']):>15} "
        f"{_pr(totals['our_p']):>15}   {_pr(totals['seed_e']):>15} {_pr(totals['seed_p']):>15}"
    )
    for label, key in (("ours", "our"), ("seed", "seed")):
        e, p = totals[f"{key}_e"], totals[f"{key}_p"]
        print(
            f"{label}: emails tp={e.tp} fp={e.fp} fn={e.fn}; phones tp={p.tp} fp={p.fp} fn={p.fn}"
        )
    if names_total:
        print(f"ours: names right on {names_ok}/{names_total} expected email contacts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
