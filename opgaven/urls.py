from django.urls import path

from opgaven import views

app_name = "opgaven"

urlpatterns = [
    path("<int:pk>/", views.opgave_detail, name="detail"),
    path("<int:pk>/bewerken/", views.opgave_bewerken, name="bewerken"),
    path("<int:pk>/geschiedenis/", views.opgave_geschiedenis, name="geschiedenis"),
    path("<int:pk>/acties/", views.actie_toevoegen, name="actie_toevoegen"),
    path("<int:pk>/acties/<int:actie_pk>/", views.actie_kaart, name="actie_kaart"),
    path("<int:pk>/acties/<int:actie_pk>/bewerken/", views.actie_bewerken, name="actie_bewerken"),
    path(
        "<int:pk>/acties/<int:actie_pk>/geschiedenis/",
        views.actie_geschiedenis,
        name="actie_geschiedenis",
    ),
    path(
        "<int:pk>/acties/<int:actie_pk>/verplaatsen/",
        views.actie_verplaatsen,
        name="actie_verplaatsen",
    ),
    path(
        "<int:pk>/acties/<int:actie_pk>/verwijderen/",
        views.actie_verwijderen,
        name="actie_verwijderen",
    ),
    path(
        "<int:pk>/mijlpalen/<int:mijlpaal_pk>/afvinken/",
        views.mijlpaal_afvinken,
        name="mijlpaal_afvinken",
    ),
    path("<int:pk>/overdragen/", views.opgave_overdragen, name="overdragen"),
    path("<int:pk>/voortgang/", views.voortgang_toevoegen, name="voortgang_toevoegen"),
    path("<int:pk>/belemmeringen/", views.belemmering_toevoegen, name="belemmering_toevoegen"),
]
