"""Two-factor sign-in (TOTP, django-otp): set up, confirm, turn off.

Who: the signed-in user, for their own account only. When: the device row records its creation
and last use (django-otp); a failed code slows further tries (django-otp's throttling). Why: the
facilitator and the secretariat can change the draft and the users; a stolen password alone
should not be enough.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..selectors.two_factor import SESSION_KEY, two_factor_required

DEVICE_NAME = "authenticator"


def _verified(request, device: TOTPDevice) -> None:
    otp_login(request, device)
    request.session.pop(SESSION_KEY, None)


def two_factor_start(*, user) -> TOTPDevice:
    """A new, unconfirmed device for ``user`` (an earlier unconfirmed one is replaced)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def two_factor_confirm(*, request, device: TOTPDevice, token: str) -> bool:
    """Confirm ``device`` with a code from the app; the session counts as verified at once.
    A user has one confirmed device: confirming a new one removes the old."""
    if device.user_id != request.user.pk or not device.verify_token(token.strip()):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    _verified(request, device)
    return True


def two_factor_verify(*, request, token: str) -> bool:
    """After the password: the code from the user's confirmed device verifies the session."""
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(token.strip()):
            _verified(request, device)
            return True
    return False


def two_factor_disable(*, request, token: str) -> bool:
    """Turn two-factor sign-in off; a current code is needed (a stolen session is not enough).
    Refused (ValidationError) for a role that must keep it (``TWO_FACTOR_REQUIRED``)."""
    if two_factor_required(request.user):
        raise ValidationError(_("Your role must keep two-factor sign-in."), code="required")
    devices = TOTPDevice.objects.filter(user=request.user, confirmed=True)
    if not any(device.verify_token(token.strip()) for device in devices):
        return False
    TOTPDevice.objects.filter(user=request.user).delete()
    return True
