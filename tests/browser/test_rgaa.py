"""What an RGAA auditor checks beyond axe-core, on every page kind (or every page): the keyboard
path (skip link, focus order, no trap, a focus ring of 3:1 or more on every background it
crosses), reflow at 320 px, WCAG text spacing without cut text, headers of tables kept for
assistive technology at every width, unique page titles, heading outlines without gaps, named
tables, groups of links as lists, one destination per link text, positional words that point
the right way. Each test carries its RGAA criteria (@pytest.mark.rgaa): the accessibility
statement reports the outcomes."""

import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import PAGE_KINDS, html_pages, page_of_kind, url_of

WIDTHS = {"phone": 390, "desktop": 1280}

# --- In the browser -------------------------------------------------------------------------

# Shared by the scripts below: WCAG contrast of two "rgb(…)" colours, the tabbable elements in
# document order, the colour behind a point.
HELPERS = r"""
function channels(color) {
  var m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(color || "");
  return m ? {r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4]} : null;
}
function luminance(c) {
  function lin(v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}
function contrast(a, b) {
  var x = luminance(a), y = luminance(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}
function visible(el) {
  var style = getComputedStyle(el);
  return el.getClientRects().length > 0 && style.visibility !== "hidden";
}
// Inside a closed <details> but for its summary: laid out, yet out of the keyboard's reach.
function folded(el) {
  var details = el.closest("details:not([open])"), summary = el.closest("summary");
  return !!details && !(summary && summary.parentElement === details);
}
function tabbables() {
  var all = document.querySelectorAll("a[href], button, input, select, textarea, iframe, [tabindex], summary");
  return Array.prototype.filter.call(all, function (el) {
    return el.tabIndex >= 0 && !el.disabled && visible(el) && !el.closest("[hidden], [inert]") && !folded(el);
  });
}
function describe(el) {
  var text = (el.textContent || el.value || el.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 40);
  return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + String(el.className).split(" ")[0] : "") + " « " + text + " »";
}
// The colour under the point (x, y) once `el` is left aside: the first opaque background in the
// stack of boxes there; null over an image, a video or a frame (its colours are unknown).
function backgroundAt(x, y, el) {
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return null;
  var stack = document.elementsFromPoint(x, y);
  for (var i = 0; i < stack.length; i++) {
    var box = stack[i];
    if (box === el || el.contains(box)) continue;
    if (/^(IMG|VIDEO|IFRAME|CANVAS|svg)$/.test(box.tagName)) return null;
    var c = channels(getComputedStyle(box).backgroundColor);
    if (c && c.a >= 0.99) return c;
  }
  return {r: 255, g: 255, b: 255, a: 1};
}
// What is wrong with the focus indicator of the focused element: none, thinner than 2 px, or
// no colour of it at 3:1 against a background around it.
function focusProblems(el) {
  var style = getComputedStyle(el);
  var colours = [], reach = 0;
  var width = parseFloat(style.outlineWidth) || 0;
  if (style.outlineStyle !== "none" && width >= 2) {
    var outline = channels(style.outlineColor);
    if (outline && outline.a > 0.5) colours.push(outline);
    reach = Math.max(reach, width + Math.max(0, parseFloat(style.outlineOffset) || 0));
  }
  var shadows = style.boxShadow === "none" ? [] : style.boxShadow.split(/,(?![^(]*\))/);
  shadows.forEach(function (shadow) {
    var colour = channels(shadow), lengths = shadow.replace(/rgba?\([^)]*\)/, "").trim().split(/\s+/).map(parseFloat);
    var spread = lengths.length >= 4 ? lengths[3] : 0;
    if (colour && colour.a > 0.5 && spread >= 2 && !/inset/.test(shadow)) { colours.push(colour); reach = Math.max(reach, spread); }
  });
  if (!colours.length) return ["no focus indicator of 2 px or more: " + describe(el)];
  var rect = el.getBoundingClientRect(), gap = reach + 2, problems = [];
  var points = [[rect.left - gap, rect.top - gap], [rect.right + gap, rect.top - gap], [rect.left - gap, rect.bottom + gap],
                [rect.right + gap, rect.bottom + gap], [(rect.left + rect.right) / 2, rect.top - gap],
                [(rect.left + rect.right) / 2, rect.bottom + gap], [rect.left - gap, (rect.top + rect.bottom) / 2],
                [rect.right + gap, (rect.top + rect.bottom) / 2]];
  points.forEach(function (p) {
    var behind = backgroundAt(p[0], p[1], el);
    if (!behind) return;
    var best = Math.max.apply(null, colours.map(function (c) { return contrast(c, behind); }));
    if (best < 3) problems.push(describe(el) + ": focus ring " + best.toFixed(2) + ":1 against rgb(" + behind.r + "," + behind.g + "," + behind.b + ")");
  });
  return problems.slice(0, 1);
}
"""


