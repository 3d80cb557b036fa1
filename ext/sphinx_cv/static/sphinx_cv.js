/* sphinx-cv: a "Copy" button on every BibTeX block. */
document.querySelectorAll(".cv-bibtex-details pre").forEach((pre) => {
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
});
