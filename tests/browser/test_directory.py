"""L'offre numérique in a real browser and against the open data: a buyer narrows the directory to
« the cybersecurity suppliers of the 93 who gave a pitch » in three actions with and without
JavaScript; supplier pages list the open needs of their offer and need pages the suppliers
positioned on them, with the counts an independent reading of the open data (pandas) gives."""

import html
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pandas as pd
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import keys_on_page, static_list

OPEN = {"envisage", "en-preparation", "publie"}


def read_csv(site, name):
    return pd.read_csv(Path(site) / "donnees" / name, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def cell_list(cell):
    return [part.strip() for part in cell.split("|") if part.strip()]


@pytest.fixture(scope="module")
def suppliers(site_dir):
    frame = read_csv(site_dir, "prestataires.csv")
    frame["themes_list"] = frame["themes"].map(cell_list)
    frame["divisions"] = frame["cpv"].map(lambda cell: sorted({code[:2] for code in cell_list(cell)}))
    return frame


@pytest.fixture(scope="module")
def needs(site_dir):
    frame = read_csv(site_dir, "besoins.csv")
    frame["divisions"] = frame["cpv"].map(lambda cell: sorted({code[:2] for code in cell_list(cell)}))
    return frame






def wanted(suppliers):
    """The cybersecurity suppliers of the 93 with a pitch, from prestataires.csv."""
    rows = suppliers[suppliers["themes_list"].map(lambda t: "cybersecurite" in t)
                     & (suppliers["departement"] == "93") & (suppliers["pitchs"] != "")]
    return set(rows["identifiant"])


def test_three_actions_with_javascript(driver, base_url, suppliers):
    """From the directory (in every page's main navigation): a theme, a department, a box."""
    expected = wanted(suppliers)
    assert expected, "the sample needs a cybersecurity supplier of the 93 with a pitch"
    driver.get(urljoin(base_url, "prestataires/"))
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "filtres").is_displayed())
    Select(driver.find_element(By.ID, "filtre-prestataires-theme")).select_by_value("cybersecurite")       # 1
    Select(driver.find_element(By.ID, "filtre-prestataires-departement")).select_by_value("93")           # 2
    driver.find_element(By.ID, "filtre-prestataires-pitch").click()                                        # 3
    WebDriverWait(driver, 10).until(lambda d: set(keys_on_page(d)) == expected)
    # (Selenium reads no-break spaces as spaces.)
    assert driver.find_element(By.ID, "resultats-statut").text.startswith(f"{len(expected)} prestataire")
    assert driver.find_element(By.ID, "liste-compte").text.startswith(f"{len(expected)} prestataire")
    query = urlparse(driver.current_url).query
    assert "theme=cybersecurite" in query and "departement=93" in query and "pitch=oui" in query


def test_three_actions_without_javascript(driver_nojs, base_url, suppliers):
    """The same, by the static pages' links."""
    driver_nojs.get(urljoin(base_url, "prestataires/"))
    assert not driver_nojs.find_element(By.ID, "filtres").is_displayed()
    for step in ("theme/cybersecurite/", "departement/93/", "pitch/oui/"):
        links = [a for a in driver_nojs.find_elements(By.CSS_SELECTOR, "#facettes a") if a.get_attribute("href").endswith(step)]
        assert links, f"no link to {step} on {driver_nojs.current_url}"
        links[0].click()
    assert urlparse(driver_nojs.current_url).path.endswith("/prestataires/theme/cybersecurite/departement/93/pitch/oui/")
    assert set(keys_on_page(driver_nojs)) == wanted(suppliers)
    assert "Cybersécurité" in driver_nojs.find_element(By.TAG_NAME, "h1").text


def facet_counts(page_html):
    """(facet heading id, label) → count, from a directory page's side navigation."""
    counts = {}
    for section in re.findall(r'<section class="facet" aria-labelledby="(facette-[a-z-]+)">(.*?)</section>', page_html, re.S):
        for label, count in re.findall(r'<li>(?:<a href="[^"]*">)?([^<]+)(?:</a>)? <span class="facet__count"><span aria-hidden="true">([^<]+)</span>', section[1]):
            counts[(section[0], html.unescape(label))] = int(count.replace("\u202f", "").replace("\u00a0", ""))
    return counts


def test_the_directorys_counts_agree_with_the_open_data(site_dir, suppliers):
    counts = facet_counts((Path(site_dir) / "prestataires" / "index.html").read_text(encoding="utf-8"))
    themes = {label for (facet, label) in counts if facet == "facette-theme"}
    assert themes, "no theme counts on /prestataires/"
    by_department = suppliers["departement"].value_counts()
    for (facet, label), count in counts.items():
        if facet == "facette-departement":
            code = label.split(" ")[0]
            assert by_department.get(code, 0) == count, label
        elif facet == "facette-taille":
            size = {"TPE": "tpe", "PME": "pme", "ETI": "eti", "Grande entreprise": "ge"}[label]
            assert (suppliers["taille"] == size).sum() == count, label
        elif facet == "facette-pitch":
            assert (suppliers["pitchs"] != "").sum() == count
    total = int(re.search(r'id="liste-compte">([\d\u202f]+) prestataires', (Path(site_dir) / "prestataires" / "index.html")
                          .read_text(encoding="utf-8")).group(1).replace("\u202f", ""))
    assert total == len(suppliers)


