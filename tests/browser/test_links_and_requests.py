"""Every internal link and anchor resolves; no page loads anything from another origin; the
video facade works without JavaScript."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from selenium.webdriver.common.by import By

from conftest import html_pages, page_of_kind, url_of

LINK_ATTRIBUTES = {"href", "src", "poster", "action", "data"}
# <link> relations that make the browser fetch something; others (canonical, alternate) only name a URL.
LOADING_RELATIONS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}


class PageLinks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, bool]] = []  # (tag, URL, whether the browser fetches it)
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        relations = set((dict(attrs).get("rel") or "").lower().split())
        loads = tag not in ("a", "area", "form", "link") or bool(relations & LOADING_RELATIONS)
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES:
                self.links.append((tag, value, loads))
            elif name == "srcset":
                self.links += [(tag, part.strip().split(" ")[0], True) for part in value.split(",") if part.strip()]
        if tag == "base":
            self.base = dict(attrs).get("href")


def parse(path: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target_file(site: Path, page_url: str) -> Path | None:
    """The file a same-site URL path designates, as a static server would serve it."""
    path = unquote(urlsplit(page_url).path).lstrip("/")
    candidate = site / path
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() and site.resolve() in candidate.resolve().parents else None


def test_internal_links_and_anchors_resolve(site_dir):
    origin = "http://site.invalid"
    parsed = {page: parse(site_dir / page) for page in html_pages(site_dir)}
    broken = []
    for page, links in parsed.items():
        # 404.html is served at any depth, so its links are root-relative; every other page's are relative.
        page_url = f"{origin}/{page}"
        for tag, link, loads in links.links:
            absolute = urljoin(links.base or page_url, link)
            parts = urlsplit(absolute)
            if parts.scheme in ("mailto", "tel"):
                continue
            if f"{parts.scheme}://{parts.netloc}" != origin:
                assert not loads, f"{page}: <{tag}> loads {link} from another site"
                continue
            target = target_file(site_dir, absolute)
            if target is None:
                broken.append(f"{page}: <{tag}> {link} → no such file")
                continue
            if parts.fragment and target.suffix == ".html":
                target_page = str(target.relative_to(site_dir))
                ids = parsed[target_page].ids if target_page in parsed else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page}: {link} → no #{parts.fragment} in {target_page}")
    assert not broken, "\n".join(broken)


def test_no_page_requests_a_third_party_url(driver, site_dir, base_url):
    offenders = []
    for page in html_pages(site_dir):
        driver.get(url_of(base_url, page))
        names = driver.execute_script(
            "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
            ".map(function (entry) { return entry.name; })")
        offenders += [f"{page}: {name}" for name in names if not name.startswith(base_url + "/")]
    assert not offenders, "\n".join(offenders)


def test_video_facade_loads_nothing_until_asked(driver, site_dir, base_url):
    page = page_of_kind(site_dir, "pitch-with-facade")
    driver.get(url_of(base_url, page))
    facade = driver.find_element(By.CSS_SELECTOR, ".video-facade")
    assert not facade.find_elements(By.TAG_NAME, "iframe")
    buttons = facade.find_elements(By.CSS_SELECTOR, ".video-facade__button")
    if buttons:
        assert buttons[0].is_displayed(), "with JavaScript the play button shows"


def test_video_facade_without_javascript_links_to_the_provider(driver_nojs, site_dir, base_url):
    page = page_of_kind(site_dir, "pitch-with-facade")
    driver_nojs.get(url_of(base_url, page))
    facade = driver_nojs.find_element(By.CSS_SELECTOR, ".video-facade")
    assert not facade.find_elements(By.TAG_NAME, "iframe")
    for button in facade.find_elements(By.CSS_SELECTOR, ".video-facade__button"):
        assert not button.is_displayed(), "without JavaScript the play button stays hidden"
    links = [link.get_attribute("href") for link in facade.find_elements(By.CSS_SELECTOR, "figcaption a")]
    assert any(link.startswith("https://") for link in links), "the provider link is the fallback"


@pytest.mark.parametrize("kind", ["home", "roadmap", "matinale", "catalogue"])
def test_pages_read_without_javascript(driver_nojs, site_dir, base_url, kind):
    page = page_of_kind(site_dir, kind)
    driver_nojs.get(url_of(base_url, page))
    assert driver_nojs.find_element(By.TAG_NAME, "h1").text.strip()
    assert driver_nojs.find_element(By.TAG_NAME, "main").is_displayed()
