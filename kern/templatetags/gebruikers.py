"""`{{ user|weergavenaam }}`: a person's name in templates, as kern.gebruikers gives it."""

from django import template

from kern.gebruikers import weergavenaam

register = template.Library()
register.filter("weergavenaam", weergavenaam)
