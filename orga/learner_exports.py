"""The students list as a CSV file, streamed (the same filters as the page): identity, class or
group, connection, and the certifiability of the latest profile collection sent."""

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from orga.constants import EXPORT_BATCH_SIZE
from orga.exports import csv_lines


def filename(organization, now=None):
    moment = timezone.localtime(now or timezone.now())
    return f"Eleves-{slugify(organization.name) or 'organisation'}-{moment:%Y-%m-%d-%H%M}.csv"


def _certifiable(learner):
    if learner.is_certifiable is None:
        return _("Non communiqué")
    return _("Oui") if learner.is_certifiable else _("Non")


def learners_csv(organization, learners):
    header = [_("Nom"), _("Prénom"), _("Date de naissance")]
    if organization.imports_students_csv:
        header += [_("Groupe"), _("Numéro Étudiant")]
    else:
        header.append(_("Classe"))
    header += [_("Identifiant"), _("Adresse e-mail"), _("Certifiable"), _("Date de certificabilité")]

    def rows():
        for learner in learners.iterator(chunk_size=EXPORT_BATCH_SIZE):
            row = [learner.display_last_name, learner.first_name, learner.birthdate.strftime("%d/%m/%Y")]
            if organization.imports_students_csv:
                row += [learner.group, learner.student_number]
            else:
                row.append(learner.division)
            user = learner.user
            row += [user.username or "" if user else "", user.email or "" if user else "", _certifiable(learner),
                    timezone.localtime(learner.certifiable_at).strftime("%d/%m/%Y") if learner.certifiable_at else ""]
            yield row

    return csv_lines(header, rows())
