"""A worker's first request: the sections' HTML from the cache every process shares."""

import pytest
from django.urls import reverse

from guidelines.exports.context import CLEAN, export_content
from guidelines.exports.pdf import PdfExporter
from guidelines.models import Document
from guidelines.rendering.markdown import forget_in_process, rendered_count
from guidelines.services.synthetic import synthetic_document_create
from tests.queries import page_queries as queries


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_new_workers_document_page_renders_nothing_another_worker_has(client_for, language):
    client = client_for("member")
    client.cookies["django_language"] = language
    url = reverse("guidelines:document_detail", kwargs={"slug": "iscm-guidelines"})
    forget_in_process()  # (the seed rendered some texts in this process)
    cold = queries(client, url)  # nothing rendered anywhere yet
    warm = queries(client, url)  # every text held by this worker: no cache query
    forget_in_process()  # a worker that just started
    before = rendered_count()
    first = queries(client, url)
    assert rendered_count() == before  # all from the shared cache
    assert first == warm + 1  # in one query
    # that query, then the texts stored in a savepoint (a count and one upsert)
    assert cold == warm + 5


@pytest.mark.django_db
def test_the_cache_queries_do_not_grow_with_the_document(client_for):
    client = client_for("member")
    counts = {}
    for n in (30, 300):
        slug = synthetic_document_create(sections=n).slug
        url = reverse("guidelines:document_detail", kwargs={"slug": slug})
        forget_in_process()
        counts[n] = queries(client, url)
    assert counts[30] == counts[300], counts


@pytest.mark.django_db
def test_an_export_renders_nothing_the_pages_have(client_for):
    forget_in_process()
    client_for("member").get(reverse("guidelines:document_detail", args=["iscm-guidelines"]))
    forget_in_process()
    before = rendered_count()
    content = export_content(document=Document.objects.get(slug="iscm-guidelines"), variant=CLEAN)
    PdfExporter(content).html()
    assert rendered_count() == before
