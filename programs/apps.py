from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Site content"

    def ready(self):
        from programs.caching import connect_signals

        connect_signals()
