"""The values checklist over time: per value the scores of a team's recent checks, so the
team sees its trend and which values dropped since the previous check, and under which
earlier wording of a value its older scores were given."""

import datetime
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from teams.models import Waarde, Waardencheck, WaardeScore, formulering

AANTAL_CHECKS = 6


@dataclass(frozen=True)
class EerdereFormulering:
    """A wording a value had when some of the shown checks were filled in."""

    tekst: str
    datums: list[datetime.date]  # of those checks, oldest first

    @property
    def datums_tekst(self) -> str:
        return get_text_list([date_format(datum) for datum in self.datums], _("en"))


@dataclass(frozen=True)
class WaardeTrend:
    waarde: Waarde
    scores: list[tuple[str, int | None]]  # (check date, score), oldest first
    eerder: list[EerdereFormulering] = field(default_factory=list)

    @property
    def laatste(self) -> int | None:
        return self.scores[-1][1] if self.scores else None

    @property
    def vorige(self) -> int | None:
        return self.scores[-2][1] if len(self.scores) > 1 else None

    @property
    def gedaald(self) -> bool:
        return None not in (self.laatste, self.vorige) and self.laatste < self.vorige

    @property
    def punten(self) -> list[tuple[float, float, int]]:
        """Dots of the small chart in a 100 x 30 box: x, y and the score written beside it."""
        stap = 100 / max(len(self.scores) - 1, 1)
        return [
            (round(i * stap, 1), 27 - (score - 1) * 6, score)
            for i, (_datum, score) in enumerate(self.scores)
            if score is not None
        ]

    @property
    def lijn(self) -> str:
        return " ".join(f"{x},{y}" for x, y, _score in self.punten)

    @property
    def tekst(self) -> str:
        return " → ".join(str(score) for _datum, score in self.scores if score is not None)


def _eerdere_formuleringen(waarde: Waarde, recent, toen) -> list[EerdereFormulering]:
    """The wordings other than today's under which the value was scored in these checks."""
    per_formulering: dict[tuple[str, str], list[datetime.date]] = {}
    for check in recent:
        woorden = toen.get((check.pk, waarde.pk))
        if woorden and woorden != (waarde.links, waarde.rechts):
            per_formulering.setdefault(woorden, []).append(check.datum)
    return [
        EerdereFormulering(tekst=formulering(*woorden), datums=datums)
        for woorden, datums in per_formulering.items()
    ]


def waardentrend(checks) -> tuple[Waardencheck | None, list[WaardeTrend]]:
    """The latest check and the trend per active value over the most recent checks, each
    score with the wording it was given to, in three queries whatever the history."""
    recent = list(checks.select_related("ingevuld_door").order_by("-datum", "-pk")[:AANTAL_CHECKS])
    recent.reverse()
    scores, toen = {}, {}
    for check_id, waarde_id, score, links, rechts in (
        WaardeScore.objects.filter(waardencheck__in=recent)
        .met_formulering_toen()
        .order_by()
        .values_list("waardencheck_id", "waarde_id", "score", "links_toen", "rechts_toen")
    ):
        scores[check_id, waarde_id] = score
        toen[check_id, waarde_id] = (links, rechts)
    trends = [
        WaardeTrend(
            waarde=waarde,
            scores=[
                (check.datum.isoformat(), scores.get((check.pk, waarde.pk))) for check in recent
            ],
            eerder=_eerdere_formuleringen(waarde, recent, toen),
        )
        for waarde in Waarde.objects.filter(actief=True)
    ]
    return (recent[-1] if recent else None), trends
