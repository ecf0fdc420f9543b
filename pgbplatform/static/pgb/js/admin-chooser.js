// Progressive enhancement of the taxonomy checkboxes in the admin (cms/widgets.py): a search box
// narrows the list as the editor types ("Gron" leaves Groningen and its namesakes), chosen items
// stay in view and are named above the box, Enter never submits the page form, and when one
// item matches, Enter chooses it. Names are folded (lower case, no accents or punctuation).
(function () {
  "use strict";

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]/g, "");
  }

  function enhance(chooser) {
    if (chooser.hasAttribute("data-pgb-ready")) return;
    chooser.setAttribute("data-pgb-ready", "");
    var search = chooser.querySelector("[data-pgb-chooser-search]");
    var input = chooser.querySelector("[data-pgb-chooser-input]");
    var status = chooser.querySelector("[data-pgb-chooser-status]");
    var chosen = chooser.querySelector("[data-pgb-chooser-chosen]");
    var boxes = Array.prototype.slice.call(chooser.querySelectorAll("input[type=checkbox]"));
    var rows = boxes.map(function (box) {
      var label = box.closest("label");
      return { box: box, row: label.parentElement, name: label.textContent.trim(), key: fold(label.textContent) };
    });
    var timer = null;
    search.hidden = false;

    function showChosen() {
      var names = rows.filter(function (r) { return r.box.checked; }).map(function (r) { return r.name; });
      chosen.textContent = names.length
        ? chosen.getAttribute("data-pgb-prefix") + " " + names.join(", ")
        : chosen.getAttribute("data-pgb-none");
    }

    function apply() {
      var wanted = fold(input.value);
      var matches = [];
      rows.forEach(function (r) {
        var match = wanted === "" || r.key.indexOf(wanted) !== -1;
        r.row.hidden = !(match || r.box.checked);
        if (match) matches.push(r);
      });
      return matches;
    }

    function announce(matches) {
      if (input.value.trim() === "") status.textContent = "";
      else if (matches.length === 0) status.textContent = status.getAttribute("data-pgb-empty");
      else status.textContent = status.getAttribute("data-pgb-template")
        .replace("__COUNT__", String(matches.length)).replace("__TOTAL__", String(rows.length));
    }

    input.addEventListener("input", function () {
      var matches = apply();
      window.clearTimeout(timer);
      // Announce once typing pauses, so a screen reader is not interrupted at every letter.
      timer = window.setTimeout(function () { announce(matches); }, 400);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      var matches = apply();
      if (matches.length === 1 && !matches[0].box.checked) {
        matches[0].box.checked = true;
        matches[0].box.dispatchEvent(new Event("change", { bubbles: true }));
        input.value = "";
        apply();
      }
      announce(apply());
    });
    boxes.forEach(function (box) { box.addEventListener("change", showChosen); });
  }

  function enhanceAll() {
    document.querySelectorAll("[data-pgb-chooser]").forEach(enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhanceAll);
  else enhanceAll();
})();
