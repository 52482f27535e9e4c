"""The site search: from the header of any page, over roadmaps, needs, suppliers, Matinales and
pages, accents, case and French word forms ignored; without JavaScript the form leads to the
catalogue of needs."""

import json
from pathlib import Path
from urllib.parse import urljoin, urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from french_search import matches, search_terms


def result_paths(driver):
    return [urlparse(href).path for href in driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('#liste > li h3 a'), function (a) { return a.href; });")]


def search_from_header(driver, base_url, page, words):
    driver.get(urljoin(base_url, page))
    field = driver.find_element(By.ID, "recherche-site")
    field.send_keys(words)
    field.send_keys(Keys.ENTER)


def wait_for_results(driver):
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "resultats-statut").text.strip())


def test_a_word_finds_its_other_forms(driver, base_url, site_dir):
    """« marchés » finds « marché », « MARCHE », « marches » alike."""
    search_from_header(driver, base_url, "matinales/", "marchés")
    assert urlparse(driver.current_url).path.endswith("/recherche/")
    wait_for_results(driver)
    plural = result_paths(driver)
    assert plural
    for variant in ("marché", "MARCHE"):
        driver.get(urljoin(base_url, f"recherche/?q={variant}"))
        wait_for_results(driver)
        assert result_paths(driver) == plural, variant
    assert search_terms("marchés") == search_terms("marché")
    assert driver.find_element(By.ID, "recherche-site").get_attribute("value") == "MARCHE"


def test_search_covers_every_kind_and_the_kind_filter_narrows_it(driver, base_url, site_dir):
    index = json.loads((Path(site_dir) / "recherche" / "index.json").read_text(encoding="utf-8"))
    kinds = {value for value, _ in index["f"][0][1]}
    assert kinds == {"feuille-de-route", "besoin", "prestataire", "acheteur", "matinale", "pitch", "page"}
    counted = {kind: 0 for kind in kinds}
    for row in index["i"]:
        counted[index["f"][0][1][row[3][0]][0]] += 1
    assert all(counted.values()), counted
    driver.get(urljoin(base_url, "recherche/?q=cybersécurité"))
    wait_for_results(driver)
    every_kind = result_paths(driver)
    assert any("/prestataires/" in p for p in every_kind) and any("/besoins/" in p for p in every_kind)
    Select(driver.find_element(By.ID, "filtre-recherche-type")).select_by_value("prestataire")
    WebDriverWait(driver, 10).until(lambda d: all("/prestataires/" in p for p in result_paths(d)))
    suppliers = result_paths(driver)
    assert suppliers and set(suppliers) < set(every_kind)
    assert "/prestataires/vigie-cyber/" in [p[p.index("/prestataires/"):] for p in suppliers]


def test_title_matches_come_first(driver, base_url):
    driver.get(urljoin(base_url, "recherche/?q=portail open data"))
    wait_for_results(driver)
    titles = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#liste > li h3 a")]
    in_title = [matches("portail open data", search_terms(t)) for t in titles]
    assert in_title and in_title[0]
    assert in_title == sorted(in_title, reverse=True), titles


def test_without_javascript_the_search_leads_to_the_catalogue(driver_nojs, base_url):
    search_from_header(driver_nojs, base_url, "a-propos/", "cartographie")
    WebDriverWait(driver_nojs, 10).until(lambda d: urlparse(d.current_url).path.endswith("/besoins/"))
    assert driver_nojs.find_elements(By.CSS_SELECTOR, "#liste > li.need-card")
    assert driver_nojs.find_element(By.CSS_SELECTOR, "#facettes").is_displayed()
