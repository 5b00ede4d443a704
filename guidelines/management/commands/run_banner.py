"""The last lines `make run` prints: where the site is and who can sign in.

It waits until the development server accepts connections, so the block comes after the
server's own start-up lines instead of scrolling away under them."""

import socket
import time
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand

from guidelines.services.seed import DEFAULT_DEMO_PASSWORD, demo_logins

RULE = "=" * 66


def wait_for(host: str, port: int, *, timeout: float) -> bool:
    """True once something listens on host:port, False after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection((host, port), timeout=1):
                return True
        except OSError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.3)


class Command(BaseCommand):
    help = "Wait for the development server, then print its address and the demo logins."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/")
        parser.add_argument("--password", default=DEFAULT_DEMO_PASSWORD)
        parser.add_argument("--mail-dir", default="", help="where e-mails are written, if files")
        parser.add_argument("--timeout", type=float, default=60.0)

    def handle(self, *args, url: str, password: str, mail_dir: str, timeout: float, **kw):
        parts = urlsplit(url)
        if not wait_for(parts.hostname or "127.0.0.1", parts.port or 80, timeout=timeout):
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
