"""Dutch and English: every text goes through gettext, both catalogues are complete and
compiled, the pages read in the chosen language, and dates and numbers follow it."""

import ast
import datetime
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import timezone

from opgaven.models import Belemmering
from teams.models import Waarde
from tests.factories import (
    ActieFactory,
    BelemmeringFactory,
    LidmaatschapFactory,
    OpgaveFactory,
    ThemaFactory,
    VoortgangsupdateFactory,
    WaardencheckFactory,
    WaardeScoreFactory,
)
from tests.i18n_scanner import untranslated_texts

BASE_DIR = Path(settings.BASE_DIR)
TEMPLATES = sorted((BASE_DIR / "templates").rglob("*.html"))
CATALOGUE = "locale/{taal}/LC_MESSAGES/django.{soort}"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _catalogue(taal: str) -> polib.POFile:
    return polib.pofile(str(BASE_DIR / CATALOGUE.format(taal=taal, soort="po")))


def _entries(taal: str) -> list[polib.POEntry]:
    return [entry for entry in _catalogue(taal) if not entry.obsolete]


def _translations(entries) -> dict:
    return {(entry.msgctxt, entry.msgid): entry.msgstr_plural or entry.msgstr for entry in entries}


# --- templates -------------------------------------------------------------------------------


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_every_template_sends_its_text_through_translation(template):
    assert untranslated_texts(template) == []


def test_the_template_check_catches_text_outside_translate_tags(tmp_path):
    template = tmp_path / "page.html"
    template.write_text(
        '{% load i18n %}<h1>{% translate "Opgaven" %}</h1><p>Nog niets {{ x }}</p>'
        '<a href="/" title="Naar huis" aria-label="{% translate "Thuis" %}">Opgavebord</a>'
        '<button value="Opslaan">{% translate "Opslaan" %}</button>'
        "{% blocktranslate %}Vertaald {{ x }}{% endblocktranslate %}"
        "{% comment %}uitleg{% endcomment %}"
        '<img alt="Kaart van de wijk" src="x.png"> · {{ y }}% – ({{ z }})'
        '<form hx-confirm="Echt verwijderen?"></form>'
    )
    assert untranslated_texts(template) == [
        "Nog niets",
        '<a title="Naar huis">',
        '<button value="Opslaan">',
        '<img alt="Kaart van de wijk">',
        '<form hx-confirm="Echt verwijderen?">',
    ]


# --- Python ----------------------------------------------------------------------------------

USER_FACING_KEYWORDS = {"label", "help_text", "verbose_name", "verbose_name_plural"}
USER_FACING_KEYWORDS |= {"empty_label", "description", "message", "error_messages"}
USER_FACING_CALLS = {
    "ValidationError",
    "HttpResponse",
    "HttpResponseBadRequest",
    "PermissionDenied",
}


