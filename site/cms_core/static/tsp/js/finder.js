// Toolbox finder: with JavaScript, results update without a page reload; the URL stays
// shareable (filters in the query string). Without JavaScript the form submits normally.
(function () {
  "use strict";
  var form = document.getElementById("finder-form");
  var results = document.getElementById("finder-results");
  if (!form || !results || !window.fetch || !window.URLSearchParams) { return; }
  var pending = null;
  var timer = null;
  var shown = window.location.search;  // the filters the results on screen belong to

  function query() {
    var params = new URLSearchParams(new FormData(form));
    Array.from(params.keys()).forEach(function (key) {
      if (params.get(key) === "") { params.delete(key); }
    });
    return params.toString();
  }

  // focusResults: after the update, move focus to the results heading (after a submit).
  // Focus inside the results is never lost: it moves to the new heading when they are replaced.
  function update(pushState, focusResults) {
    var url = form.getAttribute("action") + (query() ? "?" + query() : "");
    if (pending) { pending.abort(); }
    pending = new AbortController();
    results.setAttribute("aria-busy", "true");
    fetch(url, { signal: pending.signal, headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("finder-results");
        if (!fresh) { return; }
        var hadFocus = results.contains(document.activeElement);
        results.innerHTML = fresh.innerHTML;
        results.removeAttribute("aria-busy");
        // One polite announcement per update, from a live region that stays in the page.
        var status = document.getElementById("finder-status");
        if (status) { status.textContent = fresh.getAttribute("data-count-text") || ""; }
        if (focusResults || hadFocus) {
          var heading = document.getElementById("results-heading");
          if (heading) { heading.focus(); }
        }
        if (pushState) { window.history.pushState({}, "", url); }
        shown = window.location.search;
      })
      .catch(function () { results.removeAttribute("aria-busy"); });
  }

  form.addEventListener("change", function () { update(true); });
  form.addEventListener("input", function (event) {
    if (event.target.type !== "search" && event.target.type !== "number") { return; }
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { update(true); }, 400);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);  // the typed words are part of this update
    update(true, true);
  });
  // Back and forward between filter states reload the matching results; an in-page link
  // (the skip link) also fires popstate but leaves the filters, and the page, alone.
  window.addEventListener("popstate", function () {
    if (window.location.search !== shown) { window.location.reload(); }
  });
})();
