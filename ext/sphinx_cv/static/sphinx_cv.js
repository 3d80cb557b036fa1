/* sphinx-cv: a "Copy" button on every BibTeX block, and abstracts and BibTeX of long lists
   fetched from the site's files when their link is clicked (without JavaScript, the links
   open the files). */
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

/* Long lists: "Abstract" and "BibTeX" link to files of the site; a click (or Space) shows
   the file under the entry, a second one hides it. A click with a modifier key, or no
   JavaScript, opens the file itself. */
document.querySelectorAll(".cv-pub-links a.cv-bib, .cv-pub-links a.cv-abstract").forEach((link) => {
  const bib = link.classList.contains("cv-bib");
  const entry = link.closest("li");
  let shown = null; /* the block under the entry, once fetched */
  let pending = false; /* a fetch is under way: further clicks wait for it */
  link.setAttribute("role", "button");
  link.setAttribute("aria-expanded", "false");

  async function toggle() {
    if (pending) return;
    if (shown) {
      shown.hidden = !shown.hidden;
      link.setAttribute("aria-expanded", String(!shown.hidden));
      return;
    }
    pending = true;
    try {
      const response = await fetch(link.href);
      if (!response.ok) throw new Error(response.statusText);
      const text = (await response.text()).trimEnd();
      shown = document.createElement("div");
      shown.id = `${entry.id}-cv-${bib ? "bib" : "abstract"}`;
      shown.className = bib ? "cv-more-shown cv-bibtex-details" : "cv-more-shown cv-abstract";
      const content = document.createElement(bib ? "pre" : "p");
      if (bib) content.className = "cv-bibtex notranslate";
      content.textContent = text;
      shown.append(content);
      const bibShown = entry.querySelector(":scope > .cv-more-shown.cv-bibtex-details");
      if (!bib && bibShown) entry.insertBefore(shown, bibShown); /* the abstract first */
      else entry.append(shown);
      link.setAttribute("aria-controls", shown.id);
      link.setAttribute("aria-expanded", "true");
      if (bib) cvAddCopy(content);
    } catch (err) {
      window.location.href = link.href; /* offline or missing: open the file */
    } finally {
      pending = false;
    }
  }

  link.addEventListener("click", (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return; /* a new tab or window, a download: the browser's own */
    }
    event.preventDefault();
    toggle();
  });
  link.addEventListener("keydown", (event) => {
    if (event.key === " ") {
      event.preventDefault(); /* a button acts on Space, and the page does not scroll */
      toggle();
    }
  });
});
