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
