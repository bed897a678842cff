// Consultation page helpers; the page works without them.
(function () {
  "use strict";
  document.querySelectorAll("[data-all-absent]").forEach(function (button) {
    button.addEventListener("click", function () {
      var form = button.closest("form");
      form.querySelectorAll('.red-flag-row input[type=radio][value="absent"]').forEach(function (radio) {
        radio.checked = true;
      });
      form.dispatchEvent(new Event("change", { bubbles: true }));
    });
  });
})();

// "Add an exercise row": clone the formset's empty form.
(function () {
  "use strict";
  document.querySelectorAll("[data-formset-add]").forEach(function (button) {
    var section = button.closest("#home-programme");
    var template = section.querySelector("template[data-formset-template]");
    var body = section.querySelector("[data-formset-body]");
    var total = section.querySelector('input[name$="-TOTAL_FORMS"]');
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      body.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var select = body.lastElementChild.querySelector("select");
      if (select) { select.focus(); }
    });
  });
})();

// One referral path: choosing a physiotherapist in the plan shows the real referral (its state,
// or the offer to open it); another choice hides it again unless one was sent.
(function () {
  "use strict";
  document.querySelectorAll("[data-plan-referral][data-referral-field]").forEach(function (panel) {
    var select = document.querySelector('select[name="' + panel.dataset.referralField + '"]');
    if (!select) { return; }
    var physio = panel.dataset.planReferral.split(" ");
    var sent = panel.querySelector("[data-testid=plan-referral-state]") !== null;
    function update() { panel.hidden = !(sent || physio.indexOf(select.value) !== -1); }
    select.addEventListener("change", update);
    update();
  });
})();

// Decision support below 992 px: a sticky line at the top (the suggestion in short) that opens
// the whole panel. From 992 px it is the sidebar, always open.
(function () {
  "use strict";
  var aside = document.querySelector("[data-support]");
  if (!aside) { return; }
  var toggle = aside.querySelector("[data-support-toggle]");
  var line = aside.querySelector("[data-support-line]");
  var wide = window.matchMedia("(min-width: 992px)");
  function text(testid) {
    var node = aside.querySelector('[data-testid="' + testid + '"]');
    return node ? node.textContent.trim() : "";
  }
  function refreshLine() {
    var flag = aside.querySelector('[data-testid="red-flag-alert"]');
    var parts = [text("suggested-diagnosis"), text("suggested-subgroup")].filter(Boolean);
    line.textContent = (flag ? "\u26a0 " : "") + parts.join(" · ");
    aside.classList.toggle("has-red-flag", Boolean(flag));
  }
  function setOpen(open) {
    aside.classList.toggle("support-open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  function layout() {
    aside.classList.toggle("support-collapsible", !wide.matches);
    toggle.disabled = wide.matches;
    setOpen(wide.matches);
  }
  toggle.addEventListener("click", function () {
    setOpen(!aside.classList.contains("support-open"));
  });
  wide.addEventListener("change", layout);
  document.body.addEventListener("htmx:afterSwap", refreshLine);
  layout();
  refreshLine();
})();

// Alt+1 … Alt+7: to a section's first field; the section links do the same with a click.
(function () {
  "use strict";
  var nav = document.querySelector("[data-section-nav]");
  if (!nav) { return; }
  var links = Array.prototype.slice.call(nav.querySelectorAll("a[href^='#']"));
  var FIELDS = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea, button";
  function jump(link) {
    var section = document.querySelector(link.getAttribute("href"));
    if (!section) { return; }
    section.scrollIntoView({ block: "start" });
    var field = section.querySelector(FIELDS);
    if (field) { field.focus({ preventScroll: true }); }
  }
  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      jump(link);
    });
  });
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var number = parseInt(event.key, 10);
    if (!(number >= 1 && number <= links.length)) {
      var match = /^Digit([1-9])$/.exec(event.code || "");
      number = match ? parseInt(match[1], 10) : NaN;
    }
    if (number >= 1 && number <= links.length) {
      event.preventDefault();
      jump(links[number - 1]);
    }
  });
})();

// One-click groups: "lumbar spine and neurology normal", and "use the suggestion".
(function () {
  "use strict";
  function setSelect(select, value) {
    if (!select || !select.querySelector('option[value="' + value + '"]')) { return false; }
    select.value = value;
    return true;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-set-normal], [data-accept-suggestion]");
    if (!button) { return; }
    var form = button.closest("form") || document.getElementById("consultation-form");
    if (!form) { return; }
    if (button.hasAttribute("data-set-normal")) {
      button.getAttribute("data-set-normal").split(" ").forEach(function (name) {
        setSelect(form.querySelector('select[name="' + name + '"]'), "normal");
      });
    } else {
      setSelect(form.querySelector('select[name="diagnosis"]'), button.getAttribute("data-diagnosis"));
      // No subgroup could be decided: her subgroup is left as it is (the record keeps both).
      if (button.getAttribute("data-subgroup")) {
        setSelect(form.querySelector('select[name="subgroup"]'), button.getAttribute("data-subgroup"));
      }
    }
    form.dispatchEvent(new Event("change", { bubbles: true }));
  });
})();

// A field that takes focus partly behind the sticky save bar (or, below 992 px, behind the
// decision-support line) is scrolled clear of it: Chromium applies scroll-padding only when it
// scrolls a field in from outside the viewport, not to one already (partly) inside it.
(function () {
  "use strict";
  var saveBar = document.querySelector(".sticky-actions");
  var aside = document.querySelector(".support-aside");
  if (!saveBar) { return; }
  var GAP = 12;
  function clear(field) {
    var box = field.getBoundingClientRect();
    var bottom = saveBar.getBoundingClientRect().top;
    var top = aside && getComputedStyle(aside).position === "sticky" ? aside.getBoundingClientRect().bottom : 0;
    if (box.bottom > bottom && box.top < saveBar.getBoundingClientRect().bottom) {
      window.scrollBy({ top: box.bottom - bottom + GAP, behavior: "instant" });
    } else if (top && box.top < top && box.bottom > 0) {
      window.scrollBy({ top: box.top - top - GAP, behavior: "instant" });
    }
  }
  document.addEventListener("focusin", function (event) {
    var field = event.target;
    if (!field.getBoundingClientRect || field.closest(".sticky-actions, .support-aside")) { return; }
    // The browser scrolls a field into view after the focus event: look once it has.
    window.requestAnimationFrame(function () { clear(field); });
  });
})();
