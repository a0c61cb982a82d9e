// A filter box over a long <select> of communes and wards: typing "an nhon" or "An Nhơn"
// keeps "Phường An Nhơn". Folding is marketplace.text.fold's: no tone or vowel marks, đ → d,
// lower case. Without JavaScript the box stays hidden and the select works as it is.
"use strict";
(function () {
  function fold(text) {
    return text.replace(/[đĐ]/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  function enhance(box) {
    var select = document.getElementById(box.getAttribute("data-ward-filter"));
    if (!select || !String.prototype.normalize) { return; }
    var all = [];
    function capture() {
      all = Array.prototype.slice.call(select.options).map(function (option) {
        return { option: option, folded: fold(option.text) };
      });
    }
    var observer = new MutationObserver(function () { capture(); box.value = ""; });
    function watch() { observer.observe(select, { childList: true }); }
    box.addEventListener("input", function () {
      var words = fold(box.value).split(" ");
      observer.disconnect();
      select.innerHTML = "";
      all.forEach(function (item) {
        var keep = !item.option.value || item.option.selected ||
          words.every(function (word) { return item.folded.indexOf(word) !== -1; });
        if (keep) { select.appendChild(item.option); }
      });
      watch();
    });
    capture();
    watch();
    box.closest(".ward-filter").hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-ward-filter]"), enhance);
  });
})();
