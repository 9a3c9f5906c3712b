from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from orga import services
from orga.errors import OrgaError
from orga.models import Organization


class Command(BaseCommand):
    help = _("Crée une organisation (idempotent : relancée, elle ne change rien et le dit).")

    def add_arguments(self, parser):
        parser.add_argument("--type", required=True, choices=Organization.Type.values)
        parser.add_argument("--name", required=True)
        parser.add_argument("--uai", dest="external_id", default="",
                            help=_("UAI de l'établissement (SCO) ou identifiant externe."))
        parser.add_argument("--external-id", dest="external_id")
        parser.add_argument("--not-managing-students", action="store_true",
                            help=_("Les élèves ne sont pas importés (SCO qui ne gère pas ses élèves)."))
        parser.add_argument("--managing-students", action="store_true",
                            help=_("Les étudiants sont importés (SUP)."))

    def handle(self, *args, type, name, external_id, not_managing_students, managing_students, **options):
        managing = None
        if not_managing_students:
            managing = False
        elif managing_students:
            managing = True
        try:
            organization, created = services.organization_create(
                type=type, name=name, external_id=external_id, is_managing_students=managing)
        except OrgaError as error:
            raise CommandError(error.message) from None
        if created:
            self.stdout.write(self.style.SUCCESS(_("Organisation créée : %(org)s (n° %(id)s).")
                                                 % {"org": organization, "id": organization.pk}))
        else:
            self.stdout.write(_("L'organisation existe déjà, rien n'a changé : %(org)s (n° %(id)s).")
                              % {"org": organization, "id": organization.pk})
