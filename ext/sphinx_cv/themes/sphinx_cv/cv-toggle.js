/* The light/dark button: the choice is remembered; until then the system's mode is followed. */
(function () {
  var root = document.documentElement;
  var button = document.querySelector("button.cv-mode");
  if (!button) return;
  var system = window.matchMedia("(prefers-color-scheme: dark)");
  function stored() {
    try { return localStorage.getItem("cv-mode"); } catch (e) { return null; }
  }
  function show() {
    button.setAttribute("aria-pressed", String(root.dataset.theme === "dark"));
  }
  button.hidden = false;
  show();
  button.addEventListener("click", function () {
    root.dataset.theme = root.dataset.theme === "dark" ? "light" : "dark";
    try { localStorage.setItem("cv-mode", root.dataset.theme); } catch (e) { /* not kept */ }
    show();
  });
  system.addEventListener("change", function (event) {
    if (!stored()) {
      root.dataset.theme = event.matches ? "dark" : "light";
      show();
    }
  });
})();
