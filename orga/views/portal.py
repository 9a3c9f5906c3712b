"""The portal's entrance: choosing an organisation, Orga's terms of use, accepting an invitation."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from learners.models import User
from orga import selectors, services
from orga.errors import InvitationError
from orga.forms import InvitationSignupForm, TermsForm


class HomeView(LoginRequiredMixin, TemplateView):
    """A member of one organisation goes straight in; a member of several picks one."""

    template_name = "orga/home.html"

    def get(self, request, *args, **kwargs):
        memberships = list(selectors.memberships_of(request.user))
        if len(memberships) == 1:
            return redirect("orga:learners", organization_id=memberships[0].organization_id)
        return self.render_to_response(self.get_context_data(memberships=memberships))


class TermsView(LoginRequiredMixin, FormView):
    template_name = "orga/terms.html"
    form_class = TermsForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(accepted=selectors.has_accepted_terms(self.request.user),
                                        **kwargs)

    def form_valid(self, form):
        services.terms_accept(user=self.request.user)
        target = self.request.GET.get("next", "")
        if not target.startswith("/orga/") or not url_has_allowed_host_and_scheme(
                target, allowed_hosts={self.request.get_host()}):
            target = reverse("orga:home")
        return redirect(target)


class InvitationView(TemplateView):
    """The signed link of an invitation: join with the signed-in account, or create one."""

    template_name = "orga/invitation.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.invitation = services.invitation_from_token(kwargs["token"])
        except InvitationError as error:
            return self.render_to_response({"error": error.message},
                                           status=410 if error.code in InvitationError.GONE else 404)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        has_account = User.objects.filter(email__iexact=self.invitation.email).exists()
        kwargs.setdefault("form", InvitationSignupForm() if not has_account else None)
        return super().get_context_data(invitation=self.invitation, has_account=has_account, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            try:
                membership = services.invitation_accept(invitation=self.invitation, user=request.user)
            except InvitationError as error:
                messages.error(request, error.message)
                return redirect("orga:home")
            messages.success(request, _("Vous avez rejoint %(name)s.") % {"name": membership.organization.name})
            return redirect("orga:learners", organization_id=membership.organization_id)
        form = InvitationSignupForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        try:
            user = services.invitation_accept_with_new_account(
                invitation=self.invitation, first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"], password=form.cleaned_data["password1"])
        except InvitationError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        messages.success(request, _("Votre compte est créé et vous avez rejoint %(name)s.")
                         % {"name": self.invitation.organization.name})
        return redirect("orga:learners", organization_id=self.invitation.organization_id)
