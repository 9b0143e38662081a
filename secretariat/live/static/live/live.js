/* The live meeting pages (issue 16). Each [data-live-socket] element keeps a websocket to its path; the server
   sends the whole state rendered for this viewer with a version number, and the element's content is replaced
   (never by an older version). A dropped connection is retried with a growing pause; the server sends the
   current state on every connect, so nothing missed is lost. Forms marked [data-live-form] are posted with
   fetch (the answer comes back as JSON; the new state arrives over the socket); without JavaScript they post
   and redirect as usual, and the public page reloads itself (<noscript> meta refresh). */
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
      if (!result.ok) { form.querySelectorAll("button").forEach(function (b) { b.disabled = false; }); }
    }).catch(function () {
      announce("Fikk ikke kontakt med serveren. Prøv igjen.");
      form.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
    });
  }

  function LiveBox(el) {
    this.el = el;
    this.path = el.getAttribute("data-live-socket");
    this.version = parseInt(el.getAttribute("data-live-version") || "0", 10);
    this.delay = 1000;
    this.socket = null;
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
      self.el.innerHTML = message.html;
      tickTimers();
      announce(message.announce);
    };
    socket.onclose = function (event) {
      if (self.socket !== socket) { return; }
      if (event.code === 4403) { setStatus("(ingen tilgang til direkteoppdatering)"); return; }
      setStatus("(frakoblet – kobler til igjen …)");
      window.setTimeout(function () { self.connect(); }, self.delay);
      self.delay = Math.min(self.delay * 2, 10000);
    };
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
