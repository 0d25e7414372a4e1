"""Scrapy with the seed's regexes and no database: the peer to beat. Run as a script, it prints
one JSON line: ``python bench/scrapy_seed.py URLS_FILE CONCURRENCY PER_DOMAIN``."""

import json
import sys
import time
from pathlib import Path

import scrapy
from scrapy.crawler import CrawlerProcess

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from seed_design import seed_extract


class SeedSpider(scrapy.Spider):
    name = "seed"

    def __init__(self, urls, results, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = urls
        self.results = results

    def parse(self, response):
        emails, phones = seed_extract(response.text)
        self.results["pages"] += 1
        self.results["matches"] += len(emails) + len(phones)


def main() -> None:
    urls = Path(sys.argv[1]).read_text().split()
    concurrency, per_domain = int(sys.argv[2]), int(sys.argv[3])
    results = {"pages": 0, "matches": 0}
    process = CrawlerProcess(
        settings={
            "LOG_ENABLED": False,
            "ROBOTSTXT_OBEY": False,
            "CONCURRENT_REQUESTS": concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": per_domain,
            "TELNETCONSOLE_ENABLED": False,
            "COOKIES_ENABLED": False,
            "RETRY_ENABLED": False,
            "DOWNLOAD_MAXSIZE": 5 * 1024 * 1024,
        }
    )
    process.crawl(SeedSpider, urls=urls, results=results)
    started = time.monotonic()
    process.start()
    seconds = time.monotonic() - started
    results.update(seconds=seconds, pages_per_second=results["pages"] / seconds)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
