"""The last lines `make run` prints: where the site is and who can sign in.

It waits until the development server accepts connections, so the block comes after the
server's own start-up lines instead of scrolling away under them."""

import socket
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from guidelines.services.seed import DEFAULT_DEMO_PASSWORD, demo_logins

RULE = "=" * 66
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


def listening(host: str, port: int) -> bool:
    """True when something accepts connections on host:port now."""
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def wait_for(host: str, port: int, *, timeout: float) -> bool:
    """True once something listens on host:port, False after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not listening(host, port):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.3)
    return True


def mail_folder() -> str:
    """Where the app's e-mails go when they are written as files, else ''."""
    if settings.EMAIL_BACKEND != FILE_BACKEND:
        return ""
    return str(getattr(settings, "EMAIL_FILE_PATH", ""))


class Command(BaseCommand):
    help = (
        "Wait for the development server, then print its address and the demo logins; with "
        "--check-free, only refuse (exit status 1) when the address is already in use."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/")
        parser.add_argument("--password", default=DEFAULT_DEMO_PASSWORD)
        parser.add_argument(
            "--mail-dir", default=None, help="where e-mails are written (default: the settings')"
        )
        parser.add_argument("--timeout", type=float, default=60.0)
        parser.add_argument(
            "--check-free", action="store_true", help="fail if something already listens there"
        )

    def handle(self, *args, url: str, password: str, mail_dir, timeout: float, check_free, **kw):
        parts = urlsplit(url)
        host, port = parts.hostname or "127.0.0.1", parts.port or 80
        if check_free:
            if listening(host, port):
                raise CommandError(
                    f"Something is already serving on {host}:{port}. Stop it, or choose another "
                    f"port: PORT=8080 make run"
                )
            return
        if mail_dir is None:
            mail_dir = mail_folder()
        if not wait_for(host, port, timeout=timeout):
            self.stderr.write(f"The server did not start within {timeout:.0f} s.")
            return
        lines = [
            RULE,
            f"  ISCM Tracker is running at {url}",
            "",
            f"  Sign in with one of these demo logins (password: {password}):",
            *(f"    {u:<12} {role:<12} {where}" for u, role, where in demo_logins()),
        ]
        if mail_dir:
            lines += ["", f"  E-mails the app sends are saved as files in {mail_dir}"]
        lines += ["", "  Press Ctrl+C to stop.", RULE]
        self.stdout.write("\n".join(lines))
        self.stdout.flush()
