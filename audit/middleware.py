from django.core.exceptions import PermissionDenied
from django.http import Http404

from audit.log import leg_weigering_vast


class GeweigerdeToegangMiddleware:
    """Log every 404 and 403 that a view raises: the permission helpers answer 404 for objects
    the user may not see and 403 for changes they may not make (rechten/).

    Only exceptions from views pass here: a URL that does not exist at all is not logged.
    Repeats within a minute are counted on one row (audit.log.leg_weigering_vast)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            resultaat = "404 niet zichtbaar"
        elif isinstance(exception, PermissionDenied):
            resultaat = "403 geweigerd"
        else:
            return None
        match = request.resolver_match
        leg_weigering_vast(
            resultaat=resultaat,
            object_soort=match.view_name if match else "",
            object_id=" ".join(f"{k}={v}" for k, v in sorted(match.kwargs.items()))
            if match
            else "",
            details=request.method,
            request=request,
        )
        return None
