"""A generated document of N sections, for benchmarks and query-count tests."""

import random

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from ..models import Document, Mapping, MappingRelation, Section, SectionKind, Standard
from ..rendering.reasons import SYNTHETIC_REASON
from .documents import document_create

REASON = SYNTHETIC_REASON
WORDS = (
    "customs administration consignment export import transit declaration risk assessment "
    "advance electronic data seal container operator authorized supply chain security control "
    "release examination partner exchange information message reference standard procedure "
    "the of and to in a for with by on is are be should may each where before after"
).split()


def _body(rng: random.Random, words: int) -> str:
    sentences, current = [], []
    for _ in range(words):
        current.append(rng.choice(WORDS))
        if len(current) >= rng.randint(9, 18):
            sentences.append(" ".join(current).capitalize() + ".")
            current = []
    if current:
        sentences.append(" ".join(current).capitalize() + ".")
    half = len(sentences) // 2 or 1
    return " ".join(sentences[:half]) + "\n\n" + " ".join(sentences[half:])


def synthetic_document_create(*, sections: int, report=None, per_chapter: int = 9) -> Document:
    """Create (once) ``synthetic-N``: chapters of ``per_chapter`` sections, N sections in all."""
    slug = f"synthetic-{sections}"
    document = Document.objects.filter(slug=slug).first()
    if document is not None:
        return document
    rng = random.Random(sections)
    standards = list(Standard.objects.all())
    relations = list(MappingRelation.values)
    with transaction.atomic():
        document = document_create(
            slug=slug, title=f"Synthetic document ({sections} sections)", user=None, reason=REASON
        )
        chapters_needed = max(1, -(-sections // (per_chapter + 1)))
        chapters = bulk_create_with_history(
            [
                Section(document=document, position=i, kind=SectionKind.CHAPTER,
                        key=f"chapter-{i + 1}", heading=f"Chapter heading {i + 1}",
                        body=_body(rng, 60))
                for i in range(chapters_needed)
            ],
            Section,
            default_change_reason=REASON,
        )  # fmt: skip
        chapters = list(Section.objects.filter(document=document).order_by("position"))
        children, remaining = [], sections - len(chapters)
        for index in range(max(0, remaining)):
            parent = chapters[index % len(chapters)]
            children.append(
                Section(document=document, parent=parent, position=index // len(chapters),
                        kind=SectionKind.SECTION, key=f"section-{index + 1}",
                        heading=f"Section heading {index + 1}", body=_body(rng, 120))
            )  # fmt: skip
        bulk_create_with_history(children, Section, default_change_reason=REASON)
        all_sections = list(Section.objects.filter(document=document))
        mappings = []
        if standards:
            for section in all_sections:
                for standard in rng.sample(standards, k=min(2, len(standards))):
                    mappings.append(
                        Mapping(section=section, standard=standard, relation=rng.choice(relations))
                    )
        bulk_create_with_history(mappings, Mapping, default_change_reason=REASON)
    if report is not None:
        report.add("synthetic sections", len(all_sections))
    return document
