from django.urls import path

from programs import views

app_name = "programs"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("family-guide/", views.family_guide, name="family_guide"),
    # Editable pages by their clean URL; mounted last in carsite/urls.py.
    path("<slug:slug>/", views.page_detail, name="page_detail"),
]
