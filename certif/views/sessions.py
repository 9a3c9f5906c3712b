"""Sessions: the list with its filters, a session's page, creation, edition and deletion."""

import django_filters
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from certif import access, selectors
from certif.constants import SESSIONS_PER_PAGE
from certif.errors import CertifError
from certif.forms import SessionForm
from certif.models import CertificationSession, SessionStatus
from certif.services import sessions as session_services
from certif.views.portal import CertifPortalMixin, remember_center


class SessionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Statut"), choices=SessionStatus.choices,
                                         empty_label=gettext_lazy("Tous les statuts"), method="by_status")
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte",
                                          label=gettext_lazy("Du"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=gettext_lazy("Au"))

    class Meta:
        model = CertificationSession
        fields = []

    def by_status(self, queryset, name, value):
        return queryset.filter(derived_status=value)


def add_problems(form, error: CertifError):
    for problem in error.problems:
        form.add_error(problem.field if problem.field in form.fields else None, problem.message)


class SessionListView(CertifPortalMixin, TemplateView):
    template_name = "certif/session_list.html"
    extra_context = {"nav": "sessions"}

    def get_context_data(self, **kwargs):
        filters = SessionFilter(self.request.GET, queryset=selectors.center_sessions(self.center))
        page = Paginator(filters.qs, SESSIONS_PER_PAGE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(filters=filters, page=page, query=query.urlencode(), **kwargs)


class SessionMixin(CertifPortalMixin):
    """A page of one session: fetched through the access function, in the session's own centre."""

    def resolve_membership(self, request, memberships, **kwargs):
        self.session = access.session_for_member(request.user, kwargs["session_id"])
        remember_center(request, self.session.center)
        return next(m for m in memberships if m.center_id == self.session.center_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, nav="sessions", **kwargs)


class SessionDetailView(SessionMixin, TemplateView):
    template_name = "certif/session_detail.html"

    def get_context_data(self, **kwargs):
        finalised = selectors.finalised_courses(self.session) if self.session.is_finalized else []
        return super().get_context_data(
            candidates=selectors.session_candidates(self.session),
            school=selectors.linked_school(self.center), finalised_courses=finalised,
            can_finalise=self.session.has_started and not self.session.is_finalized, **kwargs)


class SessionCreateView(CertifPortalMixin, FormView):
    template_name = "certif/session_form.html"
    form_class = SessionForm
    extra_context = {"nav": "sessions"}

    def form_valid(self, form):
        try:
            session = session_services.session_create(center=self.center, user=self.request.user,
                                                      raw=form.data)
        except CertifError as error:
            add_problems(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("La session %(number)s est créée. Inscrivez-y maintenant les "
                                         "candidats.") % {"number": session.number})
        return redirect("certif:session", session_id=session.pk)


class SessionUpdateView(SessionMixin, FormView):
    template_name = "certif/session_form.html"
    form_class = SessionForm

    def get_initial(self):
        return SessionForm.initial_for(self.session)

    def form_valid(self, form):
        try:
            session_services.session_update(session=self.session, user=self.request.user, raw=form.data)
        except CertifError as error:
            add_problems(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("La session est modifiée."))
        return redirect("certif:session", session_id=self.session.pk)


class SessionDeleteView(SessionMixin, TemplateView):
    template_name = "certif/session_delete.html"

    def post(self, request, session_id):
        try:
            session_services.session_delete(session=self.session, user=request.user)
        except CertifError as error:
            messages.error(request, error.message)
            return redirect("certif:session", session_id=self.session.pk)
        messages.success(request, _("La session %(number)s est supprimée.") % {"number": session_id})
        return redirect("certif:sessions")
