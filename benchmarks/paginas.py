"""The pages the benchmark measures, and the floor for each: one raw SQL query that fetches
the same rows as the page shows, printed by a minimal template.

Each page is measured for the user who would look at it: the regieteam member on the
regieteam board, the wijk board and the belemmeringen board, the team member on the opgave
board and the home page, the coordinator on the cross-wijk overview. The same definitions
serve the demo world and the city-scale world (`manage.py genereer_schaal`), so the query
counts of the two can be compared page by page.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count

from gebieden.models import Gebied, Niveau
from opgaven.models import Opgave, OpgaveGebied
from teams.models import Team, TeamSoort

PROGRESS = """
    (SELECT count(*) FROM opgaven_mijlpaal m WHERE m.opgave_id = o.id) AS mijlpalen,
    (SELECT count(*) FROM opgaven_mijlpaal m WHERE m.opgave_id = o.id AND m.gereed) AS gereed,
    (SELECT v.status FROM opgaven_voortgangsupdate v WHERE v.opgave_id = o.id
      ORDER BY v.datum DESC, v.aangemaakt_op DESC LIMIT 1) AS laatste_status,
    (SELECT v.datum FROM opgaven_voortgangsupdate v WHERE v.opgave_id = o.id
      ORDER BY v.datum DESC, v.aangemaakt_op DESC LIMIT 1) AS laatste_datum,
    (SELECT count(*) FROM opgaven_belemmering_opgaven bo
      JOIN opgaven_belemmering b ON b.id = bo.belemmering_id
      WHERE bo.opgave_id = o.id AND b.status <> 'opgelost') AS open_belemmeringen
"""
GEBIEDEN = """
    (SELECT string_agg(g.naam, ', ' ORDER BY g.pad) FROM opgaven_opgavegebied og
      JOIN gebieden_gebied g ON g.id = og.gebied_id WHERE og.opgave_id = o.id) AS gebieden
"""

REGIEBORD = f"""
SELECT o.id, o.titel, t.naam, o.aanvliegroute, o.status, {PROGRESS}, {GEBIEDEN}
FROM opgaven_opgave o
JOIN teams_team t ON t.id = o.team_id
LEFT JOIN opgaven_prioriteit p ON p.opgave_id = o.id AND p.regieteam_id = %(team)s
WHERE o.id IN (SELECT og.opgave_id FROM opgaven_opgavegebied og
               JOIN gebieden_gebied g ON g.id = og.gebied_id WHERE g.pad LIKE %(pad)s)
ORDER BY p.positie NULLS LAST, o.titel
"""

# The opgave board shows its acties in columns, its mijlpalen, updates, belemmeringen, kansen
# and gebieden, and the latest changes from history: one UNION ALL query brings them all.
GESCHIEDENIS = """
UNION ALL
(SELECT 'wijziging', h.history_id, h.titel, h.history_type, u.username, h.history_date::date, 0
 FROM opgaven_historical{tabel} h LEFT JOIN auth_user u ON u.id = h.history_user_id
 WHERE {filter} ORDER BY h.history_date DESC LIMIT 15)
"""
OPGAVEBORD = (
    """
SELECT 'actie' AS soort, a.id, a.titel, a.kolom AS a, u.first_name || ' ' || u.last_name AS b,
       a.deadline AS datum, a.positie AS volgorde
FROM opgaven_actie a LEFT JOIN auth_user u ON u.id = a.eigenaar_id WHERE a.opgave_id = %(opgave)s
UNION ALL
SELECT 'mijlpaal', m.id, m.titel, m.gereed::text, '', m.deadline, 0
FROM opgaven_mijlpaal m WHERE m.opgave_id = %(opgave)s
UNION ALL
SELECT 'update', v.id, v.tekst, v.status, u.first_name || ' ' || u.last_name, v.datum, 0
FROM opgaven_voortgangsupdate v LEFT JOIN auth_user u ON u.id = v.auteur_id
WHERE v.opgave_id = %(opgave)s
UNION ALL
SELECT 'belemmering', b.id, b.titel, b.status, b.ernst, b.aangemaakt_op::date, 0
FROM opgaven_belemmering b JOIN opgaven_belemmering_opgaven bo ON bo.belemmering_id = b.id
WHERE bo.opgave_id = %(opgave)s
UNION ALL
SELECT 'kans', k.id, k.titel, k.status, '', k.aangemaakt_op::date, 0
FROM opgaven_kans k WHERE k.opgave_id = %(opgave)s
UNION ALL
SELECT 'gebied', og.id, g.naam, og.lokale_status, og.urgentie, NULL, 0
FROM opgaven_opgavegebied og JOIN gebieden_gebied g ON g.id = og.gebied_id
WHERE og.opgave_id = %(opgave)s
UNION ALL
SELECT 'opgave', o.id, o.titel, o.status, t.naam, o.streefdatum, 0
FROM opgaven_opgave o JOIN teams_team t ON t.id = o.team_id WHERE o.id = %(opgave)s
UNION ALL
SELECT 'teamlid', u.id, u.username, l.rol, u.first_name || ' ' || u.last_name, NULL, 0
FROM teams_lidmaatschap l JOIN auth_user u ON u.id = l.user_id
WHERE l.team_id = (SELECT team_id FROM opgaven_opgave WHERE id = %(opgave)s)
UNION ALL
SELECT 'score', s.id, w.links, s.score::text, w.rechts, c.datum, w.volgorde
FROM teams_waardescore s
JOIN teams_waardencheck c ON c.id = s.waardencheck_id
JOIN teams_waarde w ON w.id = s.waarde_id
WHERE c.id IN (
  SELECT id FROM teams_waardencheck
  WHERE team_id = (SELECT team_id FROM opgaven_opgave WHERE id = %(opgave)s)
    AND (opgave_id IS NULL OR opgave_id = %(opgave)s)
  ORDER BY datum DESC, id DESC LIMIT 6)
