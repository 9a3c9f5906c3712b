"""Accounts a class can log in with: a username and a temporary password for each student.

The username is ``prenom.nom`` followed by the day and month of birth (« jean.dupont0512 » for
5 December), four random digits instead when it is taken. The temporary password is shown once;
the student must replace it at first login (``must_change_password``, enforced by the learner app).
"""

import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from learners.accounts import passwords
from learners.models import User
from orga.constants import USERNAME_ATTEMPTS, USERNAME_RANDOM_DIGITS
from orga.errors import AccountGenerationError
from orga.models import OrganizationLearner
from orga.names import standardize


@dataclass(frozen=True)
class Credentials:
    """One student's connection details, to print; ``password`` is empty when it did not change."""

    learner_id: int
    last_name: str
    first_name: str
    division: str
    username: str
    password: str = ""
    note: str = ""


def temporary_password(learner=None) -> str:
    """The learner app's temporary password (one rule for staff and teachers); `learner` lets
    tests give each student a known one."""
    return passwords.temporary_password()


def username_base(learner) -> str:
    first = standardize(learner.first_name) or "eleve"
    last = standardize(learner.last_name) or "eleve"
    return f"{first}.{last}"


def _username_candidates(learner):
    base = username_base(learner)
    yield f"{base}{learner.birthdate:%d%m}"
    for _attempt in range(USERNAME_ATTEMPTS):
        yield base + "".join(secrets.choice("0123456789") for _ in range(USERNAME_RANDOM_DIGITS))


def _with_free_username(learner, save):
    """Call save(username) with the first free candidate; another writer may take it meanwhile."""
    for candidate in _username_candidates(learner):
        if User.objects.filter(username__iexact=candidate).exists():
            continue
        try:
            with transaction.atomic():
                return save(candidate)
        except IntegrityError:
            continue
    raise AccountGenerationError(_("Aucun identifiant libre n'a été trouvé pour %(name)s.")
                                 % {"name": learner})


def _credentials(learner, username, password="", note=""):
    return Credentials(learner_id=learner.pk, last_name=learner.display_last_name,
                       first_name=learner.first_name, division=learner.division,
                       username=username, password=password, note=note)


def _locked(organization, learners):
    """The learners locked, then their accounts read afresh.

    Not a join in the locking query: on PostgreSQL, a transaction that waited for the lock would
    see the learner's new account id but not the account another transaction just created.
    """
    ids = [learner.pk for learner in learners]
    locked = list(OrganizationLearner.objects.select_for_update()
                  .filter(organization=organization, pk__in=ids, is_disabled=False)
                  .order_by("division", "last_name", "first_name", "pk"))
    users = User.objects.in_bulk([learner.user_id for learner in locked if learner.user_id])
    for learner in locked:
        learner.user = users.get(learner.user_id)
    return locked


@transaction.atomic
def accounts_generate(*, organization, learners, make_password=temporary_password):
    """A username (and, for a new account, a temporary password) for each student who has none."""
    results = []
    for learner in _locked(organization, learners):
        user = learner.user
        if user is not None and user.username:
            results.append(_credentials(learner, user.username, note=_("identifiant déjà attribué")))
            continue
        if user is None:
            password = make_password(learner)

            def create(username, learner=learner, password=password):
                account = User(username=username, email=None, first_name=learner.first_name,
                               last_name=learner.display_last_name, must_change_password=True)
                account.set_password(password)
                account.save()
                learner.user = account
                learner.save(update_fields=["user", "updated_at"])
                return account

            account = _with_free_username(learner, create)
            results.append(_credentials(learner, account.username, password))
        else:
            # The student already has an account with an e-mail and their own password.
            def add_username(username, user=user):
                user.username = username
                user.save(update_fields=["username"])
                return user

            _with_free_username(learner, add_username)
            results.append(_credentials(learner, user.username,
                                        note=_("mot de passe inchangé (compte existant)")))
    return results


@transaction.atomic
def passwords_reset(*, organization, learners, make_password=temporary_password):
    """New temporary passwords for the students who log in with a username."""
    results = []
    for learner in _locked(organization, learners):
        user = learner.user
        if user is None or not user.username:
            continue
        password = make_password(learner)
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        results.append(_credentials(learner, user.username, password))
    return results
