// Autocomplete for the header search box: an ARIA combobox over /search/suggest.
// Without JavaScript the box is a plain form that submits to /search.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var input = document.getElementById("header-q");
  if (!input || !input.dataset.suggestUrl || !window.fetch) {
    return;
  }
  var url = input.dataset.suggestUrl;
  var list = document.createElement("ul");
  list.id = "header-q-list";
  list.className = "suggestions";
  list.hidden = true;
  list.setAttribute("role", "listbox");
  if (input.labels && input.labels.length) {
    list.setAttribute("aria-label", input.labels[0].textContent);
  }
  input.form.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  var items = [];
  var active = -1;
  var timer = null;
  var pending = null;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function open() {
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function choose(index) {
    var options = list.querySelectorAll("[role=option]");
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(found) {
    items = found;
    active = -1;
    list.textContent = "";
    items.forEach(function (item, i) {
      var option = document.createElement("li");
      option.id = "header-q-option-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      // Text, never HTML; no link inside: an option may hold nothing interactive.
      option.textContent = item.name;
      option.addEventListener("click", function () {
        window.location.assign(item.url);
      });
      list.appendChild(option);
    });
    input.removeAttribute("aria-activedescendant");
    if (items.length) {
      open();
    } else {
      close();
    }
  }

  function load() {
    var q = input.value.trim();
    if (q.length < 2) {
      render([]);
      return;
    }
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    fetch(url + "?q=" + encodeURIComponent(q), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: pending.signal,
    })
      .then(function (response) {
        return response.ok ? response.json() : { items: [] };
      })
      .then(function (data) {
        if (input.value.trim() === q) {
          render(data.items || []);
        }
      })
      .catch(function () { /* aborted or offline: keep the box usable as a form */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(load, 120);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!items.length) {
        return;
      }
      event.preventDefault();
      open();
      var step = event.key === "ArrowDown" ? 1 : -1;
      choose((active + step + items.length) % items.length);
    } else if (event.key === "Enter") {
      if (!list.hidden && active >= 0) {
        event.preventDefault();
        window.location.assign(items[active].url);
      }
    } else if (event.key === "Escape") {
      if (!list.hidden) {
        event.preventDefault();
        close();
      }
    }
  });

  // Keep the focus in the box while a suggestion is clicked, so that the click lands.
  list.addEventListener("mousedown", function (event) {
    event.preventDefault();
  });
  input.addEventListener("blur", close);
});
