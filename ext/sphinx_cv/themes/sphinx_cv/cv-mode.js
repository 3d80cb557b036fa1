/* Light or dark, before the first paint: the visitor's choice, else the system's. */
(function () {
  var mode = null;
  try { mode = localStorage.getItem("cv-mode"); } catch (e) { /* storage blocked */ }
  if (mode !== "light" && mode !== "dark") {
    mode = window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  document.documentElement.dataset.theme = mode;
})();
