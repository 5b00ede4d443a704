"""Every error under /api/ is JSON {"detail", "code"}, never a redirect nor an HTML page."""

import pytest
from django.test import Client

from guidelines.api.core import MAX_PAGE_SIZE
from tests.api.conftest import doc, v1
from tests.conftest import login_client
from tests.factories import UserFactory


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["code"] == code and data["detail"], data
    return data


ALL = [v1(), v1("documents/"), doc(), doc("sections/seals/"), doc("proposals/"),
       doc("comments/"), doc("milestones/"), doc("translations/fr/"), v1("schema/"),
       "/api/documents/"]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("url", ALL)
def test_anonymous_gets_401_json_with_the_bearer_challenge(seeded, url):
    response = Client().get(url)
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.django_db
def test_a_user_without_a_role_gets_403(seeded):
    user = UserFactory()  # no group: no role
    client = Client()
    client.force_login(user)
    assert_error(client.get(v1("documents/")), 403, "permission_denied")


@pytest.mark.django_db
def test_parity_is_for_those_who_translate(client_for):
    assert_error(client_for("member").get(doc("translations/fr/")), 403, "permission_denied")
    assert client_for("secretariat").get(doc("translations/fr/")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url,what", [
    (v1("documents/nope/"), "document"),
    (doc("sections/no-such-key/"), "section"),
    (doc("?milestone=999999999"), "milestone"),
    (doc("translations/en/"), "language"),
    (v1("no/such/path/"), "path"),  # Django's own 404, made JSON
    ("/api/nothing-here", "path outside v1"),
])  # fmt: skip
def test_not_found_is_json(client_for, url, what):
    assert_error(client_for("facilitator").get(url), 404, "not_found")


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_writes_are_405_json(client_for, method):
    for client in (Client(), client_for("facilitator")):
        response = getattr(client, method)(doc())
        assert_error(response, 405, "method_not_allowed")
        assert "GET" in response["Allow"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["?page=0", "?page=abc", "?page_size=0", "?milestone=abc",
                                   "?status=bogus", "?page=" + "9" * 10_000])  # fmt: skip
def test_bad_parameters_are_422_json(client_for, query):
    url = doc("proposals/") if "status" in query or "page" in query else doc()
    data = assert_error(client_for("observer").get(url + query), 422, "invalid")
    assert data["errors"] and len(str(data)) < 2000  # the value is not echoed back


@pytest.mark.django_db
def test_a_huge_page_size_is_capped_not_refused(client_for):
    data = client_for("observer").get(doc("comments/"), {"page_size": 10_000}).json()
    assert len(data["comments"]) <= MAX_PAGE_SIZE


@pytest.mark.django_db
def test_too_many_requests_is_429_json_with_retry_after(client_for, monkeypatch):
    from guidelines.api import api

    [throttle] = api.throttle
    monkeypatch.setattr(throttle, "num_requests", 3)
    client = client_for("observer")
    assert [client.get(v1("documents/")).status_code for _ in range(3)] == [200] * 3
    response = client.get(v1("documents/"))
    assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    # counted per user: another user is not held back
    assert client_for("member").get(v1("documents/")).status_code == 200


@pytest.mark.django_db
def test_a_session_waiting_for_its_two_factor_code_gets_401_not_a_redirect(seeded):
    from guidelines.selectors.two_factor import SESSION_KEY

    client = login_client("facilitator")
    session = client.session
    session[SESSION_KEY] = "verify"
    session.save()
    assert client.get("/documents/").status_code == 302  # the pages: to the code
    assert_error(client.get(v1("documents/")), 401, "not_authenticated")


@pytest.mark.django_db
def test_head_is_a_get_without_its_body(client_for):
    client = client_for("observer")
    response = client.head(doc())
    assert response.status_code == 200 and response.content == b""
    assert response["ETag"] == client.get(doc())["ETag"]
    assert Client().head(doc()).status_code == 401


