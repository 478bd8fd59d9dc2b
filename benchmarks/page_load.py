"""Dashboard page-load time: navigation start to ``body[data-ready]`` in Debian's Chromium.

Usage: start ``frontwatch serve --db DB --tiles none --port PORT`` and let it warm up, then
``python benchmarks/page_load.py http://127.0.0.1:PORT [--runs 5]``. Prints each run and the median.
"""

from __future__ import annotations

import argparse
import statistics
import time

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        times = []
        for _ in range(args.runs):
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            started = time.perf_counter()
            page.goto(args.url, timeout=60_000)
            page.wait_for_selector("body[data-ready]", timeout=60_000)
            times.append(time.perf_counter() - started)
            page.close()
        browser.close()
    print(" ".join(f"{t:.2f}" for t in times), f"median {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
