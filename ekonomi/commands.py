from django.core.management.base import BaseCommand


class Command(BaseCommand):
    """A management command whose help is in the operator's language.

    `help` may be `gettext_lazy` text: argparse wraps the description with `re`, which takes
    only a real string, so it is translated when the parser is built. The arguments' help is
    translated with `gettext` in `add_arguments`, which runs at the same moment.
    """

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)
