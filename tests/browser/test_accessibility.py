"""axe-core in headless Chromium: no violation of the WCAG 2.1 A and AA rules on any page kind,
at a phone width and a desktop width."""

import json
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import PAGE_KINDS, page_of_kind, url_of

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"phone": 390, "desktop": 1280}


def axe_script() -> Path:
    """axe-core 4 as shipped in axe-playwright-python (installed without its Playwright
    dependency, for the script alone) when present; otherwise axe-selenium-python's axe-core 3."""
    try:
        import axe_playwright_python
        modern = Path(axe_playwright_python.__file__).parent / "axe.min.js"
        if modern.is_file():
            return modern
    except ImportError:
        pass
    import axe_selenium_python
    return Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


AXE = axe_script().read_text(encoding="utf-8")


def run_axe(driver) -> list[dict]:
    """Only the violations come back: the full result object is too big to serialise quickly."""
    driver.execute_script(AXE)
    options = json.dumps({"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    answer = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        f"axe.run(document, {options}, function (error, results) {{"
        "  done(error ? JSON.stringify({error: String(error)}) : JSON.stringify({version: axe.version, violations: results.violations.map(function (v) {"
        "    return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) {"
        "      return {target: n.target, summary: n.failureSummary}; })}; })}));"
        "});")
    results = json.loads(answer)
    assert "error" not in results, results.get("error")
    return results["violations"]


def apply_filters(driver):
    """Sets every filter of the page to a non-default choice, as a visitor would."""
    for element in driver.find_elements(By.CSS_SELECTOR, "form select"):
        choice = Select(element)
        if len(choice.options) > 1:
            choice.select_by_index(len(choice.options) - 1)
    for box in driver.find_elements(By.CSS_SELECTOR, "form input[type=checkbox]")[:1]:
        if box.is_displayed():
            box.click()


def search_for(driver, words):
    """Types in the site search's field and waits for the results."""
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "filtres").is_displayed())
    driver.find_element(By.ID, "filtre-q").send_keys(words)
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#liste > li"))


def describe(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " ".join((node.get("summary") or "").split())
            lines.append(f"    {', '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


@pytest.mark.rgaa("axe", "Aucune violation des règles WCAG 2.1 A et AA d’axe-core (alternatives, contrastes, noms des "
                  "liens, boutons et champs, langue, titre, listes)", ["1.1", "2.1", "3.2", "6.2", "8.3", "8.4", "8.5", "9.3",
                                                                        "11.1", "11.9"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("kind", PAGE_KINDS.keys())
def test_no_wcag_violation(driver, site_dir, base_url, kind, width):
    page = page_of_kind(site_dir, kind)
    driver.set_window_size(width, 900)
    driver.get(url_of(base_url, page))
    assert driver.execute_script("return window.innerWidth") == width
    if kind in ("catalogue", "suppliers"):
        apply_filters(driver)
    if kind == "search":
        search_for(driver, "numérique")
    violations = run_axe(driver)
    assert not violations, f"{page} at {width}px:\n{describe(violations)}"


def test_axe_does_report_violations(driver):
    """The checker itself works: a page with an image without text alternative fails."""
    driver.get("data:text/html;charset=utf-8,<!doctype html><html><head><title>x</title></head>"
               "<body><main><img src='x.png'></main></body></html>")
    assert "image-alt" in {violation["id"] for violation in run_axe(driver)}
