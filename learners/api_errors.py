"""Every refusal of the API in one shape: `{"detail": French message, "code": stable code}`.

A body that does not validate also names its fields (`"fields": {name: [messages]}`) and its
`detail` quotes the first of them, so a client can show it as is. 401 answers carry the
`WWW-Authenticate` header of the token scheme (see the authentication classes' order).
"""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler


def _flatten(errors):
    """A serializer's errors as {field: [messages]}, nested fields joined with a dot."""
    flat = {}
    if isinstance(errors, dict):
        for name, value in errors.items():
            for sub, messages in _flatten(value).items():
                flat[f"{name}.{sub}" if sub else str(name)] = messages
    elif isinstance(errors, list) and errors and all(not isinstance(e, dict | list) for e in errors):
        flat[""] = [str(e) for e in errors]
    elif isinstance(errors, list):
        for index, value in enumerate(errors):
            for sub, messages in _flatten(value).items():
                flat[f"{index}.{sub}" if sub else str(index)] = messages
    else:
        flat[""] = [str(errors)]
    return flat


def _own_refusal(data):
    """A refusal the views raised already shaped (`LearnerError`s, token refusals)."""
    return isinstance(data, dict) and set(data) == {"detail", "code"}


def api_exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Cette ressource n'existe pas, ou n'est pas accessible avec ce "
                                    "compte."))
    response = exception_handler(exc, context)
    if response is None:
        return None  # a server error: the service's JSON 500 (pix.errors.server_error)
    data = response.data
    if _own_refusal(data):
        response.data = {"detail": str(data["detail"]), "code": str(data["code"])}
    elif isinstance(exc, exceptions.ValidationError):
        fields = _flatten(data)
        general = fields.pop("", None) or fields.pop("non_field_errors", None)
        if general:
            detail = general[0]
        else:
            name, messages = next(iter(fields.items()))
            detail = _("%(field)s : %(message)s") % {"field": name, "message": messages[0]}
        response.data = {"detail": detail, "code": "invalid", "fields": fields}
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        detail = data.get("detail", "") if isinstance(data, dict) else data
        response.data = {"detail": str(detail),
                         "code": codes if isinstance(codes, str) else "error"}
    return response
