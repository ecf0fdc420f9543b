// Printed links carry their address: print.css writes data-pgb-print-url after a link's text, and
// this file fills it with the absolute address of every link inside the page's content (an
// internal href is only a path on paper). Without this file, print.css prints the href as written.
(function () {
  "use strict";

  document.querySelectorAll("main a[href]").forEach(function (link) {
    var href = link.getAttribute("href");
    if (!/^(\/(?!\/)|https?:)/.test(href)) return; // anchors, mailto:, tel: need no address
    // A link whose text already is its address ("https://…") prints it once.
    var url = link.href;
    link.setAttribute("data-pgb-print-url", link.textContent.trim() === url ? "" : url);
  });
})();
