"""Linking a connected student to the learner their school imported (« réconciliation »).

Campaigns call `learner_reconcile` when a student of a school that manages its students joins;
certification reads the link (`orga.selectors.learner_is_reconciled`). Matching follows the
domain: the active learners born that exact day, then names standardised, first exactly, then
with a tolerance of a quarter of the typed length; a given-name field wins only when it points at
one learner. The guards' messages name another account only by a masked identifier.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from learners.models import User
from orga.errors import ReconciliationError
from orga.models import OrganizationLearner
from orga.names import TOLERANCES, is_close, obfuscate_email, obfuscate_username, standardize

GIVEN_NAME_FIELDS = ("first_name", "middle_name", "third_name")


class Codes:
    """The reference's error codes, kept as stable codes beside our messages."""

    NOT_FOUND = "NOT_FOUND"
    ALREADY_LINKED_BY_EMAIL = "R31"
    ALREADY_LINKED_BY_USERNAME = "R32"
    LINKED_ELSEWHERE_BY_EMAIL = "R11"
    LINKED_ELSEWHERE_BY_USERNAME = "R12"
    USER_HAS_ANOTHER_LEARNER = "R70"
    ACCOUNT_OF_SOMEONE_ELSE = "R90"


def learner_match(*, organization, first_name, last_name, birthdate):
    """The one active learner these names and birthdate designate, or None."""
    candidates = [
        (learner, {name: standardize(getattr(learner, name)) for name in
                   (*GIVEN_NAME_FIELDS, "last_name", "preferred_last_name")})
        for learner in OrganizationLearner.objects.filter(
            organization=organization, birthdate=birthdate, is_disabled=False)
    ]
    typed_first, typed_last = standardize(first_name), standardize(last_name)
    for tolerance in TOLERANCES:
        for given in GIVEN_NAME_FIELDS:
            found = [
                learner for learner, names in candidates
                if is_close(typed_first, names[given], tolerance=tolerance)
                and (is_close(typed_last, names["last_name"], tolerance=tolerance)
                     or is_close(typed_last, names["preferred_last_name"], tolerance=tolerance))
            ]
            if len(found) == 1:
                return found[0]
    return None


def _hint(user):
    if user.username:
        return obfuscate_username(user.username), "username"
    return obfuscate_email(user.email or ""), "email"


def _already_linked(learner):
    hint, kind = _hint(learner.user)
    if kind == "username":
        message = _("Tu es déjà inscrit dans cet établissement avec un autre compte, dont "
                    "l'identifiant est %(hint)s : connecte-toi avec ce compte. S'il n'est pas à "
                    "toi, demande à ton enseignant.")
        code = Codes.ALREADY_LINKED_BY_USERNAME
    else:
        message = _("Tu es déjà inscrit dans cet établissement avec un autre compte, dont "
                    "l'adresse e-mail est %(hint)s : connecte-toi avec ce compte. S'il n'est pas à "
                    "toi, demande à ton enseignant.")
        code = Codes.ALREADY_LINKED_BY_EMAIL
    return ReconciliationError(message % {"hint": hint}, code)


def _linked_elsewhere(other_user):
    hint, kind = _hint(other_user)
    code = (Codes.LINKED_ELSEWHERE_BY_USERNAME if kind == "username"
            else Codes.LINKED_ELSEWHERE_BY_EMAIL)
    return ReconciliationError(_(
        "Ton INE est déjà associé à un autre compte (%(hint)s), dans un autre établissement : "
        "connecte-toi avec ce compte, ou demande à ton enseignant.") % {"hint": hint}, code)


