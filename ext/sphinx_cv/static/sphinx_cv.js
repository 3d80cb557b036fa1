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

/* Long lists: "Abstract" and "BibTeX" link to files of the site; a click shows the file
   under the entry (a second click hides it). */
document.querySelectorAll(".cv-pub-links a.cv-bib, .cv-pub-links a.cv-abstract").forEach((link) => {
  link.setAttribute("role", "button");
  link.setAttribute("aria-expanded", "false");
  link.addEventListener("click", async (event) => {
    event.preventDefault();
    const entry = link.closest("li");
    const bib = link.classList.contains("cv-bib");
    const id = `${entry.id}-${bib ? "bib" : "abstract"}`;
    let shown = document.getElementById(id);
    if (!shown) {
      try {
        const response = await fetch(link.href);
        if (!response.ok) throw new Error(response.statusText);
        const text = (await response.text()).trimEnd();
        shown = document.createElement("div");
        shown.id = id;
        shown.className = bib ? "cv-more-shown cv-bibtex-details" : "cv-more-shown cv-abstract";
        const content = document.createElement(bib ? "pre" : "p");
        if (bib) content.className = "cv-bibtex notranslate";
        content.textContent = text;
        shown.append(content);
        const bibShown = document.getElementById(`${entry.id}-bib`);
        if (!bib && bibShown) entry.insertBefore(shown, bibShown); /* abstract first */
        else entry.append(shown);
        link.setAttribute("aria-controls", id);
        if (bib) cvAddCopy(content);
      } catch (err) {
        window.location.href = link.href; /* offline or missing: open the file */
        return;
      }
    } else {
      shown.hidden = !shown.hidden;
    }
    link.setAttribute("aria-expanded", String(!shown.hidden));
  });
});
