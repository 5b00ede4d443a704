from django.core.management.base import BaseCommand

from guidelines.services.notifications import notifications_send_digest, notifications_send_pending


class Command(BaseCommand):
    help = "Send queued e-mail notifications (retry failures), or the daily digests with --digest."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--digest", action="store_true", help="send the daily digests")

    def handle(self, *args, digest: bool, **options) -> None:
        if digest:
            self.stdout.write(f"digests sent: {notifications_send_digest()}")
        else:
            sent, failed = notifications_send_pending()
            self.stdout.write(f"sent: {sent}, failed: {failed}")
