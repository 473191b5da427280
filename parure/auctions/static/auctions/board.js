// The saleroom board follows the clerk: it asks for the board's state every 400 ms with the version
// it shows (If-None-Match); an unchanged state answers 304 and nothing moves; a new one is swapped
// in without a reload. Only amounts and the lot ever arrive here.
(function () {
  "use strict";
  var board = document.querySelector("[data-board]");
  if (!board) return;
  var url = board.getAttribute("data-state-url");
  var version = board.getAttribute("data-version");
  var INTERVAL = 400;

  function part(name) { return board.querySelector('[data-board-field="' + name + '"]'); }

  function text(name, value) {
    var element = part(name);
    if (element && element.textContent !== value) element.textContent = value;
  }

  function show(state) {
    board.setAttribute("data-status", state.status);
    board.setAttribute("data-version", state.version);
    text("lot", state.lot);
    text("heading", state.heading);
    text("label", state.label);
    text("amount", state.amount);
    text("standing", state.standing);
    part("currency").hidden = !state.amount;
    part("standing-line").hidden = !state.standing;
    var image = part("image");
    if (state.image) {
      if (image.getAttribute("src") !== state.image) image.setAttribute("src", state.image);
      image.alt = state.image_alt;
      image.hidden = false;
    } else {
      image.hidden = true;
      image.removeAttribute("src");
    }
    var list = part("equivalents");
    var items = [];
    state.equivalents.forEach(function (equivalent) {
      var item = document.createElement("li");
      var amount = document.createElement("span");
      amount.className = "amount";
      amount.textContent = equivalent.amount;
      var code = document.createElement("span");
      code.className = "code";
      code.textContent = equivalent.currency;
      item.appendChild(amount);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(code);
      items.push(item);
    });
    list.replaceChildren.apply(list, items);
  }

  function poll() {
    fetch(url, {headers: {"If-None-Match": '"' + version + '"', "Accept": "application/json"},
                cache: "no-store", credentials: "same-origin"})
      .then(function (response) {
        if (response.status === 200) {
          return response.json().then(function (state) { version = state.version; show(state); });
        }
        return null;
      })
      .catch(function () { return null; })
      .then(function () { window.setTimeout(poll, INTERVAL); });
  }
  window.setTimeout(poll, INTERVAL);
})();
