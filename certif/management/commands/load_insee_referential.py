from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from certif.insee.loader import load_insee_referential


class Command(BaseCommand):
    help = _("Charge le référentiel INSEE des pays et des communes (avec leurs codes postaux) "
             "qui sert à vérifier le lieu de naissance des candidats.")

    def handle(self, *args, **options):
        result = load_insee_referential()
        if result.changed:
            message = _("Référentiel INSEE chargé : %(countries)s noms de pays, %(communes)s communes "
                        "et codes postaux.")
        else:
            message = _("Référentiel INSEE déjà à jour (%(countries)s noms de pays, %(communes)s "
                        "communes et codes postaux) : rien n'a changé.")
        self.stdout.write(self.style.SUCCESS(message % {"countries": result.countries,
                                                        "communes": result.communes}))
