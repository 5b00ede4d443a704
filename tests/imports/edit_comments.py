"""Word comments for tests/imports/edit.py (add_comment, replies as Word 2013+ writes them) and
``review_file``: the real "Word for review" export of a document."""

from lxml import etree

from tests.imports.edit import (
    AUTHOR,
    CT,
    DATE,
    REL,
    RT,
    W14,
    W15,
    W,
    _edit,
    _locate,
    _para_ids,
    _runs_between,
    find_paragraph,
    w,
)

COMMENTS = "word/comments.xml"
EXTENDED = "word/commentsExtended.xml"
_TYPES = {
    COMMENTS: (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
        RT + "comments",
    ),
    EXTENDED: (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
        "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
    ),
}


def _ensure_part(package, name: str, root_tag: str, nsmap: dict) -> etree._Element:
    if name not in package.parts:
        root = etree.Element(root_tag, nsmap=nsmap)
        package.trees[name] = root
        package.parts[name] = b""
        content_type, rel_type = _TYPES[name]
        types = package.xml("[Content_Types].xml")
        override = etree.SubElement(types, f"{{{CT}}}Override")
        override.set("PartName", "/" + name)
        override.set("ContentType", content_type)
        rels = package.xml("word/_rels/document.xml.rels")
        taken = {r.get("Id") for r in rels}
        number = len(taken) + 1
        while f"rId{number}" in taken:
            number += 1
        rel = etree.SubElement(rels, f"{{{REL}}}Relationship")
        rel.set("Id", f"rId{number}")
        rel.set("Type", rel_type)
        rel.set("Target", name.removeprefix("word/"))
    return package.xml(name)


def _reference_run(comment_id: str):
    run = etree.Element(w("r"))
    rpr = etree.SubElement(run, w("rPr"))
    etree.SubElement(rpr, w("rStyle")).set(w("val"), "CommentReference")
    etree.SubElement(run, w("commentReference")).set(w("id"), comment_id)
    return run


@_edit
def add_comment(
    package,
    *,
    paragraph_containing: str,
    quote: str,
    text: str,
    author=AUTHOR,
    reply_to: int | None = None,
) -> None:
    """A Word comment on ``quote`` (in the paragraph containing the text; "" for a comment at a
    point). ``reply_to``: the id of the comment it answers (Word gives a reply the same range
    and links it in commentsExtended.xml). Comment ids are 0, 1, 2… in the order added."""
    comments = _ensure_part(package, COMMENTS, w("comments"), {"w": W, "w14": W14})
    ids = [int(c.get(w("id"))) for c in comments.iter(w("comment"))]
    comment_id = str(max(ids, default=-1) + 1)
    comment = etree.SubElement(comments, w("comment"))
    comment.set(w("id"), comment_id)
    comment.set(w("author"), author)
    comment.set(w("date"), DATE)
    comment.set(w("initials"), "".join(part[0] for part in author.split()))
    para_id = f"{next(_para_ids):08X}"
    for number, line in enumerate(text.split("\n\n")):
        p = etree.SubElement(comment, w("p"))
        if number == len(text.split("\n\n")) - 1:
            p.set(f"{{{W14}}}paraId", para_id)
        if number == 0:
            ref = etree.SubElement(p, w("r"))
            etree.SubElement(ref, w("annotationRef"))
        run = etree.SubElement(p, w("r"))
        etree.SubElement(run, w("t")).text = line
    body = package.body
    if reply_to is not None:
        parent_id = str(reply_to)
        start = next(e for e in body.iter(w("commentRangeStart")) if e.get(w("id")) == parent_id)
        end = next(e for e in body.iter(w("commentRangeEnd")) if e.get(w("id")) == parent_id)
        new_start = etree.Element(w("commentRangeStart"))
        new_start.set(w("id"), comment_id)
        start.addnext(new_start)
        new_end = etree.Element(w("commentRangeEnd"))
        new_end.set(w("id"), comment_id)
        end.addnext(new_end)
        reference = next(
            e for e in body.iter(w("commentReference")) if e.get(w("id")) == parent_id
        ).getparent()
        reference.addnext(_reference_run(comment_id))
        extended = _ensure_part(package, EXTENDED, f"{{{W15}}}commentsEx", {"w15": W15})
        parent_para = None
        for c in comments.iter(w("comment")):
            if c.get(w("id")) == parent_id:
                parent_para = c.findall(w("p"))[-1].get(f"{{{W14}}}paraId")
        if parent_para and not any(e.get(f"{{{W15}}}paraId") == parent_para for e in extended):
            entry = etree.SubElement(extended, f"{{{W15}}}commentEx")
            entry.set(f"{{{W15}}}paraId", parent_para)
            entry.set(f"{{{W15}}}done", "0")
        entry = etree.SubElement(extended, f"{{{W15}}}commentEx")
        entry.set(f"{{{W15}}}paraId", para_id)
        entry.set(f"{{{W15}}}paraIdParent", parent_para or "")
        entry.set(f"{{{W15}}}done", "0")
        return
    p = find_paragraph(package, paragraph_containing)
    start_marker = etree.Element(w("commentRangeStart"))
    start_marker.set(w("id"), comment_id)
    end_marker = etree.Element(w("commentRangeEnd"))
    end_marker.set(w("id"), comment_id)
    if quote:
        start, end = _locate(p, quote)
        runs = _runs_between(p, start, end)
        runs[0].addprevious(start_marker)
        runs[-1].addnext(end_marker)
    else:
        p.append(start_marker)
        p.append(end_marker)
    end_marker.addnext(_reference_run(comment_id))


def review_file(document, milestone=None) -> bytes:
    """The "Word for review" export of ``document`` (the current text, or a milestone's)."""
    from guidelines.exports.files import export_plan

    return export_plan(
        document=document, variant="review", fmt="docx", milestone=milestone
    ).render()


__all__ = ["add_comment", "review_file", "DATE"]
