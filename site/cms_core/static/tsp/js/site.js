// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Move focus to an error summary so keyboard and screen-reader users hear what to fix.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  // In-page links (the skip link, "back to the results") move the keyboard focus along with
  // the view; browsers do not all focus the target of a fragment link themselves.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (!link || link.getAttribute("href").length < 2) { return; }
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) { return; }
    if (!target.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  });

  // Print buttons (annual report): only shown when this script runs.
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
