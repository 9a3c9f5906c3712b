"""The API's OpenAPI schema names its refusals too: every operation documents the error
statuses it can answer, with the one error body (`ErrorSerializer`)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import AllowAny

ERROR_DESCRIPTIONS = {
    "400": _("Données invalides (message et champs concernés)."),
    "401": _("Identification absente ou incorrecte (en-tête WWW-Authenticate)."),
    "403": _("Compte pas encore activé, ou action non permise."),
    "404": _("Ressource introuvable ou appartenant à quelqu'un d'autre."),
    "405": _("Méthode non permise sur cette adresse."),
    "406": _("Format de réponse demandé non disponible (seul JSON l'est)."),
    "409": _("L'état du test ne permet pas cette action."),
    "415": _("Format du corps de la requête non pris en charge."),
    "422": _("Réponse vide, ou qui ne correspond pas à la question (proposition ou champ "
             "inexistant)."),
    "429": _("Trop de tentatives : nouvel essai possible après le délai de Retry-After."),
}


class ServiceAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        from learners.serializers import ErrorSerializer

        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                response["description"] = str(ERROR_DESCRIPTIONS[code])
                responses[code] = response
        return responses

    def _error_codes(self):
        codes = ["401", "405", "406"]  # a wrong token, or a wrong login on the token's operation
        if not any(isinstance(p, AllowAny) for p in self.view.get_permissions()):
            codes.append("403")
        if self.view.throttle_classes:
            codes.append("429")
        if "<" in (self.path_regex or ""):
            codes.append("404")
        if self.method in ("POST", "PUT", "PATCH"):
            codes += ["400", "415"]
        if getattr(self.view, "may_conflict", False):
            codes.append("409")
        if getattr(self.view, "may_be_unprocessable", False):
            codes.append("422")
        return codes
