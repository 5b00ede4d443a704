import pytest
from django.core.exceptions import ValidationError

from guidelines.models import Section
from guidelines.selectors.documents import document_tree
from guidelines.selectors.versions import split_token, structure_version
from guidelines.services.sections import section_update
from guidelines.services.structure import (
    section_delete,
    section_indent,
    section_insert,
    section_move,
    section_outdent,
    section_place,
    section_restore,
)
from guidelines.services.versions import StructureConflict
from tests.factories import DocumentFactory, SectionFactory


@pytest.fixture
def doc(db):
    document = DocumentFactory()
    a = SectionFactory(document=document, key="a", heading="A", kind="chapter", position=0)
    SectionFactory(document=document, key="a1", heading="A1", parent=a, position=0)
    SectionFactory(document=document, key="a2", heading="A2", parent=a, position=1)
    SectionFactory(document=document, key="b", heading="B", kind="chapter", position=1)
    return document


def outline(document):
    return [(n.label, n.key) for n in document_tree(document).nodes]


def get(key):
    return Section.objects.get(key=key)


def now(key):
    """The structure token as it is now (these tests write without a page)."""
    return structure_version(get(key))


def test_move_up_and_down_renumbers(doc):
    section_move(section=get("a2"), direction="up", user=None, expected_version=now("a2"))
    assert outline(doc) == [("1", "a"), ("1.1", "a2"), ("1.2", "a1"), ("2", "b")]
    section_move(section=get("a"), direction="down", user=None, expected_version=now("a"))
    assert outline(doc)[0] == ("1", "b")
    with pytest.raises(ValidationError):
        section_move(section=get("b"), direction="up", user=None, expected_version=now("b"))


def test_indent_and_outdent(doc):
    section_indent(section=get("a2"), user=None, expected_version=now("a2"))
    assert outline(doc) == [("1", "a"), ("1.1", "a1"), ("1.1.1", "a2"), ("2", "b")]
    section_outdent(section=get("a2"), user=None, expected_version=now("a2"))
    section_outdent(section=get("a2"), user=None, expected_version=now("a2"))
    assert outline(doc) == [("1", "a"), ("1.1", "a1"), ("2", "a2"), ("3", "b")]
    with pytest.raises(ValidationError):
        section_indent(section=get("a"), user=None, expected_version=now("a"))
    with pytest.raises(ValidationError):
        section_outdent(section=get("b"), user=None, expected_version=now("b"))


def test_insert_before_after_and_as_child(doc):
    section_insert(anchor=get("a1"), document=doc, where="before", heading="New first", body="",
                   user=None, reason="Add", expected_version=now("a1"))  # fmt: skip
    section_insert(anchor=get("b"), document=doc, where="after", heading="C", body="", user=None,
                   reason="Add", expected_version=now("b"))  # fmt: skip
    section_insert(anchor=get("b"), document=doc, where="child", heading="B1", body="", user=None,
                   reason="Add", expected_version=now("b"))  # fmt: skip
    assert outline(doc) == [
        ("1", "a"), ("1.1", "new-first"), ("1.2", "a1"), ("1.3", "a2"),
        ("2", "b"), ("2.1", "b1"), ("3", "c"),
    ]  # fmt: skip


def test_keys_and_history_survive_moves(doc):
    before = get("a1").history.count()
    section_indent(section=get("a2"), user=None, expected_version=now("a2"))
    section_move(section=get("b"), direction="up", user=None, expected_version=now("b"))
    assert get("a2").key == "a2" and get("a2").history.count() == 2
    assert get("a1").history.count() == before
    assert (
        get("a2")
        .history.order_by("-history_id")
        .first()
        .history_change_reason.startswith("Indented under A1")
    )


def test_delete_is_soft_hides_children_and_restore_brings_them_back(doc):
    section_delete(section=get("a"), user=None, reason="Not needed", expected_version=now("a"))
    assert outline(doc) == [("1", "b")]
    assert Section.objects.filter(key="a", is_deleted=True).exists()
    with pytest.raises(ValidationError):
        section_move(section=get("a"), direction="down", user=None, expected_version=now("a"))
    section_restore(section=get("a"), user=None, expected_version=now("a"))
    assert outline(doc) == [("1", "a"), ("1.1", "a1"), ("1.2", "a2"), ("2", "b")]
    reasons = [h.history_change_reason for h in get("a").history.order_by("history_id")]
    assert reasons[-2:] == ["Not needed", "Restored the section"]


def test_restore_under_a_deleted_parent_is_refused(doc):
    section_delete(section=get("a1"), user=None, reason="x", expected_version=now("a1"))
    section_delete(section=get("a"), user=None, reason="x", expected_version=now("a"))
    with pytest.raises(ValidationError):
        section_restore(section=get("a1"), user=None, expected_version=now("a1"))


def test_moving_past_a_deleted_sibling_skips_it(doc):
    section_delete(section=get("a1"), user=None, reason="x", expected_version=now("a1"))
    section_insert(anchor=get("a2"), document=doc, where="after", heading="A3", body="",
                   user=None, reason="Add", expected_version=now("a2"))  # fmt: skip
    section_move(section=get("a3"), direction="up", user=None, expected_version=now("a3"))
    assert outline(doc)[1:3] == [("1.1", "a3"), ("1.2", "a2")]


def test_a_structure_write_on_an_old_token_is_refused_and_writes_nothing(doc):
    stale = now("a2")
    section_move(section=get("a1"), direction="down", user=None, expected_version=now("a1"))
    rows = Section.history.count()
    for write in (
        lambda: section_move(section=get("a2"), direction="down", user=None,
                             expected_version=stale),
        lambda: section_indent(section=get("a2"), user=None, expected_version=stale),
        lambda: section_outdent(section=get("a2"), user=None, expected_version=stale),
        lambda: section_delete(section=get("a2"), user=None, reason="x", expected_version=stale),
        lambda: section_insert(anchor=get("a2"), document=doc, where="after", heading="N",
                               body="", user=None, reason="Add", expected_version=stale),
        lambda: section_place(section=get("a2"), target=get("b"), where="after", user=None,
                              reason="Move", expected_version=stale),
        lambda: section_move(section=get("a2"), direction="up", user=None, expected_version=None),
    ):  # fmt: skip
        with pytest.raises(StructureConflict):
            write()
    assert Section.history.count() == rows
    assert outline(doc) == [("1", "a"), ("1.1", "a2"), ("1.2", "a1"), ("2", "b")]


def test_what_a_structure_token_depends_on(doc):
    token = now("a1")
    section_update(section=get("a2"), heading="A2 renamed", body="New.", base_version=1,
                   user=None, reason="Text")  # fmt: skip
    assert split_token(now("a1"))[1] == split_token(token)[1]  # a text change is no conflict
    section_insert(anchor=get("a1"), document=doc, where="child", heading="A1.1", body="",
                   user=None, reason="Add", expected_version=token)  # fmt: skip
    with pytest.raises(StructureConflict):  # a1 has a child now
        section_delete(section=get("a1"), user=None, reason="x", expected_version=token)
    token_b = now("b")
    section_delete(section=get("b"), user=None, reason="x", expected_version=token_b)
    with pytest.raises(StructureConflict):  # deleted since
        section_restore(section=get("b"), user=None, expected_version=token_b)
    section_restore(section=get("b"), user=None, expected_version=now("b"))
    assert not get("b").is_deleted
