// The client book's small behaviours; pages work without them. No inline scripts (strict CSP).
(function () {
  "use strict";

  // The calendar link is shown once: a click selects it for copying.
  document.addEventListener("click", function (event) {
    var secret = event.target.closest(".secret");
    if (secret) {
      var range = document.createRange();
      range.selectNodeContents(secret);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
  });

  // Scanning pieces into an appointment: a scanner types the code and Enter; keep the caret on
  // a new line so the next scan follows, and show how many pieces are listed.
  function countPieces(area) {
    var count = area.value.split(/\s*[\n,]\s*/).filter(function (s) { return s.trim() !== ""; }).length;
    var help = area.parentElement.querySelector(".help");
    if (help) { help.textContent = count + (count === 1 ? " piece listed" : " pieces listed") + " · one stock number a line (scan them)."; }
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea[name=pieces]")) { countPieces(event.target); }
  });
})();
