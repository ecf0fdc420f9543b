// Progressive enhancement of the gemeente directory (/gemeente/): the list narrows as one types a
// name, and the status line (a polite live region) says how many gemeenten are shown once typing
// pauses. Names are folded as cms.selectors.fold folds them (lower case, no accents, spaces or
// punctuation). Without this file the form's button asks the server for the same filter (?q=).
(function () {
  "use strict";

  var form = document.querySelector("form[data-pgb-directory-filter]");
  var directory = document.querySelector("[data-pgb-directory]");
  var status = document.querySelector("[data-pgb-directory-status]");
  if (!form || !directory || !status) return;
  var input = form.querySelector("input[name=q]");
  var none = document.querySelector("[data-pgb-directory-none]");
  var groups = directory.querySelectorAll("[data-pgb-directory-group]");
  var template = status.getAttribute("data-pgb-directory-status");
  var timer = null;

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]/g, "");
  }

  function apply() {
    var wanted = fold(input.value);
    var shown = 0;
    groups.forEach(function (group) {
      var inGroup = 0;
      group.querySelectorAll("[data-pgb-directory-key]").forEach(function (item) {
        var match = item.getAttribute("data-pgb-directory-key").indexOf(wanted) !== -1;
        item.hidden = !match;
        if (match) inGroup += 1;
      });
      group.hidden = inGroup === 0;
      var link = document.querySelector(
        '[data-pgb-directory-province="' + group.getAttribute("data-pgb-directory-group") + '"]'
      );
      if (link) link.hidden = inGroup === 0;
      shown += inGroup;
    });
    if (none) none.hidden = shown !== 0;
    return shown;
  }

  function announce(shown) {
    status.textContent = template.replace("__COUNT__", String(shown));
  }

  input.addEventListener("input", function () {
    var shown = apply();
    window.clearTimeout(timer);
    // Announce once typing pauses, so a screen reader is not interrupted at every letter.
    timer = window.setTimeout(function () { announce(shown); }, 400);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    announce(apply());
    if (window.history && window.history.replaceState) {
      var url = new URL(window.location.href);
      if (input.value.trim()) url.searchParams.set("q", input.value.trim());
      else url.searchParams.delete("q");
      window.history.replaceState(null, "", url.toString());
    }
  });
})();
