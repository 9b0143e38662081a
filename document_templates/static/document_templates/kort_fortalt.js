/* Kort fortalt assistant: while the saksbehandler types, ask the server (the same Python rules that
   guard submission) for length, LIX, long sentences and jargon, and show them under the field. */
(function () {
  "use strict";
  var field = document.getElementById("id_summary");
  var panel = document.getElementById("klarsprak-panel");
  if (!field || !panel) { return; }
  var url = panel.getAttribute("data-url");
  var csrf = (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  var timer = null;
  var seq = 0;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function render(a) {
    var out = document.createDocumentFragment();
    var stats = el("p", "klarsprak-stats");
    var chars = el("span", a.over_limit ? "klarsprak-bad" : "klarsprak-ok", a.chars + " / " + a.limit + " tegn");
    chars.setAttribute("data-testid", "klarsprak-chars");
    stats.appendChild(chars);
    stats.appendChild(document.createTextNode(" · "));
    var lix = el("span", a.lix_ok ? "klarsprak-ok" : "klarsprak-bad",
                 a.words ? "LIX " + a.lix + " (" + a.lix_band + ", mål under " + a.lix_target + ")" : "LIX –");
    lix.setAttribute("data-testid", "klarsprak-lix");
    stats.appendChild(lix);
    out.appendChild(stats);
    if (a.messages.length) {
      var list = el("ul", "klarsprak-messages");
      a.messages.forEach(function (m) { list.appendChild(el("li", "", m)); });
      out.appendChild(list);
    }
    if (a.long_sentences.length || a.jargon.length) {
      var preview = el("p", "klarsprak-preview");
      preview.setAttribute("aria-label", "Teksten med markeringer");
      a.segments.forEach(function (s) {
        if (!s.kinds.length) { preview.appendChild(document.createTextNode(s.text)); return; }
        var mark = el("mark", s.kinds.map(function (k) { return "klarsprak-" + k; }).join(" "), s.text);
        if (s.note) { mark.title = "Klarere: " + s.note; }
        preview.appendChild(mark);
      });
      out.appendChild(preview);
    }
    if (a.jargon.length) {
      var jl = el("ul", "klarsprak-jargon");
      a.jargon.forEach(function (j) { jl.appendChild(el("li", "", "«" + j.phrase + "» → " + (j.suggestion || "skriv enklere"))); });
      out.appendChild(jl);
    }
    panel.replaceChildren(out);
  }

  function check() {
    var mine = ++seq;
    var body = new URLSearchParams();
    body.set("text", field.value);
    fetch(url, {method: "POST", body: body, credentials: "same-origin",
                headers: {"X-CSRFToken": csrf, "Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (a) { if (a && mine === seq) { render(a); } })
      .catch(function () { /* the assistant is help, not a gate: stay quiet when offline */ });
  }

  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  });
  check();
})();
