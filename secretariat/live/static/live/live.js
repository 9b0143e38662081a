/* The live meeting pages (issue 16). Each [data-live-socket] element keeps a websocket to its path; the server
   sends the whole state rendered for this viewer with a version number (never applied when older). Only the parts
   that changed are replaced, so a control that did not change keeps keyboard focus; when the focused control's
   part is replaced, focus moves to the same control in the new part (or, if it is gone, to its section's heading),
   and what the user had chosen in a select or typed in a field is kept. The current speaker and new results
   ([data-live-say] in the state) are read out through the page's one polite live region [data-live-announce].
   A dropped connection is retried with a growing pause; the server sends the current state on every connect, so
   nothing missed is lost. Forms marked [data-live-form] are posted with fetch (the answer comes back as JSON; the
   new state arrives over the socket); without JavaScript they post and redirect as usual, and the public page
   reloads itself (<noscript> meta refresh). */
(function () {
  "use strict";

  var announcer = null;

  function announce(text) {
    if (!announcer || !text) { return; }
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function setStatus(text) {
    document.querySelectorAll("[data-live-status]").forEach(function (el) { el.textContent = text; });
  }

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function tickTimers() {
    document.querySelectorAll("[data-ends-at]").forEach(function (el) {
      var left = Math.round((Date.parse(el.getAttribute("data-ends-at")) - Date.now()) / 1000);
      el.textContent = left > 0 ? "– gjenstår " + Math.floor(left / 60) + ":" + pad(left % 60)
                                : "– taletiden er ute";
    });
  }

  /* A refused or failed post: the buttons work again, and focus goes back to the one pressed if it is still there. */
  function enable(form, submitter) {
    form.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
    if (submitter && submitter.isConnected && (!document.activeElement || document.activeElement === document.body)) {
      submitter.focus();
    }
  }

  function postForm(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    return fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Saksgang-Live": "1" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      announce(result.ok ? result.body.message : result.body.error);
      if (!result.ok) { enable(form, submitter); }
    }).catch(function () {
      announce("Fikk ikke kontakt med serveren. Prøv igjen.");
      enable(form, submitter);
    });
  }

  function LiveBox(el) {
    this.el = el;
    this.path = el.getAttribute("data-live-socket");
    this.version = parseInt(el.getAttribute("data-live-version") || "0", 10);
    this.delay = 1000;
    this.socket = null;
    this.lastKey = null;
    this.lastSection = null;
    this.watchFocus();
    this.connect();
  }

  LiveBox.prototype.connect = function () {
    var self = this;
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + this.path);
    this.socket = socket;
    socket.onopen = function () { self.delay = 1000; setStatus("(direkte)"); };
    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.type !== "state" || message.version < self.version) { return; }
      /* An equal version is a change made outside the live services (møtemodus): render it too. */
      self.version = message.version;
      self.el.setAttribute("data-live-version", String(message.version));
      var said = self.update(message.html);
      tickTimers();
      announce(said || message.announce);
    };
    socket.onclose = function (event) {
      if (self.socket !== socket) { return; }
      if (event.code === 4403) { setStatus("(ingen tilgang til direkteoppdatering)"); return; }
      setStatus("(frakoblet – kobler til igjen …)");
      window.setTimeout(function () { self.connect(); }, self.delay);
      self.delay = Math.min(self.delay * 2, 10000);
    };
  };

  /* --- replacing the state without losing the user's place ------------------------------------------------ */

  var CONTROLS = "button, input, select, textarea, a[href], [tabindex]";

  function squash(text) { return (text || "").replace(/\s+/g, " ").trim(); }

  /* Two renders of the same part differ only in their CSRF token (the page's is masked, the socket's is not). */
  function comparable(node) {
    return node.nodeType === 1
      ? node.outerHTML.replace(/(name="csrfmiddlewaretoken" value=")[^"]*/g, "$1")
      : squash(node.textContent);
  }

  /* What identifies a control across renders: its id, or its form's action and hidden values with its own name,
     value and text (the "Gi ordet" button of one speech, the "Stem for" button of one vote). */
  function controlKey(el) {
    if (el.id) { return "#" + el.id; }
    var form = el.form || el.closest("form");
    var hidden = form ? Array.prototype.map.call(form.querySelectorAll("input[type=hidden]"), function (input) {
      return input.name === "csrfmiddlewaretoken" ? "" : input.name + "=" + input.value;
    }).join("&") : "";
    return [el.tagName, form ? form.getAttribute("action") : "", hidden, el.getAttribute("name") || "",
            el.getAttribute("value") || "", el.getAttribute("href") || "", squash(el.textContent)].join("|");
  }

  function findControl(root, key) {
    var found = null;
    root.querySelectorAll(CONTROLS).forEach(function (el) { if (!found && controlKey(el) === key) { found = el; } });
    return found;
  }

  function sayings(root) {
    var said = {};
    root.querySelectorAll("[data-live-say]").forEach(function (el) {
      said[el.getAttribute("data-live-say")] = squash(el.textContent);
    });
    return said;
  }

  function edited(root) {
    var values = {};
    root.querySelectorAll("select[id], input[id], textarea[id]").forEach(function (el) {
      if (el.type === "hidden") { return; }
      if (el.tagName === "SELECT") {
        var option = el.options[el.selectedIndex];
        if (option && !option.defaultSelected) { values[el.id] = { value: el.value }; }
      } else if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked !== el.defaultChecked) { values[el.id] = { checked: el.checked }; }
      } else if (el.value !== el.defaultValue) {
        values[el.id] = { value: el.value };
      }
    });
    return values;
  }

  function restoreEdited(root, values) {
    Object.keys(values).forEach(function (id) {
      var el = document.getElementById(id);
      if (!el || !root.contains(el)) { return; }
      if ("checked" in values[id]) { el.checked = values[id].checked; return; }
      if (el.tagName === "SELECT" && !Array.prototype.some.call(el.options, function (o) {
        return o.value === values[id].value;
      })) { return; }
      el.value = values[id].value;
    });
  }

  function focusHeading(root, sectionLabel) {
    var heading = sectionLabel ? document.getElementById(sectionLabel) : null;
    var target = heading && root.contains(heading) ? heading : root;
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
  }

  /* Apply a new render; return what to read out (the speaker and results that are new or changed). */
  LiveBox.prototype.update = function (html) {
    var el = this.el;
    var active = document.activeElement;
    var focusLost = !active || active === document.body;
    var key = null, sectionLabel = null;
    if (active && active !== el && el.contains(active)) {
      key = controlKey(active);
    } else if (focusLost && this.lastKey) {
      key = this.lastKey;  /* e.g. the button that was pressed, disabled while its form was posted */
    }
    if (key && active && el.contains(active)) {
      var section = active.closest("section[aria-labelledby]");
      sectionLabel = section ? section.getAttribute("aria-labelledby") : null;
    } else if (key) {
      sectionLabel = this.lastSection;
    }
    var before = sayings(el);
    var values = edited(el);
    var fresh = document.createElement("div");
    fresh.innerHTML = html;
    var old = Array.prototype.slice.call(el.childNodes);
    var next = Array.prototype.slice.call(fresh.childNodes);
    var sameShape = old.length === next.length && old.every(function (node, i) {
      return node.nodeType === next[i].nodeType && node.nodeName === next[i].nodeName;
    });
    if (sameShape) {
      old.forEach(function (node, i) {
        if (comparable(node) !== comparable(next[i])) { el.replaceChild(next[i], node); }
      });
    } else {
      el.replaceChildren.apply(el, next);
    }
    restoreEdited(el, values);
    if (key && !(document.activeElement && el.contains(document.activeElement) &&
                 document.activeElement !== el)) {
      var same = findControl(el, key);
      if (same) { same.focus(); } else { focusHeading(el, sectionLabel); }
    }
    var after = sayings(el);
    return Object.keys(after).filter(function (name) {
      return after[name] && after[name] !== before[name];
    }).map(function (name) { return after[name]; }).join(" ");
  };

  LiveBox.prototype.watchFocus = function () {
    var self = this;
    this.el.addEventListener("focusin", function (event) {
      if (event.target === self.el) { return; }
      self.lastKey = controlKey(event.target);
      var section = event.target.closest("section[aria-labelledby]");
      self.lastSection = section ? section.getAttribute("aria-labelledby") : null;
    });
    this.el.addEventListener("focusout", function (event) {
      /* A pressed button is disabled while its form is posted and loses focus: remember it, so the new state
         puts focus back on it (or on its section). Leaving the live part for anywhere else forgets it. */
      if (event.target.disabled) { return; }
      if (!event.relatedTarget || !self.el.contains(event.relatedTarget)) { self.lastKey = null; self.lastSection = null; }
    });
  };

  document.addEventListener("DOMContentLoaded", function () {
    announcer = document.querySelector("[data-live-announce]");
    var boxes = [];
    document.querySelectorAll("[data-live-socket]").forEach(function (el) { boxes.push(new LiveBox(el)); });
    window.saksgangLive = boxes;  /* the open connections (read by the browser test that drops one) */
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.matches || !form.matches("[data-live-form]")) { return; }
      event.preventDefault();
      postForm(form, event.submitter);
    });
    tickTimers();
    window.setInterval(tickTimers, 1000);
  });
}());
