"""Edit a "Word for review" file the way Word would, for the import's tests: tracked insertions,
deletions, moves, paragraph marks, table rows, comments (with replies), untracked edits, lost
anchors and custom properties. Bytes in, bytes out, lxml on the parts (no python-docx writing).

Paragraphs are found by their visible text (runs not deleted); a heading's text is
"<number>\\t<heading>". Each helper raises AssertionError when the text is not found, so a test
editing the wrong thing fails loudly."""

import copy
import io
import itertools
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DATE = "2026-11-20T10:00:00Z"
AUTHOR = "Jane Reviewer"
_ids = itertools.count(9000)
_para_ids = itertools.count(0x10000000)


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Package:
    """The zip's parts by name; ``xml(name)`` parses one once, ``bytes()`` writes them all."""

    def __init__(self, data: bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}
        self.trees: dict[str, etree._Element] = {}

    def xml(self, name: str) -> etree._Element:
        if name not in self.trees:
            self.trees[name] = etree.fromstring(self.parts[name])
        return self.trees[name]

    def bytes(self) -> bytes:
        for name, root in self.trees.items():
            self.parts[name] = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, blob in self.parts.items():
                archive.writestr(name, blob)
        return out.getvalue()

    @property
    def body(self) -> etree._Element:
        return self.xml("word/document.xml").find(w("body"))


def _edit(func):
    """``func(package, **kwargs)`` -> ``func(data, **kwargs) -> bytes``."""

    def wrapper(data: bytes, *args, **kwargs) -> bytes:
        package = Package(data)
        func(package, *args, **kwargs)
        return package.bytes()

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


# Paragraphs and runs ------------------------------------------------------------------------------
_CONTENT = {w("t"), w("tab"), w("br"), w("delText")}


def _deleted(run) -> bool:
    return any(a.tag in (w("del"), w("moveFrom")) for a in run.iterancestors())


def _normalise(p) -> None:
    """One content child (w:t, w:tab…) per run, so runs can be split and wrapped simply."""
    for run in list(p.iter(w("r"))):
        content = [c for c in run if c.tag in _CONTENT]
        for child in content[1:]:
            clone = etree.Element(w("r"))
            rpr = run.find(w("rPr"))
            if rpr is not None:
                clone.append(copy.deepcopy(rpr))
            clone.append(child)
            run.addnext(clone)
            run = clone


def _run_text(run) -> str:
    for child in run:
        if child.tag == w("t"):
            return child.text or ""
        if child.tag == w("tab"):
            return "\t"
        if child.tag == w("br"):
            return "\n"
    return ""


def _visible_runs(p) -> list:
    return [r for r in p.iter(w("r")) if not _deleted(r) and _run_text(r)]


def paragraph_text(p) -> str:
    return "".join(_run_text(r) for r in _visible_runs(p))


def find_paragraph(package: Package, containing: str):
    for p in package.body.iter(w("p")):
        if containing in paragraph_text(p):
            _normalise(p)
            return p
    raise AssertionError(f"no paragraph contains {containing!r}")


def _split(p, offset: int) -> None:
    """Make ``offset`` (in the visible text) fall between two runs."""
    position = 0
    for run in _visible_runs(p):
        text = _run_text(run)
        if position < offset < position + len(text):
            k = offset - position
            second = copy.deepcopy(run)
            run.find(w("t")).text = text[:k]
            second.find(w("t")).text = text[k:]
            for t in (run.find(w("t")), second.find(w("t"))):
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.addnext(second)
            return
        position += len(text)


def _runs_between(p, start: int, end: int) -> list:
    _split(p, start)
    _split(p, end)
    out, position = [], 0
    for run in _visible_runs(p):
        text = _run_text(run)
        if start <= position and position + len(text) <= end:
            out.append(run)
        position += len(text)
    return out


def _locate(p, words: str) -> tuple[int, int]:
    text = paragraph_text(p)
    start = text.find(words)
    assert start >= 0, f"{words!r} not in {text!r}"
    return start, start + len(words)


def _change(tag: str, author: str, **extra):
    element = etree.Element(w(tag))
    element.set(w("id"), str(next(_ids)))
    element.set(w("author"), author)
    element.set(w("date"), DATE)
    for key, value in extra.items():
        element.set(w(key), value)
    return element


