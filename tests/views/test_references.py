"""Cross-references on the pages (they follow renumbering; broken ones are flagged) and the
references page with its one-click conversion."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guidelines.models import Document, Language, Section, SectionTranslation, User
from guidelines.selectors.documents import document_tree
from guidelines.selectors.versions import structure_version
from guidelines.services.structure import BEFORE, section_insert
from guidelines.services.synthetic import synthetic_document_create
from guidelines.services.translations import translation_save

SLUG = "iscm-guidelines"


def url(name, **kwargs):
    return reverse(f"guidelines:{name}", kwargs={"slug": SLUG, **kwargs})


def section(key, slug=SLUG) -> Section:
    return Section.objects.get(document__slug=slug, key=key)


def set_body(key, body, slug=SLUG):
    Section.objects.filter(document__slug=slug, key=key).update(body=body)


def label_of(key):
    return document_tree(Document.objects.get(slug=SLUG)).by_key[key].label


def shown(html, key):
    """The text of the link to section ``key`` in the page's section text."""
    found = re.search(rf'<a class="xref" href="/documents/{SLUG}/sections/{key}/">(.*?)</a>', html)
    return found and re.sub(r"<[^>]+>", "", found[1])


@pytest.mark.django_db
def test_a_reference_follows_the_section_when_one_is_inserted_before_it(client_for):
    set_body("seals", "See [[risk-assessment]] for the method.")
    client = client_for("member")
    before = label_of("risk-assessment")
    html = client.get(url("section_detail", key="seals")).content.decode()
    assert shown(html, "risk-assessment") == f"{before} Risk assessment"
    target = section("risk-assessment")
    section_insert(anchor=target, document=target.document, where=BEFORE, heading="New",
                   body="x", user=User.objects.get(username="facilitator"), reason="insert",
                   expected_version=structure_version(target))  # fmt: skip
    after = label_of("risk-assessment")
    assert after != before
    for page in (url("section_detail", key="seals"), url("document_detail")):
        html = client.get(page).content.decode()
        assert shown(html, "risk-assessment") == f"{after} Risk assessment", page


@pytest.mark.django_db
def test_a_reference_in_french_shows_the_french_heading(client_for):
    set_body("seals", "See [[risk-assessment]].")
    target = section("risk-assessment")
    seals = section("seals")
    SectionTranslation.objects.filter(section=seals).delete()
    translation_save(section=seals, language=Language.FRENCH, heading="Scellés",
                     body="Voir [[risk-assessment]].", source_version=seals.version,
                     expected_version=0, user=User.objects.get(username="secretariat"),
                     reason="t")  # fmt: skip
    client = client_for("member")
    client.cookies["django_language"] = "fr"
    html = client.get(url("section_detail", key="seals")).content.decode()
    french = SectionTranslation.objects.filter(section=target, language="fr").first()
    heading = french.heading if french is not None else target.heading
    assert shown(html, "risk-assessment").endswith(heading.replace("'", "&#x27;"))
    if french is not None:  # a French heading in the English text (no translation): marked
        assert f'<span lang="fr">{french.heading}</span>' in html


@pytest.mark.django_db
def test_a_reference_only_the_french_text_makes_is_headed_in_french(client_for):
    """The section page's tree holds the sections around it and those its English text names;
    a reference that only the French text (or a proposed text) makes, to a section far away,
    still shows that section's French heading, as the document page does."""
    far = "government-to-government-messaging"
    seals, target = section("seals"), section(far)
    secretariat = User.objects.get(username="secretariat")
    for record, heading, body in (
        (seals, "Scellés", f"Voir [[{far}]]."),
        (target, "Messagerie entre administrations", "Texte."),
    ):
        SectionTranslation.objects.filter(section=record).delete()
        translation_save(section=record, language=Language.FRENCH, heading=heading, body=body,
                         source_version=record.version, expected_version=0, user=secretariat,
                         reason="t")  # fmt: skip
    assert f"[[{far}]]" not in seals.body
    client = client_for("member")
    client.cookies["django_language"] = "fr"
    html = client.get(url("section_detail", key="seals")).content.decode()
    assert shown(html, far) == f"{label_of(far)} Messagerie entre administrations"


@pytest.mark.django_db
def test_a_reference_to_a_deleted_section_is_flagged_and_listed(client_for):
    set_body("seals", "See [[no-such-section]].")
    client = client_for("observer")
    html = client.get(url("section_detail", key="seals")).content.decode()
    assert 'class="xref xref-broken"' in html and "broken reference: no such section" in html
    page = client.get(url("references")).content.decode()
    broken = page.split('id="broken-title"')[1].split('id="typed-title"')[0]
    assert "[[no-such-section]]" in broken and url("section_detail", key="seals") in broken
    assert url("section_edit", key="seals") not in broken  # the observer cannot edit
    html = client_for("facilitator").get(url("references")).content.decode()
    assert url("section_edit", key="seals") in html


@pytest.mark.django_db
def test_the_document_page_links_the_references_page(client_for):
    assert url("references") in client_for("member").get(url("document_detail")).content.decode()