def _check_guards(learner, user):
    if learner.user_id is not None:
        raise _already_linked(learner)
    if OrganizationLearner.objects.filter(organization=learner.organization_id, user=user).exists():
        raise ReconciliationError(_(
            "Ton compte est déjà associé à un autre élève de cet établissement : demande à ton "
            "enseignant de vérifier la liste des élèves."), Codes.USER_HAS_ANOTHER_LEARNER)
    if learner.national_student_id:
        elsewhere = (OrganizationLearner.objects.select_related("user")
                     .filter(national_student_id__iexact=learner.national_student_id,
                             user__isnull=False)
                     .exclude(organization=learner.organization_id).exclude(user=user).first())
        if elsewhere:
            raise _linked_elsewhere(elsewhere.user)
    own = OrganizationLearner.objects.filter(user=user).exclude(organization=learner.organization_id)
    if own.exists():
        same_ine = learner.national_student_id and own.filter(
            national_student_id__iexact=learner.national_student_id).exists()
        if not same_ine and not own.filter(birthdate=learner.birthdate).exists():
            raise ReconciliationError(_(
                "Ce compte semble appartenir à quelqu'un d'autre : il est déjà associé à un élève "
                "d'une autre date de naissance. Connecte-toi avec ton propre compte."),
                Codes.ACCOUNT_OF_SOMEONE_ELSE)


@transaction.atomic
def learner_reconcile(*, user, organization, first_name, last_name, birthdate):
    """Link the user to the learner these details designate; the learner, or ReconciliationError."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # one link at a time per user
    existing = OrganizationLearner.objects.filter(organization=organization, user=user,
                                                  is_disabled=False).first()
    match = learner_match(organization=organization, first_name=first_name,
                          last_name=last_name, birthdate=birthdate)
    if match is None:
        raise ReconciliationError(_(
            "Aucun élève de cet établissement ne porte ce prénom et ce nom avec cette date de "
            "naissance : vérifie-les, ou demande à ton enseignant de vérifier la liste des élèves."),
            Codes.NOT_FOUND)
    if existing and existing.pk == match.pk:
        return existing
    # Locked alone: the account is read after the lock (a join would miss one just linked).
    learner = OrganizationLearner.objects.select_for_update().get(pk=match.pk)
    _check_guards(learner, user)
    learner.user = user
    learner.save(update_fields=["user", "updated_at"])
    return learner


@transaction.atomic
def learner_reconcile_by_student_number(*, user, organization, student_number, birthdate):
    """A university student joins the learner of this student number born that day (SUP)."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    match = (OrganizationLearner.objects.filter(organization=organization, is_disabled=False,
                                                student_number__iexact=(student_number or "").strip(),
                                                birthdate=birthdate).first()
             if (student_number or "").strip() else None)
    if match is None:
        raise ReconciliationError(_(
            "Aucun étudiant de cet établissement n'a ce numéro étudiant avec cette date de "
            "naissance : vérifie-les, ou demande à ton établissement de vérifier la liste."),
            Codes.NOT_FOUND)
    if match.user_id == user.pk:
        return match
    learner = OrganizationLearner.objects.select_for_update().get(pk=match.pk)
    _check_guards(learner, user)
    learner.user = user
    learner.save(update_fields=["user", "updated_at"])
    return learner


@transaction.atomic
def learner_reconcile_automatically(*, user, organization):
    """A student already linked in another school joins this one by the INE of their latest record."""
    latest = (OrganizationLearner.objects.filter(user=user).exclude(national_student_id="")
              .order_by("-updated_at").first())
    if latest is None:
        return None
    learner = (OrganizationLearner.objects.select_for_update()
               .filter(organization=organization, is_disabled=False, user__isnull=True,
                       national_student_id__iexact=latest.national_student_id).first())
    if learner is None or OrganizationLearner.objects.filter(organization=organization,
                                                             user=user).exists():
        return None
    learner.user = user
    learner.save(update_fields=["user", "updated_at"])
    return learner


@transaction.atomic
def learner_detach(*, learner):
    """A teacher separates a student's account from the learner; the account itself stays."""
    OrganizationLearner.objects.filter(pk=learner.pk).update(user=None)
    learner.user = None
