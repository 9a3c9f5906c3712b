from django.http import HttpResponseNotAllowed

from pix import errors


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
