"""Mail backends for tests: one that always fails, a slow one that writes files."""

import time

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server is down")


class SlowFileBackend(FileBackend):
    """Writes mail to files like Django's file backend, 100 ms a message: slow enough for two
    workers' batches to overlap (tests/test_worker.py)."""

    def send_messages(self, email_messages):
        time.sleep(0.1 * len(email_messages))
        return super().send_messages(email_messages)
