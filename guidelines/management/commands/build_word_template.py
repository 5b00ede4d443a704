from django.core.management.base import BaseCommand

from guidelines.exports.word.template import TEMPLATE, build_template


class Command(BaseCommand):
    help = "Write the Word template every .docx export starts from (A4, WCO-like styles)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", default=str(TEMPLATE), help=f"default: {TEMPLATE}")

    def handle(self, *args, output, **options) -> None:
        self.stdout.write(f"wrote {build_template(output)}")
