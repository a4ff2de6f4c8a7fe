"""The access log: every look at and change to a callback request, with ids only, and the
privacy officers' read-only view of it."""

from django.contrib import admin

from inquiries.models import AccessLog, CallbackRequest


def audit(request, action: str, obj: CallbackRequest | None = None, *, detail: str = "") -> None:
    AccessLog.objects.create(
        user=request.user,
        username=request.user.get_username(),
        action=action,
        callback_request_id=obj.pk if obj else None,
        reference=obj.reference if obj else "",
        detail=detail[:200],
    )


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only for everyone: rows are written by the admin itself and by retention."""

    list_display = ["at", "username", "action", "reference", "detail"]
    list_filter = ["action", "username"]
    search_fields = ["=reference", "username"]
    date_hierarchy = "at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
