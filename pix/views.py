"""The pages every French public service must have: accessibility statement, legal notices,
personal data. What depends on the deployment (who runs it, whom to write to) comes from the
settings (`SERVICE_IDENTITY`)."""

from django.conf import settings
from django.views.generic import TemplateView


class ServicePageView(TemplateView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(
            service=settings.SERVICE_IDENTITY,
            session_days=settings.SESSION_COOKIE_AGE // 86400,
            **kwargs)


class AccessibilityView(ServicePageView):
    template_name = "pages/accessibility.html"


class LegalNoticesView(ServicePageView):
    template_name = "pages/legal_notices.html"


class PersonalDataView(ServicePageView):
    template_name = "pages/personal_data.html"
