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

// "Accept the suggestion": set the assessment (and the subgroup, when one is suggested) to the
// decision support's suggestion. The record keeps the suggestion beside the decision.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-accept-suggestion]");
    if (!button) { return; }
    var form = document.getElementById("consultation-form");
    if (!form) { return; }
    var pairs = [["diagnosis", button.dataset.diagnosis], ["subgroup", button.dataset.subgroup]];
    pairs.forEach(function (pair) {
      var field = form.elements.namedItem(pair[0]);
      if (field && pair[1]) {
        field.value = pair[1];
        field.dispatchEvent(new Event("change", { bubbles: true }));
      }
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
