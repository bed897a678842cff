// PGQ entry from the keyboard: on an item, type its answer (0-3, or n for "not applicable")
// and the focus moves on to the next item, so 25 answers are 25 keys. Tab and the arrow keys
// work as on any radio group; the page works without this script.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-pgq-item]"));
  rows.forEach(function (row, index) {
    row.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) { return; }
      var value = event.key === "n" || event.key === "N" ? "na" : event.key;
      var radio = row.querySelector('input[type="radio"][value="' + value + '"]');
      if (!radio || !/^(na|[0-3])$/.test(value)) { return; }
      event.preventDefault();
      radio.checked = true;
      radio.dispatchEvent(new Event("change", { bubbles: true }));
      var next = rows[index + 1];
      var target = next
        ? next.querySelector("input:checked") || next.querySelector('input[type="radio"]')
        : document.querySelector("[data-testid=save-pgq]");
      target.focus();
    });
  });
})();
