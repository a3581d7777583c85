"""Each board card is a small object (web/kaarten.py) that states what the card shows: the
template reads only that object and the card's cache key is made of it, so a cached card is
never stale. And each cached card is whole HTML elements, never half of one."""

import dataclasses
import datetime
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from gebieden.models import Niveau
from opgaven.models import ActieSoort, BelemmeringStatus, Escalatieniveau, Opgave
from rechten.opgaven import Verwijzingen
from tests.factories import (
    ActieFactory,
    BelemmeringFactory,
    GebiedFactory,
    LidmaatschapFactory,
    MijlpaalFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    RegieteamFactory,
    UserFactory,
    VoortgangsupdateFactory,
)
from web.kaarten import ActieKaart, BelemmeringKaart, OpgaveKaart, PrioriteitKaart, WijkRij

KAARTSOORTEN = [OpgaveKaart, PrioriteitKaart, ActieKaart, BelemmeringKaart, WijkRij]

TEMPLATES = settings.BASE_DIR / "templates"
CACHEBLOK = re.compile(r"{%\s*cache\s+(.*?)%}(.*?){%\s*endcache\s*%}", re.S)
PARTIAL = re.compile(r"{%\s*partial\s+([\w-]+)\s*%}")
TEMPLATETAAL = re.compile(r"{#.*?#}|{%.*?%}|{{.*?}}", re.S)
LEGE_ELEMENTEN = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}


def _partialdef(naam: str, bron: str) -> str:
    begin = r"{%\s*partialdef\s+" + re.escape(naam) + r"(?:\s+inline)?\s*%}"
    gevonden = re.search(begin + r"(.*?){%\s*endpartialdef\s*%}", bron, re.S)
    assert gevonden, f"no partialdef {naam}"
    return gevonden.group(1)


def cacheblokken() -> list[tuple[str, str, str]]:
    """Every `{% cache %}` block in the templates: where, its arguments, and its markup (with
    the partials it renders written out)."""
    blokken = []
    for pad in sorted(TEMPLATES.rglob("*.html")):
        bron = pad.read_text()
        for blok in CACHEBLOK.finditer(bron):
            inhoud = PARTIAL.sub(lambda p, bron=bron: _partialdef(p.group(1), bron), blok.group(2))
            blokken.append((str(pad.relative_to(TEMPLATES)), blok.group(1), inhoud))
    return blokken


