#!/usr/bin/env python3
"""Generate the bulk of the sample content: 100 invented suppliers (with their postcodes, CPV
codes, contacts and references), the meeting requests and the availability windows of the third
Matinale.

The ten "rich" suppliers and everything else under content/ are written by hand; this script
only fills in the crowd that a realistic timetable needs. It is deterministic (fixed seed,
sorted output): running it again rewrites the same bytes, so the generated files are committed.

    python3 tools/generate-sample-requests.py            # from the repository root

Standard library only. Every company, name and number it produces is invented.
"""

import os
import random
import sys
import unicodedata

SEED = 20151015
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "content")
MATINALE = "2015-10-15-troisieme-matinale"

# The hand-written suppliers (content/suppliers/), who also book meetings.
RICH_SUPPLIERS = [
    "atelier-cartographique", "datavilles", "mobilicite", "papier-zero", "indicia",
    "guichet-malin", "studio-parvis", "francilienne-de-reseaux", "vigie-cyber", "trajectoires",
]

# The 20 buyer tables of the third Matinale, most sought-after first (it must match the
# `tables` of content/matinales/<MATINALE>/index.md).
TABLE_BUYERS = [
    "plaine-commune", "region-ile-de-france", "departement-seine-saint-denis", "ville-de-paris",
    "ile-de-france-mobilites", "departement-hauts-de-seine", "departement-val-de-marne",
    "ville-de-montreuil", "est-ensemble", "departement-essonne", "ville-de-saint-denis",
    "ville-de-nanterre", "departement-val-d-oise", "ville-de-cergy", "departement-yvelines",
    "grand-paris-seine-ouest", "paris-habitat", "ville-de-creteil",
    "centre-hospitalier-intercommunal-de-creteil", "departement-seine-et-marne",
]

PREFIXES = ["Carto", "Data", "Géo", "Cité", "Agora", "Terri", "Civi", "Publi", "Urba", "Nova",
            "Lumi", "Vecto", "Alti", "Logi", "Sémaphore", "Kiosque", "Passerelle", "Boussole",
            "Atlas", "Faubourg", "Canopée", "Quai", "Parvis", "Octet", "Pixel"]
SUFFIXES = ["lab", "sphère", "nexus", "metrics", "tech", "scope", "code", "flux", "vision",
            "line", "soft", "net", "data", "link", "works"]
FORMS = ["{p}{s}", "{p}{s}", "{p}{s}", "{p} {S}", "Atelier {p}{s}", "{p}{s} Conseil"]

# (city, weight): the eight departments are all represented.
CITIES = [
    ("Paris", 22), ("Montreuil", 6), ("Saint-Denis", 5), ("Pantin", 4), ("Bobigny", 2),
    ("Aubervilliers", 2), ("Issy-les-Moulineaux", 5), ("Boulogne-Billancourt", 5),
    ("Nanterre", 3), ("Courbevoie", 3), ("Créteil", 3), ("Ivry-sur-Seine", 3), ("Vincennes", 2),
    ("Évry-Courcouronnes", 2), ("Massy", 3), ("Palaiseau", 2), ("Versailles", 3),
    ("Saint-Quentin-en-Yvelines", 2), ("Guyancourt", 2), ("Cergy", 3), ("Argenteuil", 2),
    ("Meaux", 2), ("Marne-la-Vallée", 3), ("Melun", 2),
]

THEMES = [("opendata", 6), ("cartographie", 5), ("mobilite", 5), ("dematerialisation", 7),
          ("decisionnel", 5), ("communication-digitale", 7), ("relation-usager", 6),
          ("infrastructure", 4), ("cybersecurite", 4)]

ACTIVITY = {
    "opendata": "publie et met en valeur les données ouvertes des collectivités",
    "cartographie": "conçoit des cartes interactives et des outils SIG pour les services techniques",
    "mobilite": "développe des services mobiles d’information et de déplacement",
    "dematerialisation": "dématérialise courriers, délibérations et démarches administratives",
    "decisionnel": "construit des tableaux de bord et des entrepôts de données pour le pilotage",
    "communication-digitale": "réalise des sites web accessibles et des campagnes numériques",
    "relation-usager": "outille l’accueil multicanal et la gestion de la relation usager",
    "infrastructure": "déploie et maintient réseaux, serveurs et postes de travail",
    "cybersecurite": "audite et sécurise les systèmes d’information",
}
# (noun, agreement of « basé »)
DOMAIN = {"opendata": "open data", "cartographie": "cartographie", "mobilite": "mobilité",
          "dematerialisation": "dématérialisation", "decisionnel": "informatique décisionnelle",
          "communication-digitale": "communication digitale", "relation-usager": "relation usager",
          "infrastructure": "infrastructures et réseaux", "cybersecurite": "cybersécurité"}
