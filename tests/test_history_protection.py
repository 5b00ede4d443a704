"""History rows (simple-history's and the audit's) are never edited or deleted: no admin page
serves them, the ORM refuses, and a revert in the admin only adds a new version."""

import pytest
from django.apps import apps
from django.contrib.admin.sites import site
from django.db import transaction
from django.urls import reverse

from guidelines.models import AccountChange, AppendOnlyError, LoginEvent, Pillar, Section, User
from tests.conftest import login_client
from tests.views.page_forms import form_data

HISTORY_MODELS = [
    m
    for m in apps.get_app_config("guidelines").get_models()
    if m._meta.model_name.startswith("historical") or m in (AccountChange, LoginEvent)
]


def test_no_history_model_has_an_admin_page():
    assert HISTORY_MODELS
    assert not [m for m in HISTORY_MODELS if m in site._registry]


@pytest.mark.django_db
def test_admin_urls_for_history_rows_do_not_exist_even_for_superusers(seeded):
    User.objects.create_superuser("root", "root@example.org", "pw")
    client = login_client("root")
    row = Section.history.first()
    for model in HISTORY_MODELS:
        base = f"/admin/guidelines/{model._meta.model_name}/"
        assert client.get(base).status_code == 404, base
        pk = row.pk if model is type(row) else 1
        for suffix in (f"{pk}/change/", f"{pk}/delete/"):
            assert client.post(base + suffix, {"post": "yes"}).status_code == 404
    assert Section.history.filter(pk=row.pk).exists()


@pytest.mark.django_db
def test_the_orm_refuses_to_change_or_delete_audit_and_history_rows(seeded):
    change = AccountChange.objects.first()
    with pytest.raises(AppendOnlyError):
        change.delete()
    with pytest.raises(AppendOnlyError):
        AccountChange.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AccountChange.objects.update(reason="rewritten")
    change.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError), transaction.atomic():
        Section.history.first().delete()
    with pytest.raises(AppendOnlyError), transaction.atomic():
        Section.history.all().delete()
    assert AccountChange.objects.filter(reason="rewritten").count() == 0


@pytest.mark.django_db
def test_a_revert_in_the_admin_adds_a_version_and_keeps_the_old_ones(seeded):
    pillar = Pillar.objects.order_by("pk").first()
    client = login_client("secretariat")
    url = reverse("admin:guidelines_pillar_change", args=[pillar.pk])
    data = form_data(client.get(url).content.decode(), url, page_url=url)
    original_title = pillar.title
    data.update({"title": "A new title", "reason_for_change": "Rename"})
    assert client.post(url, data).status_code == 302
    first = pillar.history.order_by("history_id").first()
    before = list(pillar.history.values_list("history_id", "title", "history_change_reason"))
    revert_url = reverse("admin:guidelines_pillar_simple_history", args=[pillar.pk, first.pk])
    page = client.get(revert_url).content.decode()
    revert = form_data(page, revert_url, page_url=revert_url)
    revert["reason_for_change"] = "Back to the original"
    assert client.post(revert_url, revert).status_code == 302
    after = list(pillar.history.values_list("history_id", "title", "history_change_reason"))
    assert after[: len(before)] == before or set(before) <= set(after)
    assert len(after) == len(before) + 1
    pillar.refresh_from_db()
    assert pillar.title == original_title
    assert pillar.history.latest("history_id").history_change_reason == "Back to the original"


@pytest.mark.django_db
def test_every_admin_page_as_the_secretariat(seeded):
    """Walk every registered model: the secretariat reaches ours and the sign-in lockouts (to
    lift one), never auth's groups, the sign-in logs, two-factor devices or the task queue."""
    client = login_client("secretariat")
    for model in site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        status = client.get(url).status_code
        if model._meta.label == "axes.AccessAttempt":
            assert status == 200, url
        elif model._meta.app_label != "guidelines":
            assert status == 403, url
        else:
            assert status == 200, url
