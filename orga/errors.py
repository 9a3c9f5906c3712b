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


class ImportRefused(OrgaError):
    code = "import_refused"


class ReconciliationError(OrgaError):
    """A student could not be linked to an imported learner; ``code`` is the reference's."""

    code = "reconciliation"


class AccountGenerationError(OrgaError):
    code = "account_generation"
