"""Test data for the phase-two integration report: a document with a decided disposition and
overlaps found, written with a reason as the services write them (the plan and finder helpers
write the services that fill these tables)."""

from django.utils import timezone

from guidelines.models import (
    Disposition,
    DispositionChoice,
    FrameworkText,
    IntegrateAs,
    Overlap,
    OverlapSource,
)
from guidelines.services.history import save_versioned
from tests.factories import DocumentFactory, SectionFactory, StandardFactory, UserFactory

MINE = "Customs should require advance electronic cargo information before loading " * 4
THEIRS = "The Customs administration requires advance electronic information on cargo."


def made(model, **values):
    """A row written with a reason, as the services write them."""
    return save_versioned(model(**values), user=None, reason="Test data")


MINE = "Customs should require advance electronic cargo information before loading " * 4
THEIRS = "The Customs administration requires advance electronic information on cargo."


def build(sections: int = 3):
    """A document: chapters 1..``sections``-1 and a chapter with 10 children (the last is
    "<n>.10"), a decision on the first chapter, overlaps on the second."""
    document = DocumentFactory(title="ISCM Guidelines")
    chapters = [
        SectionFactory(document=document, heading=f"Chapter {i}", position=i)
        for i in range(1, sections + 1)
    ]
    children = [
        SectionFactory(document=document, parent=chapters[-1], heading=f"Child {i}", position=i)
        for i in range(1, 11)
    ]
    standard = StandardFactory(title="Advance electronic information")
    user = UserFactory()
    made(
        Disposition,
        section=chapters[0],
        disposition=DispositionChoice.INTEGRATE,
        integrate_as=IntegrateAs.SPECIFICATION,
        standard=standard,
        note="Fold into the standard.",
        decided_by=user,
        decided_at=timezone.now(),
    )
    text = made(FrameworkText, standard=standard, spec="1.2", body=THEIRS)
    Overlap.objects.create(
        document=document, section=chapters[1], language="en", source=OverlapSource.FRAMEWORK,
        framework_text=text, score=0.834, section_version=1,
        passages=[{"mine": MINE, "theirs": THEIRS, "score": 0.9}],
    )  # fmt: skip
    Overlap.objects.create(
        document=document, section=chapters[1], language="en", source=OverlapSource.SECTION,
        other_section=children[9], score=0.41, section_version=1, passages=[],
    )  # fmt: skip
    return document, chapters, children, standard