def _new_run(text: str, like=None):
    run = etree.Element(w("r"))
    rpr = like.find(w("rPr")) if like is not None else None
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = etree.SubElement(run, w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def _outside_changes(element):
    """The element itself, or the tracked change wrapping it (so changes do not nest)."""
    parent = element.getparent()
    while parent.tag in (w("ins"), w("del"), w("moveTo"), w("moveFrom")):
        element, parent = parent, parent.getparent()
    return element


def _wrap(runs, tag: str, author: str, deleted_text: bool):
    wrapper = _change(tag, author)
    runs[0].addprevious(wrapper)
    for run in runs:
        if deleted_text:
            for t in run.iter(w("t")):
                t.tag = w("delText")
        wrapper.append(run)
    return wrapper


def _mark(p, tag: str, author: str) -> None:
    """Track the paragraph mark as inserted or deleted (w:pPr/w:rPr/w:ins|w:del)."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, w("rPr"))
    rpr.insert(0, _change(tag, author))


# Tracked changes ----------------------------------------------------------------------------------
def _insert_after(p, after: str, text: str, author: str, tag: str = "ins"):
    _, end = _locate(p, after)
    _split(p, end)
    runs = _runs_between(p, 0, end)
    previous = runs[-1] if runs else None
    wrapper = _change(tag, author)
    wrapper.append(_new_run(text, previous))
    if previous is None:
        ppr = p.find(w("pPr"))
        p.insert(0 if ppr is None else p.index(ppr) + 1, wrapper)
    else:
        _outside_changes(previous).addnext(wrapper)
    return wrapper


@_edit
def track_insert(package, *, paragraph_containing: str, after: str, text: str, author=AUTHOR):
    """Insert ``text`` right after ``after`` in the paragraph, as a tracked insertion."""
    _insert_after(find_paragraph(package, paragraph_containing), after, text, author)


def _delete(p, words: str, author: str):
    start, end = _locate(p, words)
    runs = _runs_between(p, start, end)
    wrappers = []
    for run in runs:  # one w:del per run (runs may sit in different parents)
        wrappers.append(_wrap([run], "del", author, deleted_text=True))
    return wrappers


@_edit
def track_delete(package, *, paragraph_containing: str, words: str, author=AUTHOR):
    """Delete ``words`` (splitting runs as needed), as a tracked deletion."""
    _delete(find_paragraph(package, paragraph_containing), words, author)


@_edit
def track_replace(package, *, paragraph_containing: str, old: str, new: str, author=AUTHOR):
    """A tracked deletion of ``old`` followed by a tracked insertion of ``new``."""
    p = find_paragraph(package, paragraph_containing)
    deleted = _delete(p, old, author)
    wrapper = _change("ins", author)
    wrapper.append(_new_run(new, deleted[-1].find(w("r"))))
    deleted[-1].addnext(wrapper)


@_edit
def track_move(
    package, *, from_paragraph: str, words: str, to_paragraph: str, after: str, author=AUTHOR
):
    """Move ``words`` to after ``after`` in another (or the same) paragraph, as Word writes it:
    moveFromRangeStart, w:moveFrom runs, moveFromRangeEnd; the same with moveTo."""
    name = f"move{next(_ids)}"
    source = find_paragraph(package, from_paragraph)
    start, end = _locate(source, words)
    runs = _runs_between(source, start, end)
    moved = _wrap(runs, "moveFrom", author, deleted_text=False)
    range_id = str(next(_ids))
    begin = _change("moveFromRangeStart", author, name=name)
    begin.set(w("id"), range_id)
    moved.addprevious(begin)
    finish = etree.Element(w("moveFromRangeEnd"))
    finish.set(w("id"), range_id)
    moved.addnext(finish)
    target = find_paragraph(package, to_paragraph)
    wrapper = _insert_after(target, after, words, author, tag="moveTo")
    range_id = str(next(_ids))
    begin = _change("moveToRangeStart", author, name=name)
    begin.set(w("id"), range_id)
    wrapper.addprevious(begin)
    finish = etree.Element(w("moveToRangeEnd"))
    finish.set(w("id"), range_id)
    wrapper.addnext(finish)


def _style_id(package: Package, style: str) -> str:
    styles = package.xml("word/styles.xml")
    for element in styles.iter(w("style")):
        name = element.find(w("name"))
        if name is not None and name.get(w("val")).lower() == style.lower():
            return element.get(w("styleId"))
    return style.replace(" ", "")


@_edit
def track_new_paragraph(
    package,
    *,
    after_paragraph_containing: str,
    text: str,
    style="Heading 2",
    author=AUTHOR,
    mark_on="previous",
):
    """A new paragraph after the one containing the text, its runs tracked as inserted.
    ``mark_on="previous"`` (the default): what Word and LibreOffice write when one types Enter
    at the end of that paragraph and then the new text: the mark that ends the PREVIOUS
    paragraph is the inserted one, the new paragraph carries the old mark. ``"own"``: the new
    paragraph's own mark is the inserted one (Enter typed at the end of the new text)."""
    p = find_paragraph(package, after_paragraph_containing)
    new = etree.Element(w("p"))
    ppr = etree.SubElement(new, w("pPr"))
    etree.SubElement(ppr, w("pStyle")).set(w("val"), _style_id(package, style))
    _mark(p if mark_on == "previous" else new, "ins", author)
    wrapper = etree.SubElement(new, w("ins"))
    for attribute, value in _change("ins", author).attrib.items():
        wrapper.set(attribute, value)
    wrapper.append(_new_run(text))
    p.addnext(new)


@_edit
def track_delete_paragraph(package, *, paragraph_containing: str, author=AUTHOR):
    """Delete the whole paragraph: its runs and its mark."""
    p = find_paragraph(package, paragraph_containing)
    for run in _visible_runs(p):
        _wrap([run], "del", author, deleted_text=True)
    _mark(p, "del", author)


@_edit
def track_insert_row(package, *, table_cell_containing: str, cells: list[str], author=AUTHOR):
    """A tracked new table row after the row holding the cell, with ``cells`` as its text."""
    p = find_paragraph(package, table_cell_containing)
    row = next(a for a in p.iterancestors() if a.tag == w("tr"))
    new = copy.deepcopy(row)
    trpr = new.find(w("trPr"))
    if trpr is None:
        trpr = etree.Element(w("trPr"))
        tcpr = new.find(w("tblPrEx"))
        new.insert(0 if tcpr is None else 1, trpr)
    for header in trpr.findall(w("tblHeader")):
        trpr.remove(header)
    trpr.append(_change("ins", author))
    for tc, text in zip(new.findall(w("tc")), cells, strict=False):
        paragraphs = tc.findall(w("p"))
        for extra in paragraphs[1:]:
            tc.remove(extra)
        cell_p = paragraphs[0]
        like = next(iter(cell_p.iter(w("r"))), None)
        for child in list(cell_p):
            if child.tag != w("pPr"):
                cell_p.remove(child)
        if like is not None:
            rpr = like.find(w("rPr"))
            if rpr is not None:
                for bold in rpr.findall(w("b")):
                    rpr.remove(bold)
        _mark(cell_p, "ins", author)
        wrapper = _change("ins", author)
        wrapper.append(_new_run(text, like))
        cell_p.append(wrapper)
    row.addnext(new)


@_edit
def untracked_replace(package, *, paragraph_containing: str, old: str, new: str):
    """Replace ``old`` by ``new`` with Track Changes off."""
    p = find_paragraph(package, paragraph_containing)
    start, end = _locate(p, old)
    runs = _runs_between(p, start, end)
    runs[0].find(w("t")).text = new
    for run in runs[1:]:
        run.getparent().remove(run)


@_edit
def remove_anchors(package) -> None:
    """Drop the hidden _iscm_ bookmarks (as if an office suite lost them)."""
    body = package.body
    ids = set()
    for start in list(body.iter(w("bookmarkStart"))):
        if start.get(w("name"), "").lower().startswith("_iscm_"):
            ids.add(start.get(w("id")))
            start.getparent().remove(start)
    for end in list(body.iter(w("bookmarkEnd"))):
        if end.get(w("id")) in ids:
            end.getparent().remove(end)


@_edit
def set_property(package, name: str, value: str) -> None:
    """Set (or add) a custom document property as text."""
    root = package.xml("docProps/custom.xml")
    for prop in root.iter(f"{{{CUSTOM}}}property"):
        if prop.get("name") == name:
            for child in list(prop):
                prop.remove(child)
            etree.SubElement(prop, f"{{{VT}}}lpwstr").text = value
            return
    pids = [int(p.get("pid")) for p in root.iter(f"{{{CUSTOM}}}property")]
    prop = etree.SubElement(root, f"{{{CUSTOM}}}property")
    prop.set("fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}")
    prop.set("pid", str(max(pids, default=1) + 1))
    prop.set("name", name)
    etree.SubElement(prop, f"{{{VT}}}lpwstr").text = value


from tests.imports.edit_comments import add_comment, review_file  # noqa: E402, F401