def press_tab(driver, times: int):
    chain = ActionChains(driver)
    for _ in range(times):
        chain.send_keys(Keys.TAB)
    chain.perform()


def load(driver, base_url, page, width):
    """The page at a width, with nothing focused and no focus history."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500})
    driver.get(url_of(base_url, page))
    driver.execute_script("window.__focusPath = [];"
                          "document.addEventListener('focusin', function (e) { window.__focusPath.push(e.target); }, true);")


@pytest.fixture(autouse=True)
def reset_metrics(driver):
    yield
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.rgaa("clavier", "Parcours au clavier : lien d’évitement visible qui mène au contenu, ordre de tabulation "
                  "celui de la page, sans piège", ["12.7", "12.8", "12.9"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("kind", PAGE_KINDS.keys())
def test_keyboard_path(driver, site_dir, base_url, kind, width):
    page = page_of_kind(site_dir, kind)
    load(driver, base_url, page, width)
    press_tab(driver, 1)
    skip = driver.execute_script("var el = document.activeElement, r = el.getBoundingClientRect();"
                                 "return {text: el.textContent.trim(), href: el.getAttribute('href'), top: r.top, left: r.left,"
                                 " bottom: r.bottom, right: r.right};")
    assert skip["text"] == "Aller au contenu" and skip["href"] == "#contenu", f"{page}: the first Tab reaches {skip}"
    assert skip["top"] >= 0 and skip["left"] >= 0 and skip["bottom"] <= 900 and skip["right"] <= width, \
        f"{page}: the focused skip link is not in view: {skip}"
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    assert driver.execute_script("return document.activeElement.id") == "contenu", f"{page}: the skip link leaves focus elsewhere"
    expected_next = driver.execute_script(HELPERS + "var main = document.getElementById('contenu');"
                                          "var inside = tabbables().filter(function (el) { return main.contains(el); });"
                                          "return inside.length ? describe(inside[0]) : null;")
    if expected_next:
        press_tab(driver, 1)
        assert driver.execute_script(HELPERS + "return describe(document.activeElement);") == expected_next, \
            f"{page}: after the skip link, Tab does not reach the content's first link"

    # The whole page, from the top: every tabbable element in document order, then out of the page.
    load(driver, base_url, page, width)
    order = driver.execute_script(HELPERS + "return tabbables().map(describe);")
    press_tab(driver, len(order) + 1)
    path = driver.execute_script(HELPERS + "return window.__focusPath.map(describe);")
    assert path[:len(order)] == order, f"{page}: focus order differs from the page's:\n" + "\n".join(
        f"{a!r:60} {b!r}" for a, b in zip(path, order) if a != b)[:2000]


@pytest.mark.rgaa("focus", "Indication du focus visible, contrastée à 3:1 au moins sur chaque fond qu’elle traverse",
                  ["10.7", "3.3"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("kind", PAGE_KINDS.keys())
def test_focus_ring_stands_out_on_every_background(driver, site_dir, base_url, kind, width):
    page = page_of_kind(site_dir, kind)
    load(driver, base_url, page, width)
    press_tab(driver, 1)  # a keyboard user: :focus-visible applies to what is focused next
    problems = driver.execute_script(HELPERS + """
        var problems = focusProblems(document.activeElement);
        tabbables().forEach(function (el) {
          el.focus({preventScroll: true});
          el.scrollIntoView({block: "center", inline: "nearest"});
          problems = problems.concat(focusProblems(el));
        });
        return problems;""")
    assert not problems, f"{page} at {width}px:\n" + "\n".join(problems[:20])


@pytest.mark.rgaa("reflow", "Aucune page ne défile horizontalement à 320 px de large", ["10.11"])
@pytest.mark.parametrize("kind", PAGE_KINDS.keys())
def test_no_horizontal_scroll_at_320px(driver, site_dir, base_url, kind):
    page = page_of_kind(site_dir, kind)
    load(driver, base_url, page, 320)
    widths = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
    assert widths[1] == 320
    wide = driver.execute_script(HELPERS + """
        var out = [];
        document.querySelectorAll("main *, header *, footer *").forEach(function (el) {
          var r = el.getBoundingClientRect();
          if (r.width && r.right > innerWidth + 1 && !el.closest(".table-wrap") && visible(el)) out.push(describe(el) + " " + Math.round(r.right));
        });
        return out.slice(0, 10);""")
    assert widths[0] <= widths[1], f"{page} is {widths[0]}px wide at 320px: {wide}"


TEXT_SPACING = """
var style = document.createElement("style");
style.textContent = "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
  + " p { margin-bottom: 2em !important; }";
