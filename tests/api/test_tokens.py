"""Personal access tokens: made and revoked on the API tokens page, shown once, hashed at rest,
accepted as ``Authorization: Bearer``; revoked, malformed or a deactivated user's: 401."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guidelines.models import AccountChange, ApiToken, User
from guidelines.services.api_tokens import api_token_create, api_token_revoke
from tests.api.conftest import doc, v1

PAGE = "/account/tokens/"


def bearer(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def member(seeded):
    return User.objects.get(username="member-au")


@pytest.mark.django_db
def test_a_token_reads_with_its_users_permissions_and_is_hashed_at_rest(member):
    token, plain = api_token_create(user=member, name="CI", by=member)
    assert plain.startswith(f"iscm_{token.prefix}_") and len(plain) > 40
    row = ApiToken.objects.get(pk=token.pk)
    assert plain not in str(row.__dict__)  # only its hash is kept
    assert row.token_hash == hashlib.sha256(plain.encode()).hexdigest()
    client = bearer(plain)
    assert client.get(doc()).status_code == 200
    assert client.get("/api/documents/").status_code == 200  # the old paths too
    # the member's permissions, not more: the parity is for those who translate
    assert client.get(doc("translations/fr/")).status_code == 403
    # read-only: no write through a token, even with a session's CSRF exemption
    assert client.post(doc(), {}).status_code == 405
    # the pages (HTML) never take a token
    assert client.get("/documents/").status_code == 302
    change = AccountChange.objects.filter(user=member).latest("changed_at")
    assert change.changes == {"API token": ["", f"CI ({token.prefix})"]}
    assert change.changed_by == member


@pytest.mark.django_db
def test_last_used_is_recorded_at_most_once_a_minute(member):
    token, plain = api_token_create(user=member, name="CI", by=member)
    client = bearer(plain)
    assert client.get(v1("documents/")).status_code == 200
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    client.get(v1("documents/"))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first  # not written again
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    client.get(v1("documents/"))
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first - timedelta(minutes=1)


@pytest.mark.django_db
@pytest.mark.parametrize("header", [
    "Bearer", "Bearer ", "Bearer garbage", "Bearer iscm_", "Bearer iscm_zzzzzzzz_",
    "Bearer iscm_0123abcd_" + "x" * 43, "Basic dXNlcjpwdw==", "Token abc", "Bearer \u202e\u0000",
    "Bearer " + "A" * 10_000,
])  # fmt: skip
def test_malformed_or_unknown_tokens_get_401_even_with_a_session(member, header):
    client = Client(HTTP_AUTHORIZATION=header)
    client.force_login(member)  # a bad header is refused, not ignored for the session
    response = client.get(v1("documents/"))
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.django_db
def test_a_revoked_token_or_one_of_a_deactivated_user_gets_401(member):
    _token, plain = api_token_create(user=member, name="one", by=member)
    other, other_plain = api_token_create(user=member, name="two", by=member)
    # a token with the right prefix and a wrong secret
    assert bearer(plain[:-2] + "zz").get(v1()).status_code == 401
    api_token_revoke(token=other, by=member)
    assert bearer(other_plain).get(v1()).status_code == 401
    assert bearer(plain).get(v1()).status_code == 200
    member.is_active = False
    member.save()
    assert bearer(plain).get(v1()).status_code == 401


@pytest.mark.django_db
def test_the_page_makes_a_token_shown_once_and_revokes_it(client_for, member):
    client = client_for("member")
    page = client.get(PAGE)
    assert page.status_code == 200 and "You have no tokens yet." in page.content.decode()
    made = client.post(PAGE, {"name": "Dashboard"})
    assert made.status_code == 302 and made["Location"] == PAGE  # POST/redirect/GET
    response = client.get(PAGE)
    html = response.content.decode()
    [plain] = set(re.findall(r"iscm_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}", html))
    assert "shown only this once" in html and response["Cache-Control"] == "no-store"
    assert ApiToken.objects.filter(user=member).count() == 1  # the GET made none
    assert bearer(plain).get(v1("documents/")).status_code == 200
    again = client.get(PAGE).content.decode()
    assert plain not in again and "Dashboard" in again  # listed with its prefix, not its value
    token = ApiToken.objects.get(user=member, name="Dashboard")
    assert f"iscm_{token.prefix}_" in again
    # a name is required
    refused = client.post(PAGE, {"name": "  "})
    assert refused.status_code == 200 and ApiToken.objects.filter(user=member).count() == 1
    # revoke: one POST form per token
    revoke = reverse("guidelines:api_token_revoke", kwargs={"pk": token.pk})
    assert f'action="{revoke}"' in again
    assert client.post(revoke).status_code == 302
    assert bearer(plain).get(v1("documents/")).status_code == 401
    token.refresh_from_db()
    assert token.revoked_by == member and "revoked" in client.get(PAGE).content.decode()


@pytest.mark.django_db
def test_nobody_revokes_someone_elses_token_on_the_page(client_for, member):
    token, plain = api_token_create(user=member, name="mine", by=member)
    url = reverse("guidelines:api_token_revoke", kwargs={"pk": token.pk})
    assert client_for("observer").post(url).status_code == 404
    assert bearer(plain).get(v1()).status_code == 200


@pytest.mark.django_db
def test_the_forms_need_csrf(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(PAGE, {"name": "x"}).status_code == 403
    token, _plain = api_token_create(user=member, name="mine", by=member)
    url = reverse("guidelines:api_token_revoke", kwargs={"pk": token.pk})
    assert client.post(url).status_code == 403
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


@pytest.mark.django_db
def test_the_header_links_to_the_page(client_for):
    assert f'href="{PAGE}"' in client_for("observer").get("/documents/").content.decode()


@pytest.mark.django_db
def test_the_secretariat_sees_and_revokes_tokens_in_the_admin(client_for, member):
    token, plain = api_token_create(user=member, name="CI", by=member)
    admin = client_for("secretariat")
    listing = admin.get("/admin/guidelines/apitoken/")
    assert listing.status_code == 200 and token.prefix in listing.content.decode()
    change = admin.get(f"/admin/guidelines/apitoken/{token.pk}/change/").content.decode()
    assert token.token_hash in change and 'name="token_hash"' not in change  # read-only
    assert admin.get("/admin/guidelines/apitoken/add/").status_code == 403
    response = admin.post("/admin/guidelines/apitoken/",
                          {"action": "revoke", "_selected_action": [token.pk]})  # fmt: skip
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by.username == "secretariat"
    assert bearer(plain).get(v1()).status_code == 401
    assert client_for("facilitator").get("/admin/guidelines/apitoken/").status_code == 302
    assert timezone.now() - token.revoked_at < timedelta(minutes=1)
