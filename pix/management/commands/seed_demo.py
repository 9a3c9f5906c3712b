"""The demo world of every app, in dependency order: learners, then their schools, then certification.

The project's top layer is the one place that may call every app: each app keeps its own demo in
its `demo.py` (`seed_demo()` returns the login lines to print) and knows nothing of the others'.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from certif import demo as certif_demo
from learners import demo as learners_demo
from learners.models import User
from orga import demo as orga_demo
from referentiel.models import Challenge

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "Admin-Pix-2026"

# Each step seeds one app's demo and returns (login, password, description) rows to print.
DEMO_STEPS = (learners_demo.seed_demo, orga_demo.seed_demo, certif_demo.seed_demo)


class Command(BaseCommand):
    help = _("Crée un monde de démonstration (élèves avec leur profil, établissement et enseignants, "
             "centres de certification et leurs sessions, administrateur) et affiche les identifiants.")

    def handle(self, *args, **options):
        if not Challenge.objects.exists():
            raise CommandError(_("Le référentiel est vide : lancez d'abord « python manage.py load_referentiel »."))
        rows = []
        for step in DEMO_STEPS:
            rows.extend(step())
        if not User.objects.filter(username=ADMIN_USERNAME).exists():
            User.objects.create_superuser(username=ADMIN_USERNAME, email=None, password=ADMIN_PASSWORD,
                                          first_name="Admin", last_name="Démo",
                                          terms_accepted_at=timezone.now())
        self.stdout.write(self.style.SUCCESS(_("Données de démonstration prêtes.")))
        self.stdout.write(_("Identifiants de démonstration (page « Se connecter ») :"))
        for login, password, description in rows:
            self.stdout.write(f"  {login:<16} {password:<16} {description}")
        self.stdout.write(f"  {ADMIN_USERNAME:<16} {ADMIN_PASSWORD:<16} "
                          + _("administration du référentiel : /admin/"))