"""
    + "".join(
        GESCHIEDENIS.format(tabel=tabel, filter=filter)
        for tabel, filter in [
            ("opgave", "h.id = %(opgave)s"),
            ("actie", "h.opgave_id = %(opgave)s"),
            ("mijlpaal", "h.opgave_id = %(opgave)s"),
            (
                "belemmering",
                "h.id IN (SELECT belemmering_id FROM opgaven_belemmering_opgaven"
                " WHERE opgave_id = %(opgave)s)",
            ),
        ]
    )
    + """
ORDER BY soort, a, volgorde, id
"""
)

WIJKBORD = f"""
SELECT 'landing' AS soort, g.naam AS gebied, o.titel, og.lokale_status, og.urgentie, og.notitie,
       t.naam AS team, {PROGRESS}
FROM opgaven_opgavegebied og
JOIN gebieden_gebied g ON g.id = og.gebied_id
JOIN opgaven_opgave o ON o.id = og.opgave_id
JOIN teams_team t ON t.id = o.team_id
WHERE g.pad LIKE %(pad)s
UNION ALL
SELECT 'belemmering', g.naam, b.titel, b.status, b.ernst, '', '', 0, 0, '', NULL, 0
FROM opgaven_belemmering b JOIN gebieden_gebied g ON g.id = b.gebied_id
WHERE g.pad LIKE %(pad)s AND b.status <> 'opgelost'
UNION ALL
SELECT 'deelgebied', g.naam, g.code, g.niveau, '', '', '', 0, 0, '', NULL, 0
FROM gebieden_gebied g WHERE g.ouder_id = %(gebied)s
UNION ALL
SELECT 'bovengebied', g.naam, g.code, g.niveau, '', '', '', 0, 0, '', NULL, 0
FROM gebieden_gebied g WHERE %(wijkpad)s LIKE g.pad || '%%' AND g.id <> %(gebied)s
ORDER BY soort, gebied, titel
"""

# Every cell of the matrix opgaven x wijken: the most worrying local status and the open
# belemmeringen of that opgave in that wijk.
OVERZICHT = """
WITH landing AS (
  SELECT og.opgave_id, w.id AS wijk_id, og.lokale_status
  FROM opgaven_opgavegebied og
  JOIN gebieden_gebied g ON g.id = og.gebied_id
  JOIN gebieden_gebied w ON w.niveau = 'wijk' AND g.pad LIKE w.pad || '%%'
), wijken AS (
  SELECT DISTINCT w.id, w.naam, w.pad FROM landing JOIN gebieden_gebied w ON w.id = landing.wijk_id
), opgaven AS (
  SELECT DISTINCT o.id, o.titel FROM landing JOIN opgaven_opgave o ON o.id = landing.opgave_id
), cellen AS (
  SELECT opgave_id, wijk_id, min(CASE lokale_status WHEN 'aandacht' THEN 1
    WHEN 'nog_niet_gestart' THEN 2 WHEN 'loopt' THEN 3 ELSE 4 END) AS zorg
  FROM landing GROUP BY opgave_id, wijk_id
)
SELECT o.id, o.titel, w.naam, c.zorg
FROM opgaven o CROSS JOIN wijken w
LEFT JOIN cellen c ON c.opgave_id = o.id AND c.wijk_id = w.id
ORDER BY o.titel, o.id, w.pad
"""

BELEMMERINGEN = """
SELECT b.id, b.titel, b.status, b.ernst, b.aangemaakt_op, g.naam,
       u.first_name || ' ' || u.last_name AS eigenaar,
       (SELECT string_agg(o.titel, ', ' ORDER BY o.titel) FROM opgaven_belemmering_opgaven bo
         JOIN opgaven_opgave o ON o.id = bo.opgave_id WHERE bo.belemmering_id = b.id) AS opgaven
