"""Rate limits counted from the rows a user created in the window (one query, any process)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from guidelines.models import Section, User
from guidelines.selectors.ratelimits import (
    COMMENT,
    EXPORT,
    PROPOSAL,
    RateLimited,
    rate_limit_check,
    rate_limit_wait,
)
from guidelines.services.comments import comment_create, comment_reply
from tests.factories import UserFactory


def user(name="delegate"):
    """A member who has written nothing yet (the demo data has comments by its own users)."""
    found = User.objects.filter(username=name).first()
    return found or UserFactory(username=name, role="member")


def comment(author="delegate", body="A remark"):
    return comment_create(user=user(author), section=Section.objects.get(key="seals"), body=body)


@pytest.fixture
def limits(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, COMMENT: (3, 10)}


@pytest.mark.django_db
def test_defaults_are_generous_and_cover_every_action(settings):
    assert set(settings.RATE_LIMITS) == {COMMENT, PROPOSAL, EXPORT}
    assert all(count >= 20 and minutes <= 10 for count, minutes in settings.RATE_LIMITS.values())


@pytest.mark.django_db
def test_under_the_limit_nothing_to_wait(seeded, limits):
    first = comment()
    comment_reply(user=user(), parent=first, body="And another thing")
    assert rate_limit_wait(user=user(), action=COMMENT) is None
    rate_limit_check(user=user(), action=COMMENT)  # does not raise


@pytest.mark.django_db
def test_at_the_limit_the_wait_is_until_the_oldest_leaves_the_window(seeded, limits):
    first = comment()
    comment_reply(user=user(), parent=first, body="Two")  # replies count as comments
    comment(body="Three")
    now = timezone.now()
    wait = rate_limit_wait(user=user(), action=COMMENT, now=now)
    assert timedelta(minutes=9) < wait <= timedelta(minutes=10)
    assert wait == first.created_at + timedelta(minutes=10) - now
    with pytest.raises(RateLimited) as refused:
        rate_limit_check(user=user(), action=COMMENT, now=now)
    assert 9 * 60 < refused.value.retry_after <= 10 * 60
    message = refused.value.messages[0]
    assert "3 comments and replies in the last 10 minutes" in message
    assert "Try again in 10 minutes." in message
    assert refused.value.code == "rate_limited"
    # eleven minutes later the window is empty again
    later = now + timedelta(minutes=11)
    assert rate_limit_wait(user=user(), action=COMMENT, now=later) is None


@pytest.mark.django_db
def test_each_user_and_each_action_counts_alone(seeded, limits):
    for n in range(3):
        comment(body=f"Remark {n}")
    assert rate_limit_wait(user=user(), action=COMMENT) is not None
    assert rate_limit_wait(user=user("other-delegate"), action=COMMENT) is None
    assert rate_limit_wait(user=user(), action=PROPOSAL) is None
    assert rate_limit_wait(user=user(), action=EXPORT) is None


@pytest.mark.django_db
def test_the_count_is_one_query(seeded, limits, django_assert_num_queries):
    comment()
    me = user()
    with django_assert_num_queries(1):
        rate_limit_wait(user=me, action=COMMENT)
