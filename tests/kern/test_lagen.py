"""The apps form layers: each imports only the ones below it, so no two apps import each other.

    kern        the shared core: versions, archive, choices, forms, input, exports, htmx
    gebieden    areas and their outlines
    teams       teams, memberships, values
    opgaven     opgaven, acties, belemmeringen and the board rules
    rechten     who may see and change what (needs every domain model)
    audit       the audit log, sessions, sign-in attempts
    web         the pages: views, page forms, URLs
    demo        the demo world and the city-scale data
    benchmarks, config   the measurements and the project itself, on top (loops only)

Read from the source, every import statement counts, also one inside a function.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAGEN = ["kern", "gebieden", "teams", "opgaven", "rechten", "audit", "web", "demo"]
PROJECT = [*LAGEN, "benchmarks", "config"]


def _modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _imported_apps(path: Path) -> dict[str, int]:
    """The project apps a module imports, each with the line of its first import."""
    gevonden: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            namen = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            namen = [node.module]
        else:
            continue
        for naam in namen:
            app = naam.split(".")[0]
            if app in PROJECT:
                gevonden.setdefault(app, node.lineno)
    return gevonden


def _imports() -> dict[tuple[str, str], list[str]]:
    """(importing app, imported app) -> where, as "path:line"."""
    randen: dict[tuple[str, str], list[str]] = {}
    for app in PROJECT:
        for path in _modules(app):
            for doel, regel in _imported_apps(path).items():
                if doel != app:
                    plek = f"{path.relative_to(ROOT)}:{regel}"
                    randen.setdefault((app, doel), []).append(plek)
    return randen


def _lus(randen) -> list[str] | None:
    """A cycle in the graph of apps, as the list of apps along it, or None."""
    buren: dict[str, set[str]] = {}
    for van, naar in randen:
        buren.setdefault(van, set()).add(naar)
    staat: dict[str, str] = {}

    def bezoek(app: str, pad: list[str]) -> list[str] | None:
        staat[app] = "bezig"
        for buur in sorted(buren.get(app, ())):
            if staat.get(buur) == "bezig":
                return [*pad[pad.index(buur) :], buur] if buur in pad else [app, buur]
            if buur not in staat:
                gevonden = bezoek(buur, [*pad, buur])
                if gevonden:
                    return gevonden
        staat[app] = "klaar"
        return None

    for app in PROJECT:
        if app not in staat:
            gevonden = bezoek(app, [app])
            if gevonden:
                return gevonden
    return None


def test_no_two_apps_import_each_other_directly_or_through_others():
    randen = _imports()
    lus = _lus(randen)
    stappen = zip(lus, lus[1:], strict=False) if lus else []
    waar = [f"{van} -> {naar}: {randen[(van, naar)]}" for van, naar in stappen]
    assert lus is None, "import loop between apps:\n" + "\n".join(waar)


def test_the_shared_core_imports_no_other_app():
    randen = _imports()
    assert {naar: plekken for (van, naar), plekken in randen.items() if van == "kern"} == {}


@pytest.mark.parametrize("app", ["gebieden", "teams"])
def test_the_models_of_gebieden_and_teams_import_nothing_of_opgaven(app):
    assert "opgaven" not in _imported_apps(ROOT / app / "models.py")


def test_each_app_imports_only_the_layers_below_it():
    te_hoog = {
        (van, naar): plekken
        for (van, naar), plekken in _imports().items()
        if van in LAGEN and (naar not in LAGEN or LAGEN.index(naar) > LAGEN.index(van))
    }
    assert te_hoog == {}


def test_the_loop_finder_finds_a_loop_and_says_where():
    randen = {("teams", "opgaven"): ["x"], ("opgaven", "rechten"): ["y"], ("rechten", "teams"): []}
    lus = _lus(randen)
    assert lus[0] == lus[-1] and set(lus) == {"teams", "opgaven", "rechten"}
    assert _lus({("teams", "kern"): ["x"]}) is None


# A model may point at a model of a higher layer by name ("app.Model") without importing it;
# the schema then ties the apps all the same. The one such reference, said here on purpose:
# a values check may be about one of the team's opgaven (moving the model would change the
# schema, and the check belongs to the team).
NAAR_BOVEN_TOEGESTAAN = {("teams", "opgaven.Opgave")}


def _modelverwijzingen(app: str) -> set[str]:
    """The "app.Model" strings a models module's relation fields point at."""
    verwijzingen = set()
    path = ROOT / app / "models.py"
    if not path.exists():
        return verwijzingen
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", ""))
            in {"ForeignKey", "OneToOneField", "ManyToManyField"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            verwijzingen.add(node.args[0].value)
    return verwijzingen


def test_models_point_by_name_only_at_their_own_or_lower_layers():
    naar_boven = {
        (app, verwijzing)
        for app in LAGEN
        for verwijzing in _modelverwijzingen(app)
        if verwijzing.split(".")[0] in LAGEN
        and LAGEN.index(verwijzing.split(".")[0]) > LAGEN.index(app)
    }
    assert naar_boven == NAAR_BOVEN_TOEGESTAAN
