import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e
DOC = "/documents/iscm-guidelines/"


def test_secretariat_brings_an_out_of_date_translation_up_to_date(page):
    sign_in(page, "secretariat")
    page.goto(DOC)
    page.get_by_role("link", name="Translations", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Translations: French")

    page.get_by_label("State").select_option("out_of_date")
    page.get_by_role("button", name="Filter").click()
    row = page.locator("tr", has_text="Import procedures")
    expect(row).to_contain_text("out of date since version 2")
    row.get_by_role("link", name="Update the translation").click()

    # The English on the left, with what changed since the translated version highlighted.
    source = page.locator(".translate-source")
    expect(source.locator("ins").first).to_contain_text("Unique Consignment Reference")
    text = page.get_by_label("Text (translation)")
    assert "mainlevée" in text.input_value()
    # The same editor as the English: its toolbar, and the live preview.
    expect(page.get_by_role("toolbar", name="Formatting")).to_be_visible()
    text.fill(
        text.input_value()
        + " La décision est enregistrée avec la **référence unique de l’envoi**, afin que "
        "l’administration d’exportation puisse la consulter."
    )
    expect(page.locator("#preview strong")).to_have_text("référence unique de l’envoi")
    page.get_by_label("Reason for change").fill("Suivi de la version anglaise 2")
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".message")).to_contain_text("up to date with English version 2")
    expect(page.get_by_role("heading", level=1)).to_have_text("Translations: French")
    row = page.locator("tr", has_text="Import procedures")
    expect(row.locator(".parity")).to_have_text("up to date")
    page.goto(DOC + "sections/import-procedures/")
    expect(page.locator(".translation-line")).to_contain_text("French: up to date")
