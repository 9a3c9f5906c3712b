from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpResponseNotAllowed

from pix import errors

# What a view's django-csp decorator sets on its response: such a response has its own policy.
_CSP_OVERRIDES = ("_csp_exempt", "_csp_config", "_csp_update", "_csp_replace",
                  "_csp_exempt_ro", "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the header of an ordinary response built once per process.

    django-csp builds both policies on every response, the report-only one included, which this
    project does not set. A response whose view neither used the nonce nor changed the policy
    gets the same header every time: it is built once for the settings in force. Every other
    response, and any setting that the shortcut does not know (excluded prefixes, a report-only
    policy, DEBUG's exempted error pages), goes through django-csp's own code."""

    _fixed = (None, None)  # (the settings' policy, its header)

    def process_response(self, request, response):
        policy = settings.CONTENT_SECURITY_POLICY
        if (getattr(request, "_csp_nonce", None) is not None or settings.DEBUG
                or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
                or (policy or {}).get("EXCLUDE_URL_PREFIXES")
                or HEADER in response or HEADER_REPORT_ONLY in response
                or any(hasattr(response, name) for name in _CSP_OVERRIDES)):
            return super().process_response(request, response)
        built_for, header = self._fixed
        if built_for is not policy:  # first response, or settings changed (tests)
            header = build_policy()
            type(self)._fixed = (policy, header)
        if header:
            response[HEADER] = header
        # As django-csp does: the nonce may no longer be asked for once the header is written.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


class MethodNotAllowedPageMiddleware:
    """Django answers a GET on a POST-only address (a button's, opened from a bookmark or the
    history) with an empty 405: show the service's page instead, which says what happened."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            return errors.method_not_allowed(request, response)
        return response


class DatabaseUnavailableMiddleware:
    """A database that does not answer is a 503 with the service's page (no database needed to
    render it), whatever DEBUG says, and not logged as a server error: the view's exception
    stops here. Exceptions of the other middleware end in `handler500`, which does the same."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if errors.is_database_unavailable(exception):
            return errors.service_unavailable(request)
        return None
