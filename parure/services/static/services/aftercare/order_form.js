// The post-sale order form: show only the groups of fields the chosen service uses. Without this script
// every group shows and the service ignores what it does not need.
(function () {
  "use strict";
  function update(kind) {
    document.querySelectorAll("[data-kinds]").forEach(function (group) {
      var kinds = group.getAttribute("data-kinds").split(" ");
      group.hidden = kinds.indexOf(kind.value) === -1;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var kind = document.getElementById("kind");
    if (!kind) return;
    kind.addEventListener("change", function () { update(kind); });
    update(kind);
  });
})();
