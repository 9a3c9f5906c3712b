"""The service's error pages: French, in the DSFR layout, and JSON under /api/.

The 500 and 503 pages are rendered without the request's context (no user, no session), so
that they still show when the database is down. The others use the request as usual.
"""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from learners.accounts.ratelimits import rate_limit_wait_seconds, wait_in_words
from learners.redirects import safe_next

API_PREFIX = "/api/"
# Seconds a client is told to wait before trying again when the database does not answer.
RETRY_AFTER_UNAVAILABLE = 30


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(status, code, detail, **headers):
    response = JsonResponse({"detail": detail, "code": code}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def _home_action(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return {"url": reverse("learners:profile"), "label": _("Aller à mon profil")}
    return {"url": reverse("home"), "label": _("Aller à l'accueil")}


def _page(request, status, context, template="errors/page.html", **headers):
    response = render(request, template, {"status": status, **context}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def bad_request(request, exception=None):
    detail = _("La demande n'a pas pu être comprise : l'adresse ou le formulaire est incomplet "
               "ou mal formé.")
    if _is_api(request):
        return _json(400, "bad_request", detail)
    return _page(request, 400, {"title": _("Demande incorrecte"), "message": detail,
                                "actions": [_home_action(request)]})


def permission_denied(request, exception=None):
    detail = _("L'accès à cette page n'est pas autorisé avec ce compte.")
    if _is_api(request):
        return _json(403, "permission_denied", detail)
    return _page(request, 403, {"title": _("Accès refusé"), "message": detail,
                                "actions": [_home_action(request)]})


def page_not_found(request, exception=None):
    detail = _("Cette page n'existe pas ou n'est plus disponible. Si l'adresse a été tapée à la "
               "main, elle contient peut-être une erreur.")
    if _is_api(request):
        return _json(404, "not_found", _("Cette adresse ne correspond à aucune ressource."))
    return _page(request, 404, {"title": _("Page introuvable"), "message": detail,
                                "actions": [_home_action(request)]})


def csrf_failure(request, reason=""):
    """A form posted from a page that was no longer valid, most often a tab left open while the
    session changed (logged out or in again in another tab). Nothing was saved."""
    detail = _("La page d'où vient cette demande n'était plus à jour : la session a changé "
               "depuis son affichage (déconnexion ou nouvelle connexion, peut-être dans un autre "
               "onglet). Rien n'a été enregistré.")
    if _is_api(request):
        return _json(403, "csrf_failed", detail)
    back = safe_next(request, request.META.get("HTTP_REFERER", ""), "")
    actions = [{"url": back, "label": _("Revenir à la page et recommencer")}] if back else []
    return _page(request, 403, {"title": _("Page expirée"), "message": detail,
                                "hint": _("Recharger la page la remet à jour ; l'action peut "
                                          "ensuite être refaite."),
                                "actions": [*actions, _home_action(request)]})


def method_not_allowed(request, response):
    """An address meant for a button (a form's POST) opened directly, e.g. from a bookmark."""
    detail = _("Cette adresse correspond à un bouton (par exemple « Commencer » ou « Enregistrer »), "
               "pas à une page : elle ne s'ouvre pas directement.")
    allow = response.get("Allow", "")
    if _is_api(request):
        return _json(405, "method_not_allowed", detail, Allow=allow)
    return _page(request, 405, {"title": _("Adresse d'un bouton"), "message": detail,
                                "actions": [_home_action(request)]}, Allow=allow)


def too_many_requests(request, *, action=None, key=None):
    """Called by allauth's rate limits (as `handler429`) and by our own."""
    seconds = rate_limit_wait_seconds(request, action=action, key=key)
    detail = _("Trop de tentatives en peu de temps. Nouvel essai possible dans %(delay)s.") % {
        "delay": wait_in_words(seconds)}
    if _is_api(request):
        return _json(429, "throttled", detail, **{"Retry-After": str(seconds)})
    return _page(request, 429, {"title": _("Trop de tentatives"), "message": detail,
                                "actions": [_home_action(request)]},
                 **{"Retry-After": str(seconds)})


def server_error(request):
    """500, or 503 when the database does not answer; rendered without touching the database."""
    if is_database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    detail = _("Une erreur inattendue s'est produite de notre côté. Elle a été enregistrée pour "
               "être corrigée. Ce qui avait été enregistré avant n'est pas perdu.")
    if _is_api(request):
        return _json(500, "server_error", detail)
    return _standalone(500, _("Erreur du service"), detail)


def is_database_unavailable(error) -> bool:
    """The database does not answer (refused or lost connection), as opposed to a bad query."""
    return isinstance(error, (OperationalError, InterfaceError)) or (
        isinstance(error, DatabaseError) and "connection" in str(error).lower())


def service_unavailable(request):
    detail = _("Le service est momentanément indisponible. Nouvel essai possible dans quelques "
               "instants : ce qui avait été enregistré avant n'est pas perdu.")
    headers = {"Retry-After": str(RETRY_AFTER_UNAVAILABLE)}
    if _is_api(request):
        return _json(503, "service_unavailable", detail, **headers)
    return _standalone(503, _("Service momentanément indisponible"), detail, **headers)


def _standalone(status, title, message, **headers):
    html = render_to_string("errors/page.html", {
        "status": status, "title": title, "message": message, "standalone": True,
        "actions": [{"url": reverse("home"), "label": _("Aller à l'accueil")}],
    })
    response = HttpResponse(html, status=status)
    for name, value in headers.items():
        response[name] = value
    return response
