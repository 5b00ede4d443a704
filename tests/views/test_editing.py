import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from guidelines.models import Section, User
from guidelines.selectors.versions import structure_version
from guidelines.services.structure import section_move
from tests.views.page_forms import form_data

SLUG = "iscm-guidelines"


def url(name, key="seals", **extra):
    return reverse(f"guidelines:{name}", kwargs={"slug": SLUG, "key": key, **extra})


def seals():
    return Section.objects.get(document__slug=SLUG, key="seals")


def post_page_form(client, page_url, action_url, **typed):
    """Post the form of ``page_url`` that goes to ``action_url``, as rendered now."""
    html = client.get(page_url).content.decode()
    fields = form_data(html, action_url, page_url=page_url)
    return client.post(action_url, {**fields, **typed})


def post_edit(client, *, body, base="1", reason="Tighten wording", heading="Seals"):
    data = {"heading": heading, "body": body, "reason": reason, "base_version": base}
    return client.post(url("section_edit"), data)


@pytest.mark.django_db
def test_edit_form_has_labelled_controls_and_preview(client_for):
    html = client_for("facilitator").get(url("section_edit")).content.decode()
    for label in ('for="id_heading">Heading<', 'for="id_body">Text<',
                  'for="id_reason">Reason for change<', ">Save</button>"):  # fmt: skip
        assert label in html
    assert 'id="preview"' in html and "high-security mechanical seals" in html


@pytest.mark.django_db
def test_only_editors_see_the_edit_control(client_for):
    assert ">Edit</a>" in client_for("facilitator").get(url("section_detail")).content.decode()
    assert ">Edit</a>" in client_for("secretariat").get(url("section_detail")).content.decode()
    for role in ("member", "observer"):
        page = client_for(role).get(url("section_detail")).content.decode()
        assert ">Edit</a>" not in page and "section_structure" not in page
        assert post_edit(client_for(role), body="Hijack").status_code == 403
    assert seals().version == 1


@pytest.mark.django_db
def test_save_makes_a_version_with_reason(client_for):
    response = post_edit(client_for("facilitator"), body="Containers are sealed at origin.")
    assert response.status_code == 302 and response["Location"] == url("section_detail")
    section = seals()
    assert (section.version, section.body) == (2, "Containers are sealed at origin.")
    latest = section.history.latest("history_id")
    assert latest.history_user.username == "facilitator"
    assert latest.history_change_reason == "Tighten wording"


@pytest.mark.django_db
def test_unchanged_save_makes_no_version(client_for):
    client = client_for("facilitator")
    response = post_edit(client, body=seals().body)
    assert response.status_code == 302
    assert seals().history.count() == 1
    assert "Nothing changed" in client.get(url("section_detail")).content.decode()


