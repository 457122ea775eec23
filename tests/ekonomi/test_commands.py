"""The project's management commands speak Swedish to the operator, their help included."""

import pytest
from django.conf import settings
from django.core.management import get_commands, load_command_class
from django.utils import translation

from ekonomi import commands

OURS = sorted(
    (app, name)
    for name, app in get_commands().items()
    if (settings.BASE_DIR / app.replace(".", "/")).is_dir()
)


BASE_DESTS = {
    action.dest for action in commands.Command().create_parser("manage.py", "base")._actions
}


def own_help(command_class, name):
    """The description and the help of each argument the command adds itself."""
    parser = command_class().create_parser("manage.py", name)
    added = [action.help for action in parser._actions if action.dest not in BASE_DESTS]
    return [parser.description, *added]


def test_the_project_has_commands():
    assert {name for _app, name in OURS} >= {"billing_checks", "import_volumes", "load_demo"}


@pytest.mark.parametrize(("app", "name"), OURS)
def test_a_command_describes_itself_and_its_arguments_in_swedish(app, name):
    command_class = type(load_command_class(app, name))
    assert issubclass(command_class, commands.Command)
    swedish = own_help(command_class, name)
    with translation.override("en"):
        english = own_help(command_class, name)
    assert all(swedish), swedish
    for text, original in zip(swedish, english, strict=True):
        assert text != original, f"{name}: not translated: {original}"
