"""Property-based: random and hostile values posted to every form endpoint, as a user who may
write there, never give a 500 and never change records the form does not target."""

import pytest
from django import forms as django_forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opgaven.forms
import teams.forms
import web.forms
from gebieden.models import Gebied
from opgaven.models import Actie, Mijlpaal, Opgave
from teams.models import Lidmaatschap, Team, Waarde
from tests.factories import ActieFactory, MijlpaalFactory
from tests.rechten.test_authorization import EXPECTED, ROLES, arguments

pytestmark = pytest.mark.django_db

SCHRIJVERS = ["lid", "regie", "beheer"]
# Not forms about the app's records: signing out and choosing a language.
OVERGESLAGEN = {"logout", "set_language"}


def post_endpoints():
    """Every POST entry of the URL walk, with the first role that may write there."""
    for name, (method, kind, statuses) in EXPECTED.items():
        url_name = name.removesuffix(" POST")
        if method != "POST" or url_name in OVERGESLAGEN:
            continue
        schrijver = next(
            (r for r in SCHRIJVERS if statuses[ROLES.index(r)] not in {302, 403, 404}), None
        )
        schrijver = schrijver or next(
            r for r in SCHRIJVERS if statuses[ROLES.index(r)] not in {403, 404}
        )
        yield pytest.param(url_name, kind, schrijver, id=url_name)


def veldnamen() -> list[str]:
    """Every field name the app's forms know, plus the dynamic ones, plus nonsense."""
    namen = set()
    for module in (opgaven.forms, teams.forms, web.forms):
        for klasse in vars(module).values():
            if isinstance(klasse, type) and issubclass(klasse, django_forms.BaseForm):
                namen |= set(klasse.base_fields)
    namen |= {"score_1", "toelichting_1", "b1-status", "b1-versie", "old_password"}
    namen |= {"new_password1", "new_password2", "csrfmiddlewaretoken", "pk", "id"}
    return sorted(namen)


VIJANDIG = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999999999",
    "2026-02-30",
    "31-12-2026",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ request }}{% debug %}",
    "' OR 1=1 --",
    "\x00",
    "\ud7ff\ufffd",
    '=HYPERLINK("http://x")',
    "x" * 5000,
    "true",
    "op_koers",
    "te_doen",
    "escaleren",
]

waarden = st.one_of(
    st.sampled_from(VIJANDIG),
    st.text(max_size=300),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
formulieren = st.dictionaries(
    st.one_of(st.sampled_from(veldnamen()), st.text(min_size=1, max_size=20)),
    st.one_of(waarden, st.lists(waarden, min_size=1, max_size=3)),
    max_size=10,
)


@pytest.fixture
def wereld_met_kaarten(wereld):
    """The small world, with cards and milestones on the opgaven the forms do not target."""
    for opgave in (wereld.andere_opgave, wereld.opgave_elders):
        ActieFactory.create_batch(2, opgave=opgave, kolom="te_doen")
        MijlpaalFactory(opgave=opgave)
    return wereld


def momentopname(wereld, url_name: str, kind: str) -> dict:
    """The records this form does not target, by (kind, pk): other opgaven and their cards,
    other teams and their members, the area tree, the values list and everyone's admin flags."""
    eigen_team = wereld.team
    eigen_opgave = eigen_team.opgaven.first()
    doel_team = wereld.regieteam if kind in {"regieteam", "melding"} else eigen_team
    opgave_velden = [f.attname for f in Opgave._meta.concrete_fields if f.name != "bord_versie"]
    rijen = {
        "opgave": Opgave.objects.exclude(pk=eigen_opgave.pk).values(*opgave_velden),
        "actie": Actie.objects.exclude(opgave=eigen_opgave).values(),
        "mijlpaal": Mijlpaal.objects.exclude(opgave=eigen_opgave).values(),
        "team": Team.objects.exclude(pk=doel_team.pk).values(),
        "lid": Lidmaatschap.objects.exclude(team=doel_team).values(),
        "gebied": Gebied.objects.values(),
        "waarde": Waarde.objects.values(),
        "gebruiker": get_user_model().objects.values(
            "id", "username", "is_active", "is_staff", "is_superuser"
        ),
    }
    return {(soort, rij["id"]): rij for soort, qs in rijen.items() for rij in qs}


@pytest.mark.parametrize(("url_name", "kind", "schrijver"), list(post_endpoints()))
def test_random_and_hostile_posts_never_crash_or_touch_other_records(
    client, wereld_met_kaarten, url_name, kind, schrijver
):
    wereld = wereld_met_kaarten
    client.force_login(wereld.rol(schrijver))
    url = reverse(url_name, args=arguments(kind, lid="alice", buiten="charlie"))
    # Nothing touches the database between two examples, so what one example found afterwards
    # is what the next one finds before: taken once, not twice (again after a failed example).
    vorige: list[dict] = []

    @settings(
        max_examples=20,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(gegevens=formulieren, htmx=st.booleans())
    def post(gegevens, htmx):
        voor = vorige.pop() if vorige else momentopname(wereld, url_name, kind)
        response = client.post(url, gegevens, headers={"HX-Request": "true"} if htmx else {})
        assert response.status_code < 500
        na = momentopname(wereld, url_name, kind)
        # What a form creates is its own; what existed must be there, unchanged.
        assert {sleutel: na.get(sleutel) for sleutel in voor} == voor
        vorige.append(na)

    post()


def test_every_form_endpoint_is_fuzzed():
    gefuzzd = {p.values[0] for p in post_endpoints()}
    assert gefuzzd >= {"opgaven:actie_toevoegen", "teams:waardencheck", "melden", "teams:edit"}
    assert len(gefuzzd) >= 20
