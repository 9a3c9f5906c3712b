"""Élèves: the list with its search, filters and pages; a student's page; detaching an account."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from orga import access, learner_exports, selectors, services
from orga.constants import LEARNERS_PAGE_SIZE
from orga.filters import LearnerFilter
from orga.forms import GenerateForDivisionForm
from orga.views.base import OrgaMixin


class LearnerListView(OrgaMixin, TemplateView):
    template_name = "orga/learners.html"
    nav = "learners"

    def get_context_data(self, **kwargs):
        divisions = selectors.divisions(self.organization)
        filterset = LearnerFilter(self.request.GET or None, divisions=divisions,
                                  queryset=selectors.learners_list(self.organization))
        page = Paginator(filterset.qs, LEARNERS_PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter=filterset, page=page, query=query.urlencode(), divisions=divisions,
            division_form=GenerateForDivisionForm(divisions=divisions,
                                                  initial={"division": self.request.GET.get("division")}),
            filtered=bool(self.request.GET.get("q") or self.request.GET.get("division")
                          or self.request.GET.get("connection") or self.request.GET.get("certifiable")),
            **kwargs)


class LearnerExportView(OrgaMixin, View):
    """The students list as a CSV file, with the page's search and filters."""

    def get(self, request, *args, **kwargs):
        filterset = LearnerFilter(request.GET or None, divisions=selectors.divisions(self.organization),
                                  queryset=selectors.learners_list(self.organization))
        response = StreamingHttpResponse(learner_exports.learners_csv(self.organization, filterset.qs),
                                         content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{learner_exports.filename(self.organization)}"'
        return response


class LearnerDetailView(OrgaMixin, TemplateView):
    template_name = "orga/learner.html"
    nav = "learners"

    def get_context_data(self, **kwargs):
        return super().get_context_data(learner=access.learner_for(self.membership, kwargs["learner_id"]),
                                        **kwargs)


class DetachAccountView(OrgaMixin, View):
    def post(self, request, *args, **kwargs):
        learner = access.learner_for(self.membership, kwargs["learner_id"])
        if learner.user_id:
            services.learner_detach(learner=learner)
            messages.success(request, _("Le compte est détaché de %(name)s : l'élève pourra "
                                        "s'associer à nouveau, avec ce compte ou un autre.")
                             % {"name": learner})
        return redirect(self.url("learner", learner_id=learner.pk))
