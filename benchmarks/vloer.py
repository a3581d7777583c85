"""The floor view: the same request path through Django (middleware, session, signed-in
user) as the real page, then one raw SQL query and the minimal template."""

from django.db import connection
from django.http import Http404, HttpResponse
from django.template import engines
from django.urls import path

from benchmarks.paginas import VLOER_TEMPLATE, Pagina
from config.urls import urlpatterns as app_urlpatterns

PAGINAS: list[Pagina] = []  # filled by the runner before it measures


def vloer(request, index: int):
    if not request.user.is_authenticated or index >= len(PAGINAS):
        raise Http404
    pagina = PAGINAS[index]
    with connection.cursor() as cursor:
        cursor.execute(pagina.vloer_sql, pagina.vloer_parameters)
        rijen = cursor.fetchall()
    template = engines["django"].from_string(VLOER_TEMPLATE)
    return HttpResponse(template.render({"rijen": rijen}, request))


def vloer_rijen(pagina: Pagina) -> int:
    with connection.cursor() as cursor:
        cursor.execute(pagina.vloer_sql, pagina.vloer_parameters)
        return len(cursor.fetchall())


urlpatterns = [*app_urlpatterns, path("_vloer/<int:index>/", vloer)]
