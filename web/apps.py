from django.apps import AppConfig


class WebConfig(AppConfig):
    """The pages: every board, form and fragment a browser asks for, and their URLs."""

    name = "web"
