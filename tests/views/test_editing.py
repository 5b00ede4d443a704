import pytest
from django.urls import reverse

from guidelines.models import Section

SLUG = "iscm-guidelines"


def url(name, key="seals", **extra):
    return reverse(f"guidelines:{name}", kwargs={"slug": SLUG, "key": key, **extra})


def seals():
    return Section.objects.get(document__slug=SLUG, key="seals")


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
    client.post(url("section_delete"), {"reason": "Merged into 3.8"})
    for response in (client.get(url("section_edit")), post_edit(client, body="x")):
        assert response.status_code == 409
        assert "Restore this section" in response.content.decode()
    client.post(url("section_structure"), {"action": "restore"})
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
def test_structure_actions_renumber(client_for):
    client = client_for("facilitator")
    client.post(url("section_structure"), {"action": "up"})
    page = client.get(url("section_detail")).content.decode()
    assert '<span class="num">3.6</span> Seals' in page
    response = client.post(url("section_structure", key="foreword"), {"action": "outdent"})
    assert response.status_code == 302
    assert (
        "A top-level section cannot be outdented."
        in client.get(url("section_detail")).content.decode()
    )


@pytest.mark.django_db
def test_add_section_after(client_for):
    client = client_for("facilitator")
    response = client.post(url("section_add"), {"where": "after", "kind": "section",
                                                "heading": "Electronic seals", "body": "New.",
                                                "reason": "Cover e-seals"})  # fmt: skip
    assert response.status_code == 302
    page = client.get(url("section_detail", key="electronic-seals")).content.decode()
    assert '<span class="num">3.8</span> Electronic seals' in page


@pytest.mark.django_db
def test_restore_a_past_version_from_history(client_for):
    client = client_for("facilitator")
    original = seals().body
    post_edit(client, body="Replaced.")
    v1 = seals().history.get(version=1)
    client.post(url("section_restore_version", history_id=v1.history_id))
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
    with django_assert_max_num_queries(8):
        page = client.get(url("section_history"))
    assert "Edit 1000" in page.content.decode() and "Page 1 of 40" in page.content.decode()
    with django_assert_max_num_queries(8):
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