@pytest.mark.django_db
def test_missing_reason_is_a_form_error_and_keeps_the_text(client_for):
    response = post_edit(client_for("facilitator"), body="My careful new text.", reason="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in html and "My careful new text." in html
    assert seals().version == 1


@pytest.mark.django_db
def test_body_over_200_kb_is_refused_with_the_text_kept(client_for):
    body = "Précis " * 40_000  # about 320 KB
    response = post_edit(client_for("facilitator"), body=body)
    html = response.content.decode()
    assert response.status_code == 200
    assert "the limit is 200 KB" in html
    assert html.count("Précis") >= 40_000
    assert seals().version == 1


@pytest.mark.django_db
def test_control_characters_are_stripped(client_for):
    post_edit(client_for("facilitator"), body="Clean\x00 text\x07 with 海关 and é.")
    assert seals().body == "Clean text with 海关 and é."


@pytest.mark.django_db
def test_stale_save_shows_the_conflict_page_and_keeps_my_text(client_for):
    first, second = client_for("facilitator"), client_for("secretariat")
    assert (
        post_edit(first, body=seals().body.replace("high-security", "tamper-evident")).status_code
        == 302
    )
    response = post_edit(second, body="Second editor's own wording, typed with care.")
    assert response.status_code == 409
    html = response.content.decode()
    assert (
        '<ins data-by="">tamper-evident</ins>' in html
        and '<del data-by="">high-security</del>' in html
    )
    assert "Second editor&#x27;s own wording, typed with care." in html
    assert 'name="base_version" value="2"' in html
    assert seals().version == 2


@pytest.mark.django_db
@pytest.mark.parametrize("base", ["abc", "", "999", "-3"])
def test_tampered_version_gives_the_conflict_page(client_for, base):
    response = post_edit(client_for("facilitator"), body="x", base=base)
    assert response.status_code == 409
    assert "Not saved" in response.content.decode()


@pytest.mark.django_db
def test_deleted_section_cannot_be_edited_and_offers_restore(client_for):
    client = client_for("facilitator")
    post_page_form(client, url("section_delete"), url("section_delete"), reason="Merged into 3.8")
    for response in (client.get(url("section_edit")), post_edit(client, body="x")):
        assert response.status_code == 409
        assert "Restore this section" in response.content.decode()
    # The button on the deleted section's own page restores it (it carries the page's token).
    response = post_page_form(client, url("section_detail"), url("section_structure"))
    assert response.status_code == 302
    assert not seals().is_deleted


@pytest.mark.django_db
def test_preview_renders_through_the_safe_pipeline(client_for):
    response = client_for("facilitator").post(
        reverse("guidelines:preview", kwargs={"slug": SLUG}),
        {"body": "**Bold** <script>alert(1)</script>"},
    )
    html = response.content.decode()
    assert "<strong>Bold</strong>" in html and "<script" not in html


@pytest.mark.django_db
def test_preview_refuses_what_the_save_refuses_with_the_same_message(client_for, monkeypatch):
    from guidelines.services.sections import validate_body
    from guidelines.views import editing

    body = "Précis " * 40_000  # about 320 KB
    with pytest.raises(ValidationError) as refused:
        validate_body(body)
    rendered = []
    monkeypatch.setattr(editing, "render_markdown", lambda *a, **k: rendered.append(a) or "")
    client = client_for("facilitator")
    response = client.post(reverse("guidelines:preview", kwargs={"slug": SLUG}), {"body": body})
    assert response.status_code == 413
    assert escape(refused.value.messages[0]) in response.content.decode()
    # The edit page that refuses the save does not render the text either.
    html = post_edit(client, body=body).content.decode()
    assert escape(refused.value.messages[0]) in html and html.count("Précis") < 41_000
    assert rendered == []
    ok = client.post(reverse("guidelines:preview", kwargs={"slug": SLUG}), {"body": "Short."})
    assert ok.status_code == 200 and len(rendered) == 1


@pytest.mark.django_db
def test_structure_actions_renumber(client_for):
    client = client_for("facilitator")
    post_page_form(client, url("section_detail"), url("section_structure"), action="up")
    page = client.get(url("section_detail")).content.decode()
    assert '<span class="num">3.6</span> Seals' in page
    foreword = url("section_detail", key="foreword")
    response = post_page_form(
        client, foreword, url("section_structure", key="foreword"), action="outdent"
    )
    assert response.status_code == 302
    assert (
        "A top-level section cannot be outdented."
        in client.get(url("section_detail")).content.decode()
    )


@pytest.mark.django_db
def test_add_section_after(client_for):
    client = client_for("facilitator")
    response = post_page_form(client, url("section_add"), url("section_add"), where="after",
                              kind="section", heading="Electronic seals", body="New.",
                              reason="Cover e-seals")  # fmt: skip
    assert response.status_code == 302
    page = client.get(url("section_detail", key="electronic-seals")).content.decode()
    assert '<span class="num">3.8</span> Electronic seals' in page


@pytest.mark.django_db
def test_restore_a_past_version_from_history(client_for):
    client = client_for("facilitator")
    original = seals().body
    post_edit(client, body="Replaced.")
    v1 = seals().history.get(version=1)
    post_page_form(client, url("section_history"), url("section_restore_version",
                                                       history_id=v1.history_id))  # fmt: skip
    section = seals()
    assert section.body == original and section.version == 3
    assert section.history.latest("history_id").history_change_reason == "Restored version 1"


@pytest.mark.django_db
def test_compare_marks_the_changed_word_inline_and_side_by_side(client_for):
    client = client_for("facilitator")
    post_edit(client, body=seals().body.replace("high-security", "tamper-evident"))
    html = client.get(url("section_compare")).content.decode()
    assert (
        '<del data-by="">high-security</del>' in html
        and '<ins data-by="">tamper-evident</ins>' in html
    )
    side = client.get(url("section_compare"), {"view": "side"}).content.decode()
    assert (
        '<del data-by="">high-security</del>' in side
        and '<ins data-by="">tamper-evident</ins>' in side
    )


@pytest.mark.django_db
def test_history_page_has_constant_queries_with_1000_versions(
    client_for, django_assert_max_num_queries
):
    client = client_for("observer")
    section = seals()
    history = section.history.model
    base = section.history.get()
    rows = []
    for n in range(2, 1001):
        row = history(**{f.attname: getattr(base, f.attname) for f in history._meta.fields
                         if f.attname != "history_id"})  # fmt: skip
        row.version, row.body, row.history_change_reason = n, f"Text {n}", f"Edit {n}"
        rows.append(row)
    history.objects.bulk_create(rows)
    # 8 + 1: the header's counts ("To do", the bell), one query on every page
    with django_assert_max_num_queries(9):
        page = client.get(url("section_history"))
    assert "Edit 1000" in page.content.decode() and "Page 1 of 40" in page.content.decode()
    with django_assert_max_num_queries(9):
        client.get(url("section_history"), {"page": "39"})


@pytest.mark.django_db
def test_activity_filters(client_for, django_assert_max_num_queries):
    client = client_for("facilitator")
    post_edit(client, body="New wording.")
    activity = reverse("guidelines:activity", kwargs={"slug": SLUG})
    with django_assert_max_num_queries(10):  # constant: one page of rows with their authors
        client.get(activity)
    html = client.get(activity, {"delegation": "nl"}).content.decode()
    assert "Tighten wording" in html
    html = client.get(activity, {"user": "member-cn"}).content.decode()
    assert "Tighten wording" not in html and "No changes match." in html


# --- every write carries the version its page was rendered from ------------------------------


def secretariat_moves(key, direction="up"):
    section = Section.objects.get(document__slug=SLUG, key=key)
    secretariat = User.objects.get(username="secretariat")
    section_move(section=section, direction=direction, user=secretariat,
                 expected_version=structure_version(section))  # fmt: skip


def outline_labels(client):
    page = client.get(reverse("guidelines:document_detail", kwargs={"slug": SLUG}))
    return re.findall(r'<span class="num">([\d.]+)</span> ([^<]+)</a>', page.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["up", "down", "indent", "outdent"])
def test_structure_button_after_someone_moved_a_sibling_is_a_conflict(client_for, action):
    client = client_for("facilitator")
    stale = form_data(client.get(url("section_detail")).content.decode(), url("section_structure"))
    secretariat_moves("unique-consignment-reference")  # seals' previous sibling moves up
    before = outline_labels(client)
    response = client.post(url("section_structure"), {**stale, "action": action})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Moved up: Unique Consignment Reference" in html and "Claire Dubois" in html
    assert url("section_detail") in html  # the way back
    assert outline_labels(client) == before


@pytest.mark.django_db
def test_a_text_change_elsewhere_is_not_a_structure_conflict(client_for):
    client = client_for("facilitator")
    stale = form_data(client.get(url("section_detail")).content.decode(), url("section_structure"))
    post_edit(client_for("secretariat"), body="Another text.")  # seals' own text, not its place
    response = client.post(url("section_structure"), {**stale, "action": "up"})
    assert response.status_code == 302
    assert (
        '<span class="num">3.6</span> Seals' in client.get(url("section_detail")).content.decode()
    )


@pytest.mark.django_db
def test_restoring_a_deleted_section_after_it_was_restored_and_deleted_again(client_for):
    client, other = client_for("facilitator"), client_for("secretariat")
    post_page_form(client, url("section_delete"), url("section_delete"), reason="Merged")
    document_url = reverse("guidelines:document_detail", kwargs={"slug": SLUG})
    stale = form_data(client.get(document_url).content.decode(), url("section_structure"))
    post_page_form(other, document_url, url("section_structure"))  # restored…
    secretariat_moves("seals")  # …moved…
    post_page_form(other, url("section_delete"), url("section_delete"), reason="Again")  # …deleted
    response = client.post(url("section_structure"), stale)
    assert response.status_code == 409
    assert "Moved up: Seals" in response.content.decode()
    assert seals().is_deleted


@pytest.mark.django_db
def test_delete_after_the_structure_changed_keeps_the_reason(client_for):
    client = client_for("facilitator")
    html = client.get(url("section_delete")).content.decode()
    stale = form_data(html, url("section_delete"), page_url=url("section_delete"))
    secretariat_moves("seals")
    response = client.post(url("section_delete"), {**stale, "reason": "My reason, typed."})
    assert response.status_code == 409
    again = form_data(response.content.decode(), url("section_delete"))
    assert again["reason"] == "My reason, typed." and again["version"] != stale["version"]
    assert not seals().is_deleted
    assert client.post(url("section_delete"), again).status_code == 302
    assert seals().is_deleted


@pytest.mark.django_db
def test_add_after_the_structure_changed_keeps_what_was_typed(client_for):
    client = client_for("facilitator")
    html = client.get(url("section_add")).content.decode()
    stale = form_data(html, url("section_add"), page_url=url("section_add"))
    typed = {"heading": "Electronic seals", "body": "My new text.", "reason": "Cover e-seals"}
    secretariat_moves("unique-consignment-reference")
    response = client.post(url("section_add"), {**stale, **typed, "kind": "section"})
    assert response.status_code == 409
    again = form_data(response.content.decode(), url("section_add"))
    assert {k: again[k] for k in typed} == typed and again["where"] == "after"
    assert not Section.objects.filter(key="electronic-seals").exists()


@pytest.mark.django_db
def test_restore_a_version_after_someone_saved_is_a_conflict_with_the_old_text_kept(client_for):
    client = client_for("facilitator")
    original = seals().body
    post_edit(client, body="Replaced by the facilitator.")
    v1 = seals().history.get(version=1)
    restore = url("section_restore_version", history_id=v1.history_id)
    stale = form_data(client.get(url("section_history")).content.decode(), restore)
    assert stale == {"version": "2"}
    post_edit(client_for("secretariat"), body="Saved by the secretariat.", base="2")
    response = client.post(restore, stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert '<del data-by="">facilitator</del>' in html  # what the secretariat changed
    assert '<ins data-by="">secretariat</ins>' in html
    again = form_data(html, url("section_edit"))
    assert again["body"] == original and again["base_version"] == "3"
    assert again["reason"] == "Restored version 1"
    assert (seals().version, seals().body) == (3, "Saved by the secretariat.")
