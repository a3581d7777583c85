from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config import views as config_views
from web import belemmeringen, home, overzicht, urls

urlpatterns = [
    path("", home.home, name="home"),
    path("health/", home.health, name="health"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/wachtwoord/",
        config_views.WachtwoordWijzigen.as_view(),
        name="wachtwoord_wijzigen",
    ),
    path(
        "accounts/wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="wachtwoord_gewijzigd",
    ),
    path("opgaven/", include((urls.opgave_urls, "opgaven"))),
    path("teams/", include((urls.team_urls, "teams"))),
    path("gebieden/", include((urls.gebied_urls, "gebieden"))),
    path("overzicht/", overzicht.overzicht, name="overzicht"),
    path("belemmeringen/", belemmeringen.belemmeringen_bord, name="belemmeringen"),
    path("melden/", belemmeringen.melden, name="melden"),
    path("toegankelijkheid/", home.toegankelijkheid, name="toegankelijkheid"),
    path(
        "belemmeringen/<int:pk>/status/",
        belemmeringen.belemmering_status,
        name="belemmering_status",
    ),
    path(
        "belemmeringen/<int:pk>/bewerken/",
        belemmeringen.belemmering_bewerken,
        name="belemmering_bewerken",
    ),
    path(
        "belemmeringen/<int:pk>/geschiedenis/",
        belemmeringen.belemmering_geschiedenis,
        name="belemmering_geschiedenis",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "config.views.foute_aanvraag"
handler500 = "config.views.serverfout"