KIND = {"tpe": [("Jeune pousse", "basée"), ("Petite équipe", "basée"), ("Studio", "basé")],
        "pme": [("PME", "basée"), ("Entreprise", "basée"), ("Société", "basée")],
        "eti": [("Groupe", "basé"), ("Entreprise de taille intermédiaire", "basée")]}
TEAM = {"tpe": (2, 9), "pme": (12, 180), "eti": (300, 1200)}


def slugify(text):
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    parts = "".join(c.lower() if c.isalnum() else " " for c in folded).split()
    return "-".join(parts)


def luhn_valid(digits):
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def make_siren(rng):
    base = str(rng.randint(30000000, 89999999))
    return next(base + str(c) for c in range(10) if luhn_valid(base + str(c)))


def weighted_choice(rng, pairs):
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs], k=1)[0]


def yaml_string(text):
    # Quote when a plain scalar could be misread (":", "’" is harmless but quoting is clearer).
    if any(c in text for c in ":#&*!|>'\"%@`") or text != text.strip():
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def generate_suppliers(rng):
    taken = set(RICH_SUPPLIERS)
    stems = set()
    suppliers = []
    while len(suppliers) < 100:
        prefix, suffix = rng.choice(PREFIXES), rng.choice(SUFFIXES)
        if (prefix, suffix) in stems:  # no « Cartotech » next to « Cartotech Conseil »
            continue
        # Long prefixes read better as two words (« Sémaphore Data »).
        form = rng.choice(FORMS) if len(prefix) <= 6 else "{p} {S}"
        name = form.format(p=prefix, s=suffix, S=suffix.capitalize())
        slug = slugify(name)
        if slug in taken:
            continue
        stems.add((prefix, suffix))
        taken.add(slug)
        size = weighted_choice(rng, [("tpe", 55), ("pme", 38), ("eti", 7)])
        city = weighted_choice(rng, CITIES)
        count = weighted_choice(rng, [(1, 40), (2, 45), (3, 15)])
        themes = []
        while len(themes) < count:
            theme = weighted_choice(rng, THEMES)
            if theme not in themes:
                themes.append(theme)
        low, high = TEAM[size]
        people = rng.randint(low, high)
        noun, based = rng.choice(KIND[size])
        description = (f"{noun} de {people} personnes {based} à {city}, "
                       f"{name} {ACTIVITY[themes[0]]}.")
        if len(themes) > 1:
            description += " Elle intervient aussi en " + " et en ".join(DOMAIN[t] for t in themes[1:]) + "."
        siren = make_siren(rng) if rng.random() < 0.6 else None
        suppliers.append((slug, name, siren, size, city, themes, description))
    return sorted(suppliers)


# Real postcodes of the sample's towns (a town's main one).
POSTCODES = {
    "Montreuil": "93100", "Saint-Denis": "93200", "Pantin": "93500", "Bobigny": "93000",
    "Aubervilliers": "93300", "Issy-les-Moulineaux": "92130", "Boulogne-Billancourt": "92100",
    "Nanterre": "92000", "Courbevoie": "92400", "Créteil": "94000", "Ivry-sur-Seine": "94200",
    "Vincennes": "94300", "Évry-Courcouronnes": "91000", "Massy": "91300", "Palaiseau": "91120",
    "Versailles": "78000", "Saint-Quentin-en-Yvelines": "78180", "Guyancourt": "78280",
    "Cergy": "95000", "Argenteuil": "95100", "Meaux": "77100", "Marne-la-Vallée": "77420",
    "Melun": "77000", "Lyon": "69003", "Lille": "59000", "Nantes": "44000", "Rennes": "35000",
    "Toulouse": "31000",
}
PARIS_DISTRICTS = ["75002", "75003", "75009", "75010", "75011", "75012", "75013", "75014", "75015",
                   "75017", "75018", "75019", "75020"]
# A few suppliers come from outside Île-de-France to meet the region's buyers.
ELSEWHERE = ["Lyon", "Lille", "Nantes", "Rennes", "Toulouse"]

