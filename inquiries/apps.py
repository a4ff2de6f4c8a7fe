from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class InquiriesConfig(AppConfig):
    name = "inquiries"
    verbose_name = "Callback queue"

    def ready(self):
        from carsite.roles import roles_after_migrate

        # The last of our apps to migrate: the staff groups are made once all permissions exist.
        post_migrate.connect(roles_after_migrate, sender=self, dispatch_uid="carsite-roles")
        self._connect_routing_tables()

    def _connect_routing_tables(self):
        """A routing rule's save bumps the content version like content does (every process
        re-reads its routing table at its next request), and every save that bumps it clears
        this process's copy at once."""
        from django.apps import apps

        from inquiries.models import RoutingRule
        from inquiries.routing import forget_routing_tables
        from programs.caching import _on_content_saved

        for signal in (post_save, post_delete):
            signal.connect(
                _on_content_saved, sender=RoutingRule, dispatch_uid=f"content-rule-{id(signal)}"
            )
            for model in [RoutingRule, *apps.get_app_config("programs").get_models()]:
                signal.connect(
                    forget_routing_tables,
                    sender=model,
                    dispatch_uid=f"routing-{model.__name__}-{id(signal)}",
                )
