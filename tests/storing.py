"""Faults to inject in tests: a middleware that breaks the answer after the view has written."""

import threading

_actief = threading.local()


class AntwoordMislukt(Exception):
    """The answer could not be produced after the view had done its work."""


class BreekHetAntwoord:
    """Test-only middleware, placed just inside config.middleware.SchrijvenAllesOfNiets: while
    `breek()` is on, every answer fails after its view (and the rendering) has run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(_actief, "aan", False):
            raise AntwoordMislukt(request.path)
        return response


class breek:
    """`with breek():` every answer in the block fails after its view has written."""

    def __enter__(self):
        _actief.aan = True

    def __exit__(self, *exc):
        _actief.aan = False