document.head.appendChild(style);
"""


@pytest.mark.rgaa("espacement", "Espacement du texte des WCAG (interlignage, lettres, mots, paragraphes) sans texte coupé",
                  ["10.12"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("kind", PAGE_KINDS.keys())
def test_text_spacing_cuts_no_text(driver, site_dir, base_url, kind, width):
    page = page_of_kind(site_dir, kind)
    load(driver, base_url, page, width)
    driver.execute_script(TEXT_SPACING)
    cut = driver.execute_script(HELPERS + """
        var cut = [];
        document.querySelectorAll("body *").forEach(function (el) {
          // Visually hidden on purpose (1 px boxes), or in a region that scrolls: not cut.
          if (!visible(el) || el.closest(".visually-hidden, .skip-link, .table-wrap") || el.clientWidth <= 1 || el.clientHeight <= 1) return;
          var style = getComputedStyle(el), hidesX = /hidden|clip/.test(style.overflowX), hidesY = /hidden|clip/.test(style.overflowY);
          if (!el.textContent.trim() || (!hidesX && !hidesY)) return;
          if ((hidesX && el.scrollWidth > el.clientWidth + 1) || (hidesY && el.scrollHeight > el.clientHeight + 1)) cut.push(describe(el));
        });
        // A select shows its chosen option in its own box: every option must fit in it.
        var probe = document.createElement("span");
        probe.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap";
        document.body.appendChild(probe);
        document.querySelectorAll("select").forEach(function (select) {
          if (!visible(select)) return;
          var style = getComputedStyle(select);
          ["font", "letterSpacing", "wordSpacing"].forEach(function (p) { probe.style[p] = style[p]; });
          var room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
          Array.prototype.forEach.call(select.options, function (option) {
            probe.textContent = option.textContent;
            if (probe.offsetWidth > room) cut.push(describe(select) + " cuts « " + option.textContent + " » (" + probe.offsetWidth + " > " + Math.round(room) + ")");
          });
        });
        probe.remove();
        if (document.documentElement.scrollWidth > innerWidth) cut.push("the page scrolls sideways");
        return cut;""")
    assert not cut, f"{page} at {width}px with WCAG text spacing:\n" + "\n".join(cut[:20])


@pytest.mark.rgaa("entetes", "Les tableaux gardent leurs en-têtes pour les technologies d’assistance à toutes les largeurs",
                  ["5.6", "5.7"])
@pytest.mark.parametrize("width", [320, 1280], ids=["320", "1280"])
@pytest.mark.parametrize("kind", PAGE_KINDS.keys())
def test_table_headers_stay_for_assistive_technology(driver, site_dir, base_url, kind, width):
    page = page_of_kind(site_dir, kind)
    load(driver, base_url, page, width)
    # A table one click away (in a closed <details>) is checked opened; one not shown at all (the
    # calendar's other view, until a link targets it) is no table for anyone, and not counted.
    counts = driver.execute_script("""
        document.querySelectorAll('details').forEach(function (details) { details.open = true; });
        var shown = Array.prototype.filter.call(document.querySelectorAll('table'), function (table) { return table.getClientRects().length > 0; });
        return [shown.length, shown.reduce(function (sum, table) { return sum + table.querySelectorAll('th').length; }, 0)];""")
    if not counts[0]:
        pytest.skip(f"{page} has no table")
    tree = driver.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
    roles = defaultdict(int)
    for node in tree:
        if not node.get("ignored"):
            roles[node.get("role", {}).get("value")] += 1
    assert roles["table"] == counts[0], f"{page} at {width}px: {counts[0]} tables, {roles['table']} for assistive technology"
    assert roles["columnheader"] + roles["rowheader"] == counts[1], \
        f"{page} at {width}px: {counts[1]} header cells, {roles['columnheader'] + roles['rowheader']} for assistive technology"


# --- In the pages' HTML, every page of the site --------------------------------------------

class PageOutline(HTMLParser):
    """A page's title, headings, tables, ids, links (with the text a screen reader reads) and its
    blocks' HTML, for the checks below."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.headings: list[int] = []
        self.tables: list[dict] = []
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []
        self._stack: list[str] = []
        self._in_title = False
        self._link: list | None = None
        self._hidden_depth: int | None = None
        self._table: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag in ("br", "img", "input", "meta", "link", "source", "track", "hr", "wbr"):
            return
        self._stack.append(tag)
        if tag == "title":
            self._in_title = True
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self._table = {"caption": False, **attributes}
            self.tables.append(self._table)
        elif tag == "caption" and self._table is not None:
            self._table["caption"] = True
        elif tag == "a" and "href" in attributes:
            self._link = [attributes["href"], ""]
        if attributes.get("aria-hidden") == "true" and self._hidden_depth is None:
            self._hidden_depth = len(self._stack)

    def handle_endtag(self, tag):
        if self._hidden_depth is not None and len(self._stack) <= self._hidden_depth:
            self._hidden_depth = None
        if tag == "title":
            self._in_title = False
        elif tag == "a" and self._link is not None:
            self.links.append((self._link[0], " ".join(self._link[1].split())))
            self._link = None
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()
        if self._hidden_depth is not None and len(self._stack) < self._hidden_depth:
            self._hidden_depth = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._link is not None and self._hidden_depth is None:
            self._link[1] += data


