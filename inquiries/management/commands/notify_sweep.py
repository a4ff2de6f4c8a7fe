"""Re-queue staff notifications that have not gone out. django.tasks never retries a failed job,
so this sweep is what makes an SMTP outage lose nothing: run it every minute (cron, a systemd
timer, or `--loop 60` as a long-running process next to the worker).
"""

import time

from django.core.management.base import BaseCommand

from inquiries.services import callback_notifications_sweep


class Command(BaseCommand):
    help = "Re-queue the staff email of callback requests not yet notified (with backoff)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", type=int, metavar="SECONDS", help="Keep sweeping every SECONDS."
        )

    def handle(self, *args, loop: int | None, **options):
        while True:
            queued = callback_notifications_sweep()
            if options["verbosity"] > 1 or (queued and options["verbosity"] > 0):
                self.stdout.write(f"Re-queued {queued} notification(s).")
            if not loop:
                return
            time.sleep(loop)
