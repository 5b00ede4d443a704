"""The phase-two integration report annexed to a working document: the option on the form,
the last annex of the PDF and of the .docx, and a cache key that follows the dispositions and
the overlaps."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document as WordDocument

from guidelines.exports.files import export_plan
from guidelines.models import (
    Disposition,
    DispositionChoice,
    Document,
    Overlap,
    OverlapSource,
    Section,
    User,
    WorkingDocument,
)
from guidelines.services.history import save_versioned

pytestmark = pytest.mark.django_db
TITLE = "Phase-two integration report"


@pytest.fixture
def annexed(seeded):
    document = Document.objects.get(slug="iscm-guidelines")
    section = Section.objects.get(key="risk-assessment")
    save_versioned(
        Disposition(
            section=section,
            disposition=DispositionChoice.KEEP,
            note="Stays as guidance.",
            decided_by=User.objects.get(username="facilitator"),
            decided_at=timezone.now(),
        ),
        user=None,
        reason="Test data",
    )
    Overlap.objects.create(
        document=document, section=section, language="en", source=OverlapSource.SECTION,
        other_section=Section.objects.get(key="seals"), score=0.62, section_version=1,
        passages=[{"mine": "risk is assessed before loading", "theirs": "seals are checked",
                   "score": 0.6}],
    )  # fmt: skip
    working = WorkingDocument.objects.get(reference="PC0999E1")
    working.include_integration = True
    working._change_reason = "annex the integration report"
    working.save()
    return working


def plan(working, fmt, language="en"):
    return export_plan(
        document=working.document,
        variant="working-document",
        fmt=fmt,
        language=language,
        working_document=working,
    )


def test_pdf_has_the_integration_report_as_last_annex(annexed, pdf_text):
    text = " ".join(pdf_text(plan(annexed, "pdf").render()).split())
    last = text.rindex(" to Doc. PC0999E1")  # the last annex's label
    assert text[last:].split()[3:6] == TITLE.split()
    assert "Keep as stand-alone guidance" in text and "Stays as guidance." in text
    assert "62 %" in text.replace("\u00a0", " ") and "risk is assessed before loading" in text


def test_docx_has_the_integration_report_table(annexed):
    word = WordDocument(io.BytesIO(plan(annexed, "docx").render()))
    assert TITLE in [p.text for p in word.paragraphs]
    rows = [[c.text for c in row.cells] for row in word.tables[-1].rows]
    assert rows[0] == ["Section", "Disposition", "Target standard", "Overlaps found"]
    assert any(r[1].startswith("Keep as stand-alone guidance") for r in rows)


def test_no_annex_unless_asked(annexed, pdf_text):
    WorkingDocument.objects.filter(pk=annexed.pk).update(include_integration=False)
    annexed.refresh_from_db()
    assert TITLE not in pdf_text(plan(annexed, "pdf").render())


def test_cache_key_follows_dispositions_and_overlaps(annexed):
    first = plan(annexed, "pdf").key
    assert plan(annexed, "pdf").key == first
    disposition = Disposition.objects.get(section__key="risk-assessment")
    disposition.note = "Changed."
    save_versioned(disposition, user=None, reason="Test data")
    second = plan(annexed, "pdf").key
    assert second != first
    Overlap.objects.all().delete()  # the finder recomputed and found nothing
    assert plan(annexed, "pdf").key != second


def test_form_offers_the_option(client_for, annexed):
    client = client_for("secretariat")
    url = reverse("guidelines:working_document_edit", kwargs={"slug": "iscm-guidelines",
                                                               "pk": annexed.pk})  # fmt: skip
    html = client.get(url).content.decode()
    assert 'name="include_integration"' in html and "integration report" in html
