"""``manage.py worker``: the task worker (django-tasks-db's database worker), made to last.

On top of django-tasks-db's ``db_worker`` loop it
- survives the database going away (a PostgreSQL restart, a locked SQLite file): it closes its
  connections, waits with back-off and carries on, instead of exiting;
- does the housekeeping every few seconds: exports whose worker died are queued again (or
  failed), and e-mail that is due (a retry after back-off, or a row whose task was lost) is sent;
  once a minute, the reminders of consultation rounds that fell due are queued.
"""

import logging
import os
import time

from django.db import DatabaseError, InterfaceError, close_old_connections, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from guidelines.services.exports import exports_recover, process_identity
from guidelines.services.notifications import notifications_send_pending
from guidelines.services.rounds import rounds_remind

log = logging.getLogger("guidelines.worker")
DATABASE_ERRORS = (DatabaseError, InterfaceError)
HOUSEKEEPING_SECONDS = 5.0
REMINDER_SECONDS = 60.0


class LastingWorker(Worker):
    def __init__(self, *, housekeeping_seconds: float = HOUSEKEEPING_SECONDS, **kwargs) -> None:
        super().__init__(**kwargs)
        self.housekeeping_seconds = housekeeping_seconds
        self._next_housekeeping = 0.0
        self._next_reminders = 0.0

    def run(self) -> None:
        log.info("worker %s started", self.worker_id)
        delay = 0.5
        while self.running:
            try:
                self.housekeeping()
                if not self.running:  # SIGTERM during housekeeping: no new task
                    return
                found = self.run_one()
            except DATABASE_ERRORS as error:  # the database restarted or is unreachable: wait
                log.warning("database unavailable (%s); trying again in %.1f s", error, delay)
                self._close_connections()
                self._sleep(delay)
                delay = min(delay * 2, 10.0)
                continue
            delay = 0.5
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if not found:
                if self.batch:
                    return
                self._sleep(self.interval)

    def run_one(self) -> bool:
        """Claim and run the next ready task; False when there was none."""
        close_old_connections()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
        except DATABASE_ERRORS as error:
            if is_locked_database_exception(error):
                return False
            raise
        if task_result is None:
            return False
        self.run_task(task_result)
        return True

    def housekeeping(self) -> None:
        """Between tasks: recover exports, send the mail that is due. Marked as a task, so that
        SIGTERM lets it finish (a mail handed to the server is then also marked sent)."""
        now = time.monotonic()
        if now < self._next_housekeeping:
            return
        self._next_housekeeping = now + self.housekeeping_seconds
        self.running_task = True
        try:
            steps = (
                ("exports", self._recover),
                ("reminders", self._remind),
                ("mail", notifications_send_pending),
            )
            for name, step in steps:
                try:
                    done = step()
                except DATABASE_ERRORS:
                    raise
                except Exception:  # noqa: BLE001  (logged; the worker carries on)
                    log.exception("housekeeping (%s) failed; trying again later", name)
                    continue
                if any(done):
                    log.info("housekeeping, %s: %s", name, done)
        finally:
            self.running_task = False

    def _recover(self) -> tuple[int, int]:
        # Between tasks, a job this very process still holds as running is orphaned (its run
        # ended on a database error): it is handed on at once, not after the lease.
        return exports_recover(orphaned_by=process_identity())

    def _remind(self) -> tuple[int]:
        """Consultation rounds' reminders, at most once a minute (each is sent once anyway)."""
        now = time.monotonic()
        if now < self._next_reminders:
            return (0,)
        self._next_reminders = now + REMINDER_SECONDS
        return (rounds_remind(),)

    def _close_connections(self) -> None:
        for conn in connections.all(initialized_only=True):
            try:
                conn.close()
            except DATABASE_ERRORS:
                pass

    def _sleep(self, seconds: float) -> None:
        if self.running:
            time.sleep(seconds)


class Command(DbWorkerCommand):
    help = (
        "Run the task worker: exports and e-mail. Survives database restarts; recovers the "
        "exports of workers that died. Stop it with Ctrl+C or SIGTERM (it finishes the task "
        "it is running)."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(reload=False)
        parser.add_argument(
            "--housekeeping-seconds", type=float, default=HOUSEKEEPING_SECONDS, dest="housekeeping"
        )

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        housekeeping,
        **options,
    ) -> None:
        self.configure_logging(verbosity)
        if verbosity:
            logging.getLogger("guidelines").setLevel(logging.INFO)
        worker = LastingWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
            housekeeping_seconds=housekeeping,
        )
        if reload:  # development only: restart on code changes
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
