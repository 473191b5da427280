// The catalogue's keyboard helpers. No inline handlers (the Content Security Policy forbids them).
(function () {
  "use strict";

  function typing(target) {
    return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement || (target && target.isContentEditable);
  }

  // The record page: single-key shortcuts (e to edit).
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var link = document.querySelector('[data-shortcut="' + event.key + '"]');
    if (link) { event.preventDefault(); link.click(); }
  });

  // The desk screen: Ctrl+Enter (⌘+Enter) saves from any field; Enter in a single-line field does
  // not submit, so a scanner's Enter or a stray key never saves a half-typed record.
  document.addEventListener("keydown", function (event) {
    var form = document.getElementById("record-form");
    if (!form || !form.contains(event.target)) return;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      var save = document.getElementById("save-record");
      if (save) form.requestSubmit(save);
    } else if (event.key === "Enter" && event.target instanceof HTMLInputElement && event.target.type !== "submit") {
      event.preventDefault();
    }
  });

  // The desk screen opens on its first field.
  var first = document.querySelector("#record-form #id_object_type");
  if (first && !document.querySelector("[autofocus]")) first.focus();
})();
