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

  // Keys are taken in the order pressed: while an entry is on its way, what the clerk types next waits
  // and is played on the panel that answers it (so W W H Enter never reaches the server out of order,
  // and H reads the standing bid the last entry left).
  var busy = false;
  var pending = [];

  function shortcut(key) {
    var act = KEYS[key.length === 1 ? key.toLowerCase() : key];
    return Boolean(act && act());
  }

  // A queued key typed into a field as the browser would have: it replaces what is selected (a field
  // the R, P, N… keys just focused has its old value selected), else it goes at the end; Backspace
  // ("") removes the selection or the last character.
  function typeInto(input, text) {
    var start = null, end = null;
    try { start = input.selectionStart; end = input.selectionEnd; } catch (ignored) { start = null; }
    if (typeof start === "number" && typeof end === "number" && end > start) {
      input.value = input.value.slice(0, start) + text + input.value.slice(end);
      try { input.setSelectionRange(start + text.length, start + text.length); } catch (ignored) { /* no caret */ }
      return;
    }
    input.value = text ? input.value + text : input.value.slice(0, -1);
  }

  function replay(key) {
    var active = document.activeElement;
    var here = panel();
    if (here && active && here.contains(active) && typing(active)) {
      if (key === "Enter") { active.form.requestSubmit(); return; }
      if (key === "Escape") { here.focus(); return; }
      if (key === "Backspace") { typeInto(active, ""); return; }
      if (key.length === 1) { typeInto(active, key); }
      return;
    }
    if (active instanceof HTMLButtonElement && here && here.contains(active) && (key === "Enter" || key === " ")) {
      active.form.requestSubmit(active);
      return;
    }
    if (key === "Escape" && here) { here.focus(); return; }
    shortcut(key);
  }

  function drain() {
    while (!busy && pending.length) { replay(pending.shift()); }
  }

  document.addEventListener("keydown", function (event) {
    if (!panel() || event.ctrlKey || event.metaKey || event.altKey) return;
    if (busy) {
      if (event.key.length === 1 || ["Enter", "Escape", "Backspace", "ArrowRight", "ArrowLeft"].indexOf(event.key) >= 0) {
        event.preventDefault();
        event.stopPropagation();
        pending.push(event.key);
      }
      return;
    }
    if (typing(event.target) || (event.target instanceof HTMLButtonElement && (event.key === "Enter" || event.key === " "))) {
      if (event.key === "Escape") { event.preventDefault(); panel().focus(); }
      return;
    }
    if (event.key === "Escape") { event.preventDefault(); panel().focus(); return; }
    if (shortcut(event.key)) { event.preventDefault(); event.stopPropagation(); }
  }, true);

  function inPanel(event) {
    var here = panel();
    return here && event.target && (here.contains(event.target) || event.target === here);
  }

  document.body.addEventListener("htmx:beforeRequest", function (event) { if (inPanel(event)) busy = true; });
  document.body.addEventListener("htmx:responseError", function () { busy = false; drain(); });
  document.body.addEventListener("htmx:sendError", function () { busy = false; drain(); });

  // A refusal (409, 422) still carries the panel with its sentence.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if ((status === 409 || status === 422) && event.detail.target && event.detail.target.id === "clerk-panel") {
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

  document.body.addEventListener("htmx:afterSettle", function () { settle(); busy = false; drain(); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", settle);
  } else {
    settle();
  }
})();
