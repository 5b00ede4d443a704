"""The search index follows every write: edits, translations, proposals, comments (hidden,
deleted, resolved), working documents, deletions and restores; a rebuild gives the same index."""

import pytest
from django.core.management import call_command
from django.db import connection

from guidelines.models import (
    Comment,
    SearchEntry,
    SearchKind,
    Section,
    User,
    WorkingDocument,
)
from guidelines.models.search import FTS_TABLE
from guidelines.selectors.search import search
from guidelines.selectors.versions import structure_version
from guidelines.services.comments import (
    comment_create,
    comment_edit,
    comment_hide,
    comment_reply,
    comment_resolve,
)
from guidelines.services.history import save_versioned
from guidelines.services.search_index import markdown_text, rebuild_all
from guidelines.services.sections import section_update
from guidelines.services.structure import section_delete

pytestmark = pytest.mark.django_db


def u(name):
    return User.objects.get(username=name)


def seals():
    return Section.objects.get(key="seals")


def edit(body, heading=None):
    s = seals()
    section_update(
        section=s, heading=heading or s.heading, body=body, base_version=s.version,
        user=u("facilitator"), reason="Edit",
    )  # fmt: skip


def entry(kind, object_id, language="en"):
    return SearchEntry.objects.get(kind=kind, object_id=object_id, language=language)


def fts_rows() -> set[int]:
    if connection.vendor != "sqlite":
        return set()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {FTS_TABLE}")
        return {row[0] for row in cursor.fetchall()}


def test_the_demo_seed_leaves_a_full_index(seeded):
    counts = {k: SearchEntry.objects.filter(kind=k).count() for k in SearchKind.values}
    assert counts[SearchKind.SECTION] == Section.objects.live().count() + 7  # + French
    assert counts[SearchKind.PROPOSAL] >= 1
    assert counts[SearchKind.COMMENT] == Comment.objects.visible().count()
    assert counts[SearchKind.WORKING_DOCUMENT] >= 1
    if connection.vendor == "sqlite":
        assert fts_rows() == set(SearchEntry.objects.values_list("pk", flat=True))


def test_markdown_is_indexed_as_plain_text(seeded):
    edit("Some **bold** text with [a link](https://example.org) and `code`.\n\n- a list item")
    text = entry(SearchKind.SECTION, seals().pk).text
    assert text == "Some bold text with a link and code. a list item"
    assert markdown_text("<script>x</script>\x00\ue000") == ""


def test_an_edit_replaces_the_text_and_keeps_the_old_one_as_a_past_version(seeded):
    edit("The echidna wording.")
    assert search(u("observer"), "echidna").total == 1
    edit("The platypus wording.")
    assert search(u("observer"), "echidna").total == 0
    assert search(u("observer"), "platypus").total == 1
    past = SearchEntry.objects.filter(kind=SearchKind.PAST_VERSION, section=seals())
    assert "The echidna wording." in set(past.values_list("text", flat=True))
    assert seals().version - 1 in set(past.values_list("version", flat=True))


def test_comments_follow_edits_hiding_deleting_and_resolution(seeded):
    thread = comment_create(user=u("member-cn"), section=seals(), body="About the gecko.")
    reply = comment_reply(user=u("member-au"), parent=thread, body="Gecko indeed.")
    assert entry(SearchKind.COMMENT, reply.pk).status == "open"
    comment_edit(user=u("member-cn"), comment=thread, body="About the iguana.")
    assert entry(SearchKind.COMMENT, thread.pk).text == "About the iguana."
    comment_resolve(user=u("facilitator"), thread=Comment.objects.get(pk=thread.pk))
    assert entry(SearchKind.COMMENT, thread.pk).status == "resolved"
    assert entry(SearchKind.COMMENT, reply.pk).status == "resolved"
    comment_hide(user=u("secretariat"), comment=Comment.objects.get(pk=reply.pk), reason="No")
    assert not SearchEntry.objects.filter(kind=SearchKind.COMMENT, object_id=reply.pk).exists()
    reply = Comment.objects.get(pk=reply.pk)
    reply.is_hidden = False
    save_versioned(reply, user=u("secretariat"), reason="Shown again")
    assert entry(SearchKind.COMMENT, reply.pk).status == "resolved"


def test_a_deleted_section_leaves_the_index(seeded):
    edit("The tuatara clause.")
    s = seals()
    section_delete(section=s, user=u("facilitator"), reason="Gone",
                   expected_version=structure_version(s))  # fmt: skip
    assert not SearchEntry.objects.filter(section=s, kind=SearchKind.SECTION).exists()
    assert not SearchEntry.objects.filter(section=s, kind=SearchKind.PAST_VERSION).exists()
    assert search(u("observer"), "tuatara").total == 0


def test_deleting_rows_deletes_their_fts_rows(seeded):
    thread = comment_create(user=u("member-cn"), section=seals(), body="The kiwi comment.")
    pk = entry(SearchKind.COMMENT, thread.pk).pk
    if connection.vendor == "sqlite":
        assert pk in fts_rows()
    comment_hide(user=u("secretariat"), comment=thread, reason="No")
    assert pk not in fts_rows()


def test_working_documents_are_indexed_in_both_languages(seeded):
    working = WorkingDocument.objects.order_by("id").first()
    working.purpose = "To discuss the cassowary."
    working.purpose_fr = "Examiner le casoar."
    save_versioned(working, user=u("secretariat"), reason="Edit")
    assert "cassowary" in entry(SearchKind.WORKING_DOCUMENT, working.pk).text
    assert "casoar" in entry(SearchKind.WORKING_DOCUMENT, working.pk, "fr").text
    (hit,) = search(u("member-au"), "casoar").results
    assert hit.url == "/documents/iscm-guidelines/ptc/"
    assert hit.language == "fr"


def test_rebuild_gives_the_same_index(seeded):
    edit("The dingo wording.")
    comment_create(user=u("member-cn"), section=seals(), body="A dingo remark.")

    def snapshot():
        return sorted(
            SearchEntry.objects.values_list("kind", "object_id", "language", "status", "text")
        )

    before = snapshot()
    assert rebuild_all() == len(before)
    assert snapshot() == before
    assert search(u("observer"), "dingo").total == 2
    if connection.vendor == "sqlite":
        assert fts_rows() == set(SearchEntry.objects.values_list("pk", flat=True))


def test_rebuild_command(seeded, capsys):
    SearchEntry.objects.all().delete()
    assert search(u("observer"), "seal").total == 0
    call_command("rebuild_search_index")
    assert "entries" in capsys.readouterr().out
    assert search(u("observer"), "seal").total > 0


def test_a_reference_is_indexed_as_the_heading_it_names(seeded):
    """The demo's Seals section ends "(see [[advance-electronic-declarations]])": its snippet
    reads as the page does (without the number, which changes with insertions)."""
    from guidelines.models import SearchEntry, SearchKind

    entry = SearchEntry.objects.get(kind=SearchKind.SECTION, language="en", section__key="seals")
    assert "(see Advance electronic declarations)" in entry.text
    assert "[[" not in entry.text
