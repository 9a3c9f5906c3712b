"""Équipe: the members, their roles, the invitations (changes for administrators only)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from orga import access, selectors, services
from orga.errors import OrgaError
from orga.forms import InvitationForm, RoleForm
from orga.views.base import OrgaMixin


class TeamView(OrgaMixin, TemplateView):
    template_name = "orga/team.html"
    nav = "team"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", InvitationForm())
        return super().get_context_data(
            members=selectors.team(self.organization),
            invitations=selectors.pending_invitations(self.organization) if self.membership.is_admin else [],
            roles=RoleForm.base_fields["role"].choices, **kwargs)


class InviteView(TeamView):
    admin_only = True
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                invitation = services.invitation_create(
                    organization=self.organization, email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"], invited_by=request.user)
            except OrgaError as error:
                form.add_error("email", error.message)
            else:
                messages.success(request, _("Une invitation a été envoyée à %(email)s.")
                                 % {"email": invitation.email})
                return redirect(self.url("team"))
        return self.render_to_response(self.get_context_data(form=form), status=422)


class CancelInvitationView(OrgaMixin, View):
    admin_only = True

    def post(self, request, *args, **kwargs):
        invitation = access.invitation_for(self.membership, kwargs["invitation_id"])
        try:
            services.invitation_cancel(invitation=invitation)
        except OrgaError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("L'invitation de %(email)s est annulée.") % {"email": invitation.email})
        return redirect(self.url("team"))


class ChangeRoleView(OrgaMixin, View):
    admin_only = True

    def post(self, request, *args, **kwargs):
        member = access.member_for(self.membership, kwargs["membership_id"])
        form = RoleForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choisissez un rôle dans la liste."))
            return redirect(self.url("team"))
        try:
            services.membership_change_role(membership=member, role=form.cleaned_data["role"],
                                            by=request.user)
        except OrgaError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(name)s est maintenant %(role)s.") % {
                "name": member.user, "role": member.__class__.Role(form.cleaned_data["role"]).label})
        return redirect(self.url("team"))


class RemoveMemberView(OrgaMixin, View):
    admin_only = True

    def post(self, request, *args, **kwargs):
        member = access.member_for(self.membership, kwargs["membership_id"])
        try:
            services.membership_remove(membership=member, by=request.user)
        except OrgaError as error:
            messages.error(request, error.message)
            return redirect(self.url("team"))
        messages.success(request, _("%(name)s ne fait plus partie de l'organisation.") % {"name": member.user})
        if member.user_id == request.user.pk:
            return redirect("orga:home")
        return redirect(self.url("team"))
