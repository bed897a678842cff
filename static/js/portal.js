// Her answers are kept as she goes (portal/views.py, step): a change is sent in the background
// a moment later, and once more as the page is hidden (closed, or another app opened). Without
// the script, the Next and Back buttons keep them just the same.
(function () {
  "use strict";
  var form = document.querySelector("form[data-keep-answers]");
  if (!form || !window.fetch) { return; }
  var timer = null;
  var dirty = false;
  var submitting = false;

  function answers() {
    var data = new FormData(form);
    data.set("go", "keep");
    return data;
  }

  function keep() {
    timer = null;
    if (!dirty || submitting) { return; }
    dirty = false;
    fetch(window.location.pathname, { method: "POST", body: answers(), credentials: "same-origin" })
      .then(function (response) { if (!response.ok) { dirty = true; } })
      .catch(function () { dirty = true; });
  }

  function changed(delay) {
    return function () {
      dirty = true;
      window.clearTimeout(timer);
      timer = window.setTimeout(keep, delay);
    };
  }
  form.addEventListener("change", changed(600));
  form.addEventListener("input", changed(1500));
  // A second tap on a button while the first is on its way would send the step twice.
  form.addEventListener("submit", function (event) {
    if (submitting) {
      event.preventDefault();
      return;
    }
    submitting = true;
    window.clearTimeout(timer);
  });
  window.addEventListener("pageshow", function () {  // back from the next page: it works again
    submitting = false;
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && dirty && !submitting && navigator.sendBeacon) {
      dirty = !navigator.sendBeacon(window.location.pathname, answers());
    }
  });
})();
