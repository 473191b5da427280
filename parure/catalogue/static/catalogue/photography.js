// The shot list's return box: "/" focuses it (before the masthead's scan box), Enter submits it at
// once, and after each answer it is emptied and focused again for the next tag.
(function () {
  "use strict";
  var box = document.querySelector("[data-return-scan]");
  if (!box) return;
  function typing(target) {
    return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement || (target && target.isContentEditable);
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    box.focus();
    box.select();
  }, true);
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.target.closest && event.target.closest("[data-return-scan-form]")) {
      box.value = "";
      box.focus();
    }
  });
  // A refusal (422) still carries the answer to show.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 422) { event.detail.shouldSwap = true; event.detail.isError = false; }
  });
})();
