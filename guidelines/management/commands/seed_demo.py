from django.core.management.base import BaseCommand

from guidelines.services.seed import DEFAULT_DEMO_PASSWORD, demo_logins, seed_demo


class Command(BaseCommand):
    help = "Load the SAFE reference data, the delegations, demo users and the demo Guidelines."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--password", default=DEFAULT_DEMO_PASSWORD,
                            help="password for every demo user")  # fmt: skip
        parser.add_argument("--synthetic-sections", type=int, default=0, metavar="N",
                            help="also generate a document of N sections (benchmarks)")  # fmt: skip
        parser.add_argument("--quiet-logins", action="store_true",
                            help="do not print the demo logins")  # fmt: skip

    def handle(self, *args, password: str, synthetic_sections: int, quiet_logins: bool, **kw):
        report = seed_demo(password=password, synthetic_sections=synthetic_sections)
        added = ", ".join(f"{n} {what}" for what, n in report.created.items() if n) or "nothing new"
        self.stdout.write(f"seed_demo: {added}.")
        if not quiet_logins:
            self.stdout.write(f"Demo logins (password: {password}):")
            for username, role, delegation in demo_logins():
                self.stdout.write(f"  {username:<12} {role:<12} {delegation}")
