// Live notices on the start page over a WebSocket; reconnects with backoff.
// The page works without it: notices are only an extra.
(function () {
  "use strict";
  var region = document.getElementById("live-notices");
  if (!region || !("WebSocket" in window)) { return; }
  var path = region.getAttribute("data-socket-url");
  var seen = {};
  var attempt = 0;
  var maxNotices = 5;

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + path);
    socket.addEventListener("open", function () { attempt = 0; });
    socket.addEventListener("message", function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.type !== "notice.created" || seen[data.id]) { return; }
      seen[data.id] = true;
      var item = document.createElement("p");
      item.textContent = data.text;
      region.appendChild(item);
      while (region.children.length > maxNotices) { region.removeChild(region.firstChild); }
    });
    socket.addEventListener("close", function (event) {
      if (event.code >= 4400 && event.code < 4500) { return; } // refused: do not retry
      attempt += 1;
      var delay = Math.min(30000, 1000 * Math.pow(2, attempt)) * (0.5 + Math.random() / 2);
      window.setTimeout(connect, delay);
    });
  }
  connect();
})();
