"""The values checklist over time: per value the scores of a team's recent checks, so the
team sees its trend and which values dropped since the previous check."""

from dataclasses import dataclass

from teams.models import Waarde, Waardencheck, WaardeScore

AANTAL_CHECKS = 6


@dataclass(frozen=True)
class WaardeTrend:
    waarde: Waarde
    scores: list[tuple[str, int | None]]  # (check date, score), oldest first

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


def waardentrend(checks) -> tuple[Waardencheck | None, list[WaardeTrend]]:
    """The latest check and the trend per active value over the most recent checks, in two
    queries whatever the history."""
    recent = list(checks.select_related("ingevuld_door").order_by("-datum", "-pk")[:AANTAL_CHECKS])
    recent.reverse()
    scores = {
        (check_id, waarde_id): score
        for check_id, waarde_id, score in WaardeScore.objects.filter(waardencheck__in=recent)
        .order_by()
        .values_list("waardencheck_id", "waarde_id", "score")
    }
    trends = [
        WaardeTrend(
            waarde=waarde,
            scores=[
                (check.datum.isoformat(), scores.get((check.pk, waarde.pk))) for check in recent
            ],
        )
        for waarde in Waarde.objects.filter(actief=True)
    ]
    return (recent[-1] if recent else None), trends
