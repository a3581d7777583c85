from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.shortcuts import render
from django.views.decorators.http import require_safe

from teams.permissions import get_team_for_user, zichtbare_opgaven


@require_safe
@login_required
def team_detail(request: HttpRequest, slug: str):
    team = get_team_for_user(request, slug)
    lidmaatschappen = team.lidmaatschappen.select_related("user", "discipline").order_by(
        "organisatie", "discipline__naam", "user__last_name", "user__username"
    )
    opgaven = zichtbare_opgaven(request.user).filter(team=team).met_voortgang().order_by("titel")
    return render(
        request,
        "teams/team_detail.html",
        {"team": team, "lidmaatschappen": lidmaatschappen, "opgaven": opgaven},
    )
