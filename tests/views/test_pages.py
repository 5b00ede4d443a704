import pytest
from django.urls import reverse

from guidelines.services.documents import section_create
from guidelines.services.synthetic import synthetic_document_create
from tests.queries import page_queries as _queries


def doc_url(slug="iscm-guidelines"):
    return reverse("guidelines:document_detail", kwargs={"slug": slug})


def section_url(key, slug="iscm-guidelines"):
    return reverse("guidelines:section_detail", kwargs={"slug": slug, "key": key})


@pytest.mark.django_db
def test_document_page_has_numbered_outline_and_full_text(client_for):
    html = client_for("observer").get(doc_url()).content.decode()
    assert '<span class="num">3.5</span> <span class="heading">Risk assessment</span>' in html
    assert '<details class="outline-toggle" open>' in html  # collapsible outline
    assert "Each administration assesses risk" in html
    assert html.index("Management Summary") < html.index("Data pipeline") < html.index("Annex V")


@pytest.mark.django_db
def test_section_page_shows_text_mappings_and_history_link(client_for):
    response = client_for("member").get(section_url("risk-assessment"))
    html = response.content.decode()
    assert "Risk-Management Systems" in html and "Targeting and Communication" in html
    history = {"slug": "iscm-guidelines", "key": "risk-assessment"}
    assert reverse("guidelines:section_history", kwargs=history) in html
    assert 'rel="next"' in html and 'rel="prev"' in html


@pytest.mark.django_db
def test_history_page_lists_versions(client_for):
    url = reverse("guidelines:section_history", kwargs={"slug": "iscm-guidelines", "key": "seals"})
    html = client_for("member").get(url).content.decode()
    assert "Demo data loaded" in html and "seed_demo" not in html


@pytest.mark.django_db
def test_safe_and_coverage_pages(client_for):
    client = client_for("member")
    safe = client.get(reverse("guidelines:safe")).content.decode()
    assert "Pillar 3: Customs-to-Other Government and Inter-Government Agencies" in safe
    assert "Risk assessment" in safe
    coverage_url = reverse("guidelines:coverage", kwargs={"slug": "iscm-guidelines"})
    page = client.get(coverage_url).content.decode()
    assert "standards not covered by any section" in page
    partial = client.get(coverage_url, {"pillar": "2"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "P2.S3" in partial and "P1.S4" not in partial


@pytest.mark.django_db
@pytest.mark.parametrize("url", [
    "/documents/no-such-document/",
    "/documents/iscm-guidelines/sections/no-such-key/",
    "/documents/iscm-guidelines/sections/no-such-key/history/",
    "/api/documents/no-such-document/",
    "/documents/no-such-document/coverage/",
])  # fmt: skip
def test_unknown_document_or_section_is_a_404_page(client_for, url):
    response = client_for("member").get(url)
    assert response.status_code == 404
    assert "Traceback" not in response.content.decode()


@pytest.mark.django_db
def test_deleted_section_is_not_shown(client_for):
    from guidelines.models import Section

    section = Section.objects.get(key="seals")
    section.is_deleted, section._change_reason = True, "Soft delete for the test"
    section.save()
    client = client_for("member")
    gone = client.get(section_url("seals"))
    assert gone.status_code == 410  # "deleted", with its last text and (for editors) Restore
    assert "cannot be edited until it is restored" in gone.content.decode()
    assert '<span class="heading">Seals</span>' not in client.get(doc_url()).content.decode()


@pytest.mark.django_db
def test_script_in_a_body_is_not_served_as_html(client_for):
    from guidelines.models import Document

    doc = Document.objects.get(slug="iscm-guidelines")
    section_create(document=doc, heading="Hostile", body="<script>alert(1)</script> ok",
                   user=None, reason="test")  # fmt: skip
    html = client_for("member").get(section_url("hostile")).content.decode()
    assert "<script>alert(1)</script>" not in html
    response = client_for("member").get(section_url("hostile"))
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["guidelines:document_detail", "guidelines:api_document",
                                  "guidelines:coverage"])  # fmt: skip
def test_query_count_does_not_grow_with_sections(client_for, view, django_assert_max_num_queries):
    client = client_for("member")
    counts = {}
    for n in (30, 300):
        doc = synthetic_document_create(sections=n)
        counts[n] = _queries(client, reverse(view, kwargs={"slug": doc.slug}))
    assert counts[30] == counts[300], counts
    # 12: the header's counts and, on the document page, the rounds awaiting the member and the
    # sections' phase-two dispositions (one query, for the outline's badges)
    with django_assert_max_num_queries(12):
        client.get(reverse(view, kwargs={"slug": "synthetic-300"}))


@pytest.mark.django_db
def test_section_and_history_pages_have_constant_queries(client_for, django_assert_max_num_queries):
    client = client_for("member")
    doc = synthetic_document_create(sections=300)
    # incl. open proposals, comment threads with replies, following; the first request reads
    # the document's structure (no texts), the next ones find it cached
    with django_assert_max_num_queries(14):
        client.get(section_url("section-150", slug=doc.slug))
    with django_assert_max_num_queries(13):
        client.get(section_url("section-150", slug=doc.slug))
    url = reverse("guidelines:section_history", kwargs={"slug": doc.slug, "key": "section-150"})
    with django_assert_max_num_queries(9):
        client.get(url)


@pytest.mark.django_db
def test_the_admin_sends_the_same_content_security_policy(client_for):
    from guidelines.middleware import POLICY

    client = client_for("secretariat")
    for url in ("/admin/", "/admin/guidelines/delegation/", "/admin/guidelines/delegation/add/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Security-Policy"] == POLICY
        assert "<script>" not in response.content.decode()  # no inline script to be blocked


def _outline_markup(html: str) -> str:
    start = html.index('<aside class="sidebar">')
    return html[start : html.index("</aside>", start)]


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["chapter-2", "section-15"])
def test_section_page_does_not_grow_with_the_document(client_for, key):
    """Same queries, about the same bytes (its outline bounded) at 30 and 300 sections."""
    client = client_for("member")
    counts, outline, page = {}, {}, {}
    for n in (30, 300):
        url = section_url(key, slug=synthetic_document_create(sections=n).slug)
        client.get(url)  # the structure is read once, then cached
        counts[n] = _queries(client, url)
        html = client.get(url).content.decode()
        outline[n], page[n] = len(_outline_markup(html)), len(html)
    assert counts[30] == counts[300], counts
    assert outline[300] <= 1.5 * outline[30] and outline[300] < 6000, outline
    assert page[300] <= 1.2 * page[30], page


