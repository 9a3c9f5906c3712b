"""Writes on accounts: terms accepted, temporary passwords, language, deactivation."""

from django.db import transaction
from django.utils import timezone

from learners.accounts.passwords import temporary_password
from learners.models import User


def terms_accept(*, user: User) -> None:
    user.terms_accepted_at = timezone.now()
    user.save(update_fields=["terms_accepted_at"])


def password_changed(*, user: User) -> None:
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])


def language_set(*, user: User, language: str) -> None:
    user.language = language
    user.save(update_fields=["language"])


@transaction.atomic
def password_reset_to_temporary(*, user: User) -> str:
    """Give the user a temporary password (returned once, stored hashed) to change at next login."""
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    return password


def account_set_active(*, user: User, active: bool) -> None:
    """Deactivate (no login, nothing deleted) or reactivate an account."""
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
