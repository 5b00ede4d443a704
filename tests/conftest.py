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
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
