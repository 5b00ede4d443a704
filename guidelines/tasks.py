"""Background tasks (Django's tasks API, django-tasks backport): the web process enqueues them;
``manage.py worker`` runs them (tests: the immediate backend runs them at once)."""

from django_tasks import task


@task()
def export_run(job_id: int) -> str:
    from .services.exports import export_job_run

    job = export_job_run(job_id=job_id)
    return job.status if job is not None else "skipped"


@task()
def notifications_send() -> list[int]:
    from .services.notifications import notifications_send_pending

    return list(notifications_send_pending())


@task()
def rounds_remind() -> int:
    """Queue the consultation rounds' reminders that are due (also run by the worker's
    housekeeping and by ``manage.py remind_rounds``)."""
    from .services.rounds import rounds_remind as remind

    return remind()


@task()
def overlaps_recompute_task(document_id: int, section_id: int | None = None) -> int:
    """The duplication finder after an edit: one section (both directions of its pairs) or a
    whole document. Skipped when the document is gone."""
    from .models import Document, Section
    from .services.overlaps import overlaps_recompute

    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return 0
    section = None
    if section_id is not None:
        section = Section.objects.filter(pk=section_id, document=document).first()
        if section is None:
            return 0
    return overlaps_recompute(document=document, section=section)


@task()
def rendered_fill_task(section_id: int | None = None, translation_id: int | None = None) -> int:
    """A saved section's or translation's text rendered into the cache every process shares
    (services/rendered.py)."""
    from .services.rendered import rendered_fill

    return rendered_fill(section_id=section_id, translation_id=translation_id)
