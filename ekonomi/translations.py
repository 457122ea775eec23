"""Django's own strings that its Swedish catalogue lacks; listed here so that makemessages
keeps them in locale/sv, where our translation takes precedence over Django's."""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = [
    # The empty choice of every select built from a model field with choices (Django 6.1).
    gettext_noop("- Select an option -"),
]
