// Only under `mkdocs serve` (serve_preview.py): when a build has failed, the last good build
// stays served and its message is written beside it as data; this shows it at the top of the
// page, where screen readers announce it. No markup is made from the message: it is text.
(function () {
  "use strict";
  var address = new URL("fault.json", document.currentScript.src);
  fetch(address, { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (fault) {
      if (!fault || typeof fault.message !== "string") return;
      var banner = document.createElement("div");
      banner.setAttribute("role", "alert");
      banner.className = "letter-serve-fault";
      var title = document.createElement("strong");
      title.textContent = "Not what would be published: fix the error below and save.";
      var message = document.createElement("pre");
      message.textContent = fault.message;
      // Set through the style object, which the pages' policy allows (a style attribute it does not).
      Object.assign(banner.style, {
        position: "sticky", top: "0", zIndex: "10", padding: "0.8rem 1rem", background: "#8b0000",
        color: "#ffffff", font: "0.8rem/1.4 sans-serif", borderBottom: "0.2rem solid #000000",
      });
      Object.assign(message.style, {
        margin: "0.4rem 0 0", whiteSpace: "pre-wrap", font: "inherit", color: "inherit", background: "none",
      });
      banner.append(title, message);
      document.body.prepend(banner);
    })
    .catch(function () {});
})();
