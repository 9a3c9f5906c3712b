"""Orga's writes, one keyword-only function per use case (see each module)."""

from orga.services.accounts import (
    Credentials,
    accounts_generate,
    passwords_reset,
    temporary_password,
    username_base,
)
from orga.services.imports import (
    formats_for,
    learner_import_create,
    learner_import_enqueue,
    learner_import_problems,
    learner_import_run,
)
from orga.services.reconciliation import (
    Codes,
    learner_detach,
    learner_match,
    learner_reconcile,
    learner_reconcile_automatically,
    learner_reconcile_by_student_number,
)
from orga.services.team import (
    invitation_accept,
    invitation_accept_with_new_account,
    invitation_cancel,
    invitation_create,
    invitation_from_token,
    invitation_token,
    membership_change_role,
    membership_remove,
    organization_archive,
    organization_create,
    terms_accept,
)

__all__ = [
    "Codes", "Credentials", "accounts_generate", "formats_for", "invitation_accept",
    "invitation_accept_with_new_account", "invitation_cancel", "invitation_create",
    "invitation_from_token", "invitation_token", "learner_detach", "learner_import_create",
    "learner_import_enqueue", "learner_import_problems", "learner_import_run", "learner_match",
    "learner_reconcile", "learner_reconcile_automatically", "learner_reconcile_by_student_number",
    "membership_change_role",
    "membership_remove", "organization_archive", "organization_create", "passwords_reset",
    "temporary_password", "terms_accept", "username_base",
]

from orga.services.campaigns import (  # noqa: E402
    campaign_archive,
    campaign_change_owner,
    campaign_create,
    campaign_duplicate_initial,
    campaign_problems,
    campaign_unarchive,
    campaign_update,
    target_profiles_for,
)
from orga.services.participations import (  # noqa: E402
    current_participation,
    needs_reconciliation,
    participation_retake,
    participation_share,
    participation_start,
    reset_refusal,
    retake_refusal,
    share_refusal,
)

__all__ += [
    "campaign_archive", "campaign_change_owner", "campaign_create", "campaign_duplicate_initial",
    "campaign_problems", "campaign_unarchive", "campaign_update", "current_participation",
    "needs_reconciliation", "participation_retake", "participation_share", "participation_start",
    "reset_refusal", "retake_refusal", "share_refusal", "target_profiles_for",
]
