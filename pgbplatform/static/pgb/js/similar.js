// Ask form: while the title is typed, show existing questions and cases like it (progressive enhancement:
// without this script the form works the same, just without the suggestions).
(function () {
  "use strict";
  var input = document.querySelector('[data-pgb-similar="title"]');
  var box = document.querySelector("[data-pgb-similar-results]");
  if (!input || !box || !window.fetch) return;
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var text = input.value.trim();
      if (text === last) return;
      last = text;
      if (text.length < 8) { box.textContent = ""; return; }
      var url = box.getAttribute("data-pgb-similar-url") + "?titel=" + encodeURIComponent(text);
      window.fetch(url, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) { if (text === last) box.innerHTML = html; })
        .catch(function () { box.textContent = ""; });
    }, 350);
  });
})();
