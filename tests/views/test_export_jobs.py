"""Exports as jobs: the progress page, the download, the list; what the worker does is in
tests/services/test_exports.py and tests/test_worker.py."""

import subprocess

import pytest
from django.urls import reverse

from guidelines.exports import files
from guidelines.models import Document, ExportJob, ExportStatus, Milestone, WorkingDocument
from guidelines.services.exports import export_job_run
from tests.conftest import login_client
from tests.exports.conftest import require

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def pdf_words(pdf: bytes) -> str:
    require("pdftotext", "poppler-utils")
    result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def doc():
    return Document.objects.get(slug="iscm-guidelines")


def export_url(**query) -> str:
    url = reverse("guidelines:document_export", kwargs={"slug": "iscm-guidelines", "fmt": "pdf"})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.mark.django_db
def test_a_queued_export_shows_progress_then_downloads_the_redline_asked_for(seeded, settings):
    """The web process only enqueues; the page follows the job; the redline is the redline."""
    settings.TASKS = DB_TASKS
    first = Milestone.objects.get(document=doc())
    client = login_client("member-au")
    asked = client.get(export_url(against=first.pk))
    job = ExportJob.objects.get()
    assert asked.status_code == 302 and asked["Location"] == reverse(
        "guidelines:export_job", kwargs={"slug": "iscm-guidelines", "pk": job.pk}
    )
    assert job.status == ExportStatus.QUEUED and job.against == first and job.variant == "redline"
    page = client.get(asked["Location"])
    assert page.status_code == 202
    html = page.content.decode()
    assert "iscm-guidelines-redline.pdf" in html and "Waiting for a worker" in html
    status_url = reverse(
        "guidelines:export_job_status", kwargs={"slug": "iscm-guidelines", "pk": job.pk}
    )
    assert f'hx-get="{status_url}"' in html
    assert "HX-Redirect" not in client.get(status_url)

    export_job_run(job_id=job.pk)  # what the worker does

    ready = client.get(status_url, HTTP_HX_REQUEST="true")
    download_url = reverse(
        "guidelines:export_job_download", kwargs={"slug": "iscm-guidelines", "pk": job.pk}
    )
    assert ready["HX-Redirect"] == download_url
    pdf = client.get(download_url)
    assert pdf["Content-Disposition"] == 'attachment; filename="iscm-guidelines-redline.pdf"'
    assert "The letters after each change name who made it" in pdf_words(pdf.content)
    # Asked again with nothing changed: the stored file, at once, without a new job.
    again = client.get(export_url(against=first.pk))
    assert again.status_code == 200 and again.content == pdf.content
    assert ExportJob.objects.count() == 1


@pytest.mark.django_db
def test_the_same_export_asked_twice_at_once_is_one_job(seeded, settings):
    settings.TASKS = DB_TASKS
    working = WorkingDocument.objects.get(reference="PC0999E1")
    url = reverse(
        "guidelines:working_document_export",
        kwargs={"slug": "iscm-guidelines", "pk": working.pk, "fmt": "docx"},
    )
    first = login_client("member-au").get(url)
    second = login_client("facilitator").get(url)
    assert first["Location"] == second["Location"]
    job = ExportJob.objects.get()
    assert job.requested_by.username == "member-au" and job.download_name == "PC0999E1.docx"
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(task_path__endswith="export_run").count() == 1


@pytest.mark.django_db
def test_a_failing_export_is_shown_with_its_message_and_a_way_to_try_again(seeded, monkeypatch):
    def broken(self, html=None, **kwargs):
        raise RuntimeError("the printer caught fire")

    monkeypatch.setattr(files.PdfExporter, "render", broken)
    client = login_client("secretariat")
    asked = client.get(export_url())
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.FAILED and "the printer caught fire" in job.error
    page = client.get(asked["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "The export stopped with an error." in html and "the printer caught fire" in html
    assert f'href="{export_url()}"' in html  # "Try again"
    status = client.get(
        reverse("guidelines:export_job_status", kwargs={"slug": "iscm-guidelines", "pk": job.pk})
    )
    assert status.status_code == 286  # htmx stops polling
    # Trying again makes a new job (the failed one is kept, with its message).
    monkeypatch.undo()
    again = client.get(export_url())
    assert again.status_code == 200 and again.content.startswith(b"%PDF")
    assert list(ExportJob.objects.values_list("status", flat=True)) == ["done", "failed"]


@pytest.mark.django_db
def test_the_exports_list_shows_who_asked_what_and_how_it_went(seeded, settings):
    client = login_client("member-au")
    client.get(export_url())
    settings.TASKS = DB_TASKS
    login_client("facilitator").get(
        reverse("guidelines:document_export", kwargs={"slug": "iscm-guidelines", "fmt": "docx"})
    )
    page = client.get(reverse("guidelines:export_jobs", kwargs={"slug": "iscm-guidelines"}))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("iscm-guidelines-clean.docx") < html.index("iscm-guidelines-clean.pdf")
    assert "Liam Walker" in html and "queued" in html and "Download" in html


@pytest.mark.django_db
def test_a_download_before_the_file_is_ready_goes_to_the_progress_page(seeded, settings):
    settings.TASKS = DB_TASKS
    client = login_client("observer")
    client.get(export_url())
    job = ExportJob.objects.get()
    kwargs = {"slug": "iscm-guidelines", "pk": job.pk}
    early = client.get(reverse("guidelines:export_job_download", kwargs=kwargs))
    assert early.status_code == 302
    assert early["Location"] == reverse("guidelines:export_job", kwargs=kwargs)
    # A job is found through its own document only.
    from tests.factories import DocumentFactory

    other = DocumentFactory(slug="another-document")
    for name in ("export_job", "export_job_status", "export_job_download"):
        url = reverse(f"guidelines:{name}", kwargs={"slug": other.slug, "pk": job.pk})
        assert client.get(url).status_code == 404
