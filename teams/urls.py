from django.urls import path

from teams import views

app_name = "teams"

urlpatterns = [
    path("", views.team_list, name="list"),
    path("nieuw/", views.team_create, name="create"),
    path("<slug:slug>/", views.team_detail, name="detail"),
    path("<slug:slug>/bewerken/", views.team_edit, name="edit"),
    path("<slug:slug>/waardencheck/", views.waardencheck_invullen, name="waardencheck"),
    path("<slug:slug>/bord/", views.bord, name="bord"),
    path("<slug:slug>/bord/verplaats/", views.bord_verplaats, name="bord_verplaats"),
    path("<slug:slug>/peilmomenten/", views.peilmoment_vastleggen, name="peilmoment_vastleggen"),
    path("<slug:slug>/meldingen/<int:pk>/", views.melding_afhandelen, name="melding_afhandelen"),
    path("<slug:slug>/leden/", views.lid_toevoegen, name="lid_toevoegen"),
    path("<slug:slug>/leden/<int:pk>/verwijderen/", views.lid_verwijderen, name="lid_verwijderen"),
    path("<slug:slug>/gasten/", views.gast_uitnodigen, name="gast_uitnodigen"),
    path(
        "<slug:slug>/gasten/<int:opgave_pk>/<int:user_pk>/intrekken/",
        views.gast_intrekken,
        name="gast_intrekken",
    ),
]
