// Instant filtering of the catalogue of needs (/besoins/). Progressive enhancement: without
// this script the page lists every need with links to static facet pages; with it, a form
// filters by several facets at once and by free text (accents and case ignored), keeps the
// filters in the URL (?theme=opendata&departement=93&q=carto) and announces the result count.
(function () {
  "use strict";
  var form = document.getElementById("filtres");
  var list = document.getElementById("liste-besoins");
  var status = document.getElementById("resultats-statut");
  if (!form || !list || !status || !window.fetch || !window.URLSearchParams || !"".normalize) { return; }

  var FACETS = ["theme", "departement", "type-acheteur", "lancement", "procedure", "statut"];
  var STEP = 50;
  var staticItems = Array.prototype.slice.call(list.children);
  var pagination = document.querySelector(".pagination");
  var index, needs, limit = STEP, timer;

  // « Mobilité » and « mobilite » match: decompose, drop combining marks, lowercase.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[\u2019']/g, " ").replace(/[\u00a0\u202f]/g, " ");
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function prepare(data) {
    return data.n.map(function (row) {
      var buyer = data.b[row[0]], theme = data.t[row[4]] || ["", ""];
      var cpv = row[10].map(function (i) { return data.c[i]; });
      var key = buyer[0] + "-" + row[1] + "-" + row[2];
      return {
        key: key, title: row[3], buyer: buyer[1], department: (data.d[buyer[2]] || ["", ""]),
        theme: theme, quarter: data.l[row[5]] || ["", ""], launch: data.x[row[6]],
        procedure: data.p[row[7]] || ["", ""], status: data.s[row[8]] || ["", "", ""],
        budget: data.m[row[9]], cpv: cpv,
        values: {
          "theme": theme[0], "departement": (data.d[buyer[2]] || [""])[0],
          "type-acheteur": (data.k[buyer[3]] || [""])[0], "lancement": (data.l[row[5]] || [""])[0],
          "procedure": (data.p[row[7]] || [""])[0], "statut": (data.s[row[8]] || [""])[0]
        },
        text: fold([row[3], buyer[1], theme[1], key].concat(cpv.map(function (c) { return c.join(" "); })).join(" "))
      };
    });
  }

  function card(need) {
    var li = el("li", "need-card"); li.setAttribute("data-key", need.key);
    var article = el("article"); article.setAttribute("aria-labelledby", "carte-" + need.key);
    var head = el("div", "need-card__head");
    var h3 = el("h3", "need-card__title"); h3.id = "carte-" + need.key;
    var a = el("a", null, need.title); a.href = need.key + "/";
    h3.appendChild(a); head.appendChild(h3);
    var badge = el("p", "badge badge--" + need.status[0]);
    badge.appendChild(el("span", null, need.status[2])).setAttribute("aria-hidden", "true");
    badge.appendChild(document.createTextNode(" "));
    badge.appendChild(el("span", "visually-hidden", "Statut : "));
    badge.appendChild(document.createTextNode(need.status[1]));
    head.appendChild(badge); article.appendChild(head);
    var dl = el("dl", "need-card__facts");
    function fact(term, value, extra, className) {
      var div = el("div", className); div.appendChild(el("dt", null, term));
      var dd = el("dd", null, value); if (extra) { dd.appendChild(extra); }
      div.appendChild(dd); dl.appendChild(div);
      return dd;
    }
    var dept = el("span", "muted", "(" + need.department[1] + ")");
    fact("Acheteur", need.buyer + " ", dept, "need-card__wide");
    fact("Thème", need.theme[1]);
    fact("Lancement", need.launch);
    fact("Budget", need.budget);
    fact("Procédure", need.procedure[1]);
    if (need.cpv.length) {
      var ul = el("ul", "plain");
      need.cpv.forEach(function (c) {
        var item = el("li"); item.appendChild(el("span", "cpv", c[0]));
        item.appendChild(document.createTextNode(" " + c[1])); ul.appendChild(item);
      });
      fact("CPV", "", ul, "need-card__wide");
    }
    article.appendChild(dl); li.appendChild(article);
    return li;
  }

  function readForm() {
    var state = {};
    FACETS.concat("q").forEach(function (name) {
      var field = form.elements[name];
      if (field && field.value.trim()) { state[name] = field.value.trim(); }
    });
    return state;
  }

  function writeForm(state) {
    FACETS.concat("q").forEach(function (name) {
      var field = form.elements[name];
      if (!field) { return; }
      var value = state[name] || "";
      if (field.tagName === "SELECT" && value &&
          !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) { value = ""; }
      field.value = value;
    });
  }

  function stateFromURL() {
    var params = new URLSearchParams(window.location.search), state = {};
    FACETS.concat("q").forEach(function (name) { var v = params.get(name); if (v) { state[name] = v; } });
    return state;
  }

  function updateURL(state) {
    var params = new URLSearchParams();
    FACETS.concat("q").forEach(function (name) { if (state[name]) { params.set(name, state[name]); } });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function countText(n) {
    if (n === 0) { return "Aucun besoin ne correspond"; }
    return n.toLocaleString("fr-FR") + (n > 1 ? " besoins correspondent" : " besoin correspond");
  }

  function render(state, announce) {
    var active = Object.keys(state).length > 0;
    list.textContent = "";
    var more = document.getElementById("plus-de-besoins");
    if (more) { more.parentNode.removeChild(more); }
    if (!active) {
      staticItems.forEach(function (item) { list.appendChild(item); });
      if (pagination) { pagination.hidden = false; }
      status.textContent = announce ? needs.length.toLocaleString("fr-FR") + " besoins au total" : "";
      return;
    }
    if (pagination) { pagination.hidden = true; }
    var words = state.q ? fold(state.q).split(/\s+/).filter(Boolean) : [];
    var matches = needs.filter(function (need) {
      for (var i = 0; i < FACETS.length; i++) {
        var f = FACETS[i];
        if (state[f] && need.values[f] !== state[f]) { return false; }
      }
      return words.every(function (w) { return need.text.indexOf(w) !== -1; });
    });
    var fragment = document.createDocumentFragment();
    matches.slice(0, limit).forEach(function (need) { fragment.appendChild(card(need)); });
    list.appendChild(fragment);
    if (matches.length > limit) {
      var button = el("button", "button button--secondary", "Afficher " + Math.min(STEP, matches.length - limit) + " besoins de plus");
      button.type = "button"; button.id = "plus-de-besoins";
      button.addEventListener("click", function () { limit += STEP; render(readForm(), false); });
      list.parentNode.insertBefore(button, list.nextSibling);
    }
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
      index = data;
      needs = prepare(index);
      form.hidden = false;
      var initial = stateFromURL();
      writeForm(initial);
      if (Object.keys(initial).length) { render(readForm(), true); }
      form.addEventListener("change", function () { onChange(0); });
      form.addEventListener("input", function (event) { if (event.target.name === "q") { onChange(200); } });
      form.addEventListener("submit", function (event) { event.preventDefault(); onChange(0); });
      form.addEventListener("reset", function () { window.setTimeout(function () { onChange(0); }, 0); });
    })
    .catch(function () { /* the static list and facet pages remain */ });
})();
