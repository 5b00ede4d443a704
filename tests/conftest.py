import pytest
from django.test import Client

from guidelines.services.seed import seed_demo
from tests.demo_snapshot import DemoStore

DEMO_PASSWORD = "test-password"
ROLE_USERS = {
    "facilitator": "facilitator",
    "member": "member-au",
    "secretariat": "secretariat",
    "observer": "observer",
}
_DEMO_STORE = DemoStore()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "exports": {
            "BACKEND": "guidelines.exports.storage.AtomicFileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "exports")},
        },
    }
    # Tasks run at once, in the process that enqueues them; tests about the worker start a
    # real `manage.py worker` (tests/test_worker.py).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The header counts are counted on every page, as the query-count pins expect; their copy in
    # the session has its own tests (tests/views/test_header_counts.py).
    settings.HEADER_COUNTS_MAX_AGE = 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _empty_cache():
    """The API's throttle counts in the cache: each test starts with none of another's requests.
    Rendered Markdown too: each test starts as a worker that has rendered nothing, so query
    counts do not depend on which tests ran before. (The shared "rendered" cache is a table of
    the test database: its rows roll back with each test; a flush after a ``transaction=True``
    test leaves them, and those tests run last and count neither renders nor queries.)"""
    from django.core.cache import cache

    from guidelines.rendering.markdown import forget_in_process
    from guidelines.selectors import structure

    cache.clear()
    forget_in_process()
    structure.forget_in_process()  # the sections' numbered structure, kept by the process too


@pytest.fixture(autouse=True)
def _interface_language():
    """Each test starts in the default language: a French page request leaves French active on
    the thread (LocaleMiddleware does not reset it), which made tests depend on their order."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def demo_store():
    """The demo's rows, seeded once per session (tests/demo_snapshot.py)."""
    return _DEMO_STORE


@pytest.fixture
def seeded(db, demo_store, tmp_path, request):
    """The demo data exactly as `make run` loads it: seeded by the first test that asks, then
    restored from its rows (tests/demo_snapshot.py; tests/test_seed_snapshot.py)."""
    demo_store.load(
        lambda: seed_demo(password=DEMO_PASSWORD), tmp_path=tmp_path, test=request.node.nodeid
    )


def pytest_terminal_summary(terminalreporter):
    if _DEMO_STORE.seeded:
        terminalreporter.write_line(_DEMO_STORE.summary())


def login_client(username: str) -> Client:
    from guidelines.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def client_for(seeded):
    """client_for("member") -> a Client signed in as the demo user of that role."""
    return lambda role: login_client(ROLE_USERS.get(role, role))
