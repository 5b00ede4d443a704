"""Two-factor sign-in: who has it, who must have it, whether this session is verified."""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..permissions import FACILITATOR, SECRETARIAT, user_role

TWO_FACTOR_ROLES = frozenset({FACILITATOR, SECRETARIAT})
SESSION_KEY = "iscm_two_factor"  # what is due after the password: VERIFY, SETUP or nothing
VERIFY = "verify"
SETUP = "setup"


def two_factor_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def two_factor_pending(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def two_factor_required(user) -> bool:
    """Whether ``user`` must set it up before anything else (``TWO_FACTOR_REQUIRED``)."""
    return settings.TWO_FACTOR_REQUIRED and user_role(user) in TWO_FACTOR_ROLES


def two_factor_due(user) -> str | None:
    """What ``user`` must do after the password: enter a code, set it up, or nothing."""
    if two_factor_device(user) is not None:
        return VERIFY
    if two_factor_required(user):
        return SETUP
    return None


def secret_for_display(device: TOTPDevice) -> str:
    """The key as an authenticator app asks for it when typed: base32, in groups of four."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
