/* sphinx-cv: a "Copy" button on every BibTeX block, and abstracts and BibTeX of long lists
   fetched from the site's files when opened (without JavaScript, their links open them). */
function cvAddCopy(pre) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "cv-copy";
  button.textContent = "Copy";
  button.setAttribute("aria-label", "Copy BibTeX to the clipboard");
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(pre.innerText);
      button.textContent = "Copied";
    } catch (err) {
      button.textContent = "Select and copy";
    }
    setTimeout(() => { button.textContent = "Copy"; }, 2000);
  });
  pre.parentElement.insertBefore(button, pre);
}

document.querySelectorAll(".cv-bibtex-details pre").forEach(cvAddCopy);

document.querySelectorAll("details[data-cv-bib], details[data-cv-abstract]").forEach((details) => {
  details.addEventListener("toggle", async () => {
    const fallback = details.querySelector(".cv-on-demand");
    if (!details.open || !fallback) return;
    const bib = details.dataset.cvBib;
    try {
      const response = await fetch(bib || details.dataset.cvAbstract);
      if (!response.ok) return; // the link stays
      const text = (await response.text()).trimEnd();
      const shown = document.createElement(bib ? "pre" : "p");
      if (bib) shown.className = "cv-bibtex notranslate";
      shown.textContent = text;
      fallback.replaceWith(shown);
      if (bib) cvAddCopy(shown);
    } catch (err) {
      /* offline: the link stays */
    }
  });
});
