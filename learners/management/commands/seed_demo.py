from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from learners.demo import DEMO_LEARNERS, seed_demo_learners
from learners.models import User
from referentiel.models import Challenge

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "Admin-Pix-2026"


class Command(BaseCommand):
    help = _("Crée un monde de démonstration (élèves avec leur profil, administrateur) et affiche les identifiants.")

    def handle(self, *args, **options):
        if not Challenge.objects.exists():
            raise CommandError(_("Le référentiel est vide : lancez d'abord « python manage.py load_referentiel »."))
        created = seed_demo_learners()
        if not User.objects.filter(username=ADMIN_USERNAME).exists():
            User.objects.create_superuser(username=ADMIN_USERNAME, email=None, password=ADMIN_PASSWORD,
                                          first_name="Admin", last_name="Démo",
                                          terms_accepted_at=timezone.now())
        self.stdout.write(self.style.SUCCESS(
            _("Données de démonstration prêtes (%(count)d élève(s) créé(s) à l'instant).") % {"count": len(created)}))
        self.stdout.write(_("Identifiants de démonstration (page « Se connecter ») :"))
        for demo in DEMO_LEARNERS:
            self.stdout.write(f"  {demo.username:<16} {demo.password:<16} {demo.description}")
        self.stdout.write(f"  {ADMIN_USERNAME:<16} {ADMIN_PASSWORD:<16} "
                          + _("administration du référentiel : /admin/"))
