// The Markdown editor: a toolbar over every textarea[data-markdown-editor] (bold, italic, lists,
// a table, a link to a section, and a preview where the page has none beside the text). The
// stored text stays plain Markdown; every edit goes through the browser's own insertion so
// Ctrl+Z undoes it and an "input" event refreshes the htmx preview. Labels come from the
// <template id="markdown-editor"> of templates/guidelines/_markdown_editor.html (translated).
// Without this file the textareas are plain textareas.
(function () {
  "use strict";
  const source = document.getElementById("markdown-editor");
  if (!source) return;
  const text = source.dataset;
  let picker = null; // the one section-picker dialog of the page, made on first use
  let pickerTarget = null; // the textarea it inserts into
  let sectionsLoaded = false;

  // Replace [start, end) of the textarea by `insert`, undoably, then select [from, to).
  function edit(area, start, end, insert, from, to) {
    area.focus();
    area.setSelectionRange(start, end);
    let done = false;
    try {
      done = insert === "" ? document.execCommand("delete") : document.execCommand("insertText", false, insert);
    } catch (error) {
      done = false;
    }
    if (!done) {
      area.setRangeText(insert, start, end, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
    area.setSelectionRange(from, to);
    grow(area);
  }

  function stars(value, at, step) {
    let n = 0;
    while (n < 3 && value[at + step * n + (step < 0 ? -1 : 0)] === "*") n++;
    return n;
  }

  // Bold (**) or italic (*) around the selection, or around a selected placeholder; again on
  // the same text takes the marks away.
  function emphasis(area, marker, placeholder) {
    const value = area.value;
    let start = area.selectionStart;
    let end = area.selectionEnd;
    while (end > start && /\s/.test(value[end - 1])) end--; // "word " selected by a double click
    while (start < end && /\s/.test(value[start])) start++;
    const around = Math.min(stars(value, start, -1), stars(value, end, 1));
    const marked = marker.length === 2 ? around >= 2 : around === 1 || around === 3;
    if (marked && end > start) {
      const inner = value.slice(start, end);
      const from = start - marker.length;
      edit(area, from, end + marker.length, inner, from, from + inner.length);
      return;
    }
    const inner = end > start ? value.slice(start, end) : placeholder;
    const at = start + marker.length;
    edit(area, start, end, marker + inner + marker, at, at + inner.length);
  }

  const LIST_MARK = /^(\s*)(?:[-*+]|\d+[.)])\s+/;

  // Each selected line (or the caret's line) becomes a list item; a list of the same kind
  // becomes plain lines again. Blank lines are kept around the list so Markdown sees it.
  function list(area, ordered) {
    const value = area.value;
    const start = value.lastIndexOf("\n", area.selectionStart - 1) + 1;
    let stop = area.selectionEnd > area.selectionStart && value[area.selectionEnd - 1] === "\n"
      ? area.selectionEnd - 1 : area.selectionEnd;
    stop = value.indexOf("\n", stop);
    const end = stop === -1 ? value.length : stop;
    const lines = value.slice(start, end).split("\n");
    const same = ordered ? /^\s*\d+[.)]\s+/ : /^\s*[-*+]\s+/;
    const undo = lines.filter((l) => l.trim()).every((l) => same.test(l)) && lines.some((l) => l.trim());
    let n = 0;
    let block = lines.map((line) => {
      if (undo) return line.replace(LIST_MARK, "$1");
      if (!line.trim() && lines.length > 1) return line;
      n++;
      return line.replace(LIST_MARK, "$1").replace(/^(\s*)/, "$1" + (ordered ? n + ". " : "- "));
    }).join("\n");
    let before = "";
    const previous = value.slice(0, start).replace(/\n$/, "").split("\n").pop();
    if (!undo && start > 0 && previous.trim() && !LIST_MARK.test(previous)) before = "\n";
    const next = value.slice(end + 1).split("\n")[0];
    if (!undo && end < value.length && next.trim() && !LIST_MARK.test(next)) block += "\n";
    const from = start + before.length;
    const to = from + block.replace(/\n$/, "").length;
    edit(area, start, end, before + block, lines.length > 1 ? from : to, to); // one line: caret after
  }

  // A table skeleton on lines of its own, after the caret's line (never splitting a
  // paragraph mid-line), its first heading selected.
  function table(area) {
    const value = area.value;
    const lineEnd = value.indexOf("\n", area.selectionEnd);
    const at = lineEnd === -1 ? value.length : lineEnd;
    const head = text.tableHeading;
    const cell = text.tableCell;
    const skeleton = `| ${head} 1 | ${head} 2 |\n| --- | --- |\n| ${cell} | ${cell} |\n| ${cell} | ${cell} |`;
    const before = at === 0 ? "" : value.slice(0, at).endsWith("\n\n") ? "" : value.slice(0, at).endsWith("\n") ? "\n" : "\n\n";
    const after = value.slice(at).startsWith("\n\n") ? "" : value.slice(at).startsWith("\n") ? "\n" : at < value.length ? "\n\n" : "\n";
    const from = at + before.length + 2;
    edit(area, at, at, before + skeleton + after, from, from + head.length + 2);
  }

  // A cross-reference [[key]]: the page shows the section's CURRENT number and heading, so it
  // never goes stale when sections move. Inserted after the selection (which stays); a space
  // goes before it after a word.
  function insertLink(area, key) {
    const at = area.selectionEnd;
    const space = at > 0 && !/[\s([{"'“‘«]/.test(area.value[at - 1]) ? " " : "";
    const link = `${space}[[${key}]]`;
    edit(area, at, at, link, at + link.length, at + link.length);
  }

  // --- Link to a section: a dialog with a search box over the document's sections.
  function pickerItems() {
    return Array.from(picker.querySelectorAll(".md-picker__item")).filter((b) => !b.closest("li").hidden);
  }

  function filter() {
    const words = picker.querySelector(".md-picker__search").value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    picker.querySelectorAll(".md-picker__item").forEach((item) => {
      const haystack = item.dataset.label.toLowerCase();
      const match = words.every((w) => haystack.includes(w));
      item.closest("li").hidden = !match;
      if (match) shown++;
    });
    if (sectionsLoaded) picker.querySelector("[data-md-status]").textContent = shown ? "" : text.noneFound;
  }

  function loadSections() {
    const status = picker.querySelector("[data-md-status]");
    status.textContent = text.loading;
    fetch(text.sectionsUrl, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then((html) => {
        picker.querySelector("[data-md-sections]").innerHTML = html; // our own escaped template
        sectionsLoaded = true;
        status.textContent = "";
        filter();
      })
      .catch(() => { status.textContent = text.failed; });
  }

  function makePicker() {
    picker = source.content.querySelector(".md-picker").cloneNode(true);
    document.body.appendChild(picker);
    const search = picker.querySelector(".md-picker__search");
    search.addEventListener("input", filter);
    picker.addEventListener("keydown", (event) => {
      const items = pickerItems();
      const index = items.indexOf(document.activeElement);
      let target = null;
      if (event.key === "ArrowDown") target = items[index + 1] || items[0];
      else if (event.key === "ArrowUp") target = index > 0 ? items[index - 1] : search;
      else if (event.key === "Enter" && document.activeElement === search) target = items[0];
      if (target) {
        event.preventDefault();
        target.focus();
      }
    });
    picker.addEventListener("click", (event) => {
      const item = event.target.closest(".md-picker__item");
      if (item) {
        const area = pickerTarget;
        picker.close();
        insertLink(area, item.dataset.key);
      } else if (event.target.closest("[data-md-close]") || event.target === picker) {
        picker.close();
      }
    });
    picker.addEventListener("close", () => { if (pickerTarget) pickerTarget.focus(); });
  }

  function openPicker(area) {
    if (!picker) makePicker();
    pickerTarget = area;
    if (!sectionsLoaded) loadSections();
    const search = picker.querySelector(".md-picker__search");
    search.value = "";
    filter();
    picker.showModal();
    search.focus();
  }

  // --- Preview, for the fields with no preview beside them (comments, replies, new sections).
  function refreshPreview(area, panel) {
    const form = area.form;
    const data = new FormData();
    data.append("body", area.value);
    const token = form && form.querySelector("[name=csrfmiddlewaretoken]");
    if (token) data.append("csrfmiddlewaretoken", token.value);
    fetch(text.previewUrl, { method: "POST", body: data, credentials: "same-origin" })
      .then((response) => response.text())
      .then((html) => {
        const parsed = new DOMParser().parseFromString(html, "text/html").getElementById("preview");
        const body = panel.querySelector(".md-preview__body");
        body.innerHTML = parsed ? parsed.innerHTML : "";
        // New content not brought by htmx: mobile.js makes its wide tables keyboard-scrollable.
        body.dispatchEvent(new CustomEvent("iscm:content-swapped", { bubbles: true }));
      })
      .catch(() => { panel.querySelector(".md-preview__body").textContent = text.failed; });
  }

  function grow(area) {
    const limit = Math.max(window.innerHeight * 0.7, 160);
    if (area.scrollHeight > area.clientHeight && area.clientHeight < limit) {
      area.style.height = Math.min(area.scrollHeight + 4, limit) + "px";
    }
  }

  let counter = 0;
  function enhance(area) {
    if (area.dataset.markdownEnhanced) return;
    area.dataset.markdownEnhanced = "1";
    if (!area.id) area.id = "md-text-" + ++counter;
    area.setAttribute("wrap", "soft");
    const toolbar = source.content.querySelector(".md-toolbar").cloneNode(true);
    const buttons = Array.from(toolbar.querySelectorAll("button"));
    const previewButton = toolbar.querySelector("[data-md=preview]");
    let panel = null;
    if (area.dataset.markdownEditor === "preview") {
      panel = source.content.querySelector(".md-preview").cloneNode(true);
    } else {
      previewButton.remove();
      buttons.pop();
    }
    buttons.forEach((b, i) => {
      b.setAttribute("aria-controls", area.id);
      b.tabIndex = i === 0 ? 0 : -1; // one stop in the Tab order; arrows move inside
    });
    const box = document.createElement("div"); // toolbar and text as one control
    box.className = "md-editor";
    area.before(box);
    box.append(toolbar, area);
    if (panel) box.after(panel);

    const actions = {
      bold: () => emphasis(area, "**", text.boldPlaceholder),
      italic: () => emphasis(area, "*", text.italicPlaceholder),
      bullets: () => list(area, false),
      numbers: () => list(area, true),
      table: () => table(area),
      link: () => openPicker(area),
      preview: () => {
        const on = previewButton.getAttribute("aria-pressed") !== "true";
        previewButton.setAttribute("aria-pressed", String(on));
        panel.hidden = !on;
        if (on) refreshPreview(area, panel);
      },
    };
    toolbar.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-md]");
      if (button) actions[button.dataset.md]();
    });
    toolbar.addEventListener("keydown", (event) => {
      const index = buttons.indexOf(document.activeElement);
      const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 };
      if (index === -1 || !(event.key in moves)) return;
      event.preventDefault();
      const next = buttons[(moves[event.key] + buttons.length) % buttons.length];
      buttons.forEach((b) => { b.tabIndex = b === next ? 0 : -1; });
      next.focus();
    });
    area.addEventListener("keydown", (event) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key === "b" || key === "i") {
        event.preventDefault();
        actions[key === "b" ? "bold" : "italic"]();
      }
    });
    let timer = null;
    area.addEventListener("input", () => {
      grow(area);
      if (!panel || panel.hidden) return;
      clearTimeout(timer);
      timer = setTimeout(() => refreshPreview(area, panel), 400);
    });
    grow(area);
  }

  function enhanceAll() {
    document.querySelectorAll("textarea[data-markdown-editor]").forEach(enhance);
  }
  enhanceAll();
  document.addEventListener("htmx:afterSettle", enhanceAll); // fields that htmx brings in later
})();
