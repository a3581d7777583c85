from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo world and the city-scale data: generators and their commands."""

    name = "demo"
