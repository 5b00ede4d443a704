"""The search page and the header's search box."""

from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidelines.models import Section, User
from guidelines.rendering.search import highlighted
from guidelines.services.comments import comment_create
from tests.selectors.test_search import BAD_INPUT

pytestmark = pytest.mark.django_db
URL = "/search/"


def test_results_show_kind_place_and_the_hit_in_mark(client_for):
    page = client_for("observer").get(URL, {"q": "seals"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "<mark>Seals</mark>" in html or "<mark>seals</mark>" in html
    assert 'href="/documents/iscm-guidelines/sections/seals/"' in html
    assert "Proposal #" in html


def test_an_empty_search_shows_the_filters_and_a_hint(client_for):
    html = client_for("member").get(URL).content.decode()
    assert "Type a word or a phrase" in html
    for name in ("kind", "chapter", "pillar", "standard", "delegation", "status", "past"):
        assert f'name="{name}"' in html


def test_the_header_has_a_search_box_on_every_page(client_for):
    html = client_for("member").get("/documents/").content.decode()
    assert 'action="/search/"' in html and 'id="site-search-q"' in html
    assert '<label for="site-search-q"' in html


@pytest.mark.parametrize("query", BAD_INPUT, ids=range(len(BAD_INPUT)))
def test_any_query_is_answered(client_for, query):
    # Percent-encoded by hand: a lone surrogate is sent as the bytes a browser could send.
    raw = quote(query.encode("utf-8", "surrogatepass"))
    response = client_for("member").get(f"{URL}?q={raw}&past=on")
    assert response.status_code == 200


def test_bytes_that_are_not_utf8_are_answered(client_for):
    assert client_for("member").get(f"{URL}?q=%FF%FE%00seal").status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"q": "seal", "kind": "nonsense"},
        {"q": "seal", "chapter": "abc"},
        {"q": "seal", "chapter": "999999999"},
        {"q": "seal", "pillar": "-1", "standard": "1e9", "delegation": "\x00"},
        {"q": "seal", "status": "<b>", "page": "0"},
        {"q": "seal", "page": "99999999999999999999"},
        {"q": ["seal", "data"], "page": ["2", "x"]},
    ],
)
def test_unknown_filters_are_reported_not_fatal(client_for, params):
    assert client_for("member").get(URL, params).status_code == 200


def test_text_is_escaped_and_only_the_hit_is_marked(client_for):
    section = Section.objects.get(key="seals")
    author = User.objects.get(username="member-cn")
    comment_create(
        user=author, section=section,
        body="Lemur <script>alert(1)</script> <mark>fake</mark> \ue001 lemur",
    )  # fmt: skip
    html = client_for("member").get(URL, {"q": "lemur"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "<mark>fake</mark>" not in html
    assert "<mark>Lemur</mark>" in html and "<mark>lemur</mark>" in html


def test_highlighting_is_balanced_whatever_the_marks():
    assert highlighted("a \ue000b\ue001 <i>") == "a <mark>b</mark> &lt;i&gt;"
    assert highlighted("\ue000\ue000x\ue001") == "<mark>x</mark>"
    assert highlighted("x\ue001\ue001") == "x"
    assert highlighted("\ue000open") == "<mark>open</mark>"


def test_query_count_of_the_page_is_pinned(client_for):
    client = client_for("member")
    client.get(URL, {"q": "seal"})  # warm caches (session, user)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL, {"q": "seal"}).status_code == 200
    section = Section.objects.get(key="seals")
    for n in range(25):
        comment_create(user=User.objects.get(username="member-cn"), section=section,
                       body=f"Seal remark {n}.")  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL, {"q": "seal", "past": "on"}).status_code == 200
    assert len(few.captured_queries) == len(many.captured_queries)
    # session, user (with the delegation the header names), header counts, filter choices (4),
    # the sections' outline, the matches (SQLite: one query; PostgreSQL: count, page of ids,
    # ts_headline snippets) and the entries
    expected = 11 if connection.vendor == "sqlite" else 13
    assert len(many.captured_queries) == expected, [q["sql"][:60] for q in many.captured_queries]
