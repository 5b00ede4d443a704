"""Word import (issue 15) on the 300-section document: the "Word for review" file, then the
same file with 30 sections edited as a reviewer would (a tracked insertion and a Word comment in
each): reading it, building the preview (cold: the pristine text of every section written and
read back once; warm: from the process's cache), the preview page, and the submission of the
30 proposals and 30 comments in one transaction."""

import statistics
import time

RUNS = 5
EDITED = 30


def _median(run, n=RUNS) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def edited_file(document) -> tuple[bytes, bytes]:
    """The review file, and the same with EDITED sections edited (evenly spread)."""
    from guidelines.exports.files import export_plan
    from guidelines.imports.anchors import parse_bookmark
    from guidelines.imports.reader import read_docx
    from tests.imports import edit

    data = export_plan(document=document, variant="review", fmt="docx").render()
    paragraphs = read_docx(data, "review.docx").paragraphs
    heads = [i for i, p in enumerate(paragraphs) if any(map(parse_bookmark, p.bookmarks))]
    step = max(1, len(heads) // EDITED)
    edited = data
    for i in heads[::step][:EDITED]:
        text = paragraphs[i + 1].text
        words = text.split()
        edited = edit.add_comment(
            edited, paragraph_containing=text[:60], quote=" ".join(words[:3]), text="Why here?"
        )
        edited = edit.track_insert(
            edited, paragraph_containing=text[:60], after=words[2], text=" (amended in Word)"
        )
    return data, edited


def measure(client) -> dict:
    from django.urls import reverse

    from guidelines.imports import markdown
    from guidelines.imports.reader import read_docx
    from guidelines.models import Delegation, Document, User
    from guidelines.selectors.word_previews import build_preview
    from guidelines.services.word_imports import word_import_submit, word_import_upload

    document = Document.objects.get(slug="synthetic-300")
    from guidelines.exports.files import export_plan

    plan = export_plan(document=document, variant="review", fmt="docx")
    out = {"review file (export)": _median(plan.render, 3)}
    _data, edited = edited_file(document)
    out["read_docx (edited file)"] = _median(lambda: read_docx(edited, "edited.docx"))
    word_file = read_docx(edited, "edited.docx")
    markdown._CACHE.clear()  # the pristine texts of this process: cold
    start = time.perf_counter()
    preview = build_preview(document, word_file)
    out["preview, cold"] = time.perf_counter() - start
    out["preview, warm"] = _median(lambda: build_preview(document, word_file))
    member = User.objects.get(username="member-au")
    client.force_login(member)
    imported = word_import_upload(
        user=member, document=document, filename="edited.docx", data=edited,
        delegation=Delegation.objects.get(pk=member.delegation_id),
    )  # fmt: skip
    url = reverse("guidelines:word_import_detail", args=[document.slug, imported.pk])
    assert client.get(url).status_code == 200
    out["preview page (server)"] = _median(lambda: client.get(url))
    start = time.perf_counter()
    word_import_submit(
        user=member,
        word_import=imported,
        selected={i.ref for i in preview.proposals} | {i.ref for i in preview.comments},
        rationales={i.ref: "Bench." for i in preview.proposals},
        resolutions={},
        fingerprint=preview.fingerprint,
    )
    out[f"submit {len(preview.proposals)} proposals + {len(preview.comments)} comments"] = (
        time.perf_counter() - start
    )
    return out
