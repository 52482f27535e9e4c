"""Fixtures for the browser checks: the sample site built once, served locally, and headless
Chromium drivers (with and without JavaScript)."""

import functools
import http.server
import os
import shutil
import socket
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


def openmap_binary() -> Path:
    """The newer of the release and debug binaries (built here when neither exists): an old
    release binary left by `make site` must not hide the code under test."""
    built = [binary for binary in (REPO / ".build" / configuration / "openmap" for configuration in ("release", "debug"))
             if binary.is_file()]
    if built:
        return max(built, key=lambda binary: binary.stat().st_mtime)
    subprocess.run(["swift", "build", "--product", "openmap"], cwd=REPO, check=True)
    return REPO / ".build" / "debug" / "openmap"


@pytest.fixture(scope="session")
def site_dir():
    """The sample content rendered into a temporary folder, once per session; or the site in the
    folder OPENMAP_SITE names (to check another build: the checks do not depend on the sample)."""
    if os.environ.get("OPENMAP_SITE"):
        yield Path(os.environ["OPENMAP_SITE"]).resolve()
        return
    workspace = Path(tempfile.mkdtemp(prefix="openmap-browser-"))
    output = workspace / "site"
    subprocess.run(
        [str(openmap_binary()), "build", "--content", str(REPO / "content"),
         "--templates", str(REPO / "templates"), "--output", str(output)],
        cwd=REPO, check=True)
    yield output
    shutil.rmtree(workspace, ignore_errors=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def base_url(site_dir):
    """The site served by Python's http.server on 127.0.0.1, in a thread, for the session."""
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def chrome(javascript: bool):
    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--window-size=1280,900", "--lang=fr-FR",
                     # No background traffic to Google: the third-party check must see only the page's own.
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-default-apps", "--disable-sync", "--no-first-run"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


@pytest.fixture(scope="session")
def driver():
    """Headless Chromium with JavaScript on."""
    browser = chrome(javascript=True)
    yield browser
    browser.quit()


@pytest.fixture(scope="session")
def driver_nojs():
    """Headless Chromium with JavaScript disabled."""
    browser = chrome(javascript=False)
    yield browser
    browser.quit()


def html_pages(site: Path) -> list[str]:
    """Every HTML page of the site, as a path relative to its root, sorted."""
    return sorted(str(path.relative_to(site)) for path in site.rglob("*.html"))


def largest(site: Path, pattern: str, containing: str | None = None) -> str | None:
    """The biggest page matching `pattern` (the richest of its kind), optionally containing a text."""
    candidates = [path for path in site.glob(pattern) if path.is_file()]
    if containing is not None:
        candidates = [path for path in candidates if containing in path.read_text(encoding="utf-8")]
    if not candidates:
        return None
    best = max(candidates, key=lambda path: (path.stat().st_size, str(path)))
    return str(best.relative_to(site))


def first_existing(site: Path, *paths: str) -> str | None:
    return next((path for path in paths if (site / path).is_file()), None)


# Every page kind the site has, as a function of the built site: None when the kind is absent
# (the sample content has no such page yet), which skips its checks.
PAGE_KINDS = {
    "home": lambda site: first_existing(site, "index.html"),
    "roadmaps": lambda site: first_existing(site, "feuilles-de-route/index.html"),
    "roadmap": lambda site: largest(site, "feuilles-de-route/*/*/index.html"),
    "need": lambda site: largest(site, "besoins/*/index.html") or largest(site, "feuilles-de-route/*/*/*/index.html"),
    "catalogue": lambda site: first_existing(site, "besoins/index.html", "catalogue/index.html"),
    "buyers": lambda site: first_existing(site, "acheteurs/index.html"),
    "buyer": lambda site: largest(site, "acheteurs/*/index.html"),
    "suppliers": lambda site: first_existing(site, "prestataires/index.html"),
    "supplier": lambda site: largest(site, "prestataires/*/index.html", containing="supplier-page"),
    "supplier-with-pitch": lambda site: largest(site, "prestataires/*/index.html", containing="video-facade"),
    "directory-selection": lambda site: largest(site, "prestataires/theme/*/departement/*/index.html"),
    "search": lambda site: first_existing(site, "recherche/index.html"),
    "roadmap-markdown": lambda site: largest(site, "feuilles-de-route/*/*/index.html", containing="task-list-item"),
    "matinales": lambda site: first_existing(site, "matinales/index.html"),
    "matinale": lambda site: largest(site, "matinales/*/index.html"),
    "timetable": lambda site: largest(site, "matinales/*/rendez-vous/index.html"),
    "timetable-table": lambda site: largest(site, "matinales/*/rendez-vous/table-*/index.html"),
    "timetable-supplier": lambda site: largest(site, "matinales/*/rendez-vous/prestataires/*/index.html"),
    "timetable-slot": lambda site: largest(site, "matinales/*/rendez-vous/creneau-*/index.html"),
    "timetable-grid": lambda site: largest(site, "matinales/*/rendez-vous/grille/index.html"),
    "facet": lambda site: largest(site, "besoins/theme/*/index.html"),
    "open-data": lambda site: first_existing(site, "donnees/index.html"),
    "pitches": lambda site: first_existing(site, "pitchs/index.html"),
    "pitch-with-facade": lambda site: largest(site, "pitchs/*/index.html", containing="video-facade"),
    "testimonials": lambda site: first_existing(site, "temoignages/index.html"),
    "legal-notice": lambda site: first_existing(site, "mentions-legales/index.html"),
    "accessibility-statement": lambda site: first_existing(site, "accessibilite/index.html"),
    "privacy": lambda site: first_existing(site, "donnees-personnelles/index.html"),
    "about": lambda site: first_existing(site, "a-propos/index.html"),
    "not-found": lambda site: first_existing(site, "404.html"),
}


def page_of_kind(site: Path, kind: str) -> str:
    page = PAGE_KINDS[kind](site)
    if page is None:
        pytest.skip(f"the sample site has no {kind} page")
    return page


def url_of(base: str, page: str) -> str:
    """The URL a visitor uses: folders, not their index.html."""
    if page == "index.html":
        return base + "/"
    if page.endswith("/index.html"):
        return f"{base}/{page[: -len('index.html')]}"
    return f"{base}/{page}"


# The accessibility checks: each test that checks RGAA criteria says so with
# @pytest.mark.rgaa(id, label, criteria). Their outcomes are gathered here, one entry per check
# (pages checked, failures), for the accessibility statement (test_zz_statement.py compares them
# with content/accessibilite-tests.yaml). A test may weigh itself with the user properties
# "pages" and "failures" (one test over every page of the site); by default an item is a page.

class RGAAResults:
    def __init__(self):
        self.checks: dict[str, dict] = {}
        self.collected: dict[str, int] = {}
        self.ran: dict[str, int] = {}
        self.tools: set[str] = set()

    def check(self, marker) -> dict:
        identifier, label, criteria = marker.args
        return self.checks.setdefault(identifier, {"id": identifier, "label": label, "criteria": list(criteria),
                                                   "pages": 0, "failures": 0})


RGAA_RESULTS = RGAAResults()


def pytest_configure(config):
    config.addinivalue_line("markers", "rgaa(id, label, criteria): an automated check of RGAA criteria, "
                                       "reported in the accessibility statement")


def pytest_collection_modifyitems(session, config, items):
    for item in items:
        marker = item.get_closest_marker("rgaa")
        if marker is not None:
            RGAA_RESULTS.collected[marker.args[0]] = RGAA_RESULTS.collected.get(marker.args[0], 0) + 1
            RGAA_RESULTS.check(marker)  # in collection order: the order of the statement


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    marker = item.get_closest_marker("rgaa")
    if marker is None:
        return
    if report.skipped:
        # Nothing to check there (a page kind without tables): it ran all the same.
        RGAA_RESULTS.ran[marker.args[0]] = RGAA_RESULTS.ran.get(marker.args[0], 0) + 1
        return
    # The call's outcome, or a setup that failed (the page could not be checked).
    if report.when == "call" or (report.when == "setup" and report.failed):
        check = RGAA_RESULTS.check(marker)
        properties = dict(item.user_properties)
        check["pages"] += int(properties.get("pages", 1))
        check["failures"] += int(properties.get("failures", 1 if report.failed else 0))
        RGAA_RESULTS.ran[marker.args[0]] = RGAA_RESULTS.ran.get(marker.args[0], 0) + 1


@pytest.fixture(scope="session")
def rgaa_results():
    return RGAA_RESULTS


# A card's key: the last folder of its link (`../besoins/<key>/`).
CARD_KEY_SCRIPT = "function cardKey(li) { return li.querySelector('h3 a').getAttribute('href').split('/').slice(-2)[0]; }"


def keys_on_page(driver):
    """The keys of a list's cards (`#liste`), read at once (the script may replace the list meanwhile)."""
    return driver.execute_script(
        CARD_KEY_SCRIPT + "return Array.prototype.map.call(document.querySelectorAll('#liste > li.need-card'), cardKey);")


def static_list(driver, url):
    """Every card key of a static list, following its rel=next pages."""
    keys = []
    while url:
        driver.get(url)
        keys += keys_on_page(driver)
        nexts = driver.find_elements(By.CSS_SELECTOR, ".pagination a[rel=next]")
        url = nexts[0].get_attribute("href") if nexts else None
    return keys
