from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PixConfig(AppConfig):
    """The project itself as an app: the commands that span every app (the demo world)."""

    name = "pix"
    verbose_name = _("Pix École")

    def ready(self):
        from pix import checks  # noqa: F401  (registers the deployment checks)
