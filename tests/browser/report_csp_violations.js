// Runs before each page's own scripts: a blocked script, style or fetch becomes a console
// error that the test fixture collects (Chromium also logs most violations by itself).
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});
