// Progressive enhancements only: every page works without JavaScript.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Filter selects submit their form on change, when a form opts in.
  document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});

// Accounts: a select with data-refresh="<button id>" presses that button when it changes
// (e.g. the province select reloads the list of communes; without JS the button is pressed by hand).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-refresh]").forEach(function (select) {
    select.addEventListener("change", function () {
      var button = document.getElementById(select.getAttribute("data-refresh"));
      if (button) { button.click(); }
    });
  });
});

// A [data-print] button (hidden without JS, where the browser's own Print works) prints the page.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
});
