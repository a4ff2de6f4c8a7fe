from django.apps import AppConfig
from django.db.models.signals import post_migrate


class InquiriesConfig(AppConfig):
    name = "inquiries"
    verbose_name = "Callback queue"

    def ready(self):
        from carsite.roles import roles_after_migrate

        # The last of our apps to migrate: the staff groups are made once all permissions exist.
        post_migrate.connect(roles_after_migrate, sender=self, dispatch_uid="carsite-roles")
