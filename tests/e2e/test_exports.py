import subprocess

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e


def test_secretariat_makes_a_milestone_fills_a_working_document_and_downloads_the_pdf(
    page, tmp_path
):
    sign_in(page, "secretariat")
    page.goto("/documents/iscm-guidelines/milestones/")
    page.get_by_label("Name").fill("Draft 2 for the SAFE Working Group, February 2018")
    page.get_by_label("Description").fill("After the December meeting")
    page.get_by_role("button", name="Create milestone").click()
    expect(page.locator("table")).to_contain_text("Draft 2 for the SAFE Working Group")

    page.goto("/documents/iscm-guidelines/ptc/new/")
    page.get_by_label("Reference").fill("PC0401E1")
    page.get_by_label("Place and date").fill("Brussels, 2 February 2018.")
    page.get_by_label("Title", exact=True).fill("Integrated Supply Chain Management")
    page.get_by_label("Agenda item", exact=True).fill("Item IV on the Agenda")
    page.get_by_label("Cover note", exact=True).fill(
        "# Background\n\nFirst paragraph.\n\n# Action Requested\n\nSecond."
    )
    page.get_by_label("Annexed draft").select_option(
        label="Draft 2 for the SAFE Working Group, February 2018"
    )
    page.get_by_role("button", name="Save").click()
    row = page.locator("tr", has_text="PC0401E1")
    with page.expect_download() as download:
        row.get_by_role("link", name="Export PDF", exact=True).click()
    path = tmp_path / "PC0401E1.pdf"
    download.value.save_as(path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "I. Background" in text and "Annex I to Doc. PC0401E1" in text
