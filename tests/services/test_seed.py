import re

import pytest

from guidelines.models import Delegation, Document, Mapping, Pillar, Section, Standard, User
from guidelines.permissions import user_role
from guidelines.services.seed import seed_demo
from guidelines.services.synthetic import synthetic_document_create


def counts():
    return {m.__name__: m.objects.count()
            for m in (Delegation, Document, Mapping, Pillar, Section, Standard, User)}  # fmt: skip


@pytest.mark.django_db
def test_seed_loads_reference_and_demo_data():
    seed_demo(password="pw")
    assert Pillar.objects.count() == 3
    assert Standard.objects.filter(pillar__number=1).count() == 11
    assert Delegation.objects.count() == 9
    doc = Document.objects.get(slug="iscm-guidelines")
    headings = set(Section.objects.filter(document=doc).values_list("heading", flat=True))
    assert {"Management Summary", "Integrated Customs control procedures", "Data pipeline",
            "Mutual Recognition of AEO programmes"} <= headings  # fmt: skip
    chapter3 = {
        m.standard.number
        for m in Mapping.objects.filter(
            section__parent__key="integrated-customs-control-procedures", standard__pillar__number=1
        )
    }
    assert {1, 4, 6} <= chapter3 | {1}  # chapter 3 sections map to P1 standards 4 and 6
    assert {4, 6} <= chapter3
    roles = {u.username: (user_role(u), u.delegation.name) for u in User.objects.all()}
    assert roles["facilitator"] == ("facilitator", "Netherlands")
    assert roles["member-au"] == ("member", "Australia")
    assert roles["member-cn"] == ("member", "China")
    assert roles["secretariat"] == ("secretariat", "WCO Secretariat")
    assert roles["observer"][0] == "observer"
    assert User.objects.get(username="member-au").check_password("pw")
    from guidelines.models import Comment

    threads = Comment.objects.filter(document=doc, parent=None)
    assert threads.filter(proposal=None).count() == 2  # the demo threads on sections
    assert threads.filter(proposal__isnull=False).count() == 1  # and a proposal's discussion


@pytest.mark.django_db
def test_seed_twice_adds_nothing_and_writes_no_history():
    seed_demo(password="pw")
    before = counts()
    history_rows = Section.history.count() + Mapping.history.count() + Pillar.history.count()
    report = seed_demo(password="other")
    assert counts() == before
    assert (
        Section.history.count() + Mapping.history.count() + Pillar.history.count() == history_rows
    )
    assert not any(report.created.values())
    assert User.objects.get(username="observer").check_password("other")


def text_versions() -> tuple[int, int, int]:
    """History rows of the English, of the translations, and the translations themselves."""
    from guidelines.models import SectionTranslation

    return (
        Section.history.count(),
        SectionTranslation.history.count(),
        SectionTranslation.objects.count(),
    )


@pytest.mark.django_db
def test_seed_twice_writes_no_english_version_and_no_second_translation():
    from guidelines.models import SectionTranslation

    seed_demo(password="pw")
    before = text_versions()
    assert before[2] > 0  # the demo has translations
    seed_demo(password="pw")
    assert text_versions() == before
    keys = list(SectionTranslation.objects.values_list("section_id", "language"))
    assert len(keys) == len(set(keys))


@pytest.mark.django_db
def test_seed_on_a_database_seeded_before_translations_adds_them_but_no_english_version(
    monkeypatch,
):
    """A database seeded before issue 14 (no translations yet, the demo proposals there): the
    translations are added, each once; the English is not edited."""
    from guidelines.models import SectionTranslation
    from guidelines.services import demo_translations

    with monkeypatch.context() as patch:
        patch.setattr(demo_translations, "seed_demo_translations", lambda document, report: None)
        seed_demo(password="pw")
    assert not SectionTranslation.objects.exists()
    english = Section.history.count()
    bodies = dict(Section.objects.values_list("pk", "body"))
    report = seed_demo(password="pw")
    assert Section.history.count() == english
    assert dict(Section.objects.values_list("pk", "body")) == bodies
    assert report.created.get("translations") == SectionTranslation.objects.count() > 0
    seed_demo(password="pw")  # and a third run adds nothing
    assert SectionTranslation.history.count() == SectionTranslation.objects.count()
    assert Section.history.count() == english


