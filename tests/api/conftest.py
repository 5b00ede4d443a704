import pytest
from django.core.cache import cache

SLUG = "iscm-guidelines"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """The throttle counts requests in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


def v1(path: str = "") -> str:
    return f"/api/v1/{path}"


def doc(path: str = "") -> str:
    return v1(f"documents/{SLUG}/{path}")
