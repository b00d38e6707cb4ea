// Suggestions under every input with data-autocomplete="<url>": the URL answers
// GET ?q= with a JSON list of {label} (or {name}); choosing one fills the input.
// With data-place-id-name, the chosen suggestion's id is posted under that name too,
// so that two places of the same name stay apart. With data-autocomplete-submit, choosing
// a suggestion also submits the form: in a search box, that is the search.
(function () {
  "use strict";
  let counter = 0;

  function attach(input) {
    const url = input.dataset.autocomplete;
    const list = document.createElement("ul");
    list.className = "list-group autocomplete-list";
    list.id = "ac-" + (++counter);
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.insertAdjacentElement("afterend", list);
    input.parentElement.classList.add("autocomplete-wrap");
    let active = -1;
    let timer = null;
    let lastQuery = "";
    let chosenId = null;
    if (input.dataset.placeIdName) {
      chosenId = document.createElement("input");
      chosenId.type = "hidden";
      chosenId.name = input.dataset.placeIdName;
      input.insertAdjacentElement("afterend", chosenId);
    }

    function close() {
      list.hidden = true;
      list.replaceChildren();
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function choose(option) {
      input.value = option.textContent;
      if (chosenId) {
        chosenId.value = option.dataset.id || "";
      }
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
      if (input.dataset.autocompleteSubmit !== undefined && input.form) {
        input.form.requestSubmit();
      }
    }

    function highlight(index) {
      const options = list.querySelectorAll("[role=option]");
      options.forEach((o, i) => {
        o.classList.toggle("active", i === index);
        o.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
      }
    }

    function show(items) {
      list.replaceChildren();
      items.forEach((item, i) => {
        const li = document.createElement("li");
        li.className = "list-group-item list-group-item-action";
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.textContent = item.label || item.name || "";
        if (item.id !== undefined) {
          li.dataset.id = item.id;
        }
        li.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(li);
        });
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      active = -1;
    }

    async function fetchSuggestions() {
      const query = input.value.trim();
      if (query.length < 2) {
        close();
        return;
      }
      if (query === lastQuery && !list.hidden) {
        return;
      }
      lastQuery = query;
      try {
        const response = await fetch(url + "?q=" + encodeURIComponent(query), {
          headers: { Accept: "application/json" },
        });
        if (!response.ok || input.value.trim() !== query) {
          return;
        }
        show(await response.json());
      } catch (error) {
        close();
      }
    }

    input.addEventListener("input", () => {
      if (chosenId) {
        chosenId.value = "";
      }
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", (event) => {
      const options = list.querySelectorAll("[role=option]");
      if (list.hidden || !options.length) {
        return;
      }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight((active - 1 + options.length) % options.length);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(options[active]);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(attach);
})();