# The CPV codes (content/cpv.yaml) and divisions a supplier of each theme plausibly works in.
THEME_CPV = {
    "opendata": ["72300000-8", "48600000-4", "72"],
    "cartographie": ["48326000", "72300000-8"],
    "mobilite": ["72212220-7", "48200000-0", "32"],
    "dematerialisation": ["72512000-7", "79995100", "48"],
    "decisionnel": ["72320000-4", "48600000-4"],
    "communication-digitale": ["72413000-8", "79340000-9", "79822500-7"],
    "relation-usager": ["79512000", "72212220-7", "48"],
    "infrastructure": ["32400000-7", "32420000-3", "64200000-8", "72700000"],
    "cybersecurite": ["72800000", "72611000-6", "79"],
}
REFERENCE_TITLES = {
    "opendata": ["Ouverture des données de la collectivité", "Catalogue de données et API publiques"],
    "cartographie": ["Cartographie interactive des équipements publics", "Mise à jour du SIG communal"],
    "mobilite": ["Application mobile d’information voyageurs", "Calculateur d’itinéraires multimodal"],
    "dematerialisation": ["Dématérialisation des demandes d’état civil", "Archivage électronique des marchés publics"],
    "decisionnel": ["Tableaux de bord de pilotage budgétaire", "Entrepôt de données sociales"],
    "communication-digitale": ["Refonte du site institutionnel", "Campagne numérique de participation citoyenne"],
    "relation-usager": ["Accueil multicanal des usagers", "Gestion de la relation citoyen"],
    "infrastructure": ["Renouvellement du réseau des sites distants", "Hébergement des applications métier"],
    "cybersecurite": ["Audit de sécurité du système d’information", "Plan de continuité informatique"],
}
ROLES = ["Gérant", "Gérante", "Directeur commercial", "Directrice commerciale", "Responsable secteur public",
         "Chargée d’affaires publiques", "Chargé d’affaires publiques", "Président", "Présidente"]
FIRST_NAMES = ["Camille", "Nicolas", "Sophie", "Karim", "Léa", "Antoine", "Inès", "Julien", "Fatou",
               "Mathieu", "Aurélie", "Samir", "Hélène", "Vincent", "Chloé", "Olivier"]
LAST_NAMES = ["Martin", "Bernard", "Nguyen", "Haddad", "Lefebvre", "Moreau", "Diallo", "Girard",
              "Rousseau", "Fontaine", "Chevalier", "Benali", "Perrin", "Lambert", "Marchand", "Traoré"]
# Buyers of the sample (content/buyers/) a reference may name.
REFERENCE_BUYERS = TABLE_BUYERS + ["ville-de-meaux", "ville-de-versailles", "ville-d-evry-courcouronnes",
                                   "universite-de-cergy-pontoise"]


def add_supplier_details(suppliers):
    """Postcode, CPV codes, contact and references: drawn from a generator of their own, so that
    the rest of the sample (names, requests, availability) stays what it was."""
    rng = random.Random(SEED + 18)
    detailed = []
    for index, (slug, name, siren, size, city, themes, description) in enumerate(suppliers):
        if index % 23 == 11:
            moved = ELSEWHERE[(index // 23) % len(ELSEWHERE)]
            description = description.replace(f"à {city}", f"à {moved}")
            city = moved
        postcode = rng.choice(PARIS_DISTRICTS) if city == "Paris" else POSTCODES[city]
        cpv = []
        for theme in themes[:2]:
            for code in rng.sample(THEME_CPV[theme], k=rng.choice([1, 1, 2])):
                if code not in cpv:
                    cpv.append(code)
        contact = None
        if rng.random() < 0.45:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            contact = (f"{first} {last}", rng.choice(ROLES), f"contact@{slug}.example",
                       "01 " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4)) if rng.random() < 0.7 else None)
        references = []
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            theme = rng.choice(themes)
            title = rng.choice(REFERENCE_TITLES[theme])
            buyer = rng.choice(REFERENCE_BUYERS) if rng.random() < 0.8 else None
            if all(title != t for t, _, _ in references):
                references.append((title, buyer, rng.randint(2011, 2014)))
        detailed.append((slug, name, siren, size, city, postcode, themes, cpv, description, contact, references))
    return detailed


