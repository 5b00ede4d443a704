"""The summary of a consultation round annexed to a working document: PDF text, Word table,
and the cache key that follows the round's responses."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document as WordDocument

from guidelines.exports.files import export_plan
from guidelines.models import (
    ConsultationRound,
    Delegation,
    Document,
    Milestone,
    ProposalKind,
    Section,
    User,
    WorkingDocument,
)
from guidelines.services.comments import comment_create
from guidelines.services.proposals import proposal_create
from guidelines.services.rounds import round_declare_no_comments, round_open

pytestmark = pytest.mark.django_db
TITLE = "Comments on Draft 1 by 1 March 2018"


def u(name):
    return User.objects.get(username=name)


@pytest.fixture
def annexed(seeded):
    document = Document.objects.get(slug="iscm-guidelines")
    consultation = round_open(
        user=u("facilitator"),
        document=document,
        milestone=Milestone.objects.filter(document=document).first(),
        title=TITLE,
        deadline=timezone.now() + timedelta(days=5),
        delegations=Delegation.objects.filter(code__in=["au", "cn", "nz"]),
    )
    section = Section.objects.get(key="risk-assessment")
    proposal_create(
        user=u("member-cn"),
        section=section,
        kind=ProposalKind.DELETE,
        rationale="covered elsewhere",
        round=consultation,
    )
    round_declare_no_comments(user=u("member-au"), consultation=consultation)
    working = WorkingDocument.objects.get(reference="PC0999E1")
    working.round = consultation
    working._change_reason = "annex the round"
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


def test_pdf_has_the_round_summary_annex(annexed, pdf_text):
    text = " ".join(pdf_text(plan(annexed, "pdf").render()).split())
    assert f"Summary of the consultation round “{TITLE}”" in text
    assert "2 of 3 delegations responded: 1 proposals, 0 comments, 1 “no comments”" in text
    assert "Delete the section (open)" in text
    assert "declared by Liam Walker" in text and "New Zealand no" in text


def test_pdf_in_french_translates_the_annex_title(annexed, pdf_text):
    text = " ".join(pdf_text(plan(annexed, "pdf", "fr").render()).split())
    assert TITLE in text  # the round's own title, whatever the language
    assert "Annexe IV" in text  # the annex is numbered in the export's language


def test_docx_has_the_round_summary_table(annexed):
    word = WordDocument(io.BytesIO(plan(annexed, "docx").render()))
    paragraphs = [p.text for p in word.paragraphs]
    assert f"Summary of the consultation round “{TITLE}”" in paragraphs
    table = word.tables[-1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Delegation", "Responded", "Proposals", "Comments", "No comments"]
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["China"][1] == "yes" and "Delete the section (open)" in by_name["China"][2]
    assert by_name["Australia"][4].startswith("declared by Liam Walker")
    assert by_name["New Zealand"][1] == "no"


def test_cache_key_follows_the_round_responses(annexed):
    first = plan(annexed, "pdf").key
    assert plan(annexed, "pdf").key == first
    consultation = ConsultationRound.objects.get(title=TITLE)
    comment_create(
        user=u("member-cn"),
        section=Section.objects.get(key="seals"),
        body="And seals?",
        round=consultation,
    )
    second = plan(annexed, "pdf").key
    assert second != first
    WorkingDocument.objects.filter(pk=annexed.pk).update(round=None)  # same updated_at
    annexed.refresh_from_db()
    assert plan(annexed, "pdf").key != second