@pytest.mark.django_db
def test_typed_references_listed_with_the_section_that_has_that_number(client_for):
    label = label_of("risk-assessment")
    set_body("seals", f"As explained in paragraph {label}, and in chapter 99.")
    html = client_for("member").get(url("references")).content.decode()
    typed = html.split('id="typed-title"')[1]
    assert f"<mark>paragraph {label}</mark>" in typed and "As explained in " in typed
    assert "No section has this number." in typed  # chapter 99
    assert "references/convert/" not in typed  # members do not convert


def _convert_form(html):
    form = re.search(
        r'<form method="post" action="[^"]*/references/convert/".*?</form>', html, re.S
    )
    return dict(re.findall(r'name="(\w+)" value="([^"]*)"', form[0]))


@pytest.mark.django_db
def test_one_click_conversion_and_its_conflict(client_for):
    label = label_of("risk-assessment")
    set_body("seals", f"As explained in paragraph {label}.")
    client = client_for("facilitator")
    data = _convert_form(client.get(url("references")).content.decode())
    stale = dict(data, version=str(int(data["version"]) - 1))
    response = client.post(url("typed_reference_convert"), data)
    assert response.status_code == 302 and response["Location"] == url("references")
    assert section("seals").body == "As explained in [[risk-assessment]]."
    html = client.get(url("section_detail", key="seals")).content.decode()
    assert shown(html, "risk-assessment") == f"{label} Risk assessment"
    # The page's version is out of date: refused with the conflict page, nothing written.
    set_body("seals", f"As explained in paragraph {label}.")
    response = client.post(url("typed_reference_convert"), stale)
    assert response.status_code == 409
    assert "changed since you opened the references page" in response.content.decode()
    assert section("seals").body == f"As explained in paragraph {label}."


@pytest.mark.django_db
def test_conversion_refuses_tampered_or_unauthorised_posts(client_for):
    response = client_for("facilitator").post(url("typed_reference_convert"), {"section": "x"})
    assert response.status_code == 400
    assert client_for("member").post(url("typed_reference_convert"), {}).status_code == 403


@pytest.mark.django_db
def test_a_heading_with_a_script_in_a_reference_is_escaped(client_for):
    Section.objects.filter(document__slug=SLUG, key="risk-assessment").update(
        heading="<script>alert(1)</script>"
    )
    set_body("seals", "See [[risk-assessment]].")
    html = client_for("member").get(url("section_detail", key="seals")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</a>" in html


def _queries(client, page) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(page).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_references_add_no_query_to_the_section_and_document_pages(client_for):
    doc = synthetic_document_create(sections=30)
    client = client_for("member")
    pages = [reverse("guidelines:document_detail", args=[doc.slug]),
             reverse("guidelines:section_detail", args=[doc.slug, "section-15"])]  # fmt: skip
    _queries(client, pages[1])  # the document's structure read once, then cached
    before = [_queries(client, p) for p in pages]
    body = " ".join(f"See [[section-{n}]] and [[gone-{n}]]." for n in range(1, 30))
    Section.objects.filter(document=doc).update(body=body)
    assert [_queries(client, p) for p in pages] == before
    html = client.get(pages[1]).content.decode()
    assert html.count('class="xref"') > 20 and html.count("xref-broken") >= 29


@pytest.mark.django_db
def test_the_preview_resolves_references(client_for):
    response = client_for("facilitator").post(url("preview"), {"body": "See [[risk-assessment]]."})
    assert shown(response.content.decode(), "risk-assessment").endswith("Risk assessment")


@pytest.mark.django_db
def test_the_editor_lists_the_keys_to_copy_without_javascript(client_for):
    html = client_for("facilitator").get(url("section_edit", key="seals")).content.decode()
    keys = html.split('class="xref-keys-box"')[1].split("</details>")[0]
    assert "[[risk-assessment]]" in keys and "Risk assessment" in keys


@pytest.mark.django_db
def test_a_proposal_adding_a_reference_shows_it_resolved_in_its_redlines(client_for):
    from guidelines.rendering.numbering import shown_label
    from guidelines.services.proposals import proposal_create

    seals = section("seals")
    body = seals.body.replace(
        "(see [[advance-electronic-declarations]])", "(see [[risk-assessment]])"
    )
    proposal = proposal_create(
        user=User.objects.get(username="member-cn"),
        section=seals,
        kind="amend",
        rationale="Point at the risk part.",
        heading=seals.heading,
        body=body,
    )
    node = document_tree(seals.document).by_key["risk-assessment"]
    shown = f"{shown_label(node.label)} {node.section.heading}"
    client = client_for("facilitator")
    for page in (
        url("proposal_detail", pk=proposal.pk),
        url("section_detail", key="seals") + "?suggestions=1",
        url("proposal_list"),
    ):
        html = client.get(page).content.decode()
        html = re.sub(r"<textarea.*?</textarea>", "", html, flags=re.S)  # the source, as typed
        assert "[[risk-assessment]]" not in html and "[[advance-electronic" not in html, page
    html = client.get(url("proposal_detail", pk=proposal.pk)).content.decode()
    assert re.search(
        rf"<ins[^>]*><a class=\"xref\" href=\"[^\"]+\">{re.escape(shown)}</a></ins>", html
    )
