"""The authentication backends: django-axes' and Django's, reading the signed-in user on each
request together with their delegation, which every page's header shows (one query, not two).

A session records the backend that signed it in; one signed in under the previous names
(``axes.backends.AxesBackend``, ``django.contrib.auth.backends.ModelBackend``) signs in again."""

from axes import backends as axes_backends
from django.contrib.auth import backends, get_user_model


class _WithDelegation:
    def get_user(self, user_id):
        model = get_user_model()
        user = model._default_manager.select_related("delegation").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


class AxesBackend(_WithDelegation, axes_backends.AxesBackend):
    """Refuses a sign-in while the username and address are locked out (first in the list)."""


class ModelBackend(_WithDelegation, backends.ModelBackend):
    """Checks the password."""
