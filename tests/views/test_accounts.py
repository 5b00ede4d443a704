"""Sign-in throttling (django-axes) through the real login form: lockout, its page in English
and French, the right password refused while locked, the secretariat's unlock in the admin,
and the client address taken from X-Forwarded-For only behind the TLS proxy."""

from pathlib import Path

import pytest
from axes.backends import AxesStandaloneBackend
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.module_loading import import_string

from guidelines.models import User
from tests.conftest import DEMO_PASSWORD, login_client

LOGIN = "/accounts/login/"


def sign_in(client: Client, password: str, username: str = "member-au", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def fail_until_locked(client: Client, **extra):
    """Wrong passwords up to the limit; every one before the last is the login form again."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "wrong", **extra)
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    return sign_in(client, "wrong", **extra)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_defaults_are_ten_failures_and_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 10
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    first = import_string(settings.AUTHENTICATION_BACKENDS[0])
    assert issubclass(first, AxesStandaloneBackend)  # the lockout is checked before the password


@pytest.mark.django_db
def test_a_signed_in_user_is_read_with_their_delegation_in_one_query(seeded):
    """Every page's header names the user's delegation: reading the user (after the session)
    brings it along, whichever backend signed them in."""
    user = User.objects.get(username="member-au")
    for backend in settings.AUTHENTICATION_BACKENDS:
        client = Client()
        client.force_login(user, backend=backend)
        request = RequestFactory().get("/")
        request.session = client.session
        with CaptureQueriesContext(connection) as queries:
            signed_in_user = get_user(request)
            assert signed_in_user == user
            assert signed_in_user.delegation.name == "Australia"
        assert len([q for q in queries if "guidelines_user" in q["sql"]]) == 1
        assert not [q for q in queries if q["sql"].startswith('SELECT "guidelines_delegation"')]


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_even_for_the_right_password(seeded):
    client = Client()
    locked = fail_until_locked(client)
    assert locked.status_code == 429
    assert locked["Retry-After"] == str(15 * 60)
    page = locked.content.decode()
    assert "Sign-in locked" in page and "the password was wrong 10 times in a row" in page
    assert "Try again in 15 minutes" in page and "ask the WCO Secretariat" in page
    assert "Traceback" not in page
    right = sign_in(client, DEMO_PASSWORD)
    assert right.status_code == 429 and not signed_in(client)
    # another user from the same address is not locked out (username + address together)
    assert sign_in(Client(), DEMO_PASSWORD, username="observer").status_code == 302


@pytest.mark.django_db
def test_a_failure_limit_from_the_environment_is_obeyed(seeded, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    assert [sign_in(client, "wrong").status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.django_db
def test_the_lockout_page_is_translated(seeded):
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    locked = fail_until_locked(client)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert '<html lang="fr">' in page
    template = (Path(settings.BASE_DIR) / "templates/registration/locked_out.html").read_text()
    text_lines = [line for line in template.splitlines() if "<p" in line or "<h1" in line]
    assert text_lines and all("translate" in line for line in text_lines)


@pytest.mark.django_db
def test_the_secretariat_lifts_a_lockout_in_the_admin(seeded):
    client = Client()
    assert fail_until_locked(client).status_code == 429
    attempt = AccessAttempt.objects.get(username="member-au")
    admin = login_client("secretariat")
    changelist = reverse("admin:axes_accessattempt_changelist")
    listing = admin.get(changelist)
    assert listing.status_code == 200 and "member-au" in listing.content.decode()
    confirm = admin.post(
        changelist, {"action": "delete_selected", "_selected_action": [attempt.pk]}
    )
    assert confirm.status_code == 200  # "are you sure?"
    done = admin.post(
        changelist, {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"}
    )
    assert done.status_code == 302
    assert not AccessAttempt.objects.filter(username="member-au").exists()
    assert sign_in(client, DEMO_PASSWORD).status_code == 302 and signed_in(client)


@pytest.mark.django_db
def test_only_the_secretariat_sees_lockouts_and_only_lockouts(seeded):
    changelist = reverse("admin:axes_accessattempt_changelist")
    for username in ("facilitator", "member-au", "observer"):
        assert login_client(username).get(changelist).status_code == 302  # to the admin login
    secretariat = login_client("secretariat")
    assert secretariat.get(reverse("admin:axes_accesslog_changelist")).status_code == 403
    assert secretariat.get(reverse("admin:axes_accessfailurelog_changelist")).status_code == 403


@pytest.mark.django_db
def test_sign_ins_and_failures_are_recorded_for_the_audit_trail(seeded):
    client = Client(REMOTE_ADDR="192.0.2.7")
    sign_in(client, "wrong-Secret-42")
    assert "wrong-Secret-42" not in AccessAttempt.objects.get().post_data  # never the password
    assert sign_in(client, DEMO_PASSWORD).status_code == 302
    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.ip_address, failure.locked_out) == (
        "member-au",
        "192.0.2.7",
        False,
    )
    login = AccessLog.objects.get()
    assert (login.username, login.ip_address) == ("member-au", "192.0.2.7")
    # a success clears the count, so a later typo starts again from one
    assert not AccessAttempt.objects.exists()


@pytest.mark.django_db
def test_x_forwarded_for_is_ignored_unless_behind_the_tls_proxy(seeded, settings):
    settings.BEHIND_TLS_PROXY = False
    client = Client()
    # a new forged address on every try does not escape the lockout
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code == 200
    assert sign_in(client, "wrong", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


@pytest.mark.django_db
def test_behind_the_tls_proxy_the_address_the_proxy_saw_is_used(seeded, settings):
    settings.BEHIND_TLS_PROXY = True
    client = Client()  # REMOTE_ADDR 127.0.0.1 is the proxy
    locked = fail_until_locked(client, HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.20")
    assert locked.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.20"}
    # the same user from another client address is not locked out
    other = sign_in(Client(), DEMO_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.21")
    assert other.status_code == 302
