"""Time extract_contacts_strict on the pages that used to stall a worker, each with a time limit.

    .venv/bin/python bench/pathological_pages.py [--timeout SECONDS] [--only NAME]

Each page runs in a child process that is killed after --timeout (default 60) seconds, so the
"before" figure of a page that would take hours reads "> 60 s". Prints one row per page: its size,
the time it took (or the limit it hit) and the contacts found. No database and no Django needed.
"""

import argparse
import multiprocessing
import sys
import time
from pathlib import Path
from queue import Empty

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def pathological_pages() -> dict[str, str]:
    """name -> html: the inputs of issue 10 and their relatives, a real contact hidden in each."""
    contact = "<p>Write to jane.roe@firm.com</p>"
    return {
        "word dot x24": "x dot " * 24,
        "word dot x2000": "x dot " * 2000 + contact,
        "DOT mixed case x2000": "x DOT Dot dOt " * 700 + contact,
        "bracket (dot) x5000": "x (dot) " * 5000 + contact,
        "bracket [at] x5000": "x [at] " * 5000 + contact,
        "word at x5000": "x at " * 5000 + contact,
        "dotted local x20000": "a." * 20_000 + "@" + contact,
        "at-signs x50000": "a@" * 50_000 + contact,
        "digits and dashes 200 KB": "1-" * 100_000 + contact,
        "digit groups 200 KB": "12 " * 70_000 + contact,
        "nested div 800 KB": "<div>" * 160_000 + contact,
        "nested div closed 1.8 MB": "<div>" * 160_000 + contact + "</div>" * 160_000,
        "misnested closes 1 MB": "<div></span>" * 80_000 + contact,
        "nested span 800 KB": "<span>" * 130_000 + contact,
        "nested table 800 KB": "<table><tr><td>" * 55_000 + contact,
        "long word 1 MB": "a" * 1_000_000 + " " + contact,
        "cards with phones x5000": "".join(
            f"<p>person{i}@firm.com +1 202 555 {i % 10000:04d}</p>" for i in range(5000)
        ),
        "one email x20000": "<p>" + "jane.roe@firm.com " * 20_000 + "</p>",
        "word at dot chains x3000": "x dot x at " * 3000 + contact,
        "labels x20000": "Tel: " * 20_000 + "+1 202 555 0123" + contact,
    }


def _run(html: str, queue) -> None:
    from extraction.extract import extract_contacts_strict

    start = time.perf_counter()
    found = extract_contacts_strict(html, "https://firm.com/")
    found = [c.email or c.phone for c in found]
    shown = found if len(found) <= 3 else [*found[:3], f"... ({len(found)} in all)"]
    queue.put((time.perf_counter() - start, shown))


def time_page(html: str, timeout: float) -> tuple[float | None, list[str]]:
    """(seconds, contacts found) in a child process, or (None, []) if it ran out of time."""
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_run, args=(html, queue))
    child.start()
    try:
        result = queue.get(timeout=timeout)  # before join: a big result fills the pipe
    except Empty:
        result = (None, [] if child.is_alive() else ["crashed"])
    child.kill()
    child.join()
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--only", default="", help="run only pages whose name contains this")
    args = parser.parse_args(argv)
    worst = 0.0
    print(f"{'page':28} {'KB':>7} {'seconds':>10}  found")
    for name, html in pathological_pages().items():
        if args.only and args.only not in name:
            continue
        seconds, found = time_page(html, args.timeout)
        shown = f"> {args.timeout:.0f}" if seconds is None else f"{seconds:.3f}"
        worst = max(worst, args.timeout if seconds is None else seconds)
        print(f"{name:28} {len(html) / 1000:7.1f} {shown:>10}  {', '.join(found)}")
    print(f"worst: {'>' if worst >= args.timeout else ''}{worst:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
