/* Saksgang: the little behaviour the pages need, as a static file (the Content-Security-Policy allows no inline
   script, style="" or on…= handler; see README, "Security"). */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    // Positions given as data attributes (the election timeline): set through the CSSOM, which the policy allows.
    document.querySelectorAll("[data-pos-left]").forEach(function (el) {
      el.style.left = el.dataset.posLeft + "%";
      if (el.dataset.posWidth !== undefined) el.style.width = el.dataset.posWidth + "%";
    });

    // A read-only field whose whole value is meant to be copied (the calendar feed address).
    document.querySelectorAll("input[data-select-on-focus]").forEach(function (el) {
      el.addEventListener("focus", function () { el.select(); });
    });
  });
})();
