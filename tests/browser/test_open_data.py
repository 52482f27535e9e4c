"""The open data read with pandas and Python's json: the suppliers' files agree with each other
and with the pages; /donnees/ documents every field with an example taken from the data; the
Matinale figures agree between matinales.json, the Matinale page and the timetable."""

import html
import json
import re
from pathlib import Path

import pandas as pd

DATA = ["besoins", "prestataires", "acheteurs", "matinales"]


def load_json(site, name):
    return json.loads((Path(site) / "donnees" / f"{name}.json").read_text(encoding="utf-8"))


def test_suppliers_json_and_csv_hold_the_same_records(site_dir):
    records = load_json(site_dir, "prestataires")["prestataires"]
    frame = pd.read_csv(Path(site_dir) / "donnees" / "prestataires.csv", sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(frame["identifiant"]) == [r["identifiant"] for r in records]
    pages = [p for p in (Path(site_dir) / "prestataires").glob("*/index.html") if 'class="supplier-page"' in p.read_text(encoding="utf-8")]
    assert sorted(p.parent.name for p in pages) == sorted(frame["identifiant"])
    for record, (_, row) in zip(records, frame.iterrows()):
        assert " | ".join(record["themes"]) == row["themes"]
        assert (record["departement"] or "") == row["departement"]
        page = (Path(site_dir) / "prestataires" / record["identifiant"] / "index.html").read_text(encoding="utf-8")
        assert html.escape(record["nom"], quote=False).replace("'", "&#39;") in page or record["nom"] in html.unescape(page)
        # A contact is published only when given, and then on the page too.
        if record["contact_courriel"]:
            assert f'mailto:{record["contact_courriel"]}' in page
        else:
            assert 'id="contact"' not in page or record["contact_nom"]


def test_the_documentation_shows_examples_from_the_data(site_dir):
    page = html.unescape((Path(site_dir) / "donnees" / "index.html").read_text(encoding="utf-8"))
    for name in DATA:
        records = load_json(site_dir, name)[name]
        section = re.search(rf'<section aria-labelledby="{name}">(.*?)</section>', page, re.S).group(1)
        rows = re.findall(r'<tr><th scope="row"><code>([a-z_]+)</code></th><td>[^<]*</td><td>.*?</td><td><code>(.*?)</code></td></tr>', section, re.S)
        assert {field for field, _ in rows} == set(records[0].keys()), name
        for field, example in rows:
            values = []
            for record in records:
                value = record[field]
                if isinstance(value, list):
                    values.append(" | ".join(str(v) for v in value) if value and not isinstance(value[0], dict) else json.dumps(value[0], ensure_ascii=False) if value else "")
                else:
                    values.append("" if value is None else str(value).lower() if isinstance(value, bool) else str(value))
            assert any(example == v or (example.endswith("…") and v.startswith(example[:-1])) for v in values) \
                or all(v == "" for v in values) or field in ("references", "programme"), f"{name}.{field}: {example}"


def test_matinale_figures_come_from_one_source(site_dir):
    for matinale in load_json(site_dir, "matinales")["matinales"]:
        page = html.unescape((Path(site_dir) / "matinales" / matinale["identifiant"] / "index.html").read_text(encoding="utf-8"))
        if matinale["rendez_vous"] is not None:
            assert re.search(rf"\b{matinale['rendez_vous']}\srendez-vous\b", page), matinale["identifiant"]
        if matinale["demandes_rendez_vous"] is not None:
            assert re.search(rf"\b{matinale['demandes_rendez_vous']}\sdemandes de rendez-vous", page), matinale["identifiant"]
        if matinale["planning_url"]:
            timetable = html.unescape((Path(site_dir) / matinale["planning_url"].split("/", 3)[3] / "index.html").read_text(encoding="utf-8"))
            flat = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", timetable))
            def figure(label):
                return int(re.search(label + r" ([\d\u202f]+)", flat).group(1).replace("\u202f", ""))
            assert figure("Demandes de rendez-vous") == matinale["demandes_rendez_vous"]
            assert figure("Rendez-vous planifiés") == matinale["rendez_vous"]
    third = next(m for m in load_json(site_dir, "matinales")["matinales"] if m["numero"] == 3)
    assert third["rendez_vous"] and third["demandes_rendez_vous"] and third["planning_url"]
