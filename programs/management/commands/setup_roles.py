"""Create (or bring up to date) the staff groups and their permissions (carsite/roles.py).
`migrate` does it too; this is for a database whose groups were changed by hand."""

from django.core.management.base import BaseCommand

from carsite.roles import roles_setup


class Command(BaseCommand):
    help = "Create the staff groups: content editors, clinical reviewers, coordinators, privacy officers."

    def handle(self, *args, **options):
        counts = roles_setup()
        if options["verbosity"] > 0:
            summary = ", ".join(f"{name} ({n} permissions)" for name, n in counts.items())
            self.stdout.write(self.style.SUCCESS(f"Groups ready: {summary}."))
