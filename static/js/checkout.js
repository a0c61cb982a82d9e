// Checkout: choosing a province loads its communes and wards without reloading the page.
// Without JavaScript the "Show the communes" button re-renders the form on the server.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var province = document.querySelector("select[data-wards-url]");
  if (!province || !window.fetch) { return; }
  var ward = document.getElementById(province.getAttribute("data-ward-select"));
  var button = document.getElementById("choose-province");
  if (button) { button.parentNode.hidden = true; }
  province.addEventListener("change", function () {
    var url = province.getAttribute("data-wards-url") + "?province=" + encodeURIComponent(province.value);
    var placeholder = ward.options.length ? ward.options[0].text : "";
    ward.disabled = true;
    fetch(url, { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (wards) {
        ward.innerHTML = "";
        ward.appendChild(new Option(placeholder, ""));
        wards.forEach(function (w) { ward.appendChild(new Option(w.name, String(w.code))); });
      })
      .catch(function () { if (button) { button.parentNode.hidden = false; } })
      .then(function () { ward.disabled = false; });
  });
});
