// Small progressive enhancements; every page works without this file.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-outline]");
  if (!button) return;
  const open = button.dataset.outline === "expand";
  const outline = button.closest(".outline");
  outline.querySelectorAll("details").forEach((d) => { d.open = open; });
});

// The preview refuses a text too long to save (413) with the save's message: show it.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.xhr.status === 413 && event.detail.target.id === "preview") {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
