// Progressive enhancements only: every page works without JavaScript.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Filter selects submit their form on change, when a form opts in.
  document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
