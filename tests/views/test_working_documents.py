import pytest
from django.urls import reverse

from guidelines.models import WorkingDocument
from tests.views.page_forms import form_data

SLUG = "iscm-guidelines"


def data(**overrides):
    values = {
        "reference": "PC0345E1a",
        "place_date": "Brussels, 1 December 2017.",
        "title": "ISCM",
        "agenda_item": "Item XV on the Agenda",
        "cover_note": "# Background\n\nText.\n\n# Action Requested\n\nNote it.",
        "include_disposition": "on",
        "include_mappings": "on",
    }
    values.update(overrides)
    return values


@pytest.mark.django_db
def test_secretariat_fills_a_working_document(client_for):
    client = client_for("secretariat")
    response = client.post(
        reverse("guidelines:working_document_new", kwargs={"slug": SLUG}), data()
    )
    assert response.status_code == 302
    assert WorkingDocument.objects.filter(reference="PC0345E1a").exists()


@pytest.mark.django_db
def test_reference_must_follow_the_wco_pattern(client_for):
    client = client_for("secretariat")
    response = client.post(
        reverse("guidelines:working_document_new", kwargs={"slug": SLUG}), data(reference="PTC-12")
    )
    html = response.content.decode()
    assert response.status_code == 400 and "e.g. PC0345E1 or PC0345E1a" in html
    assert 'value="PTC-12"' in html  # what was typed is kept


@pytest.mark.django_db
def test_members_cannot_edit_but_can_download(client_for):
    new = reverse("guidelines:working_document_new", kwargs={"slug": SLUG})
    assert client_for("member").post(new, data()).status_code == 403
    working = WorkingDocument.objects.get(reference="PC0999E1")
    pdf = client_for("member").get(
        reverse(
            "guidelines:working_document_export",
            kwargs={"slug": SLUG, "pk": working.pk, "fmt": "pdf"},
        )
    )
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert 'filename="PC0999E1.pdf"' in pdf["Content-Disposition"]


@pytest.mark.django_db
def test_saving_over_a_newer_version_is_a_conflict_with_the_typed_values_kept(client_for):
    working = WorkingDocument.objects.get(reference="PC0999E1")
    edit = reverse("guidelines:working_document_edit", kwargs={"slug": SLUG, "pk": working.pk})
    client = client_for("secretariat")
    stale = form_data(client.get(edit).content.decode(), edit, page_url=edit)
    assert stale["version"] == working.updated_at.isoformat()
    other = {**stale, "title": "Retitled by a colleague"}
    assert client_for("secretariat").post(edit, other).status_code == 302  # someone else saves
    mine = {**stale, "place_date": "Brussels, 2 October 2017.", "purpose": "My purpose, typed."}
    response = client.post(edit, mine)
    assert response.status_code == 409
    html = response.content.decode()
    assert "My purpose, typed." in html and "Brussels, 2 October 2017." in html
    assert "Changed since: title" in html and "Claire Dubois" in html
    working.refresh_from_db()
    assert (working.title, working.purpose) == ("Retitled by a colleague", "")
    again = form_data(html, edit)
    assert again["version"] == working.updated_at.isoformat()
    assert client.post(edit, again).status_code == 302  # saved on purpose, over the new version
    working.refresh_from_db()
    assert working.purpose == "My purpose, typed." and working.title == stale["title"]


@pytest.mark.django_db
def test_a_form_without_its_version_saves_nothing(client_for):
    working = WorkingDocument.objects.get(reference="PC0999E1")
    edit = reverse("guidelines:working_document_edit", kwargs={"slug": SLUG, "pk": working.pk})
    response = client_for("secretariat").post(edit, data(reference="PC0999E1"))
    assert response.status_code == 409
    assert WorkingDocument.objects.get(pk=working.pk).title == working.title


