// The inventory's keyboard helpers. No inline handlers (the Content Security Policy forbids them).
(function () {
  "use strict";

  function typing(target) {
    return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement || (target && target.isContentEditable);
  }

  // A piece's page: single-key shortcuts for its custody actions (m, c, r, t, e).
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var link = document.querySelector('[data-shortcut="' + event.key + '"]');
    if (link) { event.preventDefault(); link.click(); }
  });

  // Custody forms open with the first field focused, so the keyboard can start at once.
  var custody = document.querySelector(".custody-form");
  if (custody && !document.querySelector("[autofocus]")) {
    var first = custody.querySelector("select:not([type=hidden]), input:not([type=hidden]), textarea");
    if (first) first.focus();
  }

  // Custody forms: Enter on a focused place list submits the form, as it would in a text field
  // (a browser leaves Enter on a closed select doing nothing).
  if (custody) {
    custody.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.defaultPrevented || !(event.target instanceof HTMLSelectElement)) return;
      event.preventDefault();
      custody.requestSubmit();
    });
  }

  // Due-back: a time picked in the browser's picker is written into the text box; typing in the
  // text box clears the picker, so the server reads what the person last gave.
  document.querySelectorAll("[data-due-back-picker]").forEach(function (picker) {
    var text = document.getElementById(picker.getAttribute("data-due-back-picker"));
    if (!text) return;
    picker.addEventListener("change", function () {
      if (picker.value) text.value = picker.value.replace("T", " ");
    });
    text.addEventListener("input", function () { picker.value = ""; });
  });

  // Intake grid: a new row appears when you tab out of the last field of the last filled row.
  var rows = document.getElementById("piece-rows");
  var template = document.getElementById("piece-row-template");
  var total = document.querySelector('input[name="pieces-TOTAL_FORMS"]');

  function addRow(focus) {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    if (focus) {
      var first = rows.lastElementChild.querySelector("select, input, textarea");
      if (first) first.focus();
    }
  }

  if (rows && template && total) {
    rows.addEventListener("keydown", function (event) {
      if (event.key !== "Tab" || event.shiftKey) return;
      var row = event.target.closest("[data-piece-row]");
      if (!row || row !== rows.lastElementChild) return;
      var fields = row.querySelectorAll("select, input:not([type=hidden]), textarea");
      if (event.target !== fields[fields.length - 1]) return;
      var title = row.querySelector('input[name$="-title"]');
      if (title && title.value.trim()) { event.preventDefault(); addRow(true); }
    });
    var add = document.querySelector("[data-add-piece]");
    if (add) {
      add.addEventListener("click", function (event) { event.preventDefault(); addRow(true); });
    }
  }

  // Intake's new consignor: Enter in its fields opens the file (not the whole intake); a
  // duplicate offered instead is chosen with one press; after opening, the keyboard goes on
  // to the first piece.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.target instanceof HTMLInputElement)) return;
    if (!event.target.closest("[data-new-consignor]")) return;
    var open = document.getElementById("open-consignor");
    if (open) { event.preventDefault(); open.click(); }
  });
  document.addEventListener("click", function (event) {
    var choice = event.target.closest("[data-choose-consignor]");
    var box = document.querySelector('#consignor-section input[name="consignor"]');
    if (choice && box) { box.value = choice.getAttribute("data-choose-consignor"); box.focus(); }
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (!document.getElementById("consignor-opened") || !event.detail.target) return;
    var first = document.querySelector("#piece-rows select, #piece-rows input:not([type=hidden])");
    if (first) first.focus();
  });

  // Batch scanning: Enter in the scan box asks the server (htmx) and must not submit the form;
  // after each answer the box is cleared and ready for the next tag.
  var scan = document.querySelector("[data-batch-scan]");
  if (scan) {
    // Enter (a scanner's last key) asks the server; it must not submit the batch form. The
    // htmx trigger is a named event because the page's policy forbids htmx's evaluated filters.
    scan.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      if (scan.value.trim()) window.htmx.trigger(scan, "scanned");
    });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail.elt === scan) { scan.value = ""; scan.focus(); updateCount(); }
    });
    document.addEventListener("click", function (event) {
      var remove = event.target.closest("[data-remove-line]");
      if (remove) { remove.closest("tr").remove(); updateCount(); scan.focus(); }
    });
  }

  function updateCount() {
    var count = document.querySelector("[data-batch-count]");
    if (count) count.textContent = String(document.querySelectorAll("#batch-lines tr").length);
  }
})();
