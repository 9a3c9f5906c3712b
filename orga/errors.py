"""Refusals of Orga's services: a French message for the page, a stable code for the API."""


class OrgaError(Exception):
    code = "orga_error"

    def __init__(self, message, code=None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class LastAdminError(OrgaError):
    code = "last_admin"


class InvitationError(OrgaError):
    code = "invitation_invalid"

    EXPIRED = "invitation_expired"
    CANCELLED = "invitation_cancelled"
    ACCEPTED = "invitation_accepted"
    # A link that was valid once: the page answers "gone" (410) rather than "not found".
    GONE = (EXPIRED, CANCELLED, ACCEPTED)


class ImportRefused(OrgaError):
    code = "import_refused"


class ReconciliationError(OrgaError):
    """A student could not be linked to an imported learner; ``code`` is the reference's."""

    code = "reconciliation"


class AccountGenerationError(OrgaError):
    code = "account_generation"


class CampaignError(OrgaError):
    """A campaign could not be created or changed; ``field`` names the form field at fault."""

    code = "campaign_invalid"

    def __init__(self, message, code=None, field=None):
        super().__init__(message, code)
        self.field = field


class ParticipationError(OrgaError):
    """A student could not start, send or retake a campaign; ``code`` is stable (API)."""

    code = "participation_refused"
