"""The URLs of the opgave, team and gebied pages; config/urls.py mounts them under their
prefixes and namespaces (`opgaven:`, `teams:`, `gebieden:`)."""

from django.urls import path

from web import (
    landingen,
    mijlpalen,
    opgave_archief,
    opgavebord,
    regiebord,
    teams,
    voortgang,
    wijkbord,
)
from web.opgave_nieuw import opgave_nieuw

opgave_urls = [
    path("nieuw/", opgave_nieuw, name="nieuw"),
    path("<int:pk>/", opgavebord.opgave_detail, name="detail"),
    path("<int:pk>/bewerken/", opgavebord.opgave_bewerken, name="bewerken"),
    path("<int:pk>/geschiedenis/", opgavebord.opgave_geschiedenis, name="geschiedenis"),
    path("<int:pk>/acties/", opgavebord.actie_toevoegen, name="actie_toevoegen"),
    path("<int:pk>/acties/<int:actie_pk>/", opgavebord.actie_kaart, name="actie_kaart"),
    path(
        "<int:pk>/acties/<int:actie_pk>/bewerken/", opgavebord.actie_bewerken, name="actie_bewerken"
    ),
    path(
        "<int:pk>/acties/<int:actie_pk>/geschiedenis/",
        opgavebord.actie_geschiedenis,
        name="actie_geschiedenis",
    ),
    path(
        "<int:pk>/acties/<int:actie_pk>/verplaatsen/",
        opgavebord.actie_verplaatsen,
        name="actie_verplaatsen",
    ),
    path(
        "<int:pk>/acties/<int:actie_pk>/archiveren/",
        opgavebord.actie_archiveren,
        name="actie_archiveren",
    ),
    path(
        "<int:pk>/acties/<int:actie_pk>/herstellen/",
        opgavebord.actie_herstellen,
        name="actie_herstellen",
    ),
    path(
        "<int:pk>/acties/<int:actie_pk>/verwijderen/",
        opgavebord.actie_verwijderen,
        name="actie_verwijderen",
    ),
    path(
        "<int:pk>/mijlpalen/<int:mijlpaal_pk>/afvinken/",
        opgavebord.mijlpaal_afvinken,
        name="mijlpaal_afvinken",
    ),
    path("<int:pk>/mijlpalen/", mijlpalen.mijlpaal_toevoegen, name="mijlpaal_toevoegen"),
    path(
        "<int:pk>/mijlpalen/<int:mijlpaal_pk>/bewerken/",
        mijlpalen.mijlpaal_bewerken,
        name="mijlpaal_bewerken",
    ),
    path(
        "<int:pk>/mijlpalen/<int:mijlpaal_pk>/verplaatsen/",
        mijlpalen.mijlpaal_verplaatsen,
        name="mijlpaal_verplaatsen",
    ),
    path(
        "<int:pk>/mijlpalen/<int:mijlpaal_pk>/verwijderen/",
        mijlpalen.mijlpaal_verwijderen,
        name="mijlpaal_verwijderen",
    ),
    path("<int:pk>/overdragen/", opgavebord.opgave_overdragen, name="overdragen"),
    path("<int:pk>/archiveren/", opgave_archief.opgave_archiveren, name="archiveren"),
    path("<int:pk>/herstellen/", opgave_archief.opgave_herstellen, name="herstellen"),
    path("<int:pk>/voortgang/", opgavebord.voortgang_toevoegen, name="voortgang_toevoegen"),
    path(
        "<int:pk>/voortgang/<int:voortgang_pk>/bewerken/",
        voortgang.voortgang_bewerken,
        name="voortgang_bewerken",
    ),
    path("<int:pk>/belemmeringen/", opgavebord.belemmering_toevoegen, name="belemmering_toevoegen"),
    path("<int:pk>/gebieden/", landingen.landing_toevoegen, name="landing_toevoegen"),
    path(
        "<int:pk>/gebieden/<int:landing_pk>/bewerken/",
        landingen.landing_bewerken,
        name="landing_bewerken",
    ),
    path(
        "<int:pk>/gebieden/<int:landing_pk>/verwijderen/",
        landingen.landing_verwijderen,
        name="landing_verwijderen",
    ),
]

team_urls = [
    path("", teams.team_list, name="list"),
    path("nieuw/", teams.team_create, name="create"),
    path("<slug:slug>/", teams.team_detail, name="detail"),
    path("<slug:slug>/bewerken/", teams.team_edit, name="edit"),
    path("<slug:slug>/waardencheck/", teams.waardencheck_invullen, name="waardencheck"),
    path("<slug:slug>/bord/", regiebord.bord, name="bord"),
    path("<slug:slug>/bord/verplaats/", regiebord.bord_verplaats, name="bord_verplaats"),
    path(
        "<slug:slug>/peilmomenten/", regiebord.peilmoment_vastleggen, name="peilmoment_vastleggen"
    ),
    path(
        "<slug:slug>/meldingen/<int:pk>/", regiebord.melding_afhandelen, name="melding_afhandelen"
    ),
    path("<slug:slug>/leden/", teams.lid_toevoegen, name="lid_toevoegen"),
    path("<slug:slug>/leden/<int:pk>/verwijderen/", teams.lid_verwijderen, name="lid_verwijderen"),
    path("<slug:slug>/gasten/", teams.gast_uitnodigen, name="gast_uitnodigen"),
    path(
        "<slug:slug>/gasten/<int:opgave_pk>/<int:user_pk>/intrekken/",
        teams.gast_intrekken,
        name="gast_intrekken",
    ),
]

gebied_urls = [
    path("", wijkbord.gebied_list, name="list"),
    path("<str:code>/", wijkbord.gebied_detail, name="detail"),
    path(
        "<str:code>/opgaven/<int:pk>/bewerken/",
        wijkbord.lokale_status_bewerken,
        name="lokale_status_bewerken",
    ),
]
