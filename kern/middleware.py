from django.contrib import messages
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers


class HtmxBerichtenMiddleware:
    """Two things every answer needs now that one address can answer with a whole page or,
    for htmx, with a fragment of it:

    - `Vary: HX-Request`, so a browser never shows a cached fragment as the page (Back) or
      the page where a fragment was asked for;
    - for htmx, when the view queued messages (django.contrib.messages), those the fragment
      did not show itself, as an out-of-band swap of the page's messages region. A write reports
      success and failure through messages alone, and the user reads them the same way with
      and without JavaScript.

    Answers that send the browser elsewhere (a redirect, HX-Redirect) keep their messages for
    the page they lead to; a server error's messages are already gone (config.middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ["HX-Request"])
        if self._kan_berichten_dragen(request, response):
            niet_getoond = [
                bericht
                for bericht in messages.get_messages(request)
                if not getattr(bericht, "getoond", False)
            ]
            if niet_getoond:
                response.write(
                    render_to_string(
                        "includes/berichten.html", {"berichten": niet_getoond, "oob": True}
                    )
                )
        return response

    @staticmethod
    def _kan_berichten_dragen(request, response) -> bool:
        return (
            getattr(request, "htmx", False)
            # Only this request's own: a board's change check must not take the message
            # meant for the page the browser is about to open.
            and getattr(messages.get_messages(request), "added_new", False)
            and not response.streaming
            # What htmx swaps (static/js/opgavebord.js): content, a form with its errors, a
            # stale save's notice.
            and response.status_code in (200, 409, 422)
            and response["Content-Type"].startswith("text/html")
            and not {"HX-Redirect", "HX-Location", "HX-Refresh"} & set(response.headers)
        )
