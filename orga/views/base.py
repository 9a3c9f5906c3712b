"""What every Orga page shares: the current membership, fetched and checked first."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from orga import access, selectors


class OrgaMixin(LoginRequiredMixin):
    """Pages under /orga/<organisation>/: 404 unless the user is a member (an admin if asked)."""

    admin_only = False
    nav = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        fetch = access.admin_membership_for if self.admin_only else access.membership_for
        self.membership = fetch(request.user, kwargs["organization_id"])
        self.organization = self.membership.organization
        if not selectors.has_accepted_terms(request.user):
            return redirect(f"{reverse('orga:terms')}?{urlencode({'next': request.get_full_path()})}")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(membership=self.membership, organization=self.organization,
                                        nav=self.nav, **kwargs)

    def url(self, name, **kwargs):
        return reverse(f"orga:{name}", kwargs={"organization_id": self.organization.pk, **kwargs})
