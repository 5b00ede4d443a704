"""The SAFE Framework's text on the SAFE page, its import page and a text's history page."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from guidelines.models import FrameworkText, Standard, User
from guidelines.services.framework import framework_text_save, standard_remove
from tests.conftest import login_client

GOOD = b"""\
standards:
  - pillar: 1
    standard: 2
    text: Cargo inspection authority, in our own words.
    specifications:
      - {number: "2.1", title: Powers, text: "Inspect on request."}
  - pillar: 1
    standard: 6
    text: A new text for the advance information.
"""
BAD = b"standards:\n  - {pillar: 1, standard: 2, text: x}\n  - {pillar: 1, standard: 99, text: y}\n"


def upload(client, data: bytes, name: str = "framework.yaml", reason: str = "Edition 2025"):
    return client.post(
        reverse("guidelines:framework_import"),
        {"file": SimpleUploadedFile(name, data), "reason": reason},
    )


def page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_the_secretariat_imports_a_file_and_sees_the_counts(seeded):
    client = login_client("secretariat")
    response = upload(client, GOOD)
    assert response.status_code == 302 and response["Location"] == reverse("guidelines:safe")
    shown = page(client.get(response["Location"]))
    assert "Imported: 2 texts created, 1 changed, 0 unchanged." in shown
    assert "Cargo inspection authority, in our own words." in shown
    p1s6 = FrameworkText.objects.live().get(standard__pillar__number=1, standard__number=6,
                                            spec="", language="en")  # fmt: skip
    latest = p1s6.history.latest("history_id")
    assert p1s6.version == 2 and latest.history_change_reason == "Edition 2025"
    assert latest.history_user == User.objects.get(username="secretariat")


@pytest.mark.django_db
def test_a_bad_file_keeps_the_page_with_the_line_and_imports_nothing(seeded):
    before = FrameworkText.history.count()
    response = upload(login_client("secretariat"), BAD)
    assert response.status_code == 200
    shown = page(response)
    assert "Line 3: there is no standard P1.S99 in the Framework." in shown
    assert "nothing was changed" in shown
    assert FrameworkText.history.count() == before


@pytest.mark.django_db
def test_an_empty_file_is_refused_with_a_clear_message(seeded):
    response = upload(login_client("secretariat"), b"standards: []\n")
    assert response.status_code == 200 and "The file holds no standard." in page(response)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["facilitator", "member-au", "observer"])
def test_only_the_secretariat_may_import(seeded, who):
    before = FrameworkText.history.count()
    assert upload(login_client(who), GOOD).status_code == 403
    assert FrameworkText.history.count() == before


@pytest.mark.django_db
def test_a_superuser_may_import(seeded):
    User.objects.create_superuser("root", "root@example.org", "x")
    assert upload(login_client("root"), GOOD).status_code == 302


@pytest.mark.django_db
def test_the_safe_page_shows_texts_no_text_yet_and_removed_standards(seeded):
    client = login_client("observer")
    shown = page(client.get(reverse("guidelines:safe")))
    assert "submission can serve several" in shown  # P1.S6's demo text
    assert "TS 6.1" in shown and "Time limits" in shown
    assert "No text yet." in shown  # P1.S2 has none in the demo
    assert "Import the Framework's text" not in shown  # not for observers
    standard = Standard.objects.get(pillar__number=1, number=6)
    standard_remove(standard=standard, user=None, reason="Dropped")
    shown = page(client.get(reverse("guidelines:safe")))
    assert "removed from the Framework" in shown
    assert "submission can serve several" not in shown


@pytest.mark.django_db
def test_the_safe_page_shows_french_texts_and_falls_back_to_english(seeded):
    client = login_client("observer")
    client.cookies["django_language"] = "fr"
    shown = page(client.get(reverse("guidelines:safe")))
    assert "une seule transmission" in shown  # P1.S6 in French
    assert 'lang="en"' in shown and "Customs administrations follow" in shown  # P1.S1: English


@pytest.mark.django_db
def test_the_safe_page_offers_the_import_to_the_secretariat(seeded):
    shown = page(login_client("secretariat").get(reverse("guidelines:safe")))
    assert reverse("guidelines:framework_import") in shown


@pytest.mark.django_db
def test_a_text_history_lists_versions_with_who_and_why(seeded):
    text = FrameworkText.objects.live().get(standard__pillar__number=1, standard__number=6,
                                            spec="", language="en")  # fmt: skip
    framework_text_save(standard=text.standard, body="Rewritten.", user=User.objects.get(
        username="secretariat"), reason="Aligned with 2025", expected_version=1)  # fmt: skip
    shown = page(login_client("member-au").get(
        reverse("guidelines:framework_text_history", args=[text.pk])))  # fmt: skip
    assert "Aligned with 2025" in shown and "Claire Dubois" in shown and "Rewritten." in shown
    assert "Demo data loaded" in shown
    missing = reverse("guidelines:framework_text_history", args=[text.pk + 10_000])
    assert login_client("member-au").get(missing).status_code == 404


@pytest.mark.django_db
def test_the_command_imports_and_reports_line_numbers(seeded, tmp_path, capsys):
    good = tmp_path / "framework.md"
    good.write_text("## P1.S2 Cargo Inspection Authority\nOur own summary.\n", encoding="utf-8")
    call_command("import_framework", str(good), "--reason", "From the shell")
    assert "1 created, 0 changed, 0 unchanged." in capsys.readouterr().out
    text = FrameworkText.objects.live().get(standard__pillar__number=1, standard__number=2)
    assert text.history.get().history_change_reason == "From the shell"
    bad = tmp_path / "bad.md"
    bad.write_text("Intro\n## P1.S2\nx\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Line 1: text before the first standard"):
        call_command("import_framework", str(bad))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_framework", str(tmp_path / "missing.yaml"))


@pytest.mark.django_db
def test_a_blank_reason_is_refused_by_the_command_and_the_page(seeded, tmp_path):
    good = tmp_path / "framework.md"
    good.write_text("## P1.S2 Cargo Inspection Authority\nOur own summary.\n", encoding="utf-8")
    before = FrameworkText.history.count()
    for blank in (" ", ""):
        with pytest.raises(CommandError, match="must not be blank"):
            call_command("import_framework", str(good), "--reason", blank)
        response = upload(login_client("secretariat"), GOOD, reason=blank)
        assert response.status_code == 200 and "This field is required." in page(response)
    assert FrameworkText.history.count() == before


@pytest.mark.django_db
def test_an_empty_specification_is_refused_on_the_page_with_its_line(seeded):
    data = b"## P1.S2 Title\nOwn text.\n### TS 2.1 Spec\n\n### TS 2.2 Other\nfine\n"
    response = upload(login_client("secretariat"), data, name="f.md")
    assert response.status_code == 200
    assert "Line 3: P1.S2 TS 2.1 has no text." in page(response)


@pytest.mark.django_db
def test_the_admin_lists_texts_links_the_import_and_records_who_and_why(seeded):
    client = login_client("secretariat")
    changelist = client.get(reverse("admin:guidelines_frameworktext_changelist"))
    assert changelist.status_code == 200
    assert reverse("guidelines:framework_import") in changelist.content.decode()
    assert client.get(reverse("admin:guidelines_frameworktext_add")).status_code == 200
    text = FrameworkText.objects.live().get(standard__pillar__number=1, standard__number=4,
                                            spec="", language="en")  # fmt: skip
    url = reverse("admin:guidelines_frameworktext_change", args=[text.pk])
    from tests.views.page_forms import form_data

    data = form_data(client.get(url).content.decode(), url, page_url=url)
    data.update(body="Edited in the admin.", reason_for_change="Typo")
    assert client.post(url, data).status_code == 302
    text.refresh_from_db()
    assert text.body == "Edited in the admin." and text.version == 2
    latest = text.history.latest("history_id")
    assert latest.history_change_reason == "Typo" and latest.history_user.username == "secretariat"


@pytest.mark.django_db
def test_the_admin_marks_a_standard_removed_with_a_reason(seeded):
    client = login_client("secretariat")
    standard = Standard.objects.get(pillar__number=1, number=2)
    url = reverse("admin:guidelines_standard_change", args=[standard.pk])
    from tests.views.page_forms import form_data

    data = form_data(client.get(url).content.decode(), url, page_url=url)
    data.update(is_deleted="on", reason_for_change="Not in the 2025 edition")
    assert client.post(url, data).status_code == 302
    latest = standard.history.latest("history_id")
    assert latest.is_deleted and latest.history_change_reason == "Not in the 2025 edition"


@pytest.mark.django_db
def test_the_audit_trail_lists_framework_text_changes(seeded):
    client = login_client("secretariat")
    upload(client, GOOD, reason="Edition 2025")
    shown = page(client.get(reverse("guidelines:audit"), {"kind": "reference"}))
    assert "SAFE Framework text P1.S2 TS 2.1 (en) created" in shown
    assert "Edition 2025" in shown
    text = FrameworkText.objects.live().get(standard__pillar__number=1, standard__number=2,
                                            spec="2.1")  # fmt: skip
    assert reverse("guidelines:framework_text_history", args=[text.pk]) in shown


@pytest.mark.django_db
def test_the_admin_refuses_to_put_back_a_text_that_has_a_live_successor(seeded):
    from guidelines.services.framework import framework_text_remove
    from tests.views.page_forms import form_data

    old = FrameworkText.objects.live().get(standard__pillar__number=1, standard__number=7)
    framework_text_remove(text=old, user=None, reason="Rewrite")
    framework_text_save(standard=old.standard, body="New.", user=None, reason="Rewrite",
                        expected_version=None)  # fmt: skip
    client = login_client("secretariat")
    url = reverse("admin:guidelines_frameworktext_change", args=[old.pk])
    data = form_data(client.get(url).content.decode(), url, page_url=url)
    data.pop("is_deleted", None)
    data["reason_for_change"] = "Put back"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "remove that one first" in page(response)
    old.refresh_from_db()
    assert old.is_deleted


def _admin_add(client, standard, **fields):
    data = {"standard": standard.pk, "spec": "", "language": "en", "title": "", "body": "Text.",
            "reason_for_change": "Added", "version": ""}  # fmt: skip
    data.update(fields)
    return client.post(reverse("admin:guidelines_frameworktext_add"), data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields,message",
    [
        ({"body": " \x01 "}, "The text is empty."),
        ({"spec": "6.1 and more"}, "“6.1 and more” is not a specification number such as 6.1."),
        ({"spec": "-1"}, "is not a specification number such as 6.1."),
    ],
)
def test_the_admin_add_form_applies_the_service_rules(seeded, fields, message):
    standard = Standard.objects.get(pillar__number=1, number=2)
    before = FrameworkText.objects.count()
    response = _admin_add(login_client("secretariat"), standard, **fields)
    assert response.status_code == 200 and message in page(response)
    assert FrameworkText.objects.count() == before


@pytest.mark.django_db
def test_the_admin_refuses_a_text_over_the_size_limit(seeded, settings):
    settings.SECTION_BODY_MAX_BYTES = 1024
    standard = Standard.objects.get(pillar__number=1, number=2)
    response = _admin_add(login_client("secretariat"), standard, body="x" * 2048)
    assert response.status_code == 200 and "the limit is 1 KB" in page(response)
    assert not FrameworkText.objects.filter(standard=standard).exists()


@pytest.mark.django_db
def test_the_admin_refuses_a_second_live_text_with_a_translated_message(seeded):
    existing = FrameworkText.objects.live().get(standard__pillar__number=1, standard__number=6,
                                                spec="", language="en")  # fmt: skip
    client = login_client("secretariat")
    response = _admin_add(client, existing.standard)
    shown = page(response)
    assert response.status_code == 200 and "edit that one instead" in shown
    assert "Constraint" not in shown
    assert FrameworkText.objects.live().filter(standard=existing.standard, spec="",
                                               language="en").count() == 1  # fmt: skip
    client.cookies["django_language"] = "fr"
    assert "Constraint" not in page(_admin_add(client, existing.standard))
    # a removed text of the same standard, specification and language may be added
    assert _admin_add(client, existing.standard, is_deleted="on").status_code == 302


@pytest.mark.django_db
def test_the_admin_writes_no_text_for_a_removed_standard(seeded):
    from tests.views.page_forms import form_data

    standard = Standard.objects.get(pillar__number=1, number=6)
    text = FrameworkText.objects.live().get(standard=standard, spec="", language="en")
    standard_remove(standard=standard, user=None, reason="Dropped")
    client = login_client("secretariat")
    response = _admin_add(client, standard, language="fr", spec="6.9")
    assert response.status_code == 200 and "P1.S6 is removed from the Framework" in page(response)
    assert not FrameworkText.objects.filter(standard=standard, spec="6.9").exists()
    url = reverse("admin:guidelines_frameworktext_change", args=[text.pk])
    data = form_data(client.get(url).content.decode(), url, page_url=url)
    data.update(body="Edited.", reason_for_change="Edit")
    response = client.post(url, data)
    assert response.status_code == 200 and "restore it before writing its text" in page(response)
    text.refresh_from_db()
    assert text.body != "Edited." and text.version == 1


@pytest.mark.django_db
def test_the_admin_refuses_to_empty_a_text(seeded):
    from tests.views.page_forms import form_data

    text = FrameworkText.objects.live().get(standard__pillar__number=1, standard__number=4,
                                            spec="", language="en")  # fmt: skip
    client = login_client("secretariat")
    url = reverse("admin:guidelines_frameworktext_change", args=[text.pk])
    data = form_data(client.get(url).content.decode(), url, page_url=url)
    data.update(body="  ", reason_for_change="Oops")
    response = client.post(url, data)
    assert response.status_code == 200 and "The text is empty." in page(response)
    text.refresh_from_db()
    assert text.body and text.version == 1
