from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from orga import services
from orga.errors import OrgaError
from orga.imports import files
from orga.models import LearnerImport, Organization

Format = LearnerImport.Format


def guess_format(organization, path):
    if organization.imports_students_csv:
        return Format.SUP_CSV
    return Format.SIECLE_CSV if files.extension(path.name) == "csv" else Format.SIECLE_XML


class Command(BaseCommand):
    help = _("Importe une liste d'élèves (SIECLE XML/ZIP/CSV, ou CSV d'étudiants) avec les mêmes "
             "vérifications que Pix Orga ; refusée, elle ne modifie rien et sort en erreur.")

    def add_arguments(self, parser):
        parser.add_argument("--organization", required=True,
                            help=_("UAI ou identifiant externe de l'organisation."))
        parser.add_argument("--mode", choices=LearnerImport.Mode.values, default=LearnerImport.Mode.REPLACE,
                            help=_("Étudiants (SUP) : remplacer la liste ou ajouter."))
        parser.add_argument("file")

    def handle(self, *args, organization, mode, file, **options):
        org = Organization.objects.filter(external_id=organization.strip().upper()).first()
        if org is None:
            raise CommandError(_("Aucune organisation n'a l'identifiant %(id)s.") % {"id": organization})
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Le fichier %(path)s est introuvable.") % {"path": file})
        if path.stat().st_size > files.MAX_UPLOAD_BYTES:
            raise CommandError(_("Le fichier pèse plus de 20 Mo : la limite est de 20 Mo."))
        try:
            job = services.learner_import_create(organization=org, user=None, filename=path.name,
                                                 content=path.read_bytes(), mode=mode,
                                                 format=guess_format(org, path))
        except OrgaError as error:
            raise CommandError(error.message) from None
        job = services.learner_import_run(import_id=job.pk)
        if job.status != LearnerImport.Status.IMPORTED:
            problems = services.learner_import_problems(job)
            for problem in problems:
                self.stderr.write(problem.as_text())
            raise CommandError(_("Fichier refusé (%(count)s erreur(s)) : rien n'a été modifié.")
                               % {"count": len(problems)})
        self.stdout.write(self.style.SUCCESS(_(
            "Import terminé : %(created)s créés, %(updated)s mis à jour, %(disabled)s désactivés, "
            "%(active)s actifs.") % {"created": job.created_count, "updated": job.updated_count,
                                     "disabled": job.disabled_count, "active": job.active_count}))