def write_suppliers(suppliers):
    for slug, name, siren, size, city, postcode, themes, cpv, description, contact, references in suppliers:
        lines = ["# Fichier généré par tools/generate-sample-requests.py : entreprise fictive.",
                 f"name: {yaml_string(name)}"]
        if siren:
            lines.append(f'siren: "{siren}"')
        lines += [f"size: {size}", f"city: {city}", f'postcode: "{postcode}"',
                  "themes: [" + ", ".join(themes) + "]",
                  "cpv: [" + ", ".join(f'"{code}"' for code in cpv) + "]",
                  f"description: {yaml_string(description)}"]
        if contact:
            person, role, email, phone = contact
            lines += ["contact:", f"  name: {yaml_string(person)}", f"  role: {yaml_string(role)}", f"  email: {email}"]
            if phone:
                lines.append(f"  phone: {phone}")
        if references:
            lines.append("references:")
            for title, buyer, year in references:
                lines.append(f"  - title: {yaml_string(title)}")
                if buyer:
                    lines.append(f"    buyer: {buyer}")
                lines.append(f"    year: {year}")
        with open(os.path.join(ROOT, "suppliers", slug + ".yaml"), "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")


def generate_requests(rng, supplier_slugs):
    """~350 requests, skewed towards a few popular tables, as a registration platform exports them."""
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(TABLE_BUYERS))]
    order = list(supplier_slugs)
    rng.shuffle(order)  # registration order
    rows = []
    for supplier in order:
        wanted = weighted_choice(rng, [(1, 15), (2, 20), (3, 25), (4, 20), (5, 12), (6, 8)])
        chosen = []
        while len(chosen) < wanted:
            buyer = rng.choices(TABLE_BUYERS, weights=weights, k=1)[0]
            if buyer not in chosen:
                chosen.append(buyer)
        for rank, buyer in enumerate(chosen):
            priority = 1 if rank == 0 else (2 if rank < 3 else 3)
            if rank > 0 and rng.random() < 0.15:
                priority = rng.choice([1, 2, 3])
            rows.append([supplier, buyer, priority, "accepte"])
    indices = list(range(len(rows)))
    rng.shuffle(indices)
    for index in indices[:15]:
        rows[index][3] = "refuse"
    for index in indices[15:30]:
        rows[index][3] = "en-attente"
    return rows


def write_requests(rng, rows):
    # A registration platform's export: UTF-8 BOM, CRLF, ";" separator, some quoted rows.
    lines = ["supplier;buyer;priority;status"]
    for supplier, buyer, priority, status in rows:
        fields = [supplier, buyer, str(priority), status]
        if rng.random() < 0.18:
            fields = ['"' + f + '"' for f in fields]
        lines.append(";".join(fields))
    path = os.path.join(ROOT, "matinales", MATINALE, "requests.csv")
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        out.write("\r\n".join(lines) + "\r\n")


def write_availability(rng, rows):
    accepted = sorted({s for s, _, _, status in rows if status == "accepte"})
    chosen = rng.sample(accepted, 12)
    patterns = [
        [("09:45", "11:00")], [("09:45", "11:00")], [("10:25", "12:25")], [("10:25", "12:25")],
        [("09:45", "10:45")], [("11:20", "12:25")], [("09:45", "10:25"), ("11:20", "12:25")],
        [("09:45", "10:25"), ("11:20", "12:25")], [("10:05", "11:45")], [("09:45", "11:45")],
        [("10:45", "12:25")], [("09:45", "10:05"), ("10:45", "12:25")],
    ]
    lines = ["participant,from,to"]
    for supplier, windows in zip(chosen, patterns):
        for start, end in windows:
            lines.append(f"{supplier},{start},{end}")
    # Two buyers' representatives cannot stay the whole morning.
    lines.append("departement-hauts-de-seine,09:45,11:00")
    lines.append("ville-de-paris,10:25,12:25")
    path = os.path.join(ROOT, "matinales", MATINALE, "availability.csv")
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("\n".join(lines) + "\n")


def main():
    rng = random.Random(SEED)
    suppliers = generate_suppliers(rng)
    write_suppliers(add_supplier_details(suppliers))
    rows = generate_requests(rng, RICH_SUPPLIERS + [s[0] for s in suppliers])
    write_requests(rng, rows)
    write_availability(rng, rows)
    counts = {}
    for _, _, _, status in rows:
        counts[status] = counts.get(status, 0) + 1
    print(f"{len(suppliers)} suppliers, {len(rows)} requests {dict(sorted(counts.items()))}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
