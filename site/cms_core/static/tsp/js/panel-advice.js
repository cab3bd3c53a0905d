/* Autosave of a panel member's advice.
 *
 * The form works without this script (buttons "save as draft" and "send"). With it, the text is
 * saved as a draft two seconds after typing stops, and kept on this device (localStorage) until
 * the server has it: a lost connection, a signed-out session or a closed tab loses nothing. On
 * the next visit, text that never reached the server is put back, once the server's copy is not
 * newer. The status line is a polite live region that speaks only when something changes
 * (autosave on, a problem, restored text), never on every save.
 */
(function () {
  "use strict";
  var form = document.getElementById("advice-form");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var url = form.getAttribute("data-autosave-url");
  var key = form.getAttribute("data-storage-key");
  var status = document.getElementById("autosave-status");
  var time = document.getElementById("autosave-time");
  var version = form.querySelector("input[name='version']");
  var timer = null;
  var inFlight = false;
  var dirty = false;
  var stopped = false;
  var lastSaid = "";
  var DELAY = 2000;
  var RETRY = 15000;

  function message(name) {
    return form.getAttribute("data-msg-" + name) || "";
  }

  function say(text) {
    if (text !== lastSaid) {
      status.textContent = text;
      lastSaid = text;
    }
  }

  function values() {
    var result = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "version") {
        return;
      }
      if (el.type === "radio") {
        if (el.checked) {
          result[el.name] = el.value;
        } else if (!(el.name in result)) {
          result[el.name] = "";
        }
      } else if (el.type === "checkbox") {
        result[el.name] = el.checked ? "on" : "";
      } else if (el.tagName === "TEXTAREA" || el.type === "text") {
        result[el.name] = el.value;
      }
    });
    return result;
  }

  function backup() {
    try {
      window.localStorage.setItem(
        key,
        JSON.stringify({ version: version.value, fields: values(), at: Date.now() })
      );
    } catch (e) {
      /* storage full or disabled: the server copy is all there is */
    }
  }

  function forget() {
    try {
      window.localStorage.removeItem(key);
    } catch (e) {
      /* nothing to forget */
    }
  }

  function restore() {
    var saved = null;
    try {
      saved = JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (e) {
      saved = null;
    }
    if (!saved || !saved.fields) {
      return;
    }
    if (String(saved.version) !== String(version.value)) {
      forget(); /* the server has a newer copy than this device */
      return;
    }
    var changed = false;
    Object.keys(saved.fields).forEach(function (name) {
      var value = saved.fields[name];
      var els = form.querySelectorAll("[name='" + name.replace(/'/g, "") + "']");
      Array.prototype.forEach.call(els, function (el) {
        if (el.type === "radio") {
          var checked = el.value === value;
          if (el.checked !== checked) {
            el.checked = checked;
            changed = true;
          }
        } else if (el.type === "checkbox") {
          var on = value === "on";
          if (el.checked !== on) {
            el.checked = on;
            changed = true;
          }
        } else if (el.value !== value) {
          el.value = value;
          changed = true;
        }
      });
    });
    if (changed) {
      say(message("restored"));
      dirty = true;
      schedule(DELAY);
    } else {
      forget();
    }
  }

  function schedule(delay) {
    if (stopped) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(save, delay);
  }

  function firstError(errors) {
    var names = Object.keys(errors || {});
    return names.length ? errors[names[0]][0] : "";
  }

  function save() {
    if (inFlight) {
      schedule(DELAY);
      return;
    }
    inFlight = true;
    dirty = false;
    var body = new FormData(form);
    body.delete("send");
    body.delete("save");
    window
      .fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        var type = response.headers.get("content-type") || "";
        if (type.indexOf("application/json") === -1) {
          /* the sign-in page: the session ended */
          dirty = true;
          say(message("signed-out"));
          return null;
        }
        return response.json().then(function (data) {
          if (response.ok) {
            version.value = data.version;
            time.textContent = data.message;
            if (dirty) {
              backup(); /* typed while saving: keep it against the new version */
            } else {
              forget();
            }
            say(message("saving"));
          } else if (response.status === 400) {
            say(message("invalid") + " " + firstError(data.errors));
          } else if (response.status === 409) {
            stopped = true;
            say(data.error || message("failed"));
          } else {
            dirty = true;
            say(message("failed"));
          }
          return null;
        });
      })
      .catch(function () {
        dirty = true;
        say(message("offline"));
      })
      .then(function () {
        inFlight = false;
        if (dirty) {
          schedule(RETRY);
        }
      });
  }

  form.addEventListener("input", function () {
    dirty = true;
    backup();
    schedule(DELAY);
  });
  form.addEventListener("change", function () {
    dirty = true;
    backup();
    schedule(DELAY);
  });
  form.addEventListener("submit", function () {
    stopped = true;
    window.clearTimeout(timer);
    backup(); /* forgotten on the next page once the server has a newer version */
  });
  window.addEventListener("online", function () {
    if (dirty) {
      schedule(0);
    }
  });
  restore();
})();
