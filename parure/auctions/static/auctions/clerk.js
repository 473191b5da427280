// The clerk's screen, keyboard only: each key posts its form (htmx swaps the panel) or puts the
// cursor in its field; Enter in a field posts it; Escape comes back to the screen. After every
// answer the focus returns to the screen (or to the field a refusal concerns), so the clerk never
// needs the mouse. No inline handlers (the Content Security Policy forbids them).
(function () {
  "use strict";

  function panel() { return document.getElementById("clerk-panel"); }

  function typing(target) {
    return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement || (target && target.isContentEditable);
  }

  function form(key) {
    var here = panel();
    return here ? here.querySelector('form[data-key="' + key + '"]') : null;
  }

  function post(key) {
    var found = form(key);
    if (!found) return false;
    var button = found.querySelector('button[type="submit"]');
    if (button && button.disabled) return false;
    found.requestSubmit();
    return true;
  }

  function field(key) {
    var found = form(key);
    var input = found ? (found.querySelector("input:not([type=hidden])") || found.querySelector("button")) : null;
    if (!input) return false;
    input.focus();
    if (input.select) input.select();
    return true;
  }

  function go(which) {
    var here = panel();
    var url = here && here.getAttribute("data-" + which);
    if (url) { window.location.assign(url); return true; }
    return false;
  }

  var KEYS = {
    "o": function () { return post("o"); },
    "w": function () { return post("w"); },
    " ": function () { return post("w"); },
    "r": function () { return field("r"); },
    "p": function () { return field("p"); },
    "n": function () { return field("n"); },
    "j": function () { return field("j"); },
    "h": function () { return field("h"); },
    "x": function () { return field("x"); },
    "d": function () { return field("d"); },
    "ArrowRight": function () { return go("after"); },
    "ArrowLeft": function () { return go("before"); }
  };

  document.addEventListener("keydown", function (event) {
    if (!panel() || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target) || (event.target instanceof HTMLButtonElement && event.key !== "Escape" &&
        (event.key === "Enter" || event.key === " "))) {
      if (event.key === "Escape") { event.preventDefault(); panel().focus(); }
      return;
    }
    if (event.key === "Escape") { event.preventDefault(); panel().focus(); return; }
    var act = KEYS[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    if (act && act()) { event.preventDefault(); event.stopPropagation(); }
  }, true);

  // A refusal (409, 422) still carries the panel with its sentence.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if ((status === 409 || status === 422 || status === 404) && event.detail.target && event.detail.target.id === "clerk-panel") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  function settle() {
    var here = panel();
    if (!here) return;
    var wanted = here.querySelector("[data-focus]");
    if (wanted) { wanted.focus(); if (wanted.select) wanted.select(); } else { here.focus(); }
  }

  document.body.addEventListener("htmx:afterSettle", settle);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", settle);
  } else {
    settle();
  }
})();
