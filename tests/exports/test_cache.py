import pytest

from guidelines.exports import files
from guidelines.models import Document, Section, WorkingDocument
from guidelines.services import exports as export_service
from guidelines.services.sections import section_update


def export(**kwargs):
    document = Document.objects.get(slug="iscm-guidelines")
    working = WorkingDocument.objects.get(reference="PC0999E1")
    return export_service.export_file(
        document=document, variant="working-document", working_document=working, **kwargs
    )


@pytest.mark.django_db
def test_unchanged_inputs_are_served_from_the_cache(seeded, monkeypatch):
    first, hit = export()
    assert not hit and first.startswith(b"%PDF")
    monkeypatch.setattr(files.PdfExporter, "render", lambda self: pytest.fail("re-rendered"))
    again, hit = export()
    assert hit and again == first


@pytest.mark.django_db
def test_any_changed_input_renders_again(seeded):
    export()
    seals = Section.objects.get(key="seals")
    section_update(
        section=seals,
        heading="Seals",
        body="New text.",
        base_version=seals.version,
        user=None,
        reason="edit",
    )
    assert export()[1] is False  # content changed
    assert export()[1] is True
    assert export(language="fr")[1] is False  # an option changed
    assert export(fmt="docx")[1] is False  # another format
    assert export(use_cache=False)[1] is False  # forced


@pytest.mark.django_db
def test_another_site_address_renders_again(seeded, settings):
    """Links typed as site paths carry SITE_URL into the PDF: a PDF made for another address is
    not served from the cache."""
    settings.SITE_URL = "http://127.0.0.1:8000"
    export()
    assert export()[1] is True
    settings.SITE_URL = "https://iscm.example.org"
    assert export()[1] is False
