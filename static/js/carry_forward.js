// Follow-up page: take over last visit's value of a field, one click per field or per section.
// Nothing is filled in until the clinician clicks; the names taken over go into the hidden
// input "confirmed_from_previous" and the server keeps those still holding last time's value.
// Without this script the page still shows last time's values as text.
(function () {
  "use strict";
  var form = document.getElementById("consultation-form");
  if (!form) { return; }
  var list = form.querySelector('input[name="confirmed_from_previous"]');
  var taking = false;

  function names() {
    return list.value.split(",").map(function (name) { return name.trim(); })
      .filter(function (name) { return name; });
  }

  function setTaken(hint, taken) {
    var name = hint.getAttribute("data-carry");
    var current = names().filter(function (other) { return other !== name; });
    if (taken) { current.push(name); }
    list.value = current.join(",");
    hint.querySelector("[data-carry-take]").hidden = taken;
    hint.querySelector("[data-carry-done]").hidden = !taken;
    if (taken) { hint.setAttribute("data-carry-taken", ""); } else { hint.removeAttribute("data-carry-taken"); }
  }

  function inputsOf(field) {
    return Array.prototype.slice.call(form.querySelectorAll('[name="' + field + '"]'));
  }

  function put(field, values) {
    var changed = [];
    inputsOf(field).forEach(function (input) {
      if (input.type === "checkbox" || input.type === "radio") {
        var checked = values.indexOf(input.value) !== -1;
        if (input.checked !== checked) { input.checked = checked; changed.push(input); }
      } else {
        var value = values.length ? values[0] : "";
        if (input.value !== value) { input.value = value; changed.push(input); }
      }
    });
    return changed;
  }

  // Programme rows go into the empty rows, with more rows added as needed.
  function putProgramme(rows) {
    var section = document.getElementById("home-programme");
    var add = section.querySelector("[data-formset-add]");
    var total = section.querySelector('input[name$="-TOTAL_FORMS"]');
    var changed = [];
    var index = 0;
    rows.forEach(function (row) {
      while (index < parseInt(total.value, 10) &&
             form.querySelector('[name="programme-' + index + '-exercise"]').value) { index += 1; }
      if (index >= parseInt(total.value, 10)) { add.click(); }
      Object.keys(row).forEach(function (key) {
        changed = changed.concat(put("programme-" + index + "-" + key, [row[key]]));
      });
      index += 1;
    });
    return changed;
  }

  function fieldsOf(values) {
    return Array.isArray(values) ? [] : Object.keys(values);
  }

  function take(hint) {
    var values = JSON.parse(hint.getAttribute("data-carry-values"));
    var changed = [];
    if (Array.isArray(values)) {
      changed = putProgramme(values);
    } else {
      Object.keys(values).forEach(function (field) {
        changed = changed.concat(put(field, values[field]));
      });
    }
    setTaken(hint, true);
    // The page's own change listeners (decision support, autosave) see the new values.
    taking = true;
    try {
      changed.forEach(function (input) {
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
      if (!changed.length) { list.dispatchEvent(new Event("change", { bubbles: true })); }
    } finally {
      taking = false;
    }
  }

  var hints = Array.prototype.slice.call(form.querySelectorAll("[data-carry]"));
  hints.forEach(function (hint) {
    var button = hint.querySelector("[data-carry-take]");
    button.hidden = hint.hasAttribute("data-carry-taken");
    button.addEventListener("click", function () { take(hint); });
    // Changed by hand after taking over: it is her own entry now, not a confirmation.
    function changedByHand() {
      if (!taking && hint.hasAttribute("data-carry-taken")) { setTaken(hint, false); }
    }
    var values = JSON.parse(hint.getAttribute("data-carry-values"));
    if (Array.isArray(values)) {  // the programme: any change to its rows
      document.getElementById("home-programme").addEventListener("change", changedByHand);
    }
    fieldsOf(values).forEach(function (field) {
      inputsOf(field).forEach(function (input) { input.addEventListener("change", changedByHand); });
    });
  });

  form.querySelectorAll("[data-carry-all]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var section = button.getAttribute("data-carry-all");
      hints.forEach(function (hint) {
        if (hint.getAttribute("data-carry-section") === section && !hint.hasAttribute("data-carry-taken")) {
          take(hint);
        }
      });
    });
  });
})();
