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

  // Escape closes the open menu and gives the focus back to its button.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
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
document.addEventListener("DOMContentLoaded", () => {
  setUpMenu();
  markScrollBoxes();
});
