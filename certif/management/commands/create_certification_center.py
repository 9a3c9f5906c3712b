from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from certif.models import CertificationCenter, CertificationCenterMembership
from certif.services.centers import certification_center_provide, membership_provide
from learners.models import User


class Command(BaseCommand):
    help = _("Crée un centre de certification (idempotent : une seconde exécution ne change rien et le dit).")

    def add_arguments(self, parser):
        parser.add_argument("--type", required=True, choices=CertificationCenter.Type.values)
        parser.add_argument("--name", required=True, help=_("nom du centre"))
        parser.add_argument("--uai", default="", help=_("UAI de l'établissement (obligatoire pour SCO)"))
        parser.add_argument("--external-id", default="", help=_("identifiant externe (SUP, PRO)"))
        parser.add_argument("--admin", default="", help=_("identifiant ou e-mail d'un compte existant, "
                                                          "qui devient administrateur du centre"))

    def handle(self, *args, **options):
        external_id = options["uai"] or options["external_id"]
        try:
            center, created = certification_center_provide(type=options["type"], name=options["name"],
                                                           external_id=external_id)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if created:
            self.stdout.write(self.style.SUCCESS(_("Centre créé : %(name)s (%(type)s, %(id)s).") % {
                "name": center.name, "type": center.type, "id": center.external_id or center.pk}))
        else:
            self.stdout.write(_("Le centre %(name)s (%(id)s) existe déjà : rien n'a changé.") % {
                "name": center.name, "id": center.external_id})
        if options["admin"]:
            self._add_admin(center, options["admin"])

    def _add_admin(self, center, login):
        user = (User.objects.filter(username__iexact=login).first()
                or User.objects.filter(email__iexact=login).first())
        if user is None:
            raise CommandError(_("Aucun compte n'a l'identifiant ou l'e-mail « %(login)s ».") % {"login": login})
        _membership, created = membership_provide(center=center, user=user,
                                                  role=CertificationCenterMembership.Role.ADMIN)
        if created:
            self.stdout.write(self.style.SUCCESS(_("%(user)s est administrateur du centre.") % {"user": user}))
        else:
            self.stdout.write(_("%(user)s est déjà membre du centre : rien n'a changé.") % {"user": user})
