from django.views.generic import TemplateView

from referentiel.selectors import areas_with_competences


class HomeView(TemplateView):
    template_name = "referentiel/home.html"


class CompetenceListView(TemplateView):
    template_name = "referentiel/competences.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(areas=areas_with_competences(), **kwargs)
