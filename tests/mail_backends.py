"""Mail backends for tests: one that always fails, one that records the sending thread, a slow
one that writes files."""

import threading
import time

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

SENT_FROM_THREADS: list[str] = []


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server is down")


class ThreadRecordingBackend(LocmemBackend):
    def send_messages(self, messages):
        SENT_FROM_THREADS.append(threading.current_thread().name)
        return super().send_messages(messages)


class SlowFileBackend(FileBackend):
    """Writes mail to files like Django's file backend, 100 ms a message: slow enough for two
    workers' batches to overlap (tests/test_worker.py)."""

    def send_messages(self, email_messages):
        time.sleep(0.1 * len(email_messages))
        return super().send_messages(email_messages)
