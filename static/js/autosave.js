// The consultation draft saves itself in the background (consultations/draft_views.py):
// every few seconds while changed and when the page is hidden, through the same version
// check as the Save button. A conflict or a signed record stops it and says so; nothing is
// resolved here. Leaving with unsaved changes asks first; Enter in a text field never submits.
(function () {
  "use strict";
  var form = document.getElementById("consultation-form");
  if (!form) { return; }
  var status = form.querySelector("[data-autosave-status]");
  var seconds = parseInt(form.dataset.autosaveSeconds, 10) || 20;
  var dirty = false;       // changed since the last successful save
  var changes = 0;         // counts edits, to know whether one happened during a save
  var saving = false;
  var stopped = !form.dataset.autosaveUrl;  // conflict page: the clinician decides
  var submitting = false;
  var refusedAt = -1;      // the edit count the server last found invalid: wait for a new edit

  function say(message, kind) {
    if (!status) { return; }
    status.textContent = message;
    status.classList.toggle("text-danger", kind === "error");
    status.classList.toggle("fw-semibold", kind === "error");
    status.classList.toggle("text-body-secondary", kind !== "error");
  }

  // data-autosave-state on the form: "saving", "unsaved" or "saved" (all changes saved).
  function mark() {
    form.dataset.autosaveState = saving ? "saving" : (dirty ? "unsaved" : "saved");
  }

  function changed() {
    dirty = true;
    changes += 1;
    mark();
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);

  // Enter in a one-line field would submit the whole form: never from a text field.
  form.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "Enter" || target.tagName !== "INPUT") { return; }
    if (["submit", "button", "image", "reset"].indexOf(target.type) === -1) {
      event.preventDefault();
    }
  });

  // A save button pressed while an autosave is on its way waits for it (else the button's
  // save would carry the version before it and meet a conflict with herself).
  var waiting = null;  // {submitter: the button pressed} while an autosave is on its way
  form.addEventListener("submit", function (event) {
    if (saving) {
      event.preventDefault();
      waiting = { submitter: event.submitter || null };
      return;
    }
    submitting = true;
    stopped = true;
  });

  window.addEventListener("beforeunload", function (event) {
    if ((dirty || saving) && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // After a save the page's pain rows must name the rows now saved: saved rows first (in
  // their order), then the empty ones, renumbered; removed rows leave the page.
  function renumberPain(ids) {
    var rows = Array.prototype.slice.call(form.querySelectorAll("[data-testid=pain-row]"));
    if (!rows.length) { return; }
    var body = rows[0].parentNode;
    var saved = [], empty = [];
    rows.forEach(function (row, index) {
      var removed = row.querySelector('input[name$="-DELETE"]');
      if (ids.hasOwnProperty(String(index))) {
        saved.push([row, ids[String(index)]]);
      } else if (removed && removed.checked) {
        body.removeChild(row);
      } else {
        empty.push([row, ""]);
      }
    });
    saved.concat(empty).forEach(function (pair, index) {
      var row = pair[0];
      body.appendChild(row);
      row.querySelectorAll("[name], [id], [for]").forEach(function (element) {
        ["name", "id", "for"].forEach(function (attribute) {
          var value = element.getAttribute(attribute);
          if (value) {
            element.setAttribute(attribute, value.replace(/pain-\d+-/, "pain-" + index + "-"));
          }
        });
      });
      var id = row.querySelector('input[name$="-id"]');
      if (id) { id.value = String(pair[1]); }
    });
    form.querySelector('input[name="pain-TOTAL_FORMS"]').value = String(saved.length + empty.length);
    form.querySelector('input[name="pain-INITIAL_FORMS"]').value = String(saved.length);
  }

  function markErrors(errors) {
    form.querySelectorAll("[data-autosave-invalid]").forEach(function (element) {
      element.classList.remove("is-invalid");
      element.removeAttribute("aria-invalid");
      element.removeAttribute("data-autosave-invalid");
    });
    Object.keys(errors || {}).forEach(function (name) {
      form.querySelectorAll('[name="' + name + '"]').forEach(function (element) {
        element.classList.add("is-invalid");
        element.setAttribute("aria-invalid", "true");
        element.setAttribute("data-autosave-invalid", "");
      });
    });
  }

  function applySaved(reply, changesAtSend) {
    form.querySelector('input[name="version"]').value = String(reply.version);
    if (form.dataset.autosaveUrl !== reply.autosave_url) {
      form.dataset.autosaveUrl = reply.autosave_url;
      form.setAttribute("action", reply.edit_url);
      window.history.replaceState(null, "", reply.edit_url);
    }
    renumberPain(reply.pain_ids || {});
    markErrors({});
    if (changes === changesAtSend) { dirty = false; }
    say(reply.message, "ok");
  }

  function save(keepalive) {
    if (stopped || saving || !dirty || changes === refusedAt) { return; }
    saving = true;
    mark();
    var changesAtSend = changes;
    fetch(form.dataset.autosaveUrl, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "Accept": "application/json" }, keepalive: !!keepalive,
    }).then(function (response) {
      var contentType = response.headers.get("Content-Type") || "";
      if (contentType.indexOf("application/json") === -1) {
        throw new Error("not json");  // signed out, or an error page: try again later
      }
      return response.json().then(function (reply) {
        if (response.ok) {
          applySaved(reply, changesAtSend);
        } else if (response.status === 400) {
          refusedAt = changesAtSend;
          markErrors(reply.errors);
          say(reply.message, "error");
        } else if (reply.status === "busy") {
          say(reply.message, "error");  // her record was busy: the next save tries again
        } else {
          stopped = true;  // conflict or signed: the clinician decides, nothing is resolved here
          say(reply.message, "error");
        }
      });
    }).catch(function () {
      say(form.dataset.autosaveOffline, "error");
    }).then(function () {
      saving = false;
      mark();
      if (waiting !== null) {
        var submitter = waiting.submitter;
        waiting = null;
        form.requestSubmit(submitter);
      }
    });
  }

  window.setInterval(function () { save(false); }, seconds * 1000);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { save(true); }
  });
})();