class _Tagbalans(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.fouten: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in LEGE_ELEMENTEN:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self.fouten.append(f"</{tag}> closes {self.open[-1] if self.open else 'nothing'}")


def onevenwichtig(markup: str) -> list[str]:
    """What is wrong with the HTML elements of this template markup: an element closed that
    it did not open, or one it opened and left open."""
    parser = _Tagbalans()
    parser.feed(TEMPLATETAAL.sub("", markup))
    parser.close()
    return parser.fouten + [f"<{tag}> left open" for tag in parser.open]


def test_the_balance_check_sees_a_block_that_closes_an_element_it_did_not_open():
    assert onevenwichtig('<h3>{% if x %}<a href="{{ url }}">t</a>{% endif %}</h3><br>') == []
    assert onevenwichtig('<a href="{{ url }}">t</a></h3><p>') == [
        "</h3> closes nothing",
        "<p> left open",
    ]


def test_every_cache_block_holds_whole_html_elements():
    fouten = {
        f"{pad} {{% cache {kop}%}}": fout
        for pad, kop, inhoud in cacheblokken()
        if (fout := onevenwichtig(inhoud))
    }
    assert fouten == {}


def test_every_cached_card_is_keyed_by_its_card_object():
    koppen = [kop.split() for _pad, kop, _inhoud in cacheblokken()]
    assert all(kop[2:] == ["kaart.sleutel", 'using="kaarten"'] for kop in koppen), koppen
    assert sorted(kop[1] for kop in koppen) == sorted(soort.fragment for soort in KAARTSOORTEN)


def voorbeeld(soort):
    return soort(**{veld.name: veld.name for veld in dataclasses.fields(soort)})


@pytest.mark.parametrize(
    ("soort", "veld"),
    [(soort, veld.name) for soort in KAARTSOORTEN for veld in dataclasses.fields(soort)],
)
def test_a_change_to_anything_a_card_shows_gives_it_a_new_key(soort, veld):
    kaart = voorbeeld(soort)
    assert dataclasses.replace(kaart, **{veld: "iets anders"}).sleutel != kaart.sleutel


@pytest.mark.parametrize("soort", KAARTSOORTEN)
def test_a_card_in_another_language_has_another_key(soort):
    with translation.override("nl"):
        nederlands = voorbeeld(soort).sleutel
    with translation.override("en"):
        assert voorbeeld(soort).sleutel != nederlands


def test_a_renamed_opgave_that_a_belemmering_blocks_gives_its_card_a_new_key():
    def geblokkeerd(titel):
        opgave = Opgave(pk=1, titel=titel)
        opgave.zichtbaar = True
        verwijzingen = Verwijzingen.van([opgave])
        return dataclasses.replace(voorbeeld(BelemmeringKaart), verwijzingen=verwijzingen)

    assert geblokkeerd("Armoede").sleutel != geblokkeerd("Armoede in de wijk").sleutel


@pytest.fixture
def wereld(db):
    """One opgave landing in a buurt of the regieteam's stadsdeel, with an experiment on its
    board, a mijlpaal, an update and an escalated belemmering, and a second opgave; seen by alice,
    member of the opgave's team and of the regieteam, so the cards show their buttons too."""
    stadsdeel = GebiedFactory(code="F", naam="Nieuw-West", niveau=Niveau.STADSDEEL)
    buurt = GebiedFactory(code="FK01", naam="Wildeman", niveau=Niveau.BUURT, ouder=stadsdeel)
    regieteam = RegieteamFactory(slug="regie", gebied=stadsdeel)
    opgave = OpgaveFactory(titel="Armoede")
    OpgaveGebiedFactory(opgave=opgave, gebied=buurt, notitie="Spreekuur in het buurthuis")
    eigenaar = UserFactory(username="bob", first_name="Bob", last_name="de Bouwer")
    ActieFactory(opgave=opgave, soort=ActieSoort.EXPERIMENT, hypothese="Helpt", eigenaar=eigenaar)
    ActieFactory(opgave=opgave)
    MijlpaalFactory(opgave=opgave, gereed=True)
    VoortgangsupdateFactory(opgave=opgave)
    BelemmeringFactory(
        opgaven=[opgave],
        gebied=buurt,
        eigenaar=eigenaar,
        status=BelemmeringStatus.GEESCALEERD,
        escalatieniveau=Escalatieniveau.REGIETEAM,
        escalatie_besluit="Geld voor de huur",
        geescaleerd_op=timezone.now(),
        escalatie_deadline=timezone.localdate() - datetime.timedelta(days=1),
    )
    OpgaveGebiedFactory(opgave=OpgaveFactory(titel="Energie", team=opgave.team), gebied=buurt)
    alice = UserFactory(username="alice")
    LidmaatschapFactory(user=alice, team=opgave.team)
    LidmaatschapFactory(user=alice, team=regieteam)
    return {"alice": alice, "opgave": opgave, "regieteam": regieteam, "stadsdeel": stadsdeel}


def _kaarten_op(response, naam: str) -> list:
    if naam == "kolommen":
        return [obj.kaart for _kolom, objecten in response.context[naam] for obj in objecten]
    return [obj.kaart for obj in response.context[naam]]


@pytest.mark.parametrize(
    ("pagina", "lijst", "partial"),
    [
        ("/", "opgaven", "opgaven/home.html#opgave-kaart"),
        ("/opgaven/{opgave}/", "kolommen", "opgaven/opgave_detail.html#actiekaart"),
        ("/teams/regie/bord/", "opgaven", "teams/bord.html#regiekaart"),
        ("/belemmeringen/", "kolommen", "opgaven/belemmeringen.html#belemmeringkaart"),
        ("/gebieden/F/", "landingen", "gebieden/gebied_detail.html#wijkrij"),
    ],
)
def test_a_card_renders_from_its_card_object_alone(client, wereld, pagina, lijst, partial):
    client.force_login(wereld["alice"])
    response = client.get(pagina.format(opgave=wereld["opgave"].pk))
    html = response.content.decode()
    kaarten = _kaarten_op(response, lijst)
    assert kaarten
    for kaart in kaarten:
        assert render_to_string(partial, {"kaart": kaart}).strip() in html
