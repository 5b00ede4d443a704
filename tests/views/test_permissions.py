"""Walk every URL pattern as every role and as an anonymous visitor.

A view without a permission rule, or with a rule this table does not know, fails here.
"""

import pytest
from django.contrib.admin.sites import site as admin_site
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import ROLE_USERS, login_client
from tests.word_import_samples import sample_word_import

SAMPLE_KWARGS = {
    "slug": "iscm-guidelines",
    "key": "risk-assessment",
    "fmt": "pdf",
    "language": "fr",
}
ANON = "anonymous"
WHO = [ANON, *ROLE_USERS]

# rule -> method -> who -> expected status
EXPECTED = {
    "public": {"GET": {ANON: 200, **{r: 302 for r in ROLE_USERS}}},
    "public_post": {"GET": {w: 405 for w in WHO}},
    "read": {
        "GET": {ANON: 302, **{r: 200 for r in ROLE_USERS}},
        "POST": {w: 405 for w in WHO},
    },
    # The JSON API: 401 (JSON, never a redirect) for anonymous; read-only (405 for a POST).
    "api": {
        "GET": {ANON: 401, **{r: 200 for r in ROLE_USERS}},
        "POST": {w: 405 for w in WHO},
    },
    "edit_text": {
        "GET": {ANON: 302, "facilitator": 200, "secretariat": 200, "member": 403, "observer": 403},
        "POST": {ANON: 302, "member": 403, "observer": 403},
    },
    "edit_text_post": {
        "GET": {w: 405 for w in WHO},
        "POST": {ANON: 302, "member": 403, "observer": 403},
    },
    "translate": {
        "GET": {ANON: 302, "facilitator": 200, "secretariat": 200, "member": 403, "observer": 403},
        "POST": {ANON: 302, "member": 403, "observer": 403},
    },
    "translate_read": {
        "GET": {ANON: 302, "facilitator": 200, "secretariat": 200, "member": 403, "observer": 403},
        "POST": {w: 405 for w in WHO},
    },
    "propose": {
        "GET": {ANON: 302, "facilitator": 200, "member": 200, "secretariat": 200, "observer": 403},
        "POST": {ANON: 302, "observer": 403},
    },
    "propose_post": {
        "GET": {w: 405 for w in WHO},
        "POST": {ANON: 302, "observer": 403},
    },
    "decide": {
        "GET": {ANON: 302, "facilitator": 302, "member": 403, "secretariat": 403, "observer": 403},
        "POST": {ANON: 302, "member": 403, "secretariat": 403, "observer": 403},
    },
    "run_rounds": {
        "GET": {ANON: 302, "facilitator": 200, "member": 403, "secretariat": 403, "observer": 403},
        "POST": {ANON: 302, "member": 403, "secretariat": 403, "observer": 403},
    },
    "run_rounds_post": {
        "GET": {w: 405 for w in WHO},
        "POST": {ANON: 302, "member": 403, "secretariat": 403, "observer": 403},
    },
    "moderate": {
        "GET": {w: 405 for w in WHO},
        "POST": {ANON: 302, "facilitator": 403, "member": 403, "observer": 403},
    },
    "moderate_read": {
        "GET": {ANON: 302, "secretariat": 200, "facilitator": 403, "member": 403, "observer": 403},
        "POST": {w: 405 for w in WHO},
    },
    "account": {
        "GET": {ANON: 302, **{r: 200 for r in ROLE_USERS}},
        "POST": {ANON: 302},
    },
    "account_post": {
        "GET": {w: 405 for w in WHO},
        "POST": {ANON: 302, **{r: 302 for r in ROLE_USERS}},
    },
    "queue": {
        "GET": {ANON: 302, "facilitator": 200, "member": 200, "secretariat": 200, "observer": 403},
        "POST": {w: 405 for w in WHO},
    },
    "queue_post": {
        "GET": {w: 405 for w in WHO},
        "POST": {ANON: 302, "facilitator": 302, "member": 302, "secretariat": 302, "observer": 403},
    },
    "manage_reference": {
        "GET": {
            ANON: 302,
            "secretariat": 200,
            "facilitator": 403,
            "member": 403,
            "observer": 403,
        },  # fmt: skip
        "POST": {ANON: 302, "facilitator": 403, "member": 403, "observer": 403},
    },
    "manage_reference_read": {
        "GET": {ANON: 302, "secretariat": 200, "facilitator": 403, "member": 403, "observer": 403},
        "POST": {w: 405 for w in WHO},
    },
}


