// The phone menu: on narrow screens the main and account menus fold behind the "Menu" button, so a
// page's own heading is in the first screen. Attached to data-pgb-menu hooks; the folding itself is
// CSS (.pgb-header--menu-closed, narrow screens only). Without this file the button stays hidden and
// both menus are shown.
(function () {
  "use strict";

  var header = document.querySelector("[data-pgb-menu]");
  var button = header && header.querySelector("[data-pgb-menu-toggle]");
  if (!button) return;

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("pgb-header--menu-closed", !open);
  }

  setOpen(false);
  button.hidden = false;
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  header.addEventListener("keydown", function (event) {
    // Escape folds an open menu and returns to its button, as with any disclosure on a phone.
    var folding = button.offsetParent !== null && button.getAttribute("aria-expanded") === "true";
    if (event.key === "Escape" && folding) {
      setOpen(false);
      button.focus();
    }
  });
})();
