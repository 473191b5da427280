// Count scanning: the scan box is a keyboard (a scanner types the code and Enter). After each
// answer the box is emptied and focused for the next tag; "/" brings the focus back to it.
// No inline handlers: the Content Security Policy forbids them.
(function () {
  "use strict";
  var box = document.querySelector("[data-count-scan]");
  if (!box) return;
  var form = box.form;

  function typing(target) {
    return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement || (target && target.isContentEditable);
  }

  // On a count page "/" focuses the count's own scan box rather than the masthead's. In the box
  // itself it is swallowed: no stock number has a slash, and a typed one would spoil the scan.
  window.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target !== box && typing(event.target)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    box.focus();
  }, true);

  form.addEventListener("submit", function (event) {
    if (!box.value.trim()) { event.preventDefault(); box.focus(); }
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt !== form) return;
    box.value = "";
    box.focus();
  });
})();
