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