FROM opgaven_belemmering b
LEFT JOIN gebieden_gebied g ON g.id = b.gebied_id
LEFT JOIN auth_user u ON u.id = b.eigenaar_id
WHERE (g.pad LIKE %(pad)s
       OR b.id IN (SELECT bo.belemmering_id FROM opgaven_belemmering_opgaven bo
                   JOIN opgaven_opgavegebied og ON og.opgave_id = bo.opgave_id
                   JOIN gebieden_gebied g2 ON g2.id = og.gebied_id WHERE g2.pad LIKE %(pad)s))
  AND (b.status <> 'opgelost' OR b.opgelost_op >= now() - interval '90 days')
ORDER BY b.status, b.aangemaakt_op
"""

# Home: the user's teams with role and discipline, their opgaven, and their own meldingen.
HOME = f"""
SELECT 'opgave' AS soort, o.id, o.titel, t.naam, o.status, {PROGRESS}, {GEBIEDEN}
FROM opgaven_opgave o JOIN teams_team t ON t.id = o.team_id
WHERE o.team_id IN (SELECT l.team_id FROM teams_lidmaatschap l WHERE l.user_id = %(user)s)
UNION ALL
SELECT 'team', t.id, t.naam, l.rol, d.naam, 0, 0, NULL, NULL, 0, l.organisatie
FROM teams_lidmaatschap l JOIN teams_team t ON t.id = l.team_id
LEFT JOIN teams_discipline d ON d.id = l.discipline_id WHERE l.user_id = %(user)s
UNION ALL
(SELECT 'melding', m.id, m.titel, m.status, g.naam, 0, 0, NULL, NULL, 0, m.reactie
 FROM opgaven_melding m JOIN gebieden_gebied g ON g.id = m.gebied_id
 WHERE m.ingediend_door_id = %(user)s ORDER BY m.aangemaakt_op DESC LIMIT 10)
ORDER BY soort, naam, titel
"""

# Minimal template: every fetched field of every row, escaped and localised as Django does.
VLOER_TEMPLATE = (
    '<!doctype html><html lang="nl"><head><title>vloer</title></head><body><table>'
    "{% for rij in rijen %}<tr>{% for veld in rij %}<td>{{ veld }}</td>{% endfor %}</tr>"
    "{% endfor %}</table></body></html>"
)


@dataclass
class Pagina:
    naam: str
    gebruiker: str
    url: str
    vloer_sql: str
    vloer_parameters: dict = field(default_factory=dict)


def _drukste_wijk(gebied: Gebied) -> Gebied:
    """The wijk in (or around) the regieteam's gebied where the most opgaven land."""
    wijken = [
        wijk
        for wijk in Gebied.objects.filter(niveau=Niveau.WIJK).order_by("pad")
        if wijk.pad.startswith(gebied.pad) or gebied.pad.startswith(wijk.pad)
    ]
    paden = list(
        OpgaveGebied.objects.filter(gebied__pad__startswith=gebied.pad).values_list(
            "gebied__pad", flat=True
        )
    )
    return max(wijken, key=lambda wijk: sum(pad.startswith(wijk.pad) for pad in paden))


def paginas(wereld: str) -> list[Pagina]:
    """The pages for `wereld` ("demo" or "schaal"), with their targets looked up in the data."""
    if wereld == "schaal":
        regie, lid, coordinator = "schaal-regie", "schaal-lid", "schaal-coordinator"
    else:
        regie, lid, coordinator = "regie", "lid", "coordinator"
    User = get_user_model()
    lid_user = User.objects.get(username=lid)
    regieteam = Team.objects.get(soort=TeamSoort.REGIETEAM, leden__username=regie)
    opgave = (
        Opgave.objects.filter(team__leden=lid_user)
        .annotate(aantal=Count("acties"))
        .order_by("-aantal", "pk")
        .first()
    )
    wijk = _drukste_wijk(regieteam.gebied)
    pad = regieteam.gebied.pad + "%"
    return [
        Pagina("Regieteambord", regie, f"/teams/{regieteam.slug}/bord/", REGIEBORD,
               {"team": regieteam.pk, "pad": pad}),
        Pagina("Opgavebord", lid, opgave.get_absolute_url(), OPGAVEBORD, {"opgave": opgave.pk}),
        Pagina("Wijkbord", regie, wijk.get_absolute_url(), WIJKBORD,
               {"pad": wijk.pad + "%", "gebied": wijk.pk, "wijkpad": wijk.pad}),
        Pagina("Overzicht", coordinator, "/overzicht/", OVERZICHT),
        Pagina("Belemmeringen", regie, "/belemmeringen/", BELEMMERINGEN, {"pad": pad}),
        Pagina("Home", lid, "/", HOME, {"user": lid_user.pk}),
    ]  # fmt: skip