def outlines(site: Path) -> dict[str, PageOutline]:
    parsed = {}
    for page in html_pages(site):
        outline = PageOutline()
        outline.feed((site / page).read_text(encoding="utf-8"))
        parsed[page] = outline
    return parsed


@pytest.fixture(scope="module")
def pages(site_dir):
    return outlines(site_dir)


def weigh(request, pages_checked: int, failures: int):
    request.node.user_properties += [("pages", pages_checked), ("failures", failures)]


@pytest.mark.rgaa("titres", "Chaque page a un titre, différent de celui de toute autre page du site", ["8.5", "8.6"])
def test_every_page_title_is_unique(pages, request):
    by_title = defaultdict(list)
    for page, outline in pages.items():
        by_title[" ".join(outline.title.split())].append(page)
    shared = {title: where for title, where in by_title.items() if len(where) > 1 or not title}
    weigh(request, len(pages), sum(len(where) for where in shared.values()))
    assert not shared, "\n".join(f"« {title} »: {', '.join(where)}" for title, where in shared.items())


@pytest.mark.rgaa("intertitres", "Plan des intertitres : un seul titre de niveau 1, aucun niveau sauté", ["9.1"])
def test_no_heading_outline_skips_a_level(pages, request):
    wrong = {}
    for page, outline in pages.items():
        levels = outline.headings
        if levels[:1] != [1] or levels.count(1) != 1 or any(b > a + 1 for a, b in zip(levels, levels[1:])):
            wrong[page] = levels
    weigh(request, len(pages), len(wrong))
    assert not wrong, "\n".join(f"{page}: {levels}" for page, levels in list(wrong.items())[:20])


