from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config import views as config_views
from gebieden import views as gebieden_views
from opgaven import views as opgaven_views

urlpatterns = [
    path("", opgaven_views.home, name="home"),
    path("health/", opgaven_views.health, name="health"),
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
    path("opgaven/", include("opgaven.urls")),
    path("teams/", include("teams.urls")),
    path("gebieden/", include("gebieden.urls")),
    path("overzicht/", gebieden_views.overzicht, name="overzicht"),
    path("belemmeringen/", opgaven_views.belemmeringen_bord, name="belemmeringen"),
    path("melden/", opgaven_views.melden, name="melden"),
    path("toegankelijkheid/", opgaven_views.toegankelijkheid, name="toegankelijkheid"),
    path(
        "belemmeringen/<int:pk>/status/",
        opgaven_views.belemmering_status,
        name="belemmering_status",
    ),
    path(
        "belemmeringen/<int:pk>/bewerken/",
        opgaven_views.belemmering_bewerken,
        name="belemmering_bewerken",
    ),
    path(
        "belemmeringen/<int:pk>/geschiedenis/",
        opgaven_views.belemmering_geschiedenis,
        name="belemmering_geschiedenis",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "config.views.foute_aanvraag"
handler500 = "config.views.serverfout"
