from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control


class LanguageMiddleware:
    """Dutch unless the user chose otherwise.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: civil
    servants often run an English browser, and the team's shared board should read the same
    for everyone at the table. A choice made through `set_language` (its cookie) is honoured.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        gekozen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        taal = gekozen if gekozen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(taal)
        request.LANGUAGE_CODE = taal
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", taal)
        translation.deactivate()
        return response


class PrivateCacheMiddleware:
    """`Cache-Control: private` on every response whose view did not choose its own.

    Every page depends on who asks: the session, the CSRF token in its forms (the login page
    too), the language cookie. A shared cache (a proxy, a CDN) must therefore never store one,
    but the browser may: `no-store` would also keep the page out of the back/forward cache,
    which is what brings back what was typed when someone presses Back. Static files never
    get here (WhiteNoise answers them with its own headers); exports set `no-store`
    themselves (opgaven.export) and /health/ uses never_cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response
