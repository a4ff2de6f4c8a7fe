from django.urls import path

from inquiries import views

app_name = "inquiries"

urlpatterns = [
    path("request-a-call-back/", views.callback_create, name="callback_create"),
    path(
        "request-a-call-back/thanks/<str:reference>/", views.callback_thanks, name="callback_thanks"
    ),
    path("request-a-call-back/sent/", views.callback_sent, name="callback_sent"),
    path("could-car-t-be-an-option/", views.checklist, name="checklist"),
]
