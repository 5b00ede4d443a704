"""The header's "To do (N)" and unread counts, kept a few seconds per user.

Every page shows them, and counting costs a query whose building and running were about a
quarter of a section page's time (``selectors.workqueue.header_counts``). So a count is kept for
``HEADER_COUNTS_MAX_AGE`` seconds (15 by default; 0 counts on every page) in the cache shared by
every process (``CACHES["rendered"]``: a table of the database by default), with the time its
counting started.

What the user does shows at once: when a request of theirs that may write (anything but GET,
HEAD, OPTIONS) has been answered, the time is recorded (``user_wrote``, from
``middleware.HeaderCountsMiddleware``), and a count that started before it is not used again. A
count that started before the write committed therefore never outlives it, whichever process
made it. The pages that list what is counted (To do, notifications, inbox) count afresh. What
others do shows within the period, as on a page left open.

Not in the session: saving the session on a page view would write the whole session back, over
what a concurrent request of the same user had just put there (a new API token, two-factor
state). A cache that fails is a count made now: the page never fails for it.
"""

import time

from django.conf import settings

from .cache_backends import quietly, store_one
from .selectors.workqueue import HeaderCounts, header_counts

ALIAS = "rendered"
KEEP_SECONDS = 24 * 3600  # entries of people who left go within a day (the age is checked here)


def max_age() -> int:
    return int(getattr(settings, "HEADER_COUNTS_MAX_AGE", 0) or 0)


def _keys(user_pk: int) -> tuple[str, str]:
    return f"header:counts:{user_pk}", f"header:wrote:{user_pk}"


def kept_header_counts(user, *, fresh: bool = False) -> HeaderCounts:
    """The user's counts: the kept ones if they are under ``max_age()`` seconds old and were
    started after the user's last write (one cache read), else counted now and kept. ``fresh``:
    count now (a page that lists what is counted)."""
    period = max_age()
    if not period:
        return header_counts(user)
    counts_key, wrote_key = _keys(user.pk)
    if not fresh:
        found = quietly(
            ALIAS, lambda cache: cache.get_many([counts_key, wrote_key]), {}, savepoint=True
        )
        kept, wrote = found.get(counts_key), found.get(wrote_key, 0.0)
        if _usable(kept, wrote, period):
            return HeaderCounts(todo=kept[1], unread=kept[2])
    started = time.time()
    counts = header_counts(user)
    store_one(
        ALIAS,
        counts_key,
        [started, counts.todo, counts.unread],
        timeout=KEEP_SECONDS,
        savepoint=True,
    )
    return counts


def _usable(kept, wrote, period: int) -> bool:
    if not (isinstance(kept, list) and len(kept) == 3 and isinstance(kept[0], float)):
        return False
    started = kept[0]
    return started > (wrote if isinstance(wrote, float) else 0.0) and (
        0 <= time.time() - started < period
    )


def user_wrote(user_pk: int) -> None:
    """A request of the user that may have written has been answered: counts started before
    now are not used again."""
    if max_age():
        store_one(ALIAS, _keys(user_pk)[1], time.time(), timeout=KEEP_SECONDS, savepoint=True)
