// A "Print" button: the browser's print dialog (the page's print stylesheet leaves the menu out).
document.querySelectorAll("[data-print-page]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
