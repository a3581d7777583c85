from django.urls import path

from gebieden import views

app_name = "gebieden"

urlpatterns = [
    path("", views.gebied_list, name="list"),
    path("<str:code>/", views.gebied_detail, name="detail"),
    path(
        "<str:code>/opgaven/<int:pk>/bewerken/",
        views.lokale_status_bewerken,
        name="lokale_status_bewerken",
    ),
]
