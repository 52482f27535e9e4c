"""The catalogue of needs in a real browser: instant filtering with JavaScript, and the same
sets from the static facet pages without it. Uses the shared fixtures site_dir, base_url,
driver (JavaScript on) and driver_nojs (JavaScript off) from conftest.py."""
import html
import json
import os
import re
from urllib.parse import parse_qs, urlencode, urljoin, urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import CARD_KEY_SCRIPT, keys_on_page, static_list
from french_search import matches, search_terms


def facet_links(driver, base_url):
    """Facet kind → {value: absolute URL of its page}, read from the links on /besoins/."""
    driver.get(urljoin(base_url, "besoins/"))
    links = {}
    for a in driver.find_elements(By.CSS_SELECTOR, "#facettes .facet__values a"):
        href = a.get_attribute("href")
        parts = urlparse(href).path.strip("/").split("/")
        links.setdefault(parts[-2], {})[parts[-1]] = href
    return links


def wait_for_form(driver):
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "filtres").is_displayed())


def wait_for_status(driver, previous=None):
    WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.ID, "resultats-statut").text.strip() not in ("", previous))
    return driver.find_element(By.ID, "resultats-statut").text


@pytest.fixture(scope="module")
def index(site_dir):
    """Key → the need's words as the script searches them: its card's texts, folded and stemmed."""
    with open(os.path.join(site_dir, "besoins", "index.json"), encoding="utf-8") as f:
        data = json.load(f)
    texts, pairs = data["s"], data["n"]
    needs = {}
    for row in data["i"]:
        words = [texts[row[1]]]
        for column, value in zip(data["c"], row[2]):
            if value == -1:
                continue
            if column[1] == 0:
                words.append(texts[value])
            elif column[1] == 1:
                words += [texts[i] for i in pairs[value] if i >= 0]
            else:
                words += [texts[i] for pair in value for i in pairs[pair] if i >= 0]
        needs[row[0]] = search_terms(" ".join(words))
    return needs


def test_theme_department_and_text_narrow_the_list_and_the_url(driver, driver_nojs, base_url, index):
    links = facet_links(driver_nojs, base_url)
    theme_set = set(static_list(driver_nojs, links["theme"]["opendata"]))
    department_set = set(static_list(driver_nojs, links["departement"]["93"]))
    both = theme_set & department_set
    assert both, "the sample needs an open data need in the 93"

    driver.get(urljoin(base_url, "besoins/"))
    wait_for_form(driver)
    total = len(keys_on_page(driver))
    Select(driver.find_element(By.ID, "filtre-theme")).select_by_value("opendata")
    first = wait_for_status(driver)
    assert set(keys_on_page(driver)) == theme_set
    Select(driver.find_element(By.ID, "filtre-departement")).select_by_value("93")
    second = wait_for_status(driver, first)
    assert set(keys_on_page(driver)) == both
    assert second.startswith(f"{len(both)} besoin")

    word = "Données"  # typed with an accent; the index is searched without
    driver.find_element(By.ID, "filtre-q").send_keys(word)
    # The URL and the list are updated together, once typing pauses.
    WebDriverWait(driver, 10).until(lambda d: "q=" in d.current_url)
    found = set(keys_on_page(driver))
    expected = {key for key in both if matches(word, index[key])}
    assert found == expected
    assert 0 < len(found) < total
    query = parse_qs(urlparse(driver.current_url).query)
    assert query == {"theme": ["opendata"], "departement": ["93"], "q": [word]}

    # The shared URL restores the same view.
    driver.get(driver.current_url)
    wait_for_form(driver)
    wait_for_status(driver)
    assert set(keys_on_page(driver)) == expected
    assert Select(driver.find_element(By.ID, "filtre-theme")).first_selected_option.get_attribute("value") == "opendata"
    assert driver.find_element(By.ID, "filtre-q").get_attribute("value") == word

    # Accent- and case-insensitive: « MOBILITE » finds « Mobilité ».
    driver.get(urljoin(base_url, "besoins/?q=MOBILITE"))
    wait_for_form(driver)
    wait_for_status(driver)
    assert set(keys_on_page(driver)) == {k for k, terms in index.items() if matches("mobilite", terms)}


def test_every_facet_gives_the_same_set_with_and_without_javascript(driver, driver_nojs, base_url):
    links = facet_links(driver_nojs, base_url)
    assert set(links) >= {"theme", "departement", "type-acheteur", "lancement", "procedure", "statut", "cpv"}
    static_sets = {(kind, value): set(static_list(driver_nojs, url))
                   for kind, values in links.items() for value, url in values.items()}
    for kind, values in links.items():
        if kind == "cpv":
            continue  # no select for CPV divisions: facet pages only
        for value in values:
            driver.get(urljoin(base_url, f"besoins/?{kind}={value}"))
            wait_for_form(driver)
            wait_for_status(driver)
            shown = set(keys_on_page(driver))
            assert shown == static_sets[(kind, value)], (kind, value)


def test_without_javascript_the_form_stays_hidden_and_facets_work(driver_nojs, base_url):
    driver_nojs.get(urljoin(base_url, "besoins/"))
    assert not driver_nojs.find_element(By.ID, "filtres").is_displayed()
    assert len(keys_on_page(driver_nojs)) > 0
    driver_nojs.find_element(By.CSS_SELECTOR, "#facette-theme + ul a").click()
    assert "/besoins/theme/" in driver_nojs.current_url
    assert len(keys_on_page(driver_nojs)) > 0


def test_the_scripts_cards_tell_equal_titles_apart_as_the_pages_cards_do(driver, base_url, site_dir):
    """Needs of the same title carry, after it and for assistive technology only, what tells them
    apart (their buyer and year): on the cards the script draws as on the page's own."""
    with open(os.path.join(site_dir, "besoins", "index.html"), encoding="utf-8") as f:
        page = f.read()
    link_texts = {key: html.unescape(re.sub(r"<[^>]+>", "", text)) for key, text in re.findall(
        r'<li class="need-card"><h3><a href="(?:[^"]*/)?([^/"]+)/">(.*?)</a>', page, re.S)}
    qualified = {key: text for key, text in link_texts.items() if text.endswith(")")}
    assert len(qualified) >= 2, "the sample has needs of the same title"
    titles = {text.rsplit(" (", 1)[0] for text in qualified.values()}
    for title in sorted(titles):
        driver.get(urljoin(base_url, "besoins/?" + urlencode({"q": title})))
        wait_for_form(driver)
        wait_for_status(driver)
        shown = driver.execute_script(
            CARD_KEY_SCRIPT + "var texts = {}; document.querySelectorAll('#liste > li.need-card').forEach(function (li) {"
            "  texts[cardKey(li)] = li.querySelector('h3 a').textContent; }); return texts;")
        same_title = {key: text for key, text in qualified.items() if text.startswith(title + " (")}
        assert same_title.keys() <= shown.keys(), title
        for key, text in same_title.items():
            assert shown[key] == text, key
