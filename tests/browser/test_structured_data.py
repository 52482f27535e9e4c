"""schema.org JSON-LD where it says what a page is, read with Python's json: each page kind's
type and the properties that type needs (schema.org, and Google's required ones for videos)."""

import json
import re
from pathlib import Path

import pytest

from conftest import REPO, page_of_kind

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def objects(site, page):
    """The page's JSON-LD objects, @graph members included."""
    found = []
    for block in SCRIPT.findall((Path(site) / page).read_text(encoding="utf-8")):
        data = json.loads(block)
        assert data.get("@context") == "https://schema.org", page
        found += data.get("@graph", [data])
    return found


def of_type(site, page, kind):
    matching = [o for o in objects(site, page) if o.get("@type") == kind]
    assert len(matching) == 1, f"{page}: {[o.get('@type') for o in objects(site, page)]}"
    return matching[0]


def every(site, pattern):
    pages = sorted(str(p.relative_to(site)) for p in Path(site).glob(pattern))
    assert pages, pattern
    return pages


def test_needs_are_demands_sought_by_their_buyer(site_dir):
    for page in every(site_dir, "besoins/*-20*/index.html"):
        demand = of_type(site_dir, page, "Demand")
        for key in ("name", "url", "description", "itemOffered", "availabilityStarts", "areaServed"):
            assert demand.get(key), f"{page} lacks {key}"
        assert demand["url"].endswith("/" + page[: -len("index.html")])
        assert re.fullmatch(r"\d{4}-\d{2}-01", demand["availabilityStarts"])
        assert demand["itemOffered"]["@type"] == "Service"
        buyer = of_type(site_dir, page, "GovernmentOrganization")
        assert buyer["seeks"] == {"@id": demand["@id"]}
        if "priceSpecification" in demand:
            price = demand["priceSpecification"]
            assert price["priceCurrency"] == "EUR" and price["minPrice"] <= price["maxPrice"]


def test_suppliers_are_organizations_with_what_they_know_and_where_they_serve(site_dir):
    pages = [p for p in every(site_dir, "prestataires/*/index.html") if "supplier-page" in (Path(site_dir) / p).read_text(encoding="utf-8")]
    assert len(pages) > 100
    for page in pages:
        organization = of_type(site_dir, page, "Organization")
        for key in ("name", "url", "knowsAbout", "areaServed", "address"):
            assert organization.get(key), f"{page} lacks {key}"
        assert isinstance(organization["knowsAbout"], list)


def test_pitches_are_videos_with_poster_date_duration_and_transcript(site_dir):
    for page in every(site_dir, "pitchs/*/index.html"):
        video = of_type(site_dir, page, "VideoObject")
        for key in ("name", "description", "thumbnailUrl", "uploadDate"):
            assert video.get(key), f"{page} lacks {key}"
        assert re.fullmatch(r"PT\d+M\d+S", video["duration"]), page
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00\+0[12]:00", video["uploadDate"]), page
        thumbnail = video["thumbnailUrl"].split("/", 3)[3]
        assert (Path(site_dir) / thumbnail).is_file(), f"{page}: {thumbnail}"
    with_transcript = [p for p in every(site_dir, "pitchs/*/index.html") if of_type(site_dir, p, "VideoObject").get("transcript")]
    written = [p for p in (REPO / "content" / "pitches").glob("*.md") if "\n## Transcription\n" in p.read_text(encoding="utf-8")]
    assert len(with_transcript) == len(written) > 0


def test_the_home_page_is_a_website_with_its_search(site_dir):
    site = of_type(site_dir, "index.html", "WebSite")
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    template = action["target"]["urlTemplate"]
    assert template.endswith("/recherche/?q={search_term_string}")
    assert action["query-input"] == "required name=search_term_string"
    assert (Path(site_dir) / "recherche" / "index.html").is_file()


@pytest.mark.parametrize("kind,schema_type", [("matinale", "Event"), ("buyer", "GovernmentOrganization")])
def test_matinales_and_buyers_keep_theirs(site_dir, kind, schema_type):
    of_type(site_dir, page_of_kind(site_dir, kind), schema_type)