@pytest.mark.django_db
def test_local_outline_shows_the_way_down_neighbours_children_and_what_is_left_out(client_for):
    doc = synthetic_document_create(sections=300)  # 30 chapters of 9 sections
    html = client_for("member").get(section_url("chapter-15", slug=doc.slug)).content.decode()
    local = _outline_markup(html)
    assert 'href="/documents/synthetic-300/sections/chapter-15/" aria-current="page"' in local
    assert '<span class="num">10</span>' in local and '<span class="num">20</span>' in local
    assert '<span class="num">9</span>' not in local and '<span class="num">21</span>' not in local
    assert "… 9 more before" in local and "… 10 more after" in local
    assert '<span class="num">15.9</span>' in local  # its subsections
    assert '<span class="num">14.1</span>' not in local
    # the full outline: loaded with htmx when opened; without JavaScript, the document page's
    outline_url = reverse("guidelines:outline_fragment", kwargs={"slug": doc.slug})
    assert f'hx-get="{outline_url}?current=chapter-15"' in local
    assert f'href="{doc_url(doc.slug)}#outline"' in local
    deep = client_for("member").get(section_url("section-15", slug=doc.slug)).content.decode()
    crumbs = _outline_markup(deep)
    assert crumbs.index('<span class="num">15</span>') < crumbs.index("15.1</span>")


@pytest.mark.django_db
def test_outline_endpoint_returns_the_full_outline_with_current_and_badges(client_for):
    from guidelines.models import Proposal

    client = client_for("member")
    url = reverse("guidelines:outline_fragment", kwargs={"slug": "iscm-guidelines"})
    html = client.get(url, {"current": "risk-assessment"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in html and 'id="outline"' in html
    assert 'sections/risk-assessment/" aria-current="page" class="is-current"' in html
    assert '<span class="num">3.5</span> <span class="heading">Risk assessment</span>' in html
    assert html.count("<li") == len(client.get(doc_url()).content.decode().split(
        '<nav class="outline"')[1].split("</nav>")[0].split("<li")) - 1  # fmt: skip
    open_ones = Proposal.objects.filter(document__slug="iscm-guidelines").open().count()
    assert open_ones and "open proposal" in html  # the badges, as on the document page
    # the way to the current section is open
    risk = html.index("sections/risk-assessment/")
    assert html.rfind('<details class="outline-toggle" open>', 0, risk) != -1
    unknown = client.get(url, {"current": "no-such-key"}).content.decode()
    assert "aria-current" not in unknown
    assert client.get(reverse("guidelines:outline_fragment", args=["nope"])).status_code == 404


@pytest.mark.django_db
def test_outline_endpoint_queries_do_not_grow_with_the_document(client_for):
    client = client_for("member")
    counts = {}
    for n in (30, 300):
        slug = synthetic_document_create(sections=n).slug
        url = reverse("guidelines:outline_fragment", kwargs={"slug": slug}) + "?current=section-1"
        client.get(url)
        counts[n] = _queries(client, url)
    assert counts[30] == counts[300], counts


@pytest.mark.django_db
def test_outline_endpoint_answers_304_until_something_it_shows_changes(client_for):
    from guidelines.models import Section
    from guidelines.services.sections import section_update

    client = client_for("member")
    url = reverse("guidelines:outline_fragment", kwargs={"slug": "iscm-guidelines"})
    first = client.get(url, {"current": "seals"})
    etag = first["ETag"]
    assert first.status_code == 200 and first["Cache-Control"] == "private, no-cache"
    again = client.get(url, {"current": "seals"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    other = client.get(url, {"current": "risk-assessment"}, HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200  # another section marked current
    seals = Section.objects.get(key="seals")
    section_update(section=seals, heading="Seals and locks", body=seals.body,
                   base_version=seals.version, user=None, reason="heading")  # fmt: skip
    changed = client.get(url, {"current": "seals"}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and b"Seals and locks" in changed.content
    french = client_for("member")
    french.cookies["django_language"] = "fr"
    etag = changed["ETag"]
    assert client.get(url, {"current": "seals"}, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert french.get(url, {"current": "seals"}, HTTP_IF_NONE_MATCH=etag).status_code == 200
