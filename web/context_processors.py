from rechten.gebruikers import is_beheerder, teams_van


def mijn_teams(request):
    """The signed-in user's teams for the header, one query, only when a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"mijn_teams": []}
    return {"mijn_teams": lambda: [team for team in teams_van(user) if not team.is_gearchiveerd]}


def beheer(request):
    """Whether the header links to the admin: for functioneel beheer only."""
    user = getattr(request, "user", None)
    return {"is_beheerder": user is not None and is_beheerder(user)}
