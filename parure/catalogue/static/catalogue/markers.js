/* The condition report's marker editor. Without it the form still works: each photograph has
   rows of number, across (x), down (y) and note. With it, choosing a photograph shows it, a click
   (or Enter on the focused photograph, at its centre) drops the next numbered marker there and
   adds its row, and the rows stay the one source of truth: typing x or y moves the marker. The
   form posts the rows as they are. No library, nothing fetched. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function rows(slot) { return Array.prototype.slice.call(slot.querySelectorAll("[data-marker-row]")); }
  function number(row) { return row.querySelector("input[name$='-number']"); }

  function renumberNames(slot) {
    var base = slot.getAttribute("data-photo-slot");
    rows(slot).forEach(function (row, index) {
      row.querySelectorAll("input").forEach(function (input) {
        var field = input.name.replace(/^photo-\d+-marker-\d+-/, "");
        input.name = "photo-" + base + "-marker-" + (index + 1) + "-" + field;
        input.id = input.name;
        var label = input.parentNode.querySelector("label");
        if (label) { label.htmlFor = input.id; }
      });
    });
    slot.querySelector("[data-marker-count]").value = rows(slot).length;
  }

  function blankRow(slot) {
    return rows(slot).find(function (row) {
      return !row.querySelector("[data-marker-x]").value && !row.querySelector("[data-marker-y]").value;
    });
  }

  function nextNumber(slot) {
    var highest = 0;
    rows(slot).forEach(function (row) {
      if (row.querySelector("[data-marker-x]").value) {
        highest = Math.max(highest, parseInt(number(row).value, 10) || 0);
      }
    });
    return highest + 1;
  }

  function addRow(slot, x, y) {
    var row = blankRow(slot);
    if (!row) {
      var template = rows(slot)[0];
      row = template.cloneNode(true);
      row.querySelectorAll("input").forEach(function (input) { input.value = ""; });
      row.querySelectorAll(".error").forEach(function (error) { error.remove(); });
      slot.querySelector("[data-marker-rows]").appendChild(row);
      wireRow(slot, row);
    }
    number(row).value = nextNumber(slot);
    row.querySelector("[data-marker-x]").value = x.toFixed(4);
    row.querySelector("[data-marker-y]").value = y.toFixed(4);
    renumberNames(slot);
    draw(slot);
    row.querySelector("[data-marker-note]").focus();
  }

  function draw(slot) {
    var stage = slot.querySelector("[data-marker-stage]");
    var svg = stage.querySelector("svg");
    var image = stage.querySelector("img");
    if (!svg || !image || !image.naturalWidth) { return; }
    var width = image.naturalWidth, height = image.naturalHeight;
    var radius = Math.max(width, height) * 0.025;
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    rows(slot).forEach(function (row) {
      var x = parseFloat(row.querySelector("[data-marker-x]").value);
      var y = parseFloat(row.querySelector("[data-marker-y]").value);
      if (isNaN(x) || isNaN(y) || x < 0 || x > 1 || y < 0 || y > 1) { return; }
      var circle = document.createElementNS(SVG, "circle");
      circle.setAttribute("cx", x * width); circle.setAttribute("cy", y * height); circle.setAttribute("r", radius);
      circle.setAttribute("fill", "#ffffff"); circle.setAttribute("stroke", "#7a1f1f");
      circle.setAttribute("stroke-width", radius / 5);
      var text = document.createElementNS(SVG, "text");
      text.setAttribute("x", x * width); text.setAttribute("y", y * height); text.setAttribute("dy", "0.35em");
      text.setAttribute("text-anchor", "middle"); text.setAttribute("font-size", radius);
      text.setAttribute("font-weight", "bold"); text.setAttribute("fill", "#7a1f1f");
      text.textContent = number(row).value;
      svg.appendChild(circle); svg.appendChild(text);
    });
  }

  function wireRow(slot, row) {
    row.querySelectorAll("input").forEach(function (input) { input.addEventListener("input", function () { draw(slot); }); });
    var remove = row.querySelector("[data-marker-remove]");
    remove.hidden = false;
    remove.addEventListener("click", function () {
      if (rows(slot).length > 1) { row.remove(); } else { row.querySelectorAll("input").forEach(function (i) { i.value = ""; }); }
      renumberNames(slot);
      draw(slot);
    });
  }

  function wire(slot) {
    var file = slot.querySelector("[data-marker-file]");
    var stage = slot.querySelector("[data-marker-stage]");
    var add = slot.querySelector("[data-marker-add]");
    rows(slot).forEach(function (row) { wireRow(slot, row); });
    add.hidden = false;
    add.addEventListener("click", function () { addRow(slot, 0.5, 0.5); });
    file.addEventListener("change", function () {
      stage.innerHTML = "";
      if (!file.files || !file.files[0]) { stage.hidden = true; return; }
      var image = document.createElement("img");
      image.alt = "Photograph " + slot.getAttribute("data-photo-slot") + ": click to drop a marker";
      // A data: URL, not a blob: one: the Content Security Policy allows images from 'self' and data: only.
      var reader = new FileReader();
      reader.addEventListener("load", function () { image.src = reader.result; });
      reader.readAsDataURL(file.files[0]);
      var svg = document.createElementNS(SVG, "svg");
      svg.setAttribute("class", "markers");
      svg.setAttribute("aria-hidden", "true");
      stage.appendChild(image); stage.appendChild(svg);
      stage.tabIndex = 0;
      stage.setAttribute("role", "button");
      stage.setAttribute("aria-label", "Photograph " + slot.getAttribute("data-photo-slot") + ": press Enter to drop a marker at its centre");
      stage.hidden = false;
      image.addEventListener("load", function () { draw(slot); });
    });
    stage.addEventListener("click", function (event) {
      var image = stage.querySelector("img");
      if (!image) { return; }
      var box = image.getBoundingClientRect();
      var x = (event.clientX - box.left) / box.width, y = (event.clientY - box.top) / box.height;
      if (x < 0 || x > 1 || y < 0 || y > 1) { return; }
      addRow(slot, x, y);
    });
    stage.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); addRow(slot, 0.5, 0.5); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-photo-slot]").forEach(wire);
  });
})();
