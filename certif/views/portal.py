"""Entering the portal: sign-in, membership, Pix Certif's terms of use, the choice of a centre."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from certif import access, selectors
from certif.forms import CertifTermsForm
from certif.services import centers as center_services

CURRENT_CENTER_KEY = "certif_center_id"


def remember_center(request, center):
    request.session[CURRENT_CENTER_KEY] = center.pk


def current_membership(request, memberships):
    chosen = request.session.get(CURRENT_CENTER_KEY)
    for membership in memberships:
        if membership.center_id == chosen:
            return membership
    return memberships[0] if len(memberships) == 1 else None


class CertifPortalMixin(LoginRequiredMixin):
    """Every page of the portal: a member of a centre, who accepted the terms, in a chosen centre."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        memberships = list(selectors.active_memberships(request.user))
        if not memberships:
            return redirect("certif:no_access")
        if not selectors.has_accepted_certif_terms(request.user):
            return redirect(f"{reverse('certif:accept_terms')}?{urlencode({'next': request.get_full_path()})}")
        self.memberships = memberships
        self.membership = self.resolve_membership(request, memberships, **kwargs)
        if self.membership is None:
            return redirect(f"{reverse('certif:choose_center')}?{urlencode({'next': request.get_full_path()})}")
        self.center = self.membership.center
        return super().dispatch(request, *args, **kwargs)

    def resolve_membership(self, request, memberships, **kwargs):
        return current_membership(request, memberships)

    def get_context_data(self, **kwargs):
        return super().get_context_data(center=self.center, membership=self.membership,
                                        has_several_centers=len(self.memberships) > 1, **kwargs)


class HomeView(CertifPortalMixin, View):
    def get(self, request):
        return redirect("certif:sessions")


class NoAccessView(LoginRequiredMixin, TemplateView):
    template_name = "certif/no_access.html"


class TermsView(TemplateView):
    template_name = "certif/terms.html"


class AcceptTermsView(LoginRequiredMixin, FormView):
    template_name = "certif/accept_terms.html"
    form_class = CertifTermsForm

    def form_valid(self, form):
        center_services.certif_terms_accept(user=self.request.user)
        return redirect(safe_next(self.request, reverse("certif:home")))


def safe_next(request, default):
    target = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()) and target.startswith("/certif/"):
        return target
    return default


class ChooseCenterView(LoginRequiredMixin, TemplateView):
    template_name = "certif/choose_center.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(memberships=selectors.active_memberships(self.request.user),
                                        next=safe_next(self.request, ""), **kwargs)

    def post(self, request):
        center_id = request.POST.get("center", "")
        if not center_id.isdigit() or len(center_id) > 18:
            messages.error(request, _("Choisissez un centre dans la liste."))
            return redirect("certif:choose_center")
        membership = access.membership_for_user(request.user, int(center_id))
        remember_center(request, membership.center)
        return redirect(safe_next(request, reverse("certif:sessions")))


class TeamView(CertifPortalMixin, TemplateView):
    template_name = "certif/team.html"
    extra_context = {"nav": "team"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(members=selectors.center_members(self.center), **kwargs)

