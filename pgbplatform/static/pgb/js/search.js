// Progressive enhancement, attached to data-pgb-* hooks only (classes are for styling): title
// suggestions while typing (a native <datalist>), filters and sort that apply as soon as they change,
// filters folded on narrow screens, and a video that starts at the moment a search hit pointed to.
// Without this file everything works through the forms' buttons.
(function () {
  "use strict";

  function suggestions(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-pgb-suggest-url");
    if (!list || !url) return;
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var value = input.value.trim();
      window.clearTimeout(timer);
      if (value.length < 2 || value === last) return;
      timer = window.setTimeout(function () {
        last = value;
        fetch(url + "?q=" + encodeURIComponent(value), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (items) {
            list.replaceChildren.apply(list, items.map(function (item) {
              var option = document.createElement("option");
              option.value = item.title;
              return option;
            }));
          })
          .catch(function () { /* suggestions are optional */ });
      }, 150);
    });
  }

  document.querySelectorAll("input[data-pgb-suggest-url]").forEach(suggestions);

  document.querySelectorAll("form[data-pgb-search-form]").forEach(function (form) {
    document.documentElement.classList.add("pgb-js");
    form.addEventListener("change", function (event) {
      if (event.target.hasAttribute("data-pgb-autosubmit")) {
        form.requestSubmit();
      }
    });
  });

  // On a narrow screen the filters start folded, so the results come first; without JavaScript
  // they stay open.
  if (window.matchMedia("(max-width: 59.99rem)").matches) {
    document.querySelectorAll("details[data-pgb-collapse-narrow]").forEach(function (details) {
      details.open = false;
    });
  }
})();
