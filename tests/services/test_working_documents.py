import pytest

from guidelines.models import User, WorkingDocument
from guidelines.selectors.versions import working_document_version
from guidelines.services.versions import WorkingDocumentConflict
from guidelines.services.working_documents import working_document_save


@pytest.mark.django_db
def test_an_update_over_a_newer_save_is_refused_and_writes_nothing(seeded):
    secretariat = User.objects.get(username="secretariat")
    working = WorkingDocument.objects.get(reference="PC0999E1")
    opened = working_document_version(working)
    saved = working_document_save(user=secretariat, document=working.document, instance=working,
                                  values={"title": "First"}, expected_version=opened)  # fmt: skip
    rows = working.history.count()
    for stale in (opened, None, "garbage"):
        with pytest.raises(WorkingDocumentConflict):
            working_document_save(user=secretariat, document=working.document, instance=working,
                                  values={"title": "Second"}, expected_version=stale)  # fmt: skip
    assert working.history.count() == rows
    assert WorkingDocument.objects.get(pk=working.pk).title == "First"
    again = working_document_save(user=secretariat, document=working.document, instance=saved,
                                  values={"title": "Second"},
                                  expected_version=working_document_version(saved))  # fmt: skip
    assert again.title == "Second"


@pytest.mark.django_db
def test_the_french_edition_is_saved_with_its_reason_in_the_history(seeded):
    secretariat = User.objects.get(username="secretariat")
    working = WorkingDocument.objects.get(reference="PC0999E1")
    saved = working_document_save(
        user=secretariat, document=working.document, instance=working,
        values={"title_fr": "  Gestion intégrée  ",
                "cover_note_fr": "# Contexte\n\nTexte « œuvre ».",
                "agenda_item_fr": "Point XV de l'ordre du jour"},
        expected_version=working_document_version(working), reason="Édition française",
    )  # fmt: skip
    saved.refresh_from_db()
    assert saved.title_fr == "Gestion intégrée"  # cleaned like the English fields
    assert saved.cover_note_fr == "# Contexte\n\nTexte « œuvre »."
    row = saved.history.first()
    assert row.history_change_reason == "Édition française" and row.history_user == secretariat
    assert row.title_fr == "Gestion intégrée"
    assert saved.french_reference == "PC0999F1"
    assert "title in French" not in saved.french_missing
    assert "cover note in French" not in saved.french_missing


@pytest.mark.django_db
def test_a_stale_french_edit_is_a_conflict_and_writes_nothing(seeded):
    secretariat = User.objects.get(username="secretariat")
    working = WorkingDocument.objects.get(reference="PC0999E1")
    opened = working_document_version(working)
    working_document_save(user=secretariat, document=working.document, instance=working,
                          values={"title_fr": "Premier"}, expected_version=opened)  # fmt: skip
    with pytest.raises(WorkingDocumentConflict):
        working_document_save(user=secretariat, document=working.document, instance=working,
                              values={"title_fr": "Second"}, expected_version=opened)  # fmt: skip
    assert WorkingDocument.objects.get(pk=working.pk).title_fr == "Premier"
