// The referral's clinic search as you type (issue 12): the server sends at most ten matching
// physiotherapy clinics as the same radio buttons the page renders. Without JavaScript the
// "Find" button does the same search by reloading the page.
(() => {
  const input = document.querySelector("[data-clinic-search]");
  if (!input) return;
  let timer;
  let latest = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const asked = ++latest;
      const url = `${input.dataset.clinicSearch}?clinic_q=${encodeURIComponent(input.value)}`;
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok || asked !== latest) return;  // an older answer arriving late
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html")
        .getElementById("clinic-choices");
      const shown = document.getElementById("clinic-choices");
      if (fresh && shown) shown.replaceWith(document.adoptNode(fresh));
    }, 250);
  });
})();