# Views whose rule lets a role in but whose object is someone else's (checked in the service).
OVERRIDES = {
    # A POST-only action of the secretariat; a GET goes back to the outbox.
    "guidelines:outbox_retry": {
        "GET": {ANON: 302, "secretariat": 302, "facilitator": 403, "member": 403, "observer": 403},
        "POST": {ANON: 302, "facilitator": 403, "member": 403, "observer": 403},
    },
    # Only for a user with two-factor sign-in; the demo users have none: back to the documents.
    "two_factor_verify": {
        "GET": {w: 302 for w in WHO},
        "POST": {w: 302 for w in WHO},
    },
    # Opening a notification: one's own only (the sample is the facilitator's); others get 404.
    "guidelines:notification_open": {
        "GET": {w: 405 for w in WHO},
        "POST": {ANON: 302, "facilitator": 302, "member": 404, "secretariat": 404, "observer": 404},
    },
    # The API's translation parity: for those who translate, as the parity page.
    "api:parity": {
        "GET": {ANON: 401, "facilitator": 200, "secretariat": 200, "member": 403, "observer": 403},
        "POST": {w: 405 for w in WHO},
    },
    # Revoking an API token: one's own only (the sample is the facilitator's); others get 404.
    "guidelines:api_token_revoke": {
        "GET": {w: 405 for w in WHO},
        "POST": {ANON: 302, "facilitator": 302, "member": 404, "secretariat": 404, "observer": 404},
    },
    "guidelines:comment_edit": {
        "GET": {ANON: 302, "member": 200, "facilitator": 403, "secretariat": 403, "observer": 403},
        "POST": {ANON: 302, "observer": 403, "facilitator": 403},
    },
}


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.urlconf_name is admin_site.urls[0] or entry.namespace == "admin":
                continue  # the admin has its own permission system, checked below
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from walk(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern):
            yield f"{prefix}{entry.name}", entry


def all_views():
    return sorted(walk(get_resolver().url_patterns), key=lambda item: item[0])


def sample_export_job():
    from guidelines.exports.files import export_plan
    from guidelines.models import Document, User
    from guidelines.services.exports import export_request

    plan = export_plan(document=Document.objects.get(slug="iscm-guidelines"), variant="clean")
    user = User.objects.get(username="secretariat")
    return export_request(user=user, plan=plan, filename="draft")


def url_for(name, pattern):
    from guidelines.models import Section

    samples = dict(SAMPLE_KWARGS)
    if "history_id" in pattern.pattern.converters:
        samples["history_id"] = Section.history.filter(key="risk-assessment").first().history_id
    if "pk" in pattern.pattern.converters:
        from guidelines.models import Comment, Notification, Proposal, WorkingDocument

        if name.startswith("guidelines:export_job"):  # a finished export of the draft
            samples["pk"] = sample_export_job().pk
        elif name.startswith("guidelines:working_document"):
            samples["pk"] = WorkingDocument.objects.order_by("id").first().pk
        elif name.startswith("guidelines:round_"):  # the demo consultation round
            from guidelines.models import ConsultationRound

            samples["pk"] = ConsultationRound.objects.order_by("id").first().pk
        elif name.startswith("guidelines:comment_") or name == "guidelines:todo_thread_seen":
            # the demo thread by member-au
            samples["pk"] = Comment.objects.filter(author__username="member-au").first().pk
        elif name.startswith("guidelines:word_import"):  # member-au's upload, waiting
            samples["pk"] = sample_word_import().pk
        elif name.startswith("guidelines:framework_text"):  # a demo text of the Framework
            from guidelines.models import FrameworkText

            samples["pk"] = FrameworkText.objects.order_by("id").first().pk
        elif name == "guidelines:api_token_revoke":  # a token of the facilitator's
            from guidelines.models import User
            from guidelines.services.api_tokens import api_token_create

            owner = User.objects.get(username="facilitator")
            samples["pk"] = api_token_create(user=owner, name="Sample", by=owner)[0].pk
        elif name == "guidelines:notification_open":  # one of the facilitator's (demo proposals)
            notification = Notification.objects.filter(recipient__username="facilitator").first()
            samples["pk"] = notification.pk
        else:
            samples["pk"] = Proposal.objects.order_by("id").first().pk
    kwargs = {k: samples[k] for k in pattern.pattern.converters}
    return reverse(name, kwargs=kwargs)


def test_every_view_declares_a_known_rule():
    missing = [name for name, p in all_views() if not hasattr(p.callback, "permission_rule")]
    assert not missing, f"views without a permission rule: {missing}"
    unknown = {p.callback.permission_rule.name for _, p in all_views()} - set(EXPECTED)
    assert not unknown, f"rules missing from the expectation table: {unknown}"


@pytest.mark.django_db
@pytest.mark.parametrize("name,pattern", all_views(), ids=[n for n, _ in all_views()])
def test_status_for_every_role(seeded, name, pattern):
    url = url_for(name, pattern)
    rule = pattern.callback.permission_rule.name
    expected_by_method = {**EXPECTED[rule], **OVERRIDES.get(name, {})}
    clients = {ANON: Client(), **{r: login_client(u) for r, u in ROLE_USERS.items()}}
    for method, expected in expected_by_method.items():
        for who, status in expected.items():
            client = clients[who]
            response = client.get(url) if method == "GET" else client.post(url, {})
            assert response.status_code == status, (name, method, who, response.status_code)
            if status == 302 and who == ANON:
                assert response["Location"].startswith(reverse("login"))
            if url.startswith("/api/") and status >= 400:  # errors under /api/: always JSON
                assert response.json()["code"], (name, method, who)


@pytest.mark.django_db
def test_admin_is_for_the_secretariat_only(seeded):
    url = reverse("admin:guidelines_pillar_changelist")
    assert Client().get(url).status_code == 302
    for role in ("facilitator", "member", "observer"):
        assert login_client(ROLE_USERS[role]).get(url).status_code == 302  # to the admin login
    assert login_client("secretariat").get(url).status_code == 200
    # sections are edited in the application, not in the admin
    assert login_client("secretariat").get("/admin/guidelines/section/").status_code == 404