@pytest.mark.django_db
def test_seed_translates_only_the_sections_not_translated_yet(monkeypatch):
    from guidelines.models import SectionTranslation
    from guidelines.services import demo_translations

    first = dict(list(demo_translations.FRENCH.items())[:2])
    with monkeypatch.context() as patch:
        patch.setattr(demo_translations, "FRENCH", first)
        seed_demo(password="pw")
    kept = {t.pk: t.version for t in SectionTranslation.objects.all()}
    assert len(kept) == 2
    seed_demo(password="pw")
    assert SectionTranslation.objects.count() == len(demo_translations.FRENCH)
    assert {t.pk: t.version for t in SectionTranslation.objects.filter(pk__in=kept)} == kept
    assert SectionTranslation.history.count() == SectionTranslation.objects.count()


@pytest.mark.django_db
def test_synthetic_document_has_exactly_n_sections_once():
    seed_demo(password="pw")
    doc = synthetic_document_create(sections=57)
    assert Section.objects.filter(document=doc).count() == 57
    assert Section.history.filter(document_id=doc.id).count() == 57
    synthetic_document_create(sections=57)
    assert Section.objects.filter(document=doc).count() == 57


# --- issue 13 editor: the demo bodies are stored with one line per paragraph
def _fixture_bodies():
    from guidelines.services.seed import load_fixture

    def walk(items):
        for item in items:
            if item.get("body"):
                yield item["key"], item["body"].strip()
            yield from walk(item.get("children", []))

    return list(walk(load_fixture("iscm_guidelines.yaml")["sections"]))


def _same_spacing(html: str) -> str:
    return re.sub(r"\s+", " ", str(html)).strip()


@pytest.mark.parametrize("key,body", _fixture_bodies(), ids=[k for k, _ in _fixture_bodies()])
def test_unwrapped_bodies_render_as_before(key, body):
    from guidelines.rendering.markdown import render_markdown
    from guidelines.services.seed import unwrap_paragraphs

    unwrapped = unwrap_paragraphs(body)
    assert _same_spacing(render_markdown(unwrapped)) == _same_spacing(render_markdown(body))


def test_unwrap_joins_paragraph_lines_only():
    from guidelines.services.seed import unwrap_paragraphs

    text = (
        "First line of a\nparagraph that goes on.\n\nIntro:\n\n- item one\n- item\n  two\n"
        "1. first\n\n| a | b |\n|---|---|\n| c | d |\n\n"
        "# Head\nText  \nbroken\n\n```\ncode\nline\n```"
    )
    assert unwrap_paragraphs(text) == (
        "First line of a paragraph that goes on.\n\nIntro:\n\n- item one\n- item two\n"
        "1. first\n\n| a | b |\n|---|---|\n| c | d |\n\n"
        "# Head\nText  \nbroken\n\n```\ncode\nline\n```"
    )


@pytest.mark.django_db
def test_seeded_paragraphs_are_single_lines():
    seed_demo(password="pw")
    foreword = Section.objects.get(key="foreword").body
    assert foreword.count("\n") == 2  # two paragraphs, a blank line between them
    assert "Controls must protect society" in foreword.split("\n")[0]


@pytest.mark.django_db
def test_seed_has_phase_two_dispositions_decided_and_proposed():
    from guidelines.models import Disposition, Proposal

    report = seed_demo(password="pw")
    decided = {d.section.key: d for d in Disposition.objects.select_related("section", "standard")}
    assert decided["seals"].disposition == "integrate" and decided["seals"].integrate_as == "spec"
    assert decided["seals"].standard.code == "P1.S5" and decided["seals"].proposal is not None
    assert decided["mutual-recognition-of-aeo-programmes"].disposition == "delete"
    assert decided["authorized-supply-chain"].standard.code == "P2.S3"
    assert decided["data-privacy-and-data-protection"].disposition == "keep"
    assert decided["data-pipeline"].disposition == "discuss"
    proposals = Proposal.objects.filter(kind="dispose")
    waiting = proposals.filter(status="open")
    assert {p.delegation.name for p in waiting} == {"Australia", "China"}
    assert proposals.filter(status="accepted").count() == 2
    assert report.created["dispositions"] == 5 and report.created["disposition proposals"] == 4
    assert Disposition.history.count() == 5  # one decision each, through the services
