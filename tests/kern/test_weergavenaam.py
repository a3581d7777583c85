"""A person is named the same way everywhere: full name, or username when there is none."""

from django.contrib.auth import get_user_model
from django.template import Context, Template

from kern.gebruikers import weergavenaam

Gebruiker = get_user_model()


def test_a_person_is_named_by_full_name():
    assert weergavenaam(Gebruiker(username="fa", first_name="Fatima", last_name="Amrani")) == (
        "Fatima Amrani"
    )


def test_a_person_without_a_full_name_is_named_by_username():
    assert weergavenaam(Gebruiker(username="fa")) == "fa"


def test_nobody_has_an_empty_name():
    assert weergavenaam(None) == ""


def test_templates_name_a_person_the_same_way():
    template = Template("{% load gebruikers %}{{ a|weergavenaam }}/{{ b|weergavenaam }}")
    namen = {"a": Gebruiker(username="fa", first_name="Fatima"), "b": Gebruiker(username="jo")}
    assert template.render(Context(namen)) == "Fatima/jo"
