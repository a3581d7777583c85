from django.conf import settings
from django.utils import translation


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
