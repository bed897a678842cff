// The header menu folds behind a button below 1200 px (tablets); without this script it stays open.
(function () {
  "use strict";
  var button = document.querySelector("[data-nav-toggle]");
  var menu = document.getElementById("nav-menu");
  if (!button || !menu) { return; }
  menu.classList.remove("no-script-open");
  button.addEventListener("click", function () {
    var open = menu.classList.toggle("show");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
