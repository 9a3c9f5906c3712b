"""Fit the certification's exposure control of a calibration version, offline.

Simulates thousands of certification tests on the version's parameters (tens of seconds) and
stores the result with the version; web processes only ever read it.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from referentiel import services
from referentiel.models import CalibrationVersion


class Command(BaseCommand):
    help = _("Calcule le contrôle d'exposition de la certification pour une version de calibration "
             "(par défaut la version active).")

    def add_arguments(self, parser):
        parser.add_argument("--calibration", type=int, help=_("numéro de la version de calibration"))

    def handle(self, *args, calibration=None, **options):
        version = calibration
        versions = CalibrationVersion.objects.all()
        chosen = (versions.filter(pk=version).first() if version is not None
                  else versions.filter(status=CalibrationVersion.Status.ACTIVE).first())
        if chosen is None:
            raise CommandError(_("Aucune version de calibration n°%(pk)s.") % {"pk": version} if version
                               else _("Aucune version de calibration active : précisez --calibration."))
        chosen = services.calibration_exposure_fit(version=chosen)
        if not chosen.exposure_fitted_at:
            raise CommandError(chosen.report.get("exposure", ""))
        self.stdout.write(self.style.SUCCESS(chosen.report["exposure"]))
