"""Production settings for load tests over plain HTTP on the loopback interface only.

``make load`` serves the app with ``DEBUG=0`` exactly as in production, but over
``http://127.0.0.1``: no TLS terminator in front. Production sets ``SESSION_COOKIE_SECURE`` and
``CSRF_COOKIE_SECURE``, and an HTTP client (browsers, and ``requests`` behind locust, whose
``http.cookiejar`` policy refuses to return a Secure cookie to an ``http://`` URL) would then
never send the session or CSRF cookie back: every login would look like it failed. It also
redirects to HTTPS and sends HSTS. This module turns exactly those off, and nothing else.

Never use it for a server reachable from another machine.
"""

from iscm_tracker.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
