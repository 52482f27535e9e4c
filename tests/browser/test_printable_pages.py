"""Every printable page (the timetable of a table, of a supplier, of a slot, the room's grid)
fits one A4 page when Chromium prints it to PDF, as an organiser would print it."""

import base64
import re

import pytest

from conftest import html_pages, url_of

A4 = (595.28, 841.89)  # points
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?!s)")
MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s*\]")


def printable_pages(site):
    return [page for page in html_pages(site)
            if '<body class="printable">' in (site / page).read_text(encoding="utf-8")]


def print_to_pdf(driver, url: str) -> bytes:
    driver.get(url)
    result = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    return base64.b64decode(result["data"])


def test_the_sample_has_every_kind_of_printable_page(site_dir):
    pages = printable_pages(site_dir)
    for kind in ("/table-", "/prestataires/", "/creneau-", "/grille/"):
        assert any(kind in page for page in pages), f"no printable page {kind}"
    grid = next(page for page in pages if page.endswith("/grille/index.html"))
    text = (site_dir / grid).read_text(encoding="utf-8")
    # The sample's grid is the case the programme prints: 20 tables × 7 slots.
    assert text.count('<th scope="row">') == 20
    assert len(re.findall(r'<th scope="col"><time', text)) == 7


def test_every_printable_page_fits_one_a4_page(site_dir, base_url, driver_nojs):
    pages = printable_pages(site_dir)
    if not pages:
        pytest.skip("the sample site has no printable page")
    problems = []
    for page in pages:
        pdf = print_to_pdf(driver_nojs, url_of(base_url, page))
        count = len(PAGE_OBJECT.findall(pdf))
        boxes = {tuple(round(float(value)) for value in box[2:]) for box in MEDIA_BOX.findall(pdf)}
        a4 = {(round(A4[0]), round(A4[1])), (round(A4[1]), round(A4[0]))}
        if count != 1:
            problems.append(f"{page}: {count} pages")
        if not boxes or not boxes <= {(w, h) for w, h in a4} | {(w + 1, h + 1) for w, h in a4}:
            problems.append(f"{page}: paper {sorted(boxes)} is not A4")
    assert not problems, "\n".join(problems)


def test_the_grid_prints_in_landscape(site_dir, base_url, driver_nojs):
    grid = next((page for page in printable_pages(site_dir) if page.endswith("/grille/index.html")), None)
    if grid is None:
        pytest.skip("no grid")
    pdf = print_to_pdf(driver_nojs, url_of(base_url, grid))
    width, height = (float(value) for value in MEDIA_BOX.findall(pdf)[0][2:])
    assert width > height
