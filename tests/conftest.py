import pytest
from django.test import Client

from guidelines.services.seed import seed_demo

DEMO_PASSWORD = "test-password"
ROLE_USERS = {
    "facilitator": "facilitator",
    "member": "member-au",
    "secretariat": "secretariat",
    "observer": "observer",
}


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.EXPORT_CACHE_DIR = tmp_path / "exports"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Mail goes to memory and is sent in the committing thread, unless a test asks for the
    # production behaviour (a background thread), as test_notifications does.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NOTIFICATIONS_ASYNC = False
    settings.EXPORTS_ASYNC = False


@pytest.fixture
def seeded(db):
    """The demo data exactly as `make run` loads it."""
    seed_demo(password=DEMO_PASSWORD)


def login_client(username: str) -> Client:
    from guidelines.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def client_for(seeded):
    """client_for("member") -> a Client signed in as the demo user of that role."""
    return lambda role: login_client(ROLE_USERS.get(role, role))
