from django.urls import path

from opgaven import views

app_name = "opgaven"

urlpatterns = [
    path("<int:pk>/", views.opgave_detail, name="detail"),
]
