// The letter pages: one click copies the letter's text. Without this script the button stays
// hidden and the text is still there to select and copy by hand.
(function () {
  "use strict";
  var status = document.querySelector("[data-copy-status]");
  document.querySelectorAll("[data-copy-from]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy-from"));
    if (!source || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(function () {
        if (status) { status.textContent = button.getAttribute("data-copied"); }
      }, function () {
        source.focus();
        source.select();
        if (status) { status.textContent = button.getAttribute("data-copy-failed"); }
      });
    });
  });
})();
