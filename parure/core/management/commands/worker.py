"""``parure worker``: run queued background tasks and enqueue the daily jobs when due."""

from __future__ import annotations

import os
import socket
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django_tasks_db.management.commands.db_worker import Worker

from parure.core.tasks import enqueue_due_daily_jobs


class Command(BaseCommand):
    help = "Run background tasks from the database queue, and the scheduled daily jobs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds to wait when the queue is empty.")
        parser.add_argument("--backend", default="default", help="The task backend to take tasks from.")
        parser.add_argument("--once", action="store_true", help="Enqueue due jobs, run every ready task, then exit.")

    def handle(
        self, *args: Any, interval: float = 2.0, once: bool = False, backend: str = "default", **options: Any
    ) -> None:
        worker_id = f"{socket.gethostname()}-{os.getpid()}"
        while True:
            for key in enqueue_due_daily_jobs():
                self.stdout.write(f"Enqueued daily job {key}")
            Worker(
                queue_names=["*"],
                interval=0,
                batch=True,
                backend_name=backend,
                startup_delay=False,
                max_tasks=None,
                worker_id=worker_id,
                excluded_queue_names=[],
            ).run()
            if once:
                return
            time.sleep(interval)