@pytest.mark.django_db
def test_a_server_error_under_the_api_is_json(client_for, monkeypatch):
    from guidelines.api import endpoints

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(endpoints, "document_list", broken)
    client = client_for("observer")
    client.raise_request_exception = False
    data = assert_error(client.get(v1("documents/")), 500, "error")
    assert "boom" not in str(data)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["4611686018427387904", "9223372036854775807", "1000001"])
def test_a_huge_page_is_refused_not_a_server_error(client_for, page):
    assert_error(client_for("observer").get(v1("documents/"), {"page": page}), 422, "invalid")


@pytest.mark.django_db
def test_a_missing_slash_is_a_404_naming_the_path_even_with_a_valid_token(seeded):
    from guidelines.models import User
    from guidelines.services.api_tokens import api_token_create

    user = User.objects.get(username="observer")
    _token, plain = api_token_create(user=user, name="CI", by=user)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
    data = assert_error(client.get("/api/v1/documents"), 404, "not_found")
    assert data["path"] == v1("documents/")
    assert client.get(data["path"]).status_code == 200


@pytest.mark.django_db
def test_a_database_outage_under_the_api_is_a_json_503(client_for, monkeypatch):
    from django.db import OperationalError

    from guidelines.api import endpoints
    from guidelines.middleware import DatabaseRetryMiddleware

    def down(*args, **kwargs):
        raise OperationalError("the database is down")

    monkeypatch.setattr(endpoints, "document_list", down)
    monkeypatch.setattr(DatabaseRetryMiddleware, "delays", ())
    client = client_for("observer")
    client.raise_request_exception = False
    response = client.get(v1("documents/"))
    assert_error(response, 503, "unavailable")
    assert response["Retry-After"]


@pytest.mark.django_db
@pytest.mark.parametrize("header", [None, "Bearer iscm_0123abcd_notavalidtokenatall"])
@pytest.mark.parametrize("url", [v1("documents/"), v1("schema/")])
def test_anonymous_and_bad_token_requests_are_throttled_per_address(seeded, settings, header,
                                                                    url):  # fmt: skip
    settings.API_RATE = "3/m"
    client = Client(HTTP_AUTHORIZATION=header) if header else Client()
    codes = [client.get(url).status_code for _ in range(3)]
    assert codes == [401] * 3
    response = client.get(url)
    assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    # another address is not held back
    assert client.get(url, REMOTE_ADDR="192.0.2.7").status_code == 401


@pytest.mark.django_db
def test_the_schema_is_throttled_like_the_endpoints(client_for, monkeypatch):
    from guidelines.api import api

    [throttle] = api.throttle
    monkeypatch.setattr(throttle, "num_requests", 2)
    client = client_for("observer")
    assert [client.get(v1("schema/")).status_code for _ in range(2)] == [200] * 2
    assert_error(client.get(v1("schema/")), 429, "throttled")


@pytest.mark.django_db
def test_a_valid_token_is_used_even_with_a_session_waiting_for_its_code(seeded):
    from guidelines.models import User
    from guidelines.selectors.two_factor import SESSION_KEY
    from guidelines.services.api_tokens import api_token_create

    client = login_client("facilitator")
    session = client.session
    session[SESSION_KEY] = "verify"
    session.save()
    observer = User.objects.get(username="observer")
    _token, plain = api_token_create(user=observer, name="CI", by=observer)
    assert client.get(v1("documents/"), HTTP_AUTHORIZATION=f"Bearer {plain}").status_code == 200
    assert client.get(v1("schema/"), HTTP_AUTHORIZATION=f"Bearer {plain}").status_code == 200
    # the token's user, not the session's: the observer does not see the parity
    parity = client.get(doc("translations/fr/"), HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert_error(parity, 403, "permission_denied")
    bad = client.get(v1("documents/"), HTTP_AUTHORIZATION="Bearer iscm_0123abcd_nope")
    assert_error(bad, 401, "not_authenticated")
