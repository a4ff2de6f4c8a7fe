from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    """The admin, behind a second factor (carsite/staff_auth.py)."""

    default_site = "carsite.staff_auth.StaffAdminSite"

    def ready(self):
        super().ready()
        from carsite import checks  # noqa: F401  the deployment's own checks (check --deploy)
