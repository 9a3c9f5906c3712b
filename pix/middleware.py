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
