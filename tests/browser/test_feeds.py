"""Every « S’abonner » link of the site leads to a feed (read with feedparser) that holds exactly
the items of the list it sits on: the cards of that list, over all its pages."""

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser

from conftest import html_pages

SUBSCRIBE = re.compile(r'<a href="([^"]+)"><span aria-hidden="true">◉</span> S’abonner')
CARD = re.compile(r'<li class="need-card"><h3><a href="([^"]+)">')
NEXT = re.compile(r'<a href="([^"]+)" rel="next">')
# The feeds' entry limits (Sources/OpenMapRender/Feeds.swift): a longer list's feed holds its newest items.
LIMITS = {"needs": 100, "suppliers": 500}


def site_path(page, href):
    """The site path (`besoins/x/`) a link of `page` leads to."""
    return urlsplit(urljoin("http://site.invalid/" + page, href)).path.lstrip("/")


def list_items(site, page):
    """The site paths of the cards of the list on `page`, following its next pages."""
    items = []
    while page:
        text = (site / page).read_text(encoding="utf-8")
        items += [site_path(page, href) for href in CARD.findall(text)]
        following = NEXT.search(text)
        page = site_path(page, following.group(1)) + "index.html" if following else None
    return items


def test_every_subscribe_link_gives_the_items_of_its_page(site_dir):
    site = Path(site_dir)
    checked = 0
    for page in html_pages(site):
        text = (site / page).read_text(encoding="utf-8")
        for href in SUBSCRIBE.findall(text):
            feed_path = site_path(page, href)
            assert (site / feed_path).is_file(), f"{page}: {href}"
            feed = feedparser.parse((site / feed_path).read_bytes())
            assert not feed.bozo, f"{feed_path}: {feed.bozo_exception}"
            entries = [urlsplit(entry.link).path.lstrip("/") for entry in feed.entries]
            assert len(entries) == len(set(entries)), feed_path
            # The list the feed says it mirrors is this page's.
            alternate = next(link.href for link in feed.feed.links if link.rel == "alternate")
            items = list_items(site, page if "/page/" not in page else re.sub(r"page/\d+/index.html$", "index.html", page))
            assert urlsplit(alternate).path.lstrip("/") == page[: -len("index.html")].split("page/")[0], f"{page}: {feed_path}"
            limit = LIMITS["suppliers" if feed_path.startswith("flux/prestataires") else "needs"]
            if len(items) <= limit:
                assert sorted(entries) == sorted(items), f"{page}: {feed_path}"
            else:
                assert len(entries) == limit and set(entries) <= set(items), f"{page}: {feed_path}"
            checked += 1
    # The catalogue and its facet pages, the buyers with needs, the directory and its criteria.
    assert checked > 100, checked


def test_feeds_of_each_kind_exist_and_parse(site_dir):
    site = Path(site_dir)
    for path in ["flux/besoins.xml", "flux/theme/opendata.xml", "flux/departement/93.xml", "flux/statut/publie.xml",
                 "flux/acheteurs/plaine-commune.xml", "flux/prestataires.xml", "flux/prestataires/theme/cybersecurite.xml"]:
        feed = feedparser.parse((site / path).read_bytes())
        assert not feed.bozo and feed.entries and feed.feed.title, path
        assert all(entry.get("updated") and entry.get("title") and entry.get("summary") for entry in feed.entries), path
