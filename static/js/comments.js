// Comments on quoted passages: select text in the section to comment on it; existing threads
// are highlighted where their passage is now. The text model matches the server's
// guidelines/rendering/anchoring.py plain_text(): block elements separate words, whitespace runs
// count as one space.
(function () {
  "use strict";
  const root = document.getElementById("section-text");
  if (!root) return;
  const BLOCK = /^(P|LI|UL|OL|H[1-6]|TABLE|THEAD|TBODY|TFOOT|TR|TD|TH|DIV|BLOCKQUOTE|PRE|BR|HR|SECTION)$/;

  // Whitespace-normalised text of the element, with, for each character, where it comes from.
  function index(element) {
    const raw = [];
    (function walk(node) {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          for (let i = 0; i < child.data.length; i++) raw.push({ ch: child.data[i], node: child, offset: i });
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          const block = BLOCK.test(child.tagName);
          if (block) raw.push({ ch: " ", node: null, offset: 0 });
          walk(child);
          if (block) raw.push({ ch: " ", node: null, offset: 0 });
        }
      }
    })(element);
    let text = "";
    const map = [];
    let inSpace = true; // leading whitespace is dropped
    for (const r of raw) {
      if (/\s/.test(r.ch)) {
        if (!inSpace) { text += " "; map.push(r); inSpace = true; }
      } else {
        text += r.ch; map.push(r); inSpace = false;
      }
    }
    if (text.endsWith(" ")) { text = text.slice(0, -1); map.pop(); }
    return { text, map };
  }

  const normalise = (s) => s.replace(/\s+/g, " ").trim();

  function nearest(text, quote, hint) {
    let best = -1;
    for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
      if (best === -1 || Math.abs(at - hint) < Math.abs(best - hint)) best = at;
    }
    return best;
  }

  // Wrap the characters [start, end) of the normalised text in <mark> elements.
  function highlight(start, end, threadId) {
    const { map } = index(root);
    const pieces = new Map();
    for (let i = start; i < end; i++) {
      const r = map[i];
      if (!r || !r.node) continue;
      const piece = pieces.get(r.node) || { from: r.offset, to: r.offset };
      piece.to = r.offset + 1;
      pieces.set(r.node, piece);
    }
    for (const [node, piece] of pieces) {
      const range = document.createRange();
      range.setStart(node, piece.from);
      range.setEnd(node, piece.to);
      const mark = document.createElement("mark");
      mark.className = "comment-mark";
      mark.dataset.thread = threadId;
      mark.title = root.dataset.markTitle || "";
      range.surroundContents(mark);
    }
  }

  document.querySelectorAll(".thread[data-quote]").forEach((thread) => {
    const quote = thread.dataset.quote;
    const at = nearest(index(root).text, quote, Number(thread.dataset.start || 0));
    if (at !== -1) highlight(at, at + quote.length, thread.dataset.thread);
  });

  root.addEventListener("click", (event) => {
    const mark = event.target.closest("mark.comment-mark");
    if (!mark) return;
    const thread = document.getElementById("comment-" + mark.dataset.thread);
    if (!thread) return;
    thread.querySelector("details").open = true;
    thread.scrollIntoView({ behavior: "smooth", block: "center" });
    thread.classList.add("is-flashing");
    setTimeout(() => thread.classList.remove("is-flashing"), 1500);
  });

  // Selecting a passage offers "Comment on selection".
  const button = document.getElementById("comment-selection");
  if (!button || !root.dataset.commentable) return;
  let pending = null;
  document.addEventListener("selectionchange", () => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !root.contains(selection.anchorNode) || !root.contains(selection.focusNode)) {
      return;
    }
    const quote = normalise(selection.toString());
    if (!quote) return;
    const before = document.createRange();
    before.setStart(root, 0);
    before.setEnd(selection.getRangeAt(0).startContainer, selection.getRangeAt(0).startOffset);
    pending = { quote, hint: normalise(before.toString()).length };
    button.hidden = false;
  });
  // Fill the comment form with a quoted passage (quote_start: its offset in the plain text).
  function quoteInForm(quote, start) {
    const form = document.getElementById("comment-new");
    form.querySelector("[name=quote]").value = quote;
    form.querySelector("[name=quote_start]").value = String(start);
    const preview = document.getElementById("comment-quote");
    preview.textContent = quote;
    preview.hidden = false;
    form.open = true;
    button.hidden = true;
    form.querySelector("textarea").focus();
  }
  button.addEventListener("click", () => {
    if (pending) quoteInForm(pending.quote, pending.hint);
  });

  // From the keyboard: the section's plain text (the server's, so offsets match) in a textarea
  // kept unchanged by this script (Chromium gives a `readonly` one no caret); select with
  // Shift+arrows, then Enter or the button.
  const picker = document.getElementById("quote-picker");
  if (!picker) return;
  const source = document.getElementById("quote-source");
  const hint = document.getElementById("quote-hint");
  const original = source.value;
  source.addEventListener("beforeinput", (event) => event.preventDefault());
  source.addEventListener("input", () => { // changes beforeinput cannot stop (IME): undo them
    const at = source.selectionStart;
    source.value = original;
    source.setSelectionRange(at, at);
  });
  picker.hidden = false;
  function quoteSelection() {
    const raw = source.value.slice(source.selectionStart, source.selectionEnd);
    const quote = normalise(raw);
    if (!quote) {
      hint.textContent = hint.dataset.empty;
      source.focus();
      return;
    }
    const start = source.selectionStart + (raw.length - raw.trimStart().length);
    hint.textContent = hint.dataset.quoted + " " + quote;
    quoteInForm(quote, start);
  }
  document.getElementById("quote-selection").addEventListener("click", quoteSelection);
  source.addEventListener("keydown", (event) => {
    const plain = !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
    if (event.key === "Enter" && plain) {
      event.preventDefault();
      quoteSelection();
    }
  });
})();
