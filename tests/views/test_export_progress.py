import threading

import pytest
from django.urls import reverse

from guidelines.models import WorkingDocument
from tests.conftest import login_client


@pytest.mark.django_db(transaction=True)
def test_a_large_export_shows_progress_and_delivers_when_ready(seeded, settings):
    settings.EXPORTS_ASYNC = True
    settings.EXPORT_ASYNC_SECTIONS = 10  # the demo draft counts as large here
    client = login_client("member-au")
    working = WorkingDocument.objects.get(reference="PC0999E1")
    url = reverse(
        "guidelines:working_document_export",
        kwargs={"slug": "iscm-guidelines", "pk": working.pk, "fmt": "pdf"},
    )
    first = client.get(url)
    assert first.status_code == 202
    html = first.content.decode()
    assert "Preparing your file" in html and "PC0999E1.pdf" in html
    status_url = html.split('hx-get="')[1].split('"')[0].replace("&amp;", "&")
    for worker in [t for t in threading.enumerate() if t.name.startswith("iscm-export-")]:
        worker.join(timeout=60)
    ready = client.get(status_url, HTTP_HX_REQUEST="true")
    assert ready["HX-Redirect"] == url
    download = client.get(url)
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
