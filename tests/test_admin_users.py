"""The users' admin: the secretariat manages accounts but cannot escalate; every change is
recorded with its reason, before → after."""

import html

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from guidelines.models import AccountChange, Delegation, User
from guidelines.permissions import user_role
from tests.conftest import login_client
from tests.views.page_forms import form_data


def _form(client, url) -> dict:
    return form_data(client.get(url).content.decode(), url, page_url=url)


def _change_url(user) -> str:
    return reverse("admin:guidelines_user_change", args=[user.pk])


@pytest.mark.django_db
def test_the_change_form_offers_no_escalating_field_to_the_secretariat(seeded):
    member = User.objects.get(username="member-au")
    page = login_client("secretariat").get(_change_url(member)).content.decode()
    for name in ("is_superuser", "user_permissions", "groups", "is_staff"):
        assert f'name="{name}"' not in page
    for name in ("role", "delegation", "is_active", "reason_for_change", "email"):
        assert f'name="{name}"' in page


@pytest.mark.django_db
def test_a_forged_change_post_cannot_make_anyone_superuser(seeded):
    client = login_client("secretariat")
    me = User.objects.get(username="secretariat")
    url = _change_url(me)
    everything = Permission.objects.get(codename="change_permission")
    admins = Group.objects.create(name="admins")
    admins.permissions.add(everything)
    forged = {
        **_form(client, url),
        "is_superuser": "on",
        "user_permissions": [str(everything.pk)],
        "groups": [str(admins.pk)],
        "reason_for_change": "Trying my luck",
    }
    assert client.post(url, forged).status_code == 302  # saved: the rest was ignored
    me.refresh_from_db()
    assert not me.is_superuser
    assert not me.user_permissions.exists()
    assert list(me.groups.values_list("name", flat=True)) == ["secretariat"]
    assert not me.has_perm("auth.change_permission") and not me.has_perm("auth.change_group")


