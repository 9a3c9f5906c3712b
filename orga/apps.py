from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgaConfig(AppConfig):
    name = "orga"
    verbose_name = _("Orga")

    def ready(self):
        from learners.assessments import strategies
        from orga.assessment import CampaignStrategy

        strategies.register(CampaignStrategy())
