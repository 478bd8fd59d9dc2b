"""The dashboard in a real browser (Debian's Chromium via Playwright) against `frontwatch serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from test_api import build_sample_store

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.browser


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium chromium-driver)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason + "; CI=true demands them")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    db = build_sample_store(tmp_path_factory.getbasetemp())
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from frontwatch.cli import main; main()", "serve", "--db", db,
         "--port", str(port), "--tiles", "none"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/api/meta", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("frontwatch serve did not start:\n" + process.stdout.read().decode(errors="replace"))
            time.sleep(0.3)
    urllib.request.urlopen(url + "/api/control/series", timeout=60)  # the server's warm-up, done once
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


def pixel_spread(path: Path) -> float:
    """Standard deviation of grey levels: near 0 for a blank or single-colour screenshot."""
    from PIL import Image, ImageStat

    return ImageStat.Stat(Image.open(path).convert("L")).stddev[0]


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_slider_event_click_and_evidence(server, browser, tmp_path, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + "/", timeout=60_000)
    # load time is measured in docs/benchmarks.md (## Outputs), not asserted on a shared machine
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)

    days = page.eval_on_selector("#date-slider", "s => Number(s.max) + 1")
    page.eval_on_selector("#date-slider", "s => { s.value = 0; s.dispatchEvent(new Event('input')); }")
    first_day = page.inner_text("#control-summary")
    page.eval_on_selector("#date-slider", "s => { s.value = 11; s.dispatchEvent(new Event('input')); }")
    assert page.inner_text("#date-label") == "2022-09-12" and days > 11
    # the replay shows the front moving: other counts, and settlements that changed hands as squares
    assert page.inner_text("#control-summary") != first_day
    page.wait_for_selector(".settlement-icon.changed", timeout=30_000)
    page.wait_for_selector("body[data-events-date='2022-09-12'] path.event-marker", timeout=30_000)
    page.locator("path.event-marker").first.click()
    mark = page.wait_for_selector("#evidence mark", timeout=30_000)
    assert mark.inner_text().strip()
    assert page.get_attribute("#tab-evidence", "aria-selected") == "true"
    assert "report" in page.inner_text("#evidence .meta")

    # a settlement that changed hands is reachable by keyboard and opens its evidence with Enter
    before = page.inner_text("#evidence .meta")
    page.focus(".settlement-icon.changed")
    page.keyboard.press("Enter")
    page.wait_for_function("b => { const m = document.querySelector('#evidence .meta'); "
                           "return m && m.textContent !== b && document.querySelector('#evidence mark'); }",
                           arg=before, timeout=30_000)
    assert page.locator("#evidence mark").count() == 1

    page.focus("#date-slider")
    page.keyboard.press("ArrowLeft")
    assert page.inner_text("#date-label") == "2022-09-11"
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1  # no sideways scrolling

    shot = tmp_path / f"dashboard-{width}x{height}.png"
    page.screenshot(path=str(shot))
    assert pixel_spread(shot) > 20
    assert not errors
    page.close()


def test_panels_claims_forecasts_and_search(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server + "/", timeout=60_000)
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
    page.click("#tab-claims")
    page.locator("#claims .source h3 button").first.click()
    page.locator("#claims ul.items button").first.click()
    page.wait_for_selector("#evidence mark", timeout=30_000)

    page.click("#tab-forecasts")
    page.wait_for_selector("#calibration svg circle", timeout=30_000)
    assert page.locator("table.forecasts tbody tr").count() >= 1

    page.fill("#search", "Izium")
    page.press("#search", "Enter")
    page.wait_for_selector("#search-results .snippet mark", timeout=30_000)
    assert "izium" in page.inner_text("#search-results .snippet mark").lower()

    page.click("#tab-claims")
    page.keyboard.press("ArrowRight")  # tabs follow the WAI-ARIA pattern
    assert page.get_attribute("#tab-forecasts", "aria-selected") == "true"
    page.close()