@pytest.mark.django_db
def test_a_forged_add_post_cannot_make_a_superuser(seeded):
    client = login_client("secretariat")
    url = reverse("admin:guidelines_user_add")
    everything = Permission.objects.get(codename="change_group")
    response = client.post(
        url,
        {
            "username": "newcomer",
            "usable_password": "true",
            "password1": "a-long-Passphrase-2017",
            "password2": "a-long-Passphrase-2017",
            "role": "member",
            "delegation": str(Delegation.objects.get(code="au").pk),
            "is_active": "on",
            "reason_for_change": "New delegate of Australia",
            "is_superuser": "on",
            "is_staff": "on",
            "user_permissions": [str(everything.pk)],
            "groups": [str(Group.objects.get(name="secretariat").pk)],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="newcomer")
    assert not user.is_superuser and not user.is_staff and not user.user_permissions.exists()
    assert user_role(user) == "member"
    assert list(user.groups.values_list("name", flat=True)) == ["member"]
    change = AccountChange.objects.get(user=user, created=True)
    assert change.changed_by.username == "secretariat"
    assert change.reason == "New delegate of Australia"
    assert change.changes["role"] == ["", "member"]
    assert change.changes["delegation"] == ["", "Australia"]


@pytest.mark.django_db
def test_a_change_without_a_reason_is_refused_and_nothing_saved(seeded):
    client = login_client("secretariat")
    member = User.objects.get(username="member-au")
    url = _change_url(member)
    data = {**_form(client, url), "role": "secretariat", "reason_for_change": ""}
    response = client.post(url, data)
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert user_role(User.objects.get(pk=member.pk)) == "member"
    assert not AccountChange.objects.filter(user=member, changed_by__isnull=False).exists()


@pytest.mark.django_db
def test_a_role_change_is_recorded_before_and_after_and_staff_follows_the_role(seeded):
    client = login_client("secretariat")
    member = User.objects.get(username="member-au")
    url = _change_url(member)
    data = {
        **_form(client, url),
        "role": "secretariat",
        "is_active": "",
        "delegation": str(Delegation.objects.get(code="cn").pk),
        "reason_for_change": "Seconded to the WCO",
    }
    data.pop("is_active")  # an unticked box is not sent
    assert client.post(url, data).status_code == 302
    member.refresh_from_db()
    assert user_role(member) == "secretariat" and member.is_staff and not member.is_active
    change = AccountChange.objects.filter(user=member).latest("id")
    assert change.changed_by.username == "secretariat" and change.reason == "Seconded to the WCO"
    assert change.changes == {
        "role": ["member", "secretariat"],
        "is_staff": ["no", "yes"],
        "is_active": ["yes", "no"],
        "delegation": ["Australia", "China"],
    }
    page = html.unescape(client.get(url).content.decode())
    assert "Seconded to the WCO" in page and "role: member → secretariat" in page
    # and back: staff goes with the role
    again = {**_form(client, url), "role": "member", "reason_for_change": "Back home"}
    assert client.post(url, again).status_code == 302
    member.refresh_from_db()
    assert not member.is_staff


@pytest.mark.django_db
def test_a_save_over_a_newer_account_change_is_refused(seeded):
    first, second = login_client("secretariat"), login_client("secretariat")
    member = User.objects.get(username="member-au")
    url = _change_url(member)
    mine, theirs = _form(first, url), _form(second, url)
    assert (
        second.post(url, {**theirs, "email": "t@x.org", "reason_for_change": "Theirs"}).status_code
        == 302
    )
    refused = first.post(url, {**mine, "email": "m@x.org", "reason_for_change": "Mine"})
    page = html.unescape(refused.content.decode())
    assert refused.status_code == 200 and "changed this record" in page and "m@x.org" in page
    assert User.objects.get(pk=member.pk).email == "t@x.org"


@pytest.mark.django_db
def test_the_secretariat_cannot_touch_a_superuser(seeded):
    root = User.objects.create_superuser("root", "root@example.org", "pw")
    client = login_client("secretariat")
    url = _change_url(root)
    page = client.get(url).content.decode()
    assert 'name="reason_for_change"' not in page  # shown read-only at most
    response = client.post(url, {"username": "root", "is_active": "", "role": "member",
                                 "reason_for_change": "Lock out the boss"})  # fmt: skip
    assert response.status_code == 403
    password_url = reverse("admin:auth_user_password_change", args=[root.pk])
    taking_over = {"password1": "x-Long-pass-1", "password2": "x-Long-pass-1",
                   "reason_for_change": "Take over"}  # fmt: skip
    assert client.post(password_url, taking_over).status_code == 403
    assert client.post(reverse("admin:guidelines_user_delete", args=[root.pk]),
                       {"post": "yes"}).status_code == 403  # fmt: skip
    root.refresh_from_db()
    assert root.is_active and root.is_superuser


@pytest.mark.django_db
def test_the_secretariat_cannot_reach_groups_or_permissions(seeded):
    client = login_client("secretariat")
    group = Group.objects.get(name="secretariat")
    for url in (
        reverse("admin:auth_group_changelist"),
        reverse("admin:auth_group_add"),
        reverse("admin:auth_group_change", args=[group.pk]),
    ):
        assert client.get(url).status_code == 403, url
    perm = Permission.objects.get(codename="change_permission")
    response = client.post(
        reverse("admin:auth_group_change", args=[group.pk]),
        {"name": "secretariat", "permissions": [str(perm.pk)]},
    )
    assert response.status_code == 403
    assert not group.permissions.filter(content_type__app_label="auth").exists()
    secretariat = User.objects.get(username="secretariat")
    assert not {p for p in secretariat.get_all_permissions() if p.startswith("auth.")}
    assert not secretariat.has_perm("guidelines.delete_user")


@pytest.mark.django_db
def test_setting_a_password_asks_for_a_reason_and_is_recorded(seeded):
    client = login_client("secretariat")
    member = User.objects.get(username="member-au")
    url = reverse("admin:auth_user_password_change", args=[member.pk])
    new = {"password1": "Another-long-pass-99", "password2": "Another-long-pass-99",
           "usable_password": "true", "set_usable_password": "true"}  # fmt: skip
    refused = client.post(url, new)
    assert refused.status_code == 200 and "errorlist" in refused.content.decode()
    ok = client.post(url, {**new, "reason_for_change": "Forgot it"})
    assert ok.status_code == 302
    change = AccountChange.objects.filter(user=member).latest("id")
    assert change.changes == {"password": ["", "changed"]}
    assert change.reason == "Forgot it" and change.changed_by.username == "secretariat"


@pytest.mark.django_db
def test_superusers_keep_the_full_admin(seeded):
    User.objects.create_superuser("root", "root@example.org", "pw")
    client = login_client("root")
    member = User.objects.get(username="member-au")
    url = _change_url(member)
    assert 'name="is_superuser"' in client.get(url).content.decode()
    data = {k: v for k, v in _form(client, url).items() if k != "user_permissions"}
    assert (
        client.post(url, {**data, "is_superuser": "on", "reason_for_change": "Ops"}).status_code
        == 302
    )
    member.refresh_from_db()
    assert member.is_superuser and member.is_staff
    assert AccountChange.objects.filter(user=member).latest("id").changes["is_superuser"] == [
        "no",
        "yes",
    ]


@pytest.mark.django_db
def test_group_changes_outside_the_admin_are_recorded_too(seeded):
    member = User.objects.get(username="member-au")
    observer = Group.objects.get(name="observer")
    member.groups.set([observer])
    rows = list(AccountChange.objects.filter(user=member).order_by("-id")[:2])
    assert [r.changes["role"] for r in reversed(rows)] == [["member", ""], ["", "observer"]]
    observer.user_set.remove(member)
    assert AccountChange.objects.filter(user=member).latest("id").changes["role"] == [
        "observer",
        "",
    ]
