"""The pictures (launch calendar, map of Île-de-France, roadmap timelines, Matinale figures) read
as a visitor and as pandas read them: every number equals the open data's count for its filter,
every link leads to a list of exactly that many items, the calendar's two views switch without
JavaScript, both print, the map and the timeline stay readable in forced colours, and each
picture stays light."""

import gzip
import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pandas as pd
import pytest
from selenium.webdriver.common.by import By

from conftest import url_of

QUARTER = re.compile(r"(\d)(?:er|e) trimestre (\d{4})")
NUMBER = re.compile(r"[\d\u202f]+")


def read_csv(site, name):
    return pd.read_csv(Path(site) / "donnees" / name, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def text(fragment: str) -> str:
    """The words of an HTML fragment, entities decoded, spaces (no-break ones too) made plain."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def number(fragment: str) -> int:
    return int(NUMBER.search(text(fragment).replace(" ", "")).group(0))


def quarter_code(label: str) -> str:
    """« 1er trimestre 2016 » → « 2016-T1 », as lancement_trimestre writes it."""
    match = QUARTER.search(label)
    return f"{match.group(2)}-T{match.group(1)}"


def page_of(page: str, href: str) -> str:
    """The file of the page a link of `page` leads to."""
    path = urlsplit(urljoin("http://site.invalid/" + page, href)).path.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


CARD = re.compile(r'<li class="need-card"><h3><a href="(?:[^"]*/)?([^/"]+)/">')
NEXT = re.compile(r'<a href="([^"]+)" rel="next">')


def listed(site: Path, page: str) -> list[str]:
    """The keys of the cards of the list on `page` and its following pages."""
    keys = []
    while page:
        content = (site / page).read_text(encoding="utf-8")
        keys += CARD.findall(content)
        following = NEXT.search(content)
        page = page_of(page, following.group(1)) if following else None
    return keys


def calendar_views(content: str) -> dict[str, dict]:
    """Each view of the calendar: its quarters (codes), its rows (label → cells (count, href))."""
    views = {}
    for view_id, block in re.findall(r'<div class="calendar__view[^"]*" id="([^"]+)">(.*?)</table>', content, re.S):
        quarters = [quarter_code(label) for label in
                    re.findall(r'<th scope="col" class="(?:past|now|next)">.*?<span class="visually-hidden">([^<]+)</span>', block)]
        body = re.search(r"<tbody>(.*?)</tbody>", block, re.S).group(1)
        rows = {}
        for label, cells in re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', body, re.S):
            rows[text(label)] = [(number(cell), href or None) for href, cell in
                                 re.findall(r'<td class="[lg]\d[^"]*">(?:<a href="([^"]+)">)?(.*?)</td>', cells, re.S)]
        views[view_id] = {"quarters": quarters, "rows": rows}
    return views


@pytest.mark.parametrize("page", ["besoins/index.html", "index.html"])
def test_every_calendar_count_is_the_open_data_count_and_leads_to_its_list(site_dir, page):
    site = Path(site_dir)
    needs = read_csv(site_dir, "besoins.csv")
    views = calendar_views((site / page).read_text(encoding="utf-8"))
    assert set(views) == {"calendrier-themes", "calendrier-departements"}, page
    checked = 0
    for view_id, column in (("calendrier-themes", "theme_libelle"), ("calendrier-departements", "departement")):
        view = views[view_id]
        # Quarters across, from the first launch to the last, none missing.
        codes = sorted(needs["lancement_trimestre"].unique())
        assert view["quarters"][0] == codes[0] and view["quarters"][-1] == codes[-1]
        assert set(codes) <= set(view["quarters"])
        for label, cells in view["rows"].items():
            key = label.split(" – ")[0] if column == "departement" else label
            for quarter, (count, href) in zip(view["quarters"], cells):
                chosen = needs[(needs[column] == key) & (needs["lancement_trimestre"] == quarter)]
                assert count == len(chosen), f"{page} {view_id}: {label}, {quarter}"
                if href is None:
                    assert count == 0
                    continue
                keys = listed(site, page_of(page, href))
                assert sorted(keys) == sorted(chosen["identifiant"]), f"{page} {view_id}: {label}, {quarter} → {href}"
                checked += 1
        # Every need is in one row and one column.
        assert sum(count for cells in view["rows"].values() for count, _ in cells) == len(needs)
    assert checked > 20


def test_the_maps_count_what_the_open_data_counts(site_dir):
    site = Path(site_dir)
    needs = read_csv(site_dir, "besoins.csv")
    suppliers = read_csv(site_dir, "prestataires.csv")
    area = re.compile(r'<a href="([^"]+)" aria-label="([^"]+)" class="idf-map__area[^"]*">\s*<path[^>]*/>\s*'
                      r'<text[^>]*>(\d+)</text>\s*<rect[^>]*/>\s*<text[^>]*>([\d\u202f]+)</text>')
    empty = re.compile(r'<g aria-label="[^"]+" role="img" class="idf-map__area[^"]*">\s*<path[^>]*/>\s*<text[^>]*>(\d+)</text>'
                       r'\s*<rect[^>]*/>\s*<text[^>]*>0</text>')
    for page, frame, unit in (("besoins/index.html", needs, "besoin"), ("prestataires/index.html", suppliers, "prestataire")):
        content = (site / page).read_text(encoding="utf-8")
        shown = {code: (int(count.replace("\u202f", "")), href, html.unescape(label))
                 for href, label, code, count in area.findall(content)}
        shown.update({code: (0, None, None) for code in empty.findall(content)})
        assert sorted(shown) == ["75", "77", "78", "91", "92", "93", "94", "95"], page
        for code, (count, href, label) in shown.items():
            chosen = frame[frame["departement"] == code]
            assert count == len(chosen), f"{page}: {code}"
            if href:
                assert label.endswith(f"\u00a0: {count} {unit}{'s' if count > 1 else ''}"), label
                keys = listed(site, page_of(page, href))
                assert sorted(keys) == sorted(chosen["identifiant"]), f"{page}: {code} → {href}"
        # The table one click away says the same, both counts, with the suppliers elsewhere.
        table = re.search(r'<details class="chart__data">(.*?)</details>', content, re.S).group(1)
        for label, need_cell, supplier_cell in re.findall(r'<tr><th scope="row">([^<]+)</th><td>(.*?)</td><td>(.*?)</td></tr>', table):
            code = text(label).split(" ")[0]
            if code.isdigit():
                assert number(need_cell) == len(needs[needs["departement"] == code]), code
                assert number(supplier_cell) == len(suppliers[suppliers["departement"] == code]), code
            elif text(label) == "Total":
                assert (number(need_cell), number(supplier_cell)) == (len(needs), len(suppliers))
            else:  # Hors d’Île-de-France
                idf = {"75", "77", "78", "91", "92", "93", "94", "95"}
                assert number(supplier_cell) == len(suppliers[(suppliers["departement"] != "") & ~suppliers["departement"].isin(idf)])


MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]


def launch_code(label: str) -> str:
    """« 1er trimestre 2016 » → « 2016-T1 », « mars 2016 » → « 2016-03 », as lancement writes them."""
    if QUARTER.search(label):
        return quarter_code(label)
    month, year = label.split(" ")
    return f"{year}-{MONTHS.index(month) + 1:02d}"


def test_every_roadmap_timeline_shows_its_needs_at_their_launch(site_dir):
    site = Path(site_dir)
    needs = read_csv(site_dir, "besoins.csv")
    statuses = {"Envisagé": "envisage", "En préparation": "en-preparation", "Publié": "publie", "Attribué": "attribue", "Abandonné": "abandonne"}
    row = re.compile(r'<li class="tl__row">\s*<p class="tl__need"><a href="#([^"]+)">.*?<span class="tl__when">'
                     r'<span aria-hidden="true">[^<]*</span> ([^,]+), ([^<(]+?)(?: \(hors horizon\))?</span></p>\s*'
                     r'<span class="tl__track"><span class="tl__mark tl__mark--([a-z-]+)" style="left:([\d.]+)%;width:([\d.]+)%">', re.S)
    roadmaps = needs.groupby("feuille_de_route_url")
    assert len(roadmaps) > 5
    for url, group in roadmaps:
        page = urlsplit(url).path.lstrip("/") + "index.html"
        rows = row.findall((site / page).read_text(encoding="utf-8"))
        assert len(rows) == len(group), page
        records = group.to_dict("records")
        axis = set()
        for need_id, status, launch, mark, left, width in rows:
            record = next(r for r in records if r["identifiant"].endswith("-" + need_id))
            assert statuses[html.unescape(status)] == record["statut"] == mark, f"{page}#{need_id}"
            launch = text(launch)
            assert launch_code(launch) == record["lancement"], f"{page}#{need_id}: {launch}"
            # A quarter spans three months of the axis, a month one: both give the axis' length.
            span = 3 if QUARTER.search(launch) else 1
            months = span * 100 / float(width)
            axis.add(round(months))
            # (Percentages have one decimal: a width ± 0.05 gives the axis' length ± this.)
            assert abs(months - round(months)) <= span * 5 / float(width) ** 2 + 0.01, f"{page}#{need_id}"
            assert 0 <= float(left) and float(left) + float(width) <= 100.1
            # It starts on a month of the axis.
            start = float(left) * round(months) / 100
            assert abs(start - round(start)) < 0.1, f"{page}#{need_id}"
        assert len(axis) == 1, f"{page}: {axis}"
        # In launch order, as the table under it.
        lefts = [float(left) for *_, left, _ in rows]
        assert lefts == sorted(lefts), page


def test_matinale_figures_are_the_open_data_figures(site_dir):
    site = Path(site_dir)
    matinales = json.loads((site / "donnees" / "matinales.json").read_text(encoding="utf-8"))["matinales"]
    cell = re.compile(r'<tr><th scope="row">([^<]+)</th><td class="figures__value">(.*?)</td></tr>', re.S)
    fields = {"Demandes reçues": "demandes_rendez_vous", "Demandes acceptées": "demandes_acceptees", "Rendez-vous": "rendez_vous"}
    index = (site / "matinales" / "index.html").read_text(encoding="utf-8")
    groups = re.findall(r'<tbody>\s*<tr><th scope="rowgroup"[^>]*>(\d+)(?:re|e) Matinale.*?</tbody>', index, re.S)
    shown_in_index = 0
    for matinale in matinales:
        content = (site / "matinales" / matinale["identifiant"] / "index.html").read_text(encoding="utf-8")
        values = {matinale[field] for field in fields.values()}
        section = re.search(r'<section class="chart figures".*?</section>', content, re.S)
        if values == {None}:
            assert section is None, matinale["identifiant"]
            continue
        for label, value in cell.findall(section.group(0)):
            expected = matinale[fields[label]]
            assert (None if "non publié" in value else number(value)) == expected, f"{matinale['identifiant']}: {label}"
        block = re.search(rf'<tr><th scope="rowgroup"[^>]*>{matinale["numero"]}(?:re|e) Matinale.*?</tbody>', index, re.S)
        assert block, matinale["identifiant"]
        for label, value in cell.findall(block.group(0)):
            assert (None if "non publié" in value else number(value)) == matinale[fields[label]]
        shown_in_index += 1
    assert shown_in_index == len(groups) >= 2


def test_the_calendar_switches_views_without_javascript_and_prints_both(driver_nojs, base_url, site_dir):
    driver = driver_nojs
    driver.get(url_of(base_url, "besoins/index.html"))
    themes = driver.find_element(By.ID, "calendrier-themes")
    departments = driver.find_element(By.ID, "calendrier-departements")
    assert themes.is_displayed() and not departments.is_displayed()
    themes.find_element(By.LINK_TEXT, "Par département").click()
    assert departments.is_displayed() and not themes.is_displayed()
    assert driver.current_url.endswith("#calendrier-departements")
    # The view shown is a table for assistive technology, its headers too.
    tree = driver.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
    names = [node.get("name", {}).get("value", "") for node in tree if not node.get("ignored") and node.get("role", {}).get("value") == "table"]
    assert any("département" in name for name in names) and not any("par thème" in name for name in names), names
    departments.find_element(By.LINK_TEXT, "Par thème").click()
    assert themes.is_displayed() and not departments.is_displayed()
    # On paper, both views, without the switch.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert themes.is_displayed() and departments.is_displayed()
        assert not driver.find_element(By.CSS_SELECTOR, ".calendar__switch").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


@pytest.mark.parametrize("width", [390, 1280])
def test_the_calendars_other_view_passes_axe(driver, base_url, width):
    """The departments' view, shown when a link targets it, as axe-core sees it."""
    from test_accessibility import describe, run_axe
    driver.set_window_size(width, 900)
    driver.get(url_of(base_url, "besoins/index.html") + "#calendrier-departements")
    assert driver.find_element(By.ID, "calendrier-departements").is_displayed()
    violations = run_axe(driver)
    assert not violations, describe(violations)


@pytest.mark.parametrize("page", ["besoins/index.html", "feuilles-de-route/2015/plaine-commune/index.html"])
def test_pictures_keep_their_marks_in_forced_colours(driver, base_url, page):
    """With Windows' high contrast (forced colours), the shades go: what tells areas, marks and the
    current quarter apart must be drawn in the system's text colour, not in a background."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "forced-colors", "value": "active"}]})
    try:
        driver.get(url_of(base_url, page))
        problems = driver.execute_script("""
            var problems = [];
            function seen(colour) { return colour && !/rgba\\(0, 0, 0, 0\\)|transparent/.test(colour); }
            document.querySelectorAll('.idf-map__area path').forEach(function (path) {
              var style = getComputedStyle(path);
              if (!seen(style.stroke) || style.stroke === style.fill) problems.push('map area without an edge');
            });
            document.querySelectorAll('.tl__mark').forEach(function (mark) {
              var style = getComputedStyle(mark);
              if (parseFloat(style.borderTopWidth) < 2 || !seen(style.borderTopColor)) problems.push('timeline mark without an edge');
            });
            document.querySelectorAll('.calendar__table thead .now').forEach(function (th) {
              if (parseFloat(getComputedStyle(th).borderLeftWidth) < 2) problems.push('current quarter not framed');
            });
            return problems;""")
        assert not problems, f"{page}: {sorted(set(problems))}"
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_pictures_are_light(site_dir):
    site = Path(site_dir)
    pictures = {
        "calendar": ("besoins/index.html", r'<section class="chart calendar".*?</section>'),
        "map": ("besoins/index.html", r'<section class="chart idf-map".*?</section>'),
        "suppliers map": ("prestataires/index.html", r'<section class="chart idf-map".*?</section>'),
        "timeline": ("feuilles-de-route/2015/plaine-commune/index.html", r'<figure class="chart tl".*?</figure>'),
        "figures": ("matinales/index.html", r'<section class="chart figures".*?</section>'),
    }
    sizes = {}
    for name, (page, pattern) in pictures.items():
        found = re.search(pattern, (site / page).read_text(encoding="utf-8"), re.S)
        assert found, f"{name} missing from {page}"
        raw = found.group(0).encode("utf-8")
        sizes[name] = (len(raw), len(gzip.compress(raw, mtime=0)))
    print("Picture sizes (bytes, gzipped):", sizes)
    # Both views of the calendar together; each other picture alone: a few kilobytes as served.
    assert all(compressed < 6_000 for _, compressed in sizes.values()), sizes
    assert all(raw < 40_000 for raw, _ in sizes.values()), sizes