@pytest.mark.django_db
def test_the_form_has_a_french_edition_fieldset_and_saves_it_with_a_reason(client_for):
    working = WorkingDocument.objects.get(reference="PC0999E1")
    edit = reverse("guidelines:working_document_edit", kwargs={"slug": SLUG, "pk": working.pk})
    client = client_for("secretariat")
    html = client.get(edit).content.decode()
    fieldset = html[html.index('<fieldset class="french-edition">') : html.index("</fieldset>")]
    assert "PC0999F1" in fieldset
    for name in ("place_fr", "title_fr", "subtitle_fr", "agenda_item_fr", "purpose_fr"):
        assert f'name="{name}"' in fieldset and f'for="id_{name}"' in fieldset
    assert 'name="cover_note_fr"' in fieldset and "data-markdown-editor" in fieldset
    values = form_data(html, edit, page_url=edit)
    # A date the place and date does not give is kept as typed.
    values.update(title_fr="Gestion intégrée", place_date="Brussels", date="2017-12-01",
                  reason="Traduit")  # fmt: skip
    assert client.post(edit, values).status_code == 302
    working.refresh_from_db()
    assert working.title_fr == "Gestion intégrée" and str(working.date) == "2017-12-01"
    assert working.history.first().history_change_reason == "Traduit"


@pytest.mark.django_db
def test_the_list_warns_of_an_incomplete_french_edition_and_offers_french_exports(client_for):
    working = WorkingDocument.objects.get(reference="PC0999E1")
    WorkingDocument.objects.filter(pk=working.pk).update(title_fr="", cover_note_fr="")
    html = (
        client_for("member")
        .get(reverse("guidelines:working_documents", kwargs={"slug": SLUG}))
        .content.decode()
    )
    assert "PC0999F1" in html
    assert "French edition incomplete: title in French" in html and "cover note in French" in html
    export = reverse(
        "guidelines:working_document_export", kwargs={"slug": SLUG, "pk": working.pk, "fmt": "pdf"}
    )
    assert f'href="{export}?language=fr"' in html and "Export PDF (French)" in html
    assert "Export Word (French)" in html
    WorkingDocument.objects.filter(pk=working.pk).update(
        title_fr="T", subtitle_fr="S", agenda_item_fr="Point XV", cover_note_fr="# C\n\nT."
    )
    html = (
        client_for("member")
        .get(reverse("guidelines:working_documents", kwargs={"slug": SLUG}))
        .content.decode()
    )
    assert "French edition incomplete" not in html


@pytest.mark.django_db
def test_the_french_export_is_the_french_edition(client_for):
    from guidelines.models import ExportJob

    working = WorkingDocument.objects.get(reference="PC0999E1")
    url = reverse(
        "guidelines:working_document_export", kwargs={"slug": SLUG, "pk": working.pk, "fmt": "pdf"}
    )
    pdf = client_for("member").get(f"{url}?language=fr")
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="PC0999F1.pdf"' in pdf["Content-Disposition"]
    job = ExportJob.objects.filter(working_document=working).latest("pk")
    assert job.language == "fr"
    from guidelines.views.exports import job_source_url

    assert job_source_url(job) == f"{url}?language=fr"
    english = client_for("member").get(f"{url}?language=en")
    assert 'filename="PC0999E1.pdf"' in english["Content-Disposition"]
    assert ExportJob.objects.filter(working_document=working).latest("pk").language == "en"


@pytest.mark.django_db
def test_a_typed_date_that_disagrees_with_the_place_and_date_is_refused_with_the_form_kept(
    client_for,
):
    working = WorkingDocument.objects.get(reference="PC0999E1")
    edit = reverse("guidelines:working_document_edit", kwargs={"slug": SLUG, "pk": working.pk})
    client = client_for("secretariat")
    values = form_data(client.get(edit).content.decode(), edit, page_url=edit)
    values.update(date="2017-09-22", title_fr="Titre tapé")  # the line still says 21 September
    response = client.post(edit, values)
    assert response.status_code == 400
    html = response.content.decode()
    assert "The place and date says 21 September 2017" in html and "Titre tapé" in html
    working.refresh_from_db()
    assert str(working.date) == "2017-09-21" and working.title_fr != "Titre tapé"
    # Changing only the place and date moves the date with it.
    values.update(date="2017-09-21", place_date="Brussels, 2 October 2017.")
    assert client.post(edit, values).status_code == 302
    working.refresh_from_db()
    assert str(working.date) == "2017-10-02"
