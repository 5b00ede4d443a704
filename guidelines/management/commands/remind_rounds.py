from django.core.management.base import BaseCommand

from guidelines.services.rounds import rounds_remind


class Command(BaseCommand):
    help = (
        "Queue the reminders of consultation rounds that are due (ROUND_REMINDER_DAYS before "
        "each deadline, to delegations that have not responded; each sent once). For cron; the "
        "task worker also does it once a minute."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"reminders queued: {rounds_remind()}")
