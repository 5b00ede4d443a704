"""A delegate's round trip through Word: download the "Word for review" file from the document
page, edit it (programmatically, as Word would: a tracked insertion, a tracked deletion, a
comment), upload it, check the preview, submit with a rationale, then find the proposal and the
comment on the section pages."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e
DOC = "/documents/iscm-guidelines/"


def edited(data: bytes) -> bytes:
    from tests.imports import edit
    from tests.imports.edit_comments import add_comment

    data = edit.track_insert(
        data, paragraph_containing="The seal number is part of the advance data",
        after="advance data", text=" and of the manifest",
    )  # fmt: skip
    data = edit.track_delete(
        data, paragraph_containing="When the export office identifies", words="any "
    )
    return add_comment(
        data, paragraph_containing="Containers of high-risk consignments",
        quote="high-security mechanical seals", text="Which ISO standard exactly?",
    )  # fmt: skip


def test_download_edit_upload_preview_submit(page, tmp_path):
    sign_in(page, "member-au")
    page.goto(DOC)
    with page.expect_download() as download:
        page.get_by_role("link", name="Word for review").click()
    assert download.value.suggested_filename.endswith(".docx")
    original = tmp_path / "original.docx"
    download.value.save_as(original)
    marked = tmp_path / "iscm-au-comments.docx"
    marked.write_bytes(edited(original.read_bytes()))

    page.goto(DOC)
    page.get_by_role("link", name="Import from Word").click()
    page.get_by_label("Word file (.docx)").set_input_files(str(marked))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("iscm-au-comments.docx")
    seals = page.locator("article.word-item", has_text="Seals").filter(has_text="Amend the text")
    expect(seals.locator("ins")).to_contain_text("manifest")
    expect(seals).to_contain_text("tracked changes")
    exchange = page.locator("article.word-item", has_text="Exchange of information")
    expect(exchange.locator("del")).to_contain_text("any")
    comment = page.locator("article.word-item--comment")
    expect(comment).to_contain_text("Which ISO standard exactly?")
    expect(comment).to_contain_text("high-security mechanical seals")
    for textarea in page.locator("textarea").all():
        textarea.fill("The Australian delegation's review.")
    page.get_by_role("button", name="Submit the selected items").click()

    expect(page.locator(".word-import-status")).to_contain_text("submitted")
    expect(page.locator(".word-import-results a", has_text="Proposal #")).to_have_count(2)
    page.goto(DOC + "sections/seals/")
    expect(page.locator(".proposal-card", has_text="manifest")).to_contain_text(
        "Imported from Word (iscm-au-comments.docx"
    )
    expect(page.locator(".proposal-card", has_text="manifest")).to_contain_text("Australia")
    expect(page.locator(".comment", has_text="Which ISO standard exactly?")).to_be_visible()
    page.goto(DOC + "sections/high-risk-consignments/")
    expect(page.locator(".proposal-card").first.locator("del")).to_contain_text("any")
