"""Proposals and comments record the language they are written in (issue 14, point 4)."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from guidelines.models import Comment, Language, Proposal, Section, SectionTranslation, User
from guidelines.models.translations import TRANSLATION_LANGUAGE_CODES, language_of
from guidelines.selectors.backup import checksum, document_backup
from guidelines.services.backup import backup_parse, document_restore
from guidelines.services.comments import comment_create, comment_edit, comment_reply
from guidelines.services.proposals import proposal_create

SLUG = "iscm-guidelines"


def seals():
    return Section.objects.get(document__slug=SLUG, key="seals")


def member():
    return User.objects.get(username="member-au")


def propose(**kwargs):
    section = seals()
    return proposal_create(user=member(), section=section, kind="amend", rationale="Pourquoi.",
                           heading=section.heading, body=section.body + " More.",
                           **kwargs)  # fmt: skip


def test_one_enum_english_and_french_but_sections_are_translated_into_french_only():
    assert Language.values == ["en", "fr"]
    assert TRANSLATION_LANGUAGE_CODES == ["fr"]
    field = SectionTranslation._meta.get_field("language")
    assert [code for code, _ in field.choices] == ["fr"]
    assert [language_of(c) for c in ("fr", "fr-ca", "en-gb", "de", None)] == [
        "fr", "fr", "en", "en", "en"
    ]  # fmt: skip


@pytest.mark.django_db
def test_a_translation_into_english_is_refused(seeded):
    translation_row = SectionTranslation(section=seals(), language="en", heading="H",
                                         source_version=1)  # fmt: skip
    with pytest.raises(ValidationError) as error:
        translation_row.full_clean()
    assert "language" in error.value.message_dict


@pytest.mark.django_db
def test_a_proposal_is_in_the_interface_language_unless_told(seeded):
    with translation.override("fr"):
        assert propose().language == Language.FRENCH
        assert propose(language="en").language == Language.ENGLISH  # a francophone in English
    with translation.override("en"):
        assert propose().language == Language.ENGLISH
        assert propose(language="fr").language == Language.FRENCH
    assert Proposal.history.filter(language="fr").count() == 2  # the history keeps it


@pytest.mark.django_db
def test_an_unknown_language_is_refused(seeded):
    with pytest.raises(ValidationError):
        propose(language="de")
    with pytest.raises(ValidationError):
        comment_create(user=member(), section=seals(), body="Hallo", language="de")


@pytest.mark.django_db
def test_threads_and_replies_each_record_their_own_language(seeded):
    with translation.override("fr"):
        thread = comment_create(user=member(), section=seals(), body="Un commentaire.")
        reply = comment_reply(user=member(), parent=thread, body="In English.", language="en")
    with translation.override("en"):
        second = comment_reply(user=member(), parent=reply, body="Default.")
    assert (thread.language, reply.language, second.language) == ("fr", "en", "en")
    assert second.parent_id == thread.pk


@pytest.mark.django_db
def test_editing_a_comment_may_change_its_language_or_keep_it(seeded):
    with translation.override("en"):
        comment = comment_create(user=member(), section=seals(), body="Texte en français.")
    assert comment.language == "en"  # the interface's: the author says otherwise by editing
    comment = comment_edit(user=member(), comment=comment, body="Texte corrigé.", language="fr")
    assert comment.language == "fr"
    comment = comment_edit(user=member(), comment=comment, body="Texte re-corrigé.")
    assert Comment.objects.get(pk=comment.pk).language == "fr"


@pytest.mark.django_db
def test_the_notification_quotes_the_text_as_written(seeded):
    from guidelines.models import Notification
    from guidelines.services.comments import section_follow

    section_follow(user=User.objects.get(username="member-cn"), section=seals(), follow=True)
    with translation.override("fr"):
        comment = comment_create(user=member(), section=seals(), body="Les scellés « ISO ».")
    assert Notification.objects.filter(comment=comment, body__endswith="Les scellés « ISO ».")


@pytest.mark.django_db
def test_backup_and_restore_carry_the_language_and_old_backups_restore_as_english(seeded):
    propose(language="fr")
    with translation.override("fr"):
        thread = comment_create(user=member(), section=seals(), body="Un commentaire.")
        comment_reply(user=member(), parent=thread, body="A reply.", language="en")
    payload = document_backup(seals().document)
    assert {p["language"] for p in payload["proposals"]} == {"en", "fr"}
    assert {c["language"] for c in payload["comments"]} == {"en", "fr"}
    languages = sorted(Comment.objects.values_list("body", "language"))
    document_restore(payload=backup_parse(json.dumps(payload)), replace=True)
    assert sorted(Comment.objects.values_list("body", "language")) == languages
    assert Proposal.objects.filter(rationale="Pourquoi.", language="fr").count() == 1

    for rows in ("proposals", "proposals_history", "comments", "comments_history"):
        for row in payload[rows]:
            row.pop("language", None)  # a backup made before the field existed
    payload["checksum"] = checksum(payload)
    document_restore(payload=backup_parse(json.dumps(payload)), replace=True)
    assert set(Comment.objects.values_list("language", flat=True)) == {"en"}
    assert set(Proposal.objects.values_list("language", flat=True)) == {"en"}
    assert set(Proposal.history.values_list("language", flat=True)) == {"en"}
