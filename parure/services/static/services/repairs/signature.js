/* The client's signature on a tablet: each canvas[data-signature-for] draws with a finger, stylus or
   mouse (pointer events) and writes its PNG as a data URL into the hidden input it names; the clear
   button empties both. Without JavaScript the form still works: tick "signed the printed envelope". */
(function () {
  "use strict";
  function setUp(canvas) {
    var input = document.getElementById(canvas.getAttribute("data-signature-for"));
    if (!input) { return; }
    var context = canvas.getContext("2d");
    var drawing = false;
    var inked = false;
    context.lineWidth = 3;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.strokeStyle = "#1a1a1a";
    canvas.style.touchAction = "none";
    function point(event) {
      var box = canvas.getBoundingClientRect();
      return {
        x: (event.clientX - box.left) * (canvas.width / box.width),
        y: (event.clientY - box.top) * (canvas.height / box.height)
      };
    }
    canvas.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      drawing = true;
      canvas.setPointerCapture(event.pointerId);
      var at = point(event);
      context.beginPath();
      context.moveTo(at.x, at.y);
      context.lineTo(at.x + 0.1, at.y + 0.1);
      context.stroke();
      inked = true;
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) { return; }
      event.preventDefault();
      var at = point(event);
      context.lineTo(at.x, at.y);
      context.stroke();
    });
    function finish() {
      if (!drawing) { return; }
      drawing = false;
      if (inked) { input.value = canvas.toDataURL("image/png"); }
    }
    canvas.addEventListener("pointerup", finish);
    canvas.addEventListener("pointercancel", finish);
    canvas.addEventListener("pointerleave", finish);
    document.querySelectorAll("[data-signature-clear='" + input.id + "']").forEach(function (button) {
      button.addEventListener("click", function () {
        context.clearRect(0, 0, canvas.width, canvas.height);
        inked = false;
        input.value = "";
      });
    });
  }
  function ready() {
    document.querySelectorAll("canvas[data-signature-for]").forEach(setUp);
    // A scanned envelope opens the job at #next: its next step's button takes the focus, so the scanner's
    // Enter (or a tap) acts on it. After load, once the browser has scrolled to the fragment.
    var next = document.querySelector("[data-next]");
    if (next && window.location.hash === "#next") {
      window.addEventListener("load", function () { window.setTimeout(function () { next.focus(); }, 0); });
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); } else { ready(); }
}());
