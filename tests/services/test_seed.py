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


@pytest.mark.django_db
def test_synthetic_document_has_exactly_n_sections_once():
    seed_demo(password="pw")
    doc = synthetic_document_create(sections=57)
    assert Section.objects.filter(document=doc).count() == 57
    assert Section.history.filter(document_id=doc.id).count() == 57
    synthetic_document_create(sections=57)
    assert Section.objects.filter(document=doc).count() == 57
