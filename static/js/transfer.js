// The VietQR transfer page: "Copy" buttons for the amount, account, name and memo, and the
// order's status polled from our own endpoint until it is paid (no reload, no third party).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var feedback = document.getElementById("copy-feedback");

  function say(text) {
    if (feedback) { feedback.textContent = text; }
  }

  // Older phone browsers (and pages outside HTTPS) have no clipboard API: copy a selection.
  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    area.setSelectionRange(0, text.length);
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    document.body.removeChild(area);
    return done;
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;  // without JavaScript the values are plain text to select
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-copy");
      var copied = feedback ? feedback.getAttribute("data-copied-text") : "";
      var failed = feedback ? feedback.getAttribute("data-failed-text") : "";
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { say(copied); },
          function () { say(copyBySelection(text) ? copied : failed); });
      } else {
        say(copyBySelection(text) ? copied : failed);
      }
    });
  });

  var status = document.getElementById("transfer-status");
  if (!status || !status.getAttribute("data-status-url")) { return; }
  var url = status.getAttribute("data-status-url");
  var every = parseInt(status.getAttribute("data-interval") || "3000", 10);
  var timer = null;

  function check() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer) { return; }
        if (answer.paid) {
          status.textContent = status.getAttribute("data-paid-text");
          status.classList.add("transfer-paid");
          document.querySelectorAll(".vietqr, .transfer-details").forEach(function (el) { el.hidden = true; });
          window.clearInterval(timer);
        } else if (answer.status === "cancelled") {
          status.textContent = answer.label;
          window.clearInterval(timer);
        }
      })
      .catch(function () { /* offline for a moment: the next tick asks again */ });
  }

  if (status.getAttribute("data-waiting") === "true") {
    timer = window.setInterval(check, every);
  }
});
