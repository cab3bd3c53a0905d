// Live discussion in a learning network over a WebSocket (learning_network.consumers).
// The pages work without it (plain forms and reloads); this adds new posts, edits, hidden posts,
// thread changes, who is here and who is typing, and posting without a reload.
// Every event carries the network's event number (seq): after a lost connection the client
// reconnects with backoff and asks for everything after the last number it saw; posts are kept
// by id, so nothing is lost and nothing is shown twice. Numbers run without gaps, so a number
// that skips one means an event went missing on an open connection: the client then asks for
// what it missed, once the missing number has had a moment to arrive out of order.
(function () {
  "use strict";
  var root = document.getElementById("live-discussion");
  if (!root || !("WebSocket" in window)) { return; }

  var threadId = root.hasAttribute("data-thread-id") ? parseInt(root.getAttribute("data-thread-id"), 10) : null;
  var lastSeq = parseInt(root.getAttribute("data-seq"), 10) || 0;  // everything up to here is shown
  var newerSeqs = {};     // numbers seen beyond a gap after lastSeq
  var gapTimer = null;
  var postBase = root.getAttribute("data-post-base");
  var canReply = root.getAttribute("data-user-can-reply") === "1";
  var postsBox = root.querySelector("[data-posts]");
  var template = root.querySelector("template[data-post-template]");
  var threadsBox = root.querySelector("[data-threads]");
  var announcer = root.querySelector("[data-announcer]");
  var statusLine = root.querySelector("[data-live-status]");
  var presenceLine = root.querySelector("[data-presence]");
  var typingLine = root.querySelector("[data-typing]");
  var form = root.querySelector("form[data-reply-form]");
  var label = function (name) { return root.getAttribute("data-label-" + name) || ""; };

  var socket = null;
  var attempt = 0;
  var heartbeat = null;
  var seenSeq = {};       // post id -> newest seq applied
  var pending = {};       // client_id -> true while a post is on its way
  var announceQueue = [];
  var announceTimer = null;
  var typingTimer = null;
  var lastTypingSent = 0;

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) { socket.send(JSON.stringify(message)); return true; }
    return false;
  }

  // --- Screen-reader announcements: at most one every 4 seconds, summarised -----------------
  function announce(text) {
    if (!announcer) { return; }
    announceQueue.push(text);
    if (announceTimer) { return; }
    flushAnnouncements();
    announceTimer = window.setInterval(function () {
      if (!announceQueue.length) { window.clearInterval(announceTimer); announceTimer = null; return; }
      flushAnnouncements();
    }, 4000);
  }
  function flushAnnouncements() {
    if (!announceQueue.length) { return; }
    announcer.textContent = announceQueue.length === 1 ? announceQueue[0] : announceQueue.length + " " + label("new-many");
    announceQueue = [];
  }

  // --- Posts (thread page) -------------------------------------------------------------------
  function slot(element, name) { return element.querySelector('[data-slot="' + name + '"]'); }

  function formatTime(iso) {
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang || "nl", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
    } catch (e) { return iso; }
  }

  function fillPost(element, post) {
    element.id = "bericht-" + post.id;
    element.setAttribute("data-post-id", post.id);
    element.setAttribute("data-seq", post.seq);
    element.setAttribute("aria-labelledby", "bericht-" + post.id + "-kop");
    element.classList.toggle("post--hidden", post.hidden);
    var heading = element.querySelector(".post__author");
    if (heading) { heading.id = "bericht-" + post.id + "-kop"; }
    slot(element, "author").textContent = post.author;
    slot(element, "pseudonym").hidden = !post.pseudonymous;
    var time = slot(element, "time");
    time.setAttribute("datetime", post.created_at);
    time.textContent = formatTime(post.created_at);
    slot(element, "edited").hidden = !post.edited_at;
    var quote = slot(element, "quote");
    quote.hidden = !post.quote;
    if (post.quote) {
      slot(element, "quote-author").textContent = post.quote.author;
      slot(element, "quote-text").textContent = post.quote.excerpt;
    }
    var body = slot(element, "body");
    body.hidden = post.hidden;
    // The body was sanitised on the server by the platform's one sanitiser (cms_core.sanitise).
    body.innerHTML = post.hidden ? "" : post.body;
    slot(element, "hidden").hidden = !post.hidden;
    slot(element, "hidden-reason").textContent = post.hidden_reason || "";
    var files = slot(element, "attachments");
    if (files) {
      files.textContent = "";
      (post.attachments || []).forEach(function (file) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = file.url;
        link.textContent = file.name;
        item.appendChild(link);
        item.appendChild(document.createTextNode(" (" + Math.max(1, Math.round(file.size / 1024)) + " kB)"));
        files.appendChild(item);
      });
      files.hidden = !(post.attachments && post.attachments.length);
    }
    element.querySelectorAll("[data-action]").forEach(function (link) {
      var action = link.getAttribute("data-action");
      var base = link.getAttribute("data-href-base");
      link.setAttribute("href", base ? base + post.id : action === "citeer" ? "?citeer=" + post.id + "#antwoord" : postBase + post.id + "/" + action + "/");
    });
    element.querySelectorAll("[data-when]").forEach(function (item) {
      var when = item.getAttribute("data-when");
      var show = { reply: canReply && !post.hidden, own: post.own && canReply && !post.hidden,
        history: post.own && !!post.edited_at, visible: !post.hidden, hidden: post.hidden }[when];
      item.hidden = !show;
    });
  }

  function applyPost(post, isNew) {
    if (!postsBox || !template || post.thread !== threadId) { return; }
    if (seenSeq[post.id] !== undefined && seenSeq[post.id] >= post.seq) { return; }
    var existing = document.getElementById("bericht-" + post.id);
    if (existing && existing.getAttribute("data-seq") && parseInt(existing.getAttribute("data-seq"), 10) >= post.seq) {
      seenSeq[post.id] = post.seq;
      return;
    }
    seenSeq[post.id] = post.seq;
    if (existing) {
      // Keep the server-rendered actions of a moderator (hide/restore) that the template lacks.
      fillPost(existing, post);
      return;
    }
    var element = template.content.firstElementChild.cloneNode(true);
    fillPost(element, post);
    if (isNew && !post.own) { element.classList.add("post--new"); }
    // In the order they were written: a post caught up after a gap goes before later ones.
    var later = null;
    postsBox.querySelectorAll("article[data-post-id]").forEach(function (other) {
      if (!later && parseInt(other.getAttribute("data-post-id"), 10) > post.id) { later = other; }
    });
    postsBox.insertBefore(element, later);
    if (isNew && !post.own) {
      announce(label("new-one") + " " + post.author);
      if (document.visibilityState === "visible") { markRead(); }
    }
  }

  var readTimer = null;
  function markRead() {
    if (readTimer || threadId === null) { return; }
    readTimer = window.setTimeout(function () { readTimer = null; send({ type: "read", thread: threadId }); }, 3000);
  }

  function applyThread(thread, isNew) {
    if (threadId !== null && thread.id === threadId) {
      root.querySelectorAll("[data-thread-state]").forEach(function (badge) {
        badge.hidden = !thread[badge.getAttribute("data-thread-state")];
      });
      return;
    }
    if (!threadsBox) { return; }
    var row = threadsBox.querySelector('tr[data-thread-id="' + thread.id + '"]');
    if (row && parseInt(row.getAttribute("data-seq"), 10) >= thread.seq) { return; }
    if (!row) {
      row = document.createElement("tr");
      row.setAttribute("data-thread-id", thread.id);
      var cell = document.createElement("td");
      var link = document.createElement("a");
      link.href = thread.url;
      link.textContent = thread.title;
      cell.appendChild(link);
      row.appendChild(cell);
      ["category", "post_count", "last_post_at"].forEach(function (key) {
        var td = document.createElement("td");
        if (key === "post_count") { td.setAttribute("data-count", ""); }
        row.appendChild(td);
      });
      if (isNew) { announce(label("new-thread") + " " + thread.title); }
    }
    row.setAttribute("data-seq", thread.seq);
    var cells = row.children;
    cells[0].querySelector("a").textContent = thread.title;
    cells[1].textContent = thread.category;
    cells[2].textContent = thread.post_count;
    cells[3].textContent = formatTime(thread.last_post_at);
    if (!thread.pinned) {
      // Newest activity first, after the pinned threads.
      var firstUnpinned = null;
      threadsBox.querySelectorAll("tr").forEach(function (other) {
        if (!firstUnpinned && other !== row && !other.querySelector(".badge--pinned")) { firstUnpinned = other; }
      });
      threadsBox.insertBefore(row, firstUnpinned);
    } else if (!row.parentNode) {
      threadsBox.insertBefore(row, threadsBox.firstChild);
    }
  }

  // --- Presence and typing -------------------------------------------------------------------
  function applyPresence(data) {
    if (!presenceLine) { return; }
    var names = data.names, count = data.count;
    if (threadId !== null) {
      var here = data.threads[String(threadId)] || { count: 0, names: [] };
      names = here.names; count = here.count;
    }
    presenceLine.hidden = count === 0;
    // The labels sit on the presence line itself (where the server renders it too).
    var here = presenceLine.getAttribute("data-label-here"), people = presenceLine.getAttribute("data-label-people");
    presenceLine.textContent = here + " " + (names.length ? names.join(", ") : count + " " + people);
  }

  function showTyping(data) {
    if (!typingLine || data.thread !== threadId) { return; }
    typingLine.textContent = data.name ? data.name + " " + label("typing") : label("someone-typing");
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(function () { typingLine.textContent = ""; }, 4000);
  }

  // --- Posting through the socket ------------------------------------------------------------
  function showFormError(text) {
    var box = form.querySelector("[data-live-error]");
    if (!box) {
      box = document.createElement("p");
      box.className = "message message--error";
      box.setAttribute("data-live-error", "");
      box.setAttribute("role", "alert");
      form.insertBefore(box, form.firstChild);
    }
    box.textContent = text;
    box.hidden = !text;
  }

  if (form) {
    var textarea = form.querySelector("textarea[name=body]");
    form.addEventListener("submit", function (event) {
      if (!socket || socket.readyState !== WebSocket.OPEN || !textarea) { return; } // plain HTTP
      var files = form.querySelector("input[type=file]");
      if (files && files.files && files.files.length) { return; } // files travel by plain HTTP
      event.preventDefault();
      var quote = form.querySelector("input[name=quote]");
      var pseudonymous = form.querySelector("input[name=pseudonymous]");
      var clientId = "c" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
      pending[clientId] = true;
      send({ type: "post.create", thread: threadId, body: textarea.value, client_id: clientId,
        quote: quote && quote.value ? parseInt(quote.value, 10) : null,
        pseudonymous: !!(pseudonymous && pseudonymous.checked) });
    });
    if (textarea) {
      textarea.addEventListener("input", function () {
        var now = Date.now();
        if (now - lastTypingSent > 3000) { lastTypingSent = now; send({ type: "typing", thread: threadId }); }
      });
    }
  }

  function handleAck(data) {
    if (!pending[data.client_id]) { return; }
    delete pending[data.client_id];
    var textarea = form.querySelector("textarea[name=body]");
    textarea.value = "";
    var quote = form.querySelector("input[name=quote]");
    if (quote) { quote.value = ""; }
    var preview = form.querySelector("[data-quote-preview]");
    if (preview) { preview.hidden = true; }
    showFormError("");
    applyPost(data.post, true);
    announce(label("sent"));
  }

  // --- The connection ------------------------------------------------------------------------
  function setStatus(text) { if (statusLine) { statusLine.textContent = text; } }

  function handle(data) {
    if (typeof data.seq === "number" && data.type === "hello") { return; }
    switch (data.type) {
      // A reply (or a hidden or restored post) comes with its thread's new state, a new thread
      // with its opening post.
      case "post.created": applyPost(data.post, true); if (data.thread) { applyThread(data.thread, false); } break;
      case "post.updated": case "post.hidden": case "post.restored":
        applyPost(data.post, false); if (data.thread) { applyThread(data.thread, false); } break;
      case "thread.created": applyThread(data.thread, true); if (data.post) { applyPost(data.post, true); } break;
      case "thread.updated": applyThread(data.thread, false); break;
      case "presence": applyPresence(data); break;
      case "typing": showTyping(data); break;
      case "post.ack": handleAck(data); break;
      case "catch_up":
        data.threads.forEach(function (thread) { applyThread(thread, true); });
        data.posts.forEach(function (post) { applyPost(post, true); });
        if (!data.complete) { setStatus(label("reload")); }
        break;
      case "error":
        if (form && data.client_id && pending[data.client_id]) { delete pending[data.client_id]; showFormError(data.message); }
        break;
    }
    if (data.type === "catch_up") { caughtUpTo(data.seq); return; }
    var seq = Math.max(data.post ? data.post.seq : 0, data.thread ? data.thread.seq : 0);
    if (seq) { noteSeq(seq); }
  }

  // --- Event numbers: gaps are caught up --------------------------------------------------------
  function caughtUpTo(seq) {
    if (seq > lastSeq) { lastSeq = seq; }
    Object.keys(newerSeqs).forEach(function (key) { if (+key <= lastSeq) { delete newerSeqs[key]; } });
    while (newerSeqs[lastSeq + 1]) { delete newerSeqs[lastSeq + 1]; lastSeq += 1; }
  }

  function noteSeq(seq) {
    if (seq <= lastSeq) { return; }
    if (seq === lastSeq + 1) { caughtUpTo(seq); return; }
    newerSeqs[seq] = true;
    if (gapTimer) { return; }
    gapTimer = window.setTimeout(function () {
      gapTimer = null;
      if (Object.keys(newerSeqs).length) { send({ type: "catch_up", after: lastSeq, thread: threadId }); }
    }, 2000);
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + root.getAttribute("data-socket-url"));
    socket.addEventListener("open", function () {
      attempt = 0;
      setStatus(label("online"));
      send({ type: "view", thread: threadId });
      send({ type: "catch_up", after: lastSeq, thread: threadId });
      heartbeat = window.setInterval(function () { send({ type: "heartbeat" }); }, 30000);
    });
    socket.addEventListener("message", function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      handle(data);
    });
    socket.addEventListener("close", function (event) {
      window.clearInterval(heartbeat);
      if (event.code === 4401 || event.code === 4403 || event.code === 4404) { setStatus(""); return; } // refused
      setStatus(label("offline"));
      attempt += 1;
      var delay = Math.min(30000, 500 * Math.pow(2, attempt)) * (0.5 + Math.random() / 2);
      window.setTimeout(connect, delay);
    });
  }
  connect();
})();
