"""Create the first admin account with a random password, printed once. Never a fixed password.

With --demo-coordinator, also a "coordinator" account in the Coordinators group, linked to the
demo program's first coordinator, so the callback queue can be tried as a coordinator sees it.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from programs.models import Coordinator


class Command(BaseCommand):
    help = "Create the admin account (if missing) with a random password and print it once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@example.org")
        parser.add_argument("--demo-coordinator", action="store_true")

    def handle(self, *args, username: str, email: str, demo_coordinator: bool, **options):
        self._create(username, email, superuser=True)
        if demo_coordinator:
            user = self._create("coordinator", "coordinator@example.org", superuser=False)
            if user is not None:
                user.groups.add(Group.objects.get(name="Coordinators"))
                person = (
                    Coordinator.objects.filter(user__isnull=True)
                    .order_by("program", "order")
                    .first()
                )
                if person is not None:
                    person.user = user
                    person.save(update_fields=["user"])

    def _create(self, username: str, email: str, *, superuser: bool):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Login “{username}” exists; its password was printed when it was created. "
                f"To set a new one: .venv/bin/python manage.py changepassword {username}"
            )
            return None
        password = secrets.token_urlsafe(15)
        if superuser:
            user = User.objects.create_superuser(username=username, email=email, password=password)
        else:
            user = User.objects.create_user(
                username=username, email=email, password=password, is_staff=True
            )
        role = "Admin" if superuser else "Coordinator"
        self.stdout.write(
            self.style.SUCCESS(f"{role} account created. This password is shown only once:")
            + f"\n  user:     {username}\n  password: {password}\n"
        )
        return user
