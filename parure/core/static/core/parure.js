// Keyboard first: "/" focuses the scan box, "?" lists the shortcuts, Escape leaves a field.
// No inline handlers anywhere (the Content Security Policy forbids them).
(function () {
  "use strict";

  // A page answered under another address (the scan box answers with the piece's page itself)
  // names its own: show that one, so the address bar, reloads and bookmarks name the record.
  var here = document.querySelector('meta[name="parure-location"]');
  if (here && window.history && window.history.replaceState) {
    window.history.replaceState(null, "", here.getAttribute("content"));
  }

  function typing(target) {
    return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement || (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape" && typing(event.target)) { event.target.blur(); return; }
    if (typing(event.target)) return;
    if (event.key === "/") {
      var scan = document.getElementById("scan-code");
      if (scan) { event.preventDefault(); scan.focus(); scan.select(); }
    } else if (event.key === "?") {
      var dialog = document.getElementById("shortcuts");
      if (dialog && !dialog.open) { event.preventDefault(); dialog.showModal(); }
    } else if (event.key === "s") {
      var search = document.getElementById("global-search");
      if (search) { event.preventDefault(); search.focus(); }
    }
  });

  document.addEventListener("click", function (event) {
    var closer = event.target.closest("[data-close-dialog]");
    if (closer) { closer.closest("dialog").close(); }
    var opener = event.target.closest("[data-open-dialog]");
    if (opener) { document.getElementById(opener.getAttribute("data-open-dialog")).showModal(); }
  });

  // A confirmation for destructive buttons: <button data-confirm="Revoke this token?">.
  document.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    var question = submitter && submitter.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });
})();
