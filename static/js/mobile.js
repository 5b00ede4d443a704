// Narrow screens. Loaded in <head> without defer so the page is marked before it is drawn: the
// CSS folds the header's menu only under html.js, so without this file the menu simply stays open.
document.documentElement.classList.add("js");

// --- The header's "Menu" button (aria-expanded, aria-controls the menu).
function setUpMenu() {
  const button = document.querySelector(".menu-toggle");
  if (!button) return;
  const menu = document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("is-open", open);
  }

  button.addEventListener("click", () => {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });

  // Escape pressed in the open menu (or on its button) closes it and gives the focus back to the
  // button; Escape elsewhere (a comment box, the editor's section picker) is left alone.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    if (button.getAttribute("aria-expanded") !== "true") return;
    const here = document.activeElement;
    if (here !== button && !menu.contains(here)) return;
    setOpen(false);
    button.focus();
  });
}

// --- A table or code block in a text too wide for the screen scrolls in its own box (CSS);
// such a box must take the focus so that it can be scrolled from the keyboard.
function markScrollBoxes() {
  document.querySelectorAll(".prose table, .prose pre").forEach((box) => {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.dataset.scrollBox = "";
    } else if (!scrolls && "scrollBox" in box.dataset) {
      box.removeAttribute("tabindex");
      delete box.dataset.scrollBox;
    }
  });
}

let resizeTimer;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(markScrollBoxes, 200);
});
document.addEventListener("htmx:afterSettle", markScrollBoxes);
// The editor fills its preview with fetch, not htmx: it says so with this event.
document.addEventListener("iscm:content-swapped", markScrollBoxes);
document.addEventListener("DOMContentLoaded", () => {
  setUpMenu();
  markScrollBoxes();
});
