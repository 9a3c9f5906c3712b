from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertifConfig(AppConfig):
    name = "certif"
    verbose_name = _("Certif")

    def ready(self):
        from certif.assessment import CertificationStrategy
        from learners.assessments import strategies

        strategies.register(CertificationStrategy())