def _bare_texts(node: ast.AST) -> list[str]:
    """String literals with words in them that are not inside a gettext call."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "").endswith(("_", "gettext")):
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if re.search(r"[^\W\d_]{2,}", node.value) else []
    if isinstance(node, ast.Dict):
        return [tekst for waarde in node.values for tekst in _bare_texts(waarde)]
    if isinstance(node, ast.JoinedStr | ast.BinOp | ast.Tuple | ast.List):
        return [tekst for kind in ast.iter_child_nodes(node) for tekst in _bare_texts(kind)]
    return []


def untranslated_python_texts(source: str) -> list[str]:
    """Literal texts handed to users without gettext: form and model labels, help texts,
    validation errors, messages, responses, and the labels of TextChoices."""
    gevonden = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            naam = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            bericht = getattr(getattr(node.func, "value", None), "id", None) == "messages"
            if naam == "add_error":  # form.add_error(field, text)
                argumenten = node.args[1:2]
            elif naam in USER_FACING_CALLS or bericht:  # messages.success(request, text)
                argumenten = node.args[:2]
            else:
                argumenten = []
            for argument in argumenten:
                gevonden += _bare_texts(argument)
            for keyword in node.keywords:
                if keyword.arg in USER_FACING_KEYWORDS:
                    gevonden += _bare_texts(keyword.value)
        if isinstance(node, ast.ClassDef) and any(
            getattr(basis, "attr", getattr(basis, "id", "")).endswith("Choices")
            for basis in node.bases
        ):
            for regel in node.body:
                if isinstance(regel, ast.Assign) and isinstance(regel.value, ast.Tuple):
                    gevonden += _bare_texts(regel.value.elts[-1])
        if isinstance(node, ast.Assign) and any(
            getattr(doel, "id", None) in {"verbose_name", "verbose_name_plural"}
            for doel in node.targets
        ):
            gevonden += _bare_texts(node.value)
    return gevonden


PYTHON_MODULES = sorted(
    path
    for app in ("config", "kern", "gebieden", "teams", "opgaven", "rechten", "audit", "web", "demo")
    for path in (BASE_DIR / app).rglob("*.py")
    if "migrations" not in path.parts and "commands" not in path.parts
)


@pytest.mark.parametrize("module", PYTHON_MODULES, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_python_hands_users_only_translated_texts(module):
    assert untranslated_python_texts(module.read_text(encoding="utf-8")) == []


def test_the_python_check_catches_bare_texts():
    source = (
        "class Kleur(models.TextChoices):\n"
        "    ROOD = 'rood', 'Rood'\n"
        "    BLAUW = 'blauw', _('Blauw')\n"
        "naam = forms.CharField(label='Naam', help_text=_('Je naam'))\n"
        "messages.success(request, f'{x} is opgeslagen')\n"
        "logger.warning('Niet voor gebruikers')\n"
        "form.add_error('naam', 'Kies een andere naam.')\n"
        "raise ValidationError(_('Goed'))\n"
        "class Meta:\n"
        "    verbose_name = 'kleur'\n"
    )
    assert untranslated_python_texts(source) == [
        "Rood",
        "Naam",
        " is opgeslagen",
        "Kies een andere naam.",
        "kleur",
    ]


# --- catalogues ------------------------------------------------------------------------------


def test_every_dutch_text_has_a_natural_english_translation():
    problemen = []
    for entry in _entries("en"):
        vertalingen = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if "fuzzy" in entry.flags:
            problemen.append(f"fuzzy: {entry.msgid}")
        if not all(vertaling.strip() for vertaling in vertalingen):
            problemen.append(f"not translated: {entry.msgid}")
        for vertaling in vertalingen:
            if set(PLACEHOLDER.findall(vertaling)) != set(PLACEHOLDER.findall(entry.msgid)):
                problemen.append(f"placeholders differ: {entry.msgid} -> {vertaling}")
    assert problemen == []
    assert len(_entries("en")) > 400


def test_the_catalogues_have_no_fuzzy_header_and_the_right_plural_forms():
    for taal in ("nl", "en"):
        catalogue = _catalogue(taal)
        assert not catalogue.metadata_is_fuzzy
        assert catalogue.metadata["Language"] == taal
        assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
        meervouden = [entry for entry in catalogue if entry.msgid_plural]
        assert meervouden
        assert all(sorted(entry.msgstr_plural) == [0, 1] for entry in meervouden)


def test_the_dutch_catalogue_is_complete():
    for entry in _entries("nl"):
        assert "fuzzy" not in entry.flags, entry.msgid
        if entry.msgid_plural:
            assert entry.msgstr_plural == {0: entry.msgid, 1: entry.msgid_plural}
        else:
            assert entry.msgstr, entry.msgid


def test_both_catalogues_hold_the_same_texts():
    assert _translations(_entries("nl")).keys() == _translations(_entries("en")).keys()


@pytest.mark.skipif(
    not shutil.which("xgettext"), reason="xgettext missing: apt-get install gettext"
)
def test_makemessages_would_add_nothing_to_the_catalogues(tmp_path):
    """A new text in the code or a template without a translation fails here."""
    kopie = tmp_path / "project"
    shutil.copytree(
        BASE_DIR,
        kopie,
        ignore=shutil.ignore_patterns(
            ".*", "__pycache__", "node_modules", "staticfiles", "static", "tests", "locale", "*.mo"
        ),
    )
    (kopie / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-location"],
        cwd=kopie,
        env={**os.environ, "DEBUG": "1"},
        check=True,
        capture_output=True,
    )
    in_de_code = set(
        _translations(polib.pofile(str(kopie / CATALOGUE.format(taal="en", soort="po"))))
    )
    in_de_catalogus = set(_translations(_entries("en")))
    assert sorted(in_de_code - in_de_catalogus, key=str) == [], "run makemessages and translate"
    assert sorted(in_de_catalogus - in_de_code, key=str) == [], "run makemessages: texts went"


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_compiled_catalogue_matches_the_translations(taal):
    """The .mo files are build output (`make messages`); a stale one would hide changes."""
    mo = BASE_DIR / CATALOGUE.format(taal=taal, soort="mo")
    assert mo.exists(), "run `make messages` (make test does it for you)"
    gecompileerd = _translations(entry for entry in polib.mofile(str(mo)) if entry.msgid)
    assert gecompileerd == _translations(_entries(taal)), "stale .mo: run `make messages`"


# --- pages -----------------------------------------------------------------------------------


class _Texts(HTMLParser):
    """The texts a person reads or hears on a page: text nodes and readable attributes."""

    READABLE = {"aria-label", "title", "placeholder", "alt", "hx-confirm"}

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.texts = []
        self.skip_until = None  # a script, or an element marked as another language

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"script", "style"} or attributes.get("lang", self.lang) != self.lang:
            self.skip_until = tag
        self.texts += [value for name, value in attrs if name in self.READABLE and value]

    def handle_endtag(self, tag):
        if tag == self.skip_until:
            self.skip_until = None

    def handle_data(self, data):
        if not self.skip_until and data.strip():
            self.texts.append(data)


def _texts(html: str) -> set[str]:
    parser = _Texts(lang=re.search(r'<html lang="(\w+)"', html).group(1))
    parser.feed(html)
    return {" ".join(text.split()) for text in parser.texts}


def _dutch_left_over(html: str) -> list[str]:
    """Texts on the page that are a Dutch msgid whose English translation differs, or hold
    the fixed words (three or more) of a Dutch msgid with placeholders. (Names in the data
    may hold a short msgid, such as the team "Opgaveteam Armoede en schulden".)"""
    geheel, stukken = set(), set()
    for entry in _entries("en"):
        if entry.msgstr_plural or entry.msgstr == entry.msgid:
            continue
        if not PLACEHOLDER.search(entry.msgid):
            geheel.add(entry.msgid)
            continue
        stukken |= {
            stuk.strip() for stuk in PLACEHOLDER.split(entry.msgid) if len(stuk.split()) >= 3
        }
    teksten = _texts(html)
    gevonden = teksten & geheel
    gevonden |= {stuk for stuk in stukken for tekst in teksten if stuk in tekst}
    return sorted(gevonden)


@pytest.fixture
def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def volle_wereld(wereld):
    """The small world with what the key pages show beyond it: an experiment with what it
    taught, a resolved belemmering, and two values checks per team, the second one lower."""
    ActieFactory(
        opgave=wereld.opgave,
        titel="Proefwoning openstellen",
        soort="experiment",
        kolom="klaar",
        hypothese="Een proefwoning neemt zorgen weg.",
        geleerd="Bezoekers waren vooral bezorgd over de kosten.",
    )
    BelemmeringFactory(
        opgaven=[wereld.opgave],
        gebied=wereld.buurt,
        status="opgelost",
        oplossing="De bibliotheek helpt.",
        opgelost_op=timezone.now(),
    )
    vandaag = timezone.localdate()
    for team in (wereld.team, wereld.regieteam):
        for dagen, score in [(30, 4), (7, 3)]:
            check = WaardencheckFactory(team=team, datum=vandaag - datetime.timedelta(days=dagen))
            for waarde in Waarde.objects.filter(actief=True):
                WaardeScoreFactory(waardencheck=check, waarde=waarde, score=score)
    return wereld


@pytest.mark.django_db
def test_the_check_for_dutch_left_over_notices_a_dutch_page(wereld, login):
    html = login(wereld.bob).get("/").content.decode()
    assert {"Mijn teams", "Opgaven", "Afmelden"} <= set(_dutch_left_over(html))
    html = login(wereld.bob).get("/teams/regieteam-wildeman/bord/").content.decode()
    assert {"De opgaven die in", "landen, in volgorde van prioriteit."} <= set(
        _dutch_left_over(html)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("gebruiker", "pagina"),
    [
        ("regie", "/"),
        ("regie", "opgave"),
        ("regie", "/teams/regieteam-wildeman/bord/"),
        ("coordinator", "/overzicht/"),
        ("regie", "/belemmeringen/"),
        ("regie", "/melden/"),
        ("regie", "/teams/"),
        ("regie", "/teams/regieteam-wildeman/"),
        ("regie", "/teams/regieteam-wildeman/waardencheck/"),
        ("regie", "/gebieden/"),
        ("regie", "/gebieden/FK/"),
        (None, "/accounts/login/"),
    ],
)
def test_key_pages_read_in_english(volle_wereld, login, in_english, gebruiker, pagina):
    if pagina == "opgave":
        pagina = volle_wereld.opgave.get_absolute_url()
    client = login(volle_wereld.rol(gebruiker)) if gebruiker else in_english
    response = client.get(pagina)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert response["Content-Language"] == "en"
    assert _dutch_left_over(html) == []


@pytest.mark.django_db
def test_the_board_speaks_english_with_its_choices_and_messages(in_english):
    opgave = OpgaveFactory(
        titel="Aardgasvrij Wildeman",
        thema=ThemaFactory(code="energietransitie", naam_en="Energy transition"),
    )
    in_english.force_login(LidmaatschapFactory(team=opgave.team).user)
    html = in_english.get(opgave.get_absolute_url()).content.decode()
    for tekst in [
        "Energy transition",
        "To do",
        "Doing",
        "Milestones",
        "Add an action or experiment",
    ]:
        assert tekst in html
    response = in_english.post(
        f"/opgaven/{opgave.pk}/acties/",
        {"titel": "", "soort": "actie", "kolom": "te_doen"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert "Please check your input" in response.content.decode()


# --- dates and numbers -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("taal", "datum", "tijdlijn", "kaart"),
    [
        ("nl", "5 maart 2026", "12 november 2026", "uiterlijk 24 december"),
        ("en", "5 Mar 2026", "12 Nov 2026", "by 24 December"),
    ],
)
def test_dates_follow_the_chosen_language(client, taal, datum, tijdlijn, kaart):
    opgave = OpgaveFactory(startdatum=datetime.date(2026, 3, 5))
    VoortgangsupdateFactory(opgave=opgave, datum=datetime.date(2026, 11, 12))
    # The kanban renders inside {% localize off %}: its dates still follow the language.
    ActieFactory(opgave=opgave, deadline=datetime.date(2026, 12, 24))
    client.force_login(LidmaatschapFactory(team=opgave.team).user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = taal
    html = client.get(opgave.get_absolute_url()).content.decode()
    assert datum in html
    assert tijdlijn in html
    assert kaart in html


@pytest.mark.django_db
@pytest.mark.parametrize(("taal", "mediaan"), [("nl", "<dd>2,5</dd>"), ("en", "<dd>2.5</dd>")])
def test_numbers_follow_the_chosen_language(client, taal, mediaan):
    opgave = OpgaveFactory()
    client.force_login(LidmaatschapFactory(team=opgave.team).user)
    # Noon, so that an hour less than whole days never crosses midnight in Amsterdam.
    nu = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(12)))
    for dagen in (2, 3):
        belemmering = BelemmeringFactory(
            opgaven=[opgave], status="opgelost", oplossing="Klaar.", opgelost_op=nu
        )
        Belemmering.objects.filter(pk=belemmering.pk).update(
            aangemaakt_op=nu - datetime.timedelta(days=dagen, hours=1), opgelost_op=nu
        )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = taal
    html = client.get("/belemmeringen/").content.decode()
    assert mediaan in html


# --- the language switch and exports ---------------------------------------------------------


@pytest.mark.django_db
def test_the_header_offers_each_language_in_its_own_words(client):
    html = client.get("/accounts/login/?next=/overzicht/").content.decode()
    assert '<form class="ob-taalkeuze" method="post" action="/i18n/setlang/">' in html
    assert '<input type="hidden" name="next" value="/accounts/login/?next=/overzicht/">' in html
    assert '<label class="utrecht-form-label" for="taalkeuze">Taal</label>' in html
    assert '<option value="nl" lang="nl" selected>Nederlands</option>' in html
    assert '<option value="en" lang="en">English</option>' in html


@pytest.mark.django_db
def test_choosing_english_returns_to_the_same_page_in_english(wereld, login):
    client = login(wereld.bob)
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/belemmeringen/?ernst=hoog"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/belemmeringen/?ernst=hoog"
    html = client.get(response["Location"]).content.decode()
    assert '<option value="en" lang="en" selected>English</option>' in html
    assert '<h1 class="utrecht-heading-1">Impediments</h1>' in html
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert (
        '<h1 class="utrecht-heading-1">Belemmeringen</h1>'
        in client.get("/belemmeringen/").content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("taal", "kop"),
    [("nl", "Prioriteit;Opgave;Team;Aanvliegroute"), ("en", "Priority;Mission;Team;Approach")],
)
def test_exports_carry_headers_in_the_chosen_language(wereld, login, taal, kop):
    client = login(wereld.bob)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = taal
    response = client.get("/teams/regieteam-wildeman/bord/?export=csv")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith(kop)


@pytest.mark.django_db
def test_an_unknown_language_or_a_foreign_next_changes_nothing(client):
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "https://evil.test/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"  # a hand-made cookie is ignored
    assert '<html lang="nl">' in client.get("/accounts/login/").content.decode()
