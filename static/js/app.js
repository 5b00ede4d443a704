// Small progressive enhancements; every page works without this file.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-outline]");
  if (!button) return;
  const open = button.dataset.outline === "expand";
  const outline = button.closest(".outline");
  outline.querySelectorAll("details").forEach((d) => { d.open = open; });
});
