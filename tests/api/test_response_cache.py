"""The API document's encoded JSON kept under its ETag (guidelines/api/response_cache.py): a hit
sends the bytes and headers of the miss, an edit is never answered with the old body, and the
body follows the address and language it is given in."""

import json

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from guidelines.api import response_cache
from guidelines.api.core import UnicodeJSON
from guidelines.api.schemas import DocumentOut
from guidelines.models import Document, Mapping, Pillar, User
from guidelines.services.milestones import milestone_create
from tests.api.conftest import SLUG, doc
from tests.api.test_documents import _edit
from tests.factories import UserFactory

TABLE = "iscm_rendered_cache"
HEADERS = ("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Type")


def _cache_queries(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if TABLE in q["sql"]]


def _shapes(queries) -> list[str]:
    """The statements without their values (a session's expiry is "now")."""
    return [q["sql"].split(" WHERE ")[0] for q in queries]


def _get(client, url, **extra):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **extra)
    return response, ctx


def _milestone_url() -> str:
    document = Document.objects.get(slug=SLUG)
    facilitator = User.objects.get(username="facilitator")
    return (
        doc() + f"?milestone={milestone_create(document=document, name='M', user=facilitator).pk}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("at_milestone", [False, True])
def test_a_hit_sends_the_bytes_and_headers_of_the_miss(client_for, at_milestone):
    client = client_for("observer")
    url = _milestone_url() if at_milestone else doc()
    miss, miss_queries = _get(client, url)
    hit, hit_queries = _get(client, url)
    assert miss.status_code == hit.status_code == 200
    assert hit.content == miss.content
    assert {h: hit[h] for h in HEADERS} == {h: miss[h] for h in HEADERS}
    assert miss["Content-Type"] == "application/json; charset=utf-8"
    # the miss read the slot, the sections, and wrote the slot; the hit stopped at the read
    assert [sql.split()[0] for sql in _cache_queries(miss_queries)] == ["SELECT", "INSERT"]
    miss_sql = [q["sql"] for q in miss_queries.captured_queries]
    read = miss_sql.index(_cache_queries(miss_queries)[0])
    assert _shapes(hit_queries.captured_queries) == _shapes(
        miss_queries.captured_queries[: read + 1]
    )


@pytest.mark.django_db
@pytest.mark.parametrize("at_milestone", [False, True])
def test_the_bytes_are_what_ninja_encodes_for_the_schema(client_for, at_milestone):
    """Encoded by the endpoint (not by ninja, which sends an HttpResponse as it is): the bytes
    must be those ninja's renderer gives for the validated ``DocumentOut``, hit or miss."""
    client = client_for("observer")
    url = _milestone_url() if at_milestone else doc()
    for response in (client.get(url), client.get(url)):
        data = DocumentOut.model_validate(json.loads(response.content)).model_dump()
        expected = UnicodeJSON().render(None, data, response_status=200).encode()
        assert response.content == expected


@pytest.mark.django_db
def test_the_stored_bytes_are_what_a_hit_sends(client_for):
    """What a hit sends comes from the cache (and only for the ETag it was stored with)."""
    client = client_for("observer")
    first = client.get(doc())
    key = response_cache.slot(
        document_url=f"http://testserver/documents/{SLUG}/", language="en", milestone=None
    )
    etag = first["ETag"][3:-1]  # W/"…"
    assert response_cache.fetch(key, etag) == first.content
    response_cache.store(key, etag, b'{"stored": true}')
    assert client.get(doc()).content == b'{"stored": true}'
    response_cache.store(key, "another version", b'{"stale": true}')
    assert client.get(doc()).content == first.content  # encoded again, and stored again
    assert response_cache.fetch(key, etag) == first.content


def _body(client) -> dict:
    response = client.get(doc())
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db
def test_an_edited_section_is_never_answered_with_the_old_body(client_for):
    client = client_for("observer")
    _body(client), _body(client)  # stored, then a hit
    _edit("seals", body="A body written after the first request.")
    sections = {s["key"]: s for s in _body(client)["sections"]}
    assert sections["seals"]["body"] == "A body written after the first request."


@pytest.mark.django_db
def test_a_removed_mapping_and_a_renamed_standard_are_never_answered_with_the_old_body(
    client_for,
):
    from guidelines.selectors.versions import mappings_version
    from guidelines.services.history import save_versioned
    from guidelines.services.safe import mapping_remove

    client = client_for("observer")
    mapping = Mapping.objects.filter(section__document__slug=SLUG, is_deleted=False).first()
    key = mapping.section.key

    def mappings() -> list[dict]:
        return next(s["mappings"] for s in _body(client)["sections"] if s["key"] == key)

    before = mappings()
    standard = mapping.standard
    standard.title = "A standard renamed after the first request"
    save_versioned(standard, user=User.objects.get(username="secretariat"), reason="test")
    renamed = mappings()
    assert "A standard renamed after the first request" in {m["standard_title"] for m in renamed}
    mapping_remove(mapping=mapping, user=User.objects.get(username="facilitator"),
                   reason="test", expected_version=mappings_version(mapping.section))  # fmt: skip
    assert len(mappings()) == len(before) - 1


@pytest.mark.django_db
@pytest.mark.parametrize("at_milestone", [False, True])
def test_a_renumbered_pillar_is_never_answered_with_the_old_body(client_for, at_milestone):
    from guidelines.services.history import save_versioned

    client = client_for("observer")
    url = _milestone_url() if at_milestone else doc()

    def pillars() -> set[int]:
        response = client.get(url)
        assert response.status_code == 200
        return {m["pillar"] for s in response.json()["sections"] for m in s["mappings"]}

    assert 1 in pillars() and 1 in pillars()  # stored, then a hit
    pillar = Pillar.objects.get(number=1)
    pillar.number = 99
    save_versioned(pillar, user=User.objects.get(username="secretariat"), reason="test")
    assert 99 in pillars() and 1 not in pillars()


@pytest.mark.django_db
def test_a_write_that_commits_with_an_older_date_is_never_answered_with_the_old_body(client_for):
    """Two concurrent saves may commit in the other order than their dates: the second to commit
    then leaves the newest date as it was. Played here by an edit dated before the newest one."""
    from datetime import timedelta

    from guidelines.models import Section

    client = client_for("observer")
    _body(client), _body(client)  # stored, then a hit
    newest = Section.history.filter(document__slug=SLUG).order_by("-history_date").first()
    _edit("seals", body="Saved by the transaction that committed last.")
    row = Section.history.filter(key="seals", document__slug=SLUG).order_by("-history_id")[0]
    earlier = newest.history_date - timedelta(seconds=1)
    Section.history.filter(history_id=row.history_id).update(history_date=earlier)
    Section.objects.filter(pk=row.id).update(updated_at=earlier)
    sections = {s["key"]: s for s in _body(client)["sections"]}
    assert sections["seals"]["body"] == "Saved by the transaction that committed last."


@pytest.mark.django_db
def test_each_address_gets_its_own_absolute_urls(client_for, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    client = client_for("observer")
    here = _body(client)
    there = client.get(doc(), HTTP_HOST="other.example").json()
    secure = client.get(doc(), secure=True).json()
    assert here["html_url"] == f"http://testserver/documents/{SLUG}/"
    assert there["html_url"] == f"http://other.example/documents/{SLUG}/"
    assert secure["html_url"] == f"https://testserver/documents/{SLUG}/"
    for data, start in ((here, "http://testserver/"), (there, "http://other.example/"),
                        (secure, "https://testserver/")):  # fmt: skip
        assert all(s["html_url"].startswith(start) for s in data["sections"])
    assert _body(client) == here  # each slot its own


@pytest.mark.django_db
def test_french_and_english_have_their_own_entries(client_for):
    client = client_for("observer")
    english = client.get(doc(), HTTP_ACCEPT_LANGUAGE="en")
    french = client.get(doc(), HTTP_ACCEPT_LANGUAGE="fr")
    assert english["ETag"] != french["ETag"]
    assert client.get(doc(), HTTP_ACCEPT_LANGUAGE="fr").content == french.content
    assert client.get(doc(), HTTP_ACCEPT_LANGUAGE="en").content == english.content
    caches[response_cache.ALIAS].clear()
    assert client.get(doc(), HTTP_ACCEPT_LANGUAGE="fr").content == french.content


@pytest.mark.django_db
def test_refusals_come_before_any_cache_read(client_for):
    client_for("observer").get(doc())  # stored
    anonymous, anonymous_queries = _get(Client(), doc())
    user = UserFactory()  # no group: no role
    roleless = Client()
    roleless.force_login(user)
    refused, refused_queries = _get(roleless, doc())
    assert (anonymous.status_code, refused.status_code) == (401, 403)
    assert not _cache_queries(anonymous_queries) and not _cache_queries(refused_queries)
    assert b"sections" not in anonymous.content + refused.content


@pytest.mark.django_db
def test_a_cache_that_holds_nothing_or_garbage_is_a_miss(client_for, settings):
    client = client_for("observer")
    first = client.get(doc())
    key = response_cache.slot(
        document_url=f"http://testserver/documents/{SLUG}/", language="en", milestone=None
    )
    etag = first["ETag"][3:-1]
    for garbage in ("text", (etag,), (etag, b"not zlib"), (etag, "not bytes")):
        caches[response_cache.ALIAS].set(key, garbage)
        assert client.get(doc()).content == first.content
    settings.CACHES = {
        **settings.CACHES,
        "rendered": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    assert client.get(doc()).content == first.content


@pytest.mark.django_db
def test_a_body_too_large_is_not_stored(monkeypatch):
    monkeypatch.setattr(response_cache, "MAX_BYTES", 10)
    response_cache.store("large", "tag", b"x" * 11)
    response_cache.store("small", "tag", b"x" * 10)
    assert response_cache.fetch("large", "tag") is None
    assert response_cache.fetch("small", "tag") == b"x" * 10
