"""The site's search rules (Sources/OpenMapText/FrenchSearch.swift, static/listes.js), written
again here from their description, to check what the browser finds: words folded (accents,
case), cut at anything but letters and digits, stemmed (plurals -eaux, -aux, then a final x, s,
r, e, e, a doubled letter, never below four letters; words with digits kept), and a searched
word found at the start of an item's word."""

import re
import unicodedata

LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss"}


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(LIGATURES.get(c, c) for c in plain)


def stem(word):
    if len(word) < 4 or any(c.isdigit() for c in word):
        return word
    if word.endswith("eaux"):
        word = word[:-1]
    elif word.endswith("aux") and len(word) > 5:
        word = word[:-2] + "l"
    elif word.endswith("x") and len(word) > 4:
        word = word[:-1]
    for letter in "sree":
        if len(word) > 4 and word.endswith(letter):
            word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2] and not word[-1].isdigit():
        word = word[:-1]
    return word


def search_terms(text):
    return [stem(w) for w in re.split(r"[^\w]+|_", fold(text)) if w]


def matches(query, terms):
    """True when every word of the query starts one of the terms."""
    return all(any(term.startswith(word) for term in terms) for word in search_terms(query))
