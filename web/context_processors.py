from rechten.gebruikers import teams_van


def mijn_teams(request):
    """The signed-in user's teams for the header, one query, only when a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"mijn_teams": []}
    return {"mijn_teams": lambda: [team for team in teams_van(user) if not team.is_gearchiveerd]}