def test_every_single_criterion_gives_the_same_list_with_and_without_javascript(driver, driver_nojs, base_url):
    driver_nojs.get(urljoin(base_url, "prestataires/"))
    links = {}
    for a in driver_nojs.find_elements(By.CSS_SELECTOR, "#facettes .facet__values a"):
        parts = urlparse(a.get_attribute("href")).path.strip("/").split("/")
        links[(parts[-2], parts[-1])] = a.get_attribute("href")
    assert {kind for kind, _ in links} == {"theme", "departement", "taille", "cpv", "matinale", "pitch"}
    for (kind, value), url in links.items():
        static = set(static_list(driver_nojs, url))
        driver.get(urljoin(base_url, f"prestataires/?{kind}={value}"))
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "resultats-statut").text.strip())
        while driver.find_elements(By.ID, "plus-de-resultats"):  # « Afficher 50 prestataires de plus »
            before = len(keys_on_page(driver))
            driver.find_element(By.ID, "plus-de-resultats").click()
            WebDriverWait(driver, 10).until(lambda d: len(keys_on_page(d)) > before)
        assert set(keys_on_page(driver)) == static, (kind, value)


def expected_needs(supplier, needs):
    """The open needs matching a supplier, in the catalogue's order (besoins.csv's)."""
    themes, divisions = set(supplier["themes_list"]), set(supplier["divisions"])
    rows = needs[needs["statut"].isin(OPEN) & (needs["theme"].isin(themes) | needs["divisions"].map(lambda d: bool(divisions & set(d))))]
    return list(rows["identifiant"])


def test_every_supplier_page_lists_the_open_needs_of_its_offer(site_dir, suppliers, needs):
    checked = 0
    for _, supplier in suppliers.iterrows():
        page = (Path(site_dir) / "prestataires" / supplier["identifiant"] / "index.html").read_text(encoding="utf-8")
        section = re.search(r'<section aria-labelledby="besoins" class="matches">(.*?)</section>', page, re.S)
        assert section, supplier["identifiant"]
        expected = expected_needs(supplier, needs)
        count = int(re.search(r"<strong>([\d\u202f]+) besoins? ouverts?", section.group(1)).group(1).replace("\u202f", ""))
        assert count == len(expected), supplier["identifiant"]
        listed = re.findall(r'<li>\s*<a href="[^"]*/besoins/([^/"]+)/">', section.group(1))
        # The soonest (Matching.needsShown); the lists of its themes and divisions hold the rest.
        assert listed == expected[:20], supplier["identifiant"]
        checked += bool(listed)
    assert checked > 50


def test_a_supplier_reaches_the_open_needs_of_its_theme_from_its_page(driver, base_url, suppliers, needs):
    supplier = suppliers[suppliers["identifiant"] == "vigie-cyber"].iloc[0]
    driver.get(urljoin(base_url, "prestataires/vigie-cyber/"))
    driver.find_element(By.CSS_SELECTOR, "a[href='#besoins']").click()
    items = driver.find_elements(By.CSS_SELECTOR, "#besoins ~ ol.match-list > li")
    keys = [item.find_element(By.TAG_NAME, "a").get_attribute("href").rstrip("/").rsplit("/", 1)[-1] for item in items]
    themed = [key for key in expected_needs(supplier, needs)[:20]
              if needs[needs["identifiant"] == key].iloc[0]["theme"] in supplier["themes_list"]]
    assert themed and set(themed) <= set(keys)
    first = items[0].find_element(By.TAG_NAME, "a")
    target = first.get_attribute("href")
    first.click()
    assert driver.current_url == target and driver.find_element(By.TAG_NAME, "h1").text


def test_every_need_page_lists_its_positioned_suppliers_with_reasons(site_dir, suppliers, needs):
    labels = {}
    for _, need in needs.iterrows():
        labels[need["theme"]] = need["theme_libelle"]
    for _, need in needs.iterrows():
        page = (Path(site_dir) / "besoins" / need["identifiant"] / "index.html").read_text(encoding="utf-8")
        section = re.search(r'<section aria-labelledby="prestataires-positionnes" class="matches">(.*?)</section>', page, re.S)
        assert section, need["identifiant"]
        divisions = set(need["divisions"])
        matching = suppliers[suppliers["themes_list"].map(lambda t: need["theme"] in t)
                             | suppliers["divisions"].map(lambda d: bool(divisions & set(d)))]
        count = int(re.search(r"<strong>([\d\u202f]+) prestataires? corresponden?t", section.group(1)).group(1).replace("\u202f", ""))
        assert count == len(matching), need["identifiant"]
        items = re.findall(r'<li><a href="[^"]*/prestataires/([^/"]+)/">(.*?)</li>', section.group(1), re.S)
        assert len(items) == min(12, len(matching))
        for slug, item in items:
            supplier = suppliers[suppliers["identifiant"] == slug].iloc[0]
            reasons = html.unescape(re.search(r'<span class="match-reasons">([^<]*)</span>', item).group(1))
            shares_theme = need["theme"] in supplier["themes_list"]
            assert (f"même thème\u00a0: {labels[need['theme']]}" in reasons) == shares_theme, (need["identifiant"], slug)
            for division in sorted(divisions & set(supplier["divisions"])):
                assert f"division CPV {division}" in reasons, (need["identifiant"], slug)
            assert shares_theme or divisions & set(supplier["divisions"])
