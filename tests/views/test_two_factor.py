"""Two-factor sign-in (TOTP): setting it up, the code after the password, the roles that must
use it when TWO_FACTOR_REQUIRED is on, and turning it off."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from guidelines.models import User
from tests.conftest import DEMO_PASSWORD

DOCUMENTS = "/documents/"


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    """django-otp slows tries after a wrong code (seconds); here the right one follows at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, t0=device.t0 - offset * device.step):06d}"


def sign_in(username: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def device_for(username: str) -> TOTPDevice:
    return TOTPDevice.objects.create(user=User.objects.get(username=username), confirmed=True)


@pytest.mark.django_db
def test_a_member_sets_it_up_with_a_code_from_the_app(seeded):
    client = sign_in("member-au")
    url = reverse("two_factor")
    assert "Set up two-factor sign-in" in client.get(url).content.decode()
    assert client.post(url, {"action": "start"}).status_code == 302
    pending = TOTPDevice.objects.get(user__username="member-au")
    assert not pending.confirmed
    page = client.get(url).content.decode()
    assert "otpauth://totp/ISCM%20Tracker%3Amember-au?secret=" in page
    wrong = client.post(url, {"action": "confirm", "token": "000000"})
    assert wrong.status_code == 400 and "This code is not right" in wrong.content.decode()
    right = client.post(url, {"action": "confirm", "token": code(pending)})
    assert right.status_code == 302
    pending.refresh_from_db()
    assert pending.confirmed
    assert client.get(DOCUMENTS).status_code == 200  # this session is verified already


@pytest.mark.django_db
def test_after_the_password_the_code_is_asked_before_anything_else(seeded):
    device = device_for("facilitator")
    client = sign_in("facilitator")
    asked = client.get(DOCUMENTS)
    verify = reverse("two_factor_verify")
    assert asked.status_code == 302 and asked["Location"] == f"{verify}?next={DOCUMENTS}"
    assert client.get("/admin/").status_code == 302  # the admin too
    assert client.post(verify, {"token": "123456", "next": DOCUMENTS}).status_code == 400
    done = client.post(verify, {"token": code(device), "next": DOCUMENTS})
    assert done.status_code == 302 and done["Location"] == DOCUMENTS
    assert client.get(DOCUMENTS).status_code == 200
    # a foreign address in next is not followed
    other = sign_in("facilitator")
    away = other.post(verify, {"token": code(device, offset=1), "next": "https://evil.example/"})
    assert away.status_code == 302 and away["Location"] == DOCUMENTS


@pytest.mark.django_db
def test_users_without_it_are_not_asked(seeded):
    assert sign_in("member-au").get(DOCUMENTS).status_code == 200


@pytest.mark.django_db
def test_when_required_the_facilitator_and_secretariat_set_it_up_first(seeded, settings):
    settings.TWO_FACTOR_REQUIRED = True
    for username in ("facilitator", "secretariat"):
        asked = sign_in(username).get(DOCUMENTS)
        assert asked.status_code == 302
        assert asked["Location"].startswith(reverse("two_factor"))
    assert sign_in("member-au").get(DOCUMENTS).status_code == 200
    assert sign_in("observer").get(DOCUMENTS).status_code == 200


@pytest.mark.django_db
def test_turning_it_off_needs_a_code_and_is_refused_to_a_role_that_must_keep_it(seeded, settings):
    device = device_for("member-au")
    client = sign_in("member-au")
    client.post(reverse("two_factor_verify"), {"token": code(device)})
    url = reverse("two_factor")
    assert client.post(url, {"action": "disable", "token": "000000"}).status_code == 400
    assert TOTPDevice.objects.filter(user__username="member-au").exists()
    off = client.post(url, {"action": "disable", "token": code(device, offset=1)})
    assert off.status_code == 302
    assert not TOTPDevice.objects.filter(user__username="member-au").exists()

    settings.TWO_FACTOR_REQUIRED = True
    device = device_for("secretariat")
    client = sign_in("secretariat")
    client.post(reverse("two_factor_verify"), {"token": code(device)})
    refused = client.post(url, {"action": "disable", "token": code(device, offset=1)})
    assert refused.status_code == 400
    assert "Your role must keep two-factor sign-in." in refused.content.decode()
    assert TOTPDevice.objects.filter(user__username="secretariat").exists()


@pytest.mark.django_db
def test_guessing_codes_is_slowed_down(seeded, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 1  # the default: 1 s, 2 s, 4 s… after each wrong code
    device = device_for("facilitator")
    client = sign_in("facilitator")
    verify = reverse("two_factor_verify")
    assert client.post(verify, {"token": "000000"}).status_code == 400
    assert client.post(verify, {"token": code(device)}).status_code == 400  # too soon
    assert client.get(DOCUMENTS).status_code == 302
