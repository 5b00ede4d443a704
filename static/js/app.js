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

// --- Suggestions: a delegation's name after a change in the text opens that suggestion's panel.
function openSuggestion() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id.startsWith("suggestion-")) return;
  const panel = document.getElementById(id);
  if (panel && panel.tagName === "DETAILS") panel.open = true;
}
window.addEventListener("hashchange", openSuggestion);
document.addEventListener("DOMContentLoaded", openSuggestion);
// --- end of suggestions

// --- A section page's "Full outline" (loaded with htmx when opened) stays open from page to
// page once the reader opened it (and closed once closed).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("details[data-remember]").forEach((details) => {
    const name = `open:${details.dataset.remember}`;
    try {
      if (window.localStorage.getItem(name) === "1") details.open = true;
    } catch (e) { /* storage refused: nothing remembered */ }
    details.addEventListener("toggle", () => {
      try { window.localStorage.setItem(name, details.open ? "1" : "0"); } catch (e) { /* idem */ }
    });
  });
});
// --- end of the full outline
