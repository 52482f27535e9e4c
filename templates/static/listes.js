// Instant filtering and search of the site's lists: the catalogue of needs (/besoins/), the
// directory of suppliers (/prestataires/) and the site search (/recherche/), from their index
// files (the format is described in Sources/OpenMapRender/ListCard.swift). Progressive
// enhancement: without this script the lists are static pages with links to static facet pages,
// and the search form leads to the catalogue. With it, a form filters by several criteria at
// once and by words (accents, case and French word forms ignored: « marchés » finds « marché »),
// keeps them in the URL (?theme=opendata&departement=93&q=carto) and announces the count.
(function () {
  "use strict";
  var form = document.getElementById("filtres");
  var list = document.getElementById("liste");
  var status = document.getElementById("resultats-statut");
  if (!form || !list || !status || !window.fetch || !window.URLSearchParams || !"".normalize) { return; }

  var root = form.getAttribute("data-root") || "";
  var singular = form.getAttribute("data-singular") || "élément";
  var plural = form.getAttribute("data-plural") || "éléments";
  var rankByTitle = form.hasAttribute("data-rank");
  var STEP = 50;
  var staticItems = Array.prototype.slice.call(list.children);
  var pagination = document.querySelector(".pagination");
  var countNode = document.getElementById("liste-compte");
  var staticCount = countNode ? countNode.textContent : "";
  var filters = [], items = [], limit = STEP, timer;

  // Folding and stemming as FrenchSearch does in Swift (Sources/OpenMapText/FrenchSearch.swift).
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss");
  }

  function stem(word) {
    if (word.length < 4 || /[0-9]/.test(word)) { return word; }
    if (/eaux$/.test(word)) { word = word.slice(0, -1); }
    else if (/aux$/.test(word) && word.length > 5) { word = word.slice(0, -2) + "l"; }
    else if (/x$/.test(word) && word.length > 4) { word = word.slice(0, -1); }
    ["s", "r", "e", "e"].forEach(function (letter) {
      if (word.length > 4 && word.charAt(word.length - 1) === letter) { word = word.slice(0, -1); }
    });
    var last = word.charAt(word.length - 1);
    if (word.length > 4 && last === word.charAt(word.length - 2) && /[^0-9]/.test(last)) { word = word.slice(0, -1); }
    return word;
  }

  function terms(text) {
    return fold(text).split(/[^\p{L}0-9]+/u).filter(Boolean).map(stem);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function prepare(data) {
    var s = data.s;
    function text(i) { return i >= 0 ? s[i] : null; }
    var columns = data.c.map(function (c) { return { term: s[c[0]], kind: c[1], wide: c[2] === 1 }; });
    var badges = data.b.map(function (b) { return { kind: b[0], symbol: s[b[1]], label: s[b[2]], prefix: text(b[3]) }; });
    filters = data.f.map(function (f) { return { name: f[0], values: f[1].map(function (v) { return v[0]; }) }; });
    function pair(i) { return [text(data.n[i][0]), text(data.n[i][1])]; }
    return data.i.map(function (row) {
      var values = {};
      filters.forEach(function (f, i) {
        var v = row[3][i];
        values[f.name] = (v === -1 ? [] : (typeof v === "number" ? [v] : v)).map(function (p) { return f.values[p]; });
      });
      var facts = [], words = [];
      columns.forEach(function (column, i) {
        var v = row[2][i];
        if (v === -1 || (column.kind === 2 && !v.length)) { return; }
        var fact = { term: column.term, text: null, note: null, items: [], wide: column.wide };
        if (column.kind === 0) { fact.text = s[v]; }
        else if (column.kind === 1) { var p = pair(v); fact.text = p[0]; fact.note = p[1]; }
        else { fact.items = v.map(function (c) { var p = pair(c); return { code: p[0], label: p[1] }; }); }
        words.push(fact.text || "", fact.note || "");
        fact.items.forEach(function (entry) { words.push(entry.code || "", entry.label); });
        facts.push(fact);
      });
      var title = s[row[1]], badge = row.length > 4 ? row[4] : -1, path = row.length > 5 ? row[5] : 0;
      var more = row.length > 6 ? row[6] : -1, qualifier = row.length > 7 ? row[7] : -1;
      var titleTerms = " " + terms(title).join(" ");
      return {
        key: row[0], href: root + (path === 0 ? data.p + row[0] + "/" : path), title: title,
        qualifier: qualifier >= 0 ? s[qualifier] : null,
        badge: badge >= 0 ? badges[badge] : null, facts: facts, values: values,
        titleTerms: titleTerms,
        terms: titleTerms + " | " + terms(words.join(" ")).join(" ") + (more >= 0 ? " " + s[more] : "")
      };
    });
  }

  // The same markup as templates/partials/card.mustache.
  function card(item) {
    var li = el("li", "need-card");
    var h3 = el("h3");
    var a = el("a", null, item.title); a.href = item.href;
    if (item.qualifier) { a.appendChild(el("span", "visually-hidden", " (" + item.qualifier + ")")); }
    h3.appendChild(a); li.appendChild(h3);
    if (item.badge) {
      var badge = el("p", "badge badge--" + item.badge.kind);
      badge.appendChild(el("span", null, item.badge.symbol)).setAttribute("aria-hidden", "true");
      badge.appendChild(document.createTextNode(" "));
      if (item.badge.prefix) { badge.appendChild(el("span", "visually-hidden", item.badge.prefix)); }
      badge.appendChild(document.createTextNode(item.badge.label));
      li.appendChild(badge);
    }
    var dl = el("dl");
    item.facts.forEach(function (fact) {
      var div = el("div", fact.wide ? "wide" : null);
      div.appendChild(el("dt", null, fact.term));
      var dd = el("dd", null, fact.text || "");
      if (fact.note) { dd.appendChild(document.createTextNode(" ")); dd.appendChild(el("span", "muted", "(" + fact.note + ")")); }
      if (fact.items.length) {
        var ul = el("ul", "plain");
        fact.items.forEach(function (entry) {
          var li2 = el("li");
          if (entry.code) { li2.appendChild(el("span", "cpv", entry.code)); li2.appendChild(document.createTextNode(" ")); }
          li2.appendChild(document.createTextNode(entry.label));
          ul.appendChild(li2);
        });
        dd.appendChild(ul);
      }
      div.appendChild(dd); dl.appendChild(div);
    });
    li.appendChild(dl);
    return li;
  }

  function names() { return filters.map(function (f) { return f.name; }).concat("q"); }

  function fieldValue(field) {
    if (!field) { return ""; }
    if (field.type === "checkbox") { return field.checked ? field.value : ""; }
    return field.value.trim();
  }

  function readForm() {
    var state = {};
    names().forEach(function (name) { var v = fieldValue(form.elements[name]); if (v) { state[name] = v; } });
    return state;
  }

  function writeForm(state) {
    names().forEach(function (name) {
      var field = form.elements[name];
      if (!field) { return; }
      var value = state[name] || "";
      if (field.type === "checkbox") { field.checked = value !== "" && value === field.value; return; }
      if (field.tagName === "SELECT" && value &&
          !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) { value = ""; }
      field.value = value;
    });
  }

  function stateFromURL() {
    var params = new URLSearchParams(window.location.search), state = {};
    names().forEach(function (name) { var v = params.get(name); if (v) { state[name] = v; } });
    return state;
  }

  function updateURL(state) {
    var params = new URLSearchParams();
    names().forEach(function (name) { if (state[name]) { params.set(name, state[name]); } });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function counted(n) { return n.toLocaleString("fr-FR") + "\u00a0" + (n > 1 ? plural : singular); }

  function countText(n) {
    if (n === 0) { return "Aucun " + singular + " ne correspond"; }
    return counted(n) + (n > 1 ? " correspondent" : " correspond");
  }

  function render(state, announce) {
    var active = Object.keys(state).length > 0;
    list.textContent = "";
    var more = document.getElementById("plus-de-resultats");
    if (more) { more.parentNode.removeChild(more); }
    if (!active) {
      staticItems.forEach(function (item) { list.appendChild(item); });
      if (pagination) { pagination.hidden = false; }
      if (countNode) { countNode.textContent = staticCount; }
      status.textContent = announce && staticItems.length ? counted(items.length) + " au total" : "";
      return;
    }
    if (pagination) { pagination.hidden = true; }
    var words = state.q ? terms(state.q) : [];
    var matches = items.filter(function (item) {
      for (var i = 0; i < filters.length; i++) {
        var f = filters[i].name;
        if (state[f] && item.values[f].indexOf(state[f]) === -1) { return false; }
      }
      return words.every(function (w) { return item.terms.indexOf(" " + w) !== -1; });
    });
    if (rankByTitle && words.length) {
      var inTitle = function (item) { return words.every(function (w) { return item.titleTerms.indexOf(" " + w) !== -1; }); };
      matches = matches.filter(inTitle).concat(matches.filter(function (item) { return !inTitle(item); }));
    }
    var fragment = document.createDocumentFragment();
    matches.slice(0, limit).forEach(function (item) { fragment.appendChild(card(item)); });
    list.appendChild(fragment);
    if (matches.length > limit) {
      var button = el("button", "button button--secondary",
                      "Afficher " + counted(Math.min(STEP, matches.length - limit)) + " de plus");
      button.type = "button"; button.id = "plus-de-resultats";
      button.addEventListener("click", function () { limit += STEP; render(readForm(), false); });
      list.parentNode.insertBefore(button, list.nextSibling);
    }
    if (countNode) { countNode.textContent = counted(matches.length); }
    status.textContent = countText(matches.length);
  }

  function onChange(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      limit = STEP;
      var state = readForm();
      updateURL(state);
      render(state, true);
    }, delay);
  }

  fetch(form.getAttribute("data-index"))
    .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
    .then(function (data) {
      items = prepare(data);
      form.hidden = false;
      var initial = stateFromURL();
      writeForm(initial);
      // On the search page, the header's field keeps the words searched.
      var header = document.getElementById("recherche-site");
      if (header && rankByTitle && initial.q) { header.value = initial.q; }
      if (Object.keys(initial).length) { render(readForm(), true); }
      form.addEventListener("change", function () { onChange(0); });
      form.addEventListener("input", function (event) { if (event.target.name === "q") { onChange(200); } });
      form.addEventListener("submit", function (event) { event.preventDefault(); onChange(0); });
      form.addEventListener("reset", function () { window.setTimeout(function () { onChange(0); }, 0); });
    })
    .catch(function () { /* the static lists and facet pages remain */ });
})();
