"""Mail backends for tests: one that always fails, one that records the sending thread."""

import threading

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

SENT_FROM_THREADS: list[str] = []


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server is down")


class ThreadRecordingBackend(LocmemBackend):
    def send_messages(self, messages):
        SENT_FROM_THREADS.append(threading.current_thread().name)
        return super().send_messages(messages)