@pytest.mark.rgaa("tableaux", "Chaque tableau de données a un titre qui lui est associé, et des en-têtes", ["5.4", "5.6"])
def test_every_table_has_a_name_and_headers(site_dir, pages, request):
    unnamed = []
    for page, outline in pages.items():
        html = (site_dir / page).read_text(encoding="utf-8")
        for table in outline.tables:
            labelled = table.get("aria-labelledby")
            if not (table["caption"] or table.get("aria-label") or (labelled and all(i in outline.ids for i in labelled.split()))):
                unnamed.append(page)
        if outline.tables and html.count("<th") == 0:
            unnamed.append(page + " (no header cell)")
    weigh(request, sum(1 for outline in pages.values() if outline.tables), len(unnamed))
    assert not unnamed, "\n".join(unnamed[:20])


@pytest.mark.rgaa("listes", "Les groupes de liens sont des listes, pas des liens séparés par « · » ou « | »", ["9.3"])
def test_groups_of_links_are_lists(site_dir, pages, request):
    separated = re.compile(r"</a>\s*(?:·|\||&middot;|&#183;)\s*(?:<[^>]+>\s*)*<a\b")
    wrong = [page for page in pages if separated.search((site_dir / page).read_text(encoding="utf-8"))]
    weigh(request, len(pages), len(wrong))
    assert not wrong, "\n".join(wrong[:20])


@pytest.mark.rgaa("liens", "Sur une page, un même intitulé de lien mène toujours au même endroit", ["6.1"])
def test_one_destination_per_link_text(pages, request):
    wrong = {}
    for page, outline in pages.items():
        destinations = defaultdict(set)
        for href, text in outline.links:
            destinations[text].add(urljoin("http://site.invalid/" + page, href))
        ambiguous = {text: sorted(where) for text, where in destinations.items() if len(where) > 1}
        if ambiguous:
            wrong[page] = ambiguous
    weigh(request, len(pages), len(wrong))
    assert not wrong, "\n".join(f"{page}: {ambiguous}" for page, ambiguous in list(wrong.items())[:20])


@pytest.mark.rgaa("position", "« ci-dessus » et « ci-dessous » renvoient dans le bon sens, par un lien", ["10.9"])
@pytest.mark.parametrize("kind", PAGE_KINDS.keys())
def test_positional_words_point_the_right_way(driver, site_dir, base_url, kind):
    page = page_of_kind(site_dir, kind)
    driver.get(url_of(base_url, page))
    wrong = driver.execute_script(r"""
        var wrong = [];
        document.querySelectorAll("main p, main li, main td").forEach(function (block) {
          // Words quoted « ci-dessus » are mentioned, not used.
          var text = block.textContent.toLowerCase().replace(/«[^»]*»/g, "");
          var up = /ci-dessus|plus haut/.test(text), down = /ci-dessous|plus bas/.test(text);
          if (!up && !down) return;
          var link = block.querySelector('a[href^="#"]');
          var target = link && document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
          if (!target) { if (up) wrong.push("« ci-dessus » without a link: " + text.trim().slice(0, 80)); return; }
          var below = block.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING;
          if ((up && below) || (down && !below)) wrong.push("points the wrong way: " + text.trim().slice(0, 80));
        });
        return wrong;""")
    assert not wrong, f"{page}:\n" + "\n".join(wrong)
