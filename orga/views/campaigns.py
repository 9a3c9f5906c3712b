"""Campagnes (« vous »): the list with its filters, creation and duplication, the dashboard with
its live part, archive and unarchive, the streamed CSV of results."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from orga import access, campaign_exports, services
from orga.constants import DASHBOARD_REFRESH_SECONDS
from orga.errors import OrgaError
from orga.forms import CampaignForm
from orga.models import Campaign, CampaignParticipation
from orga.views.base import OrgaMixin


class CampaignListView(OrgaMixin, TemplateView):
    template_name = "orga/campaigns.html"
    nav = "campaigns"

    def get_context_data(self, **kwargs):
        campaigns = (Campaign.objects.filter(organization=self.organization).select_related("owner")
                     .annotate(participants=Count("participations", filter=Q(participations__is_improved=False)),
                               shared=Count("participations", filter=Q(participations__is_improved=False,
                                                                       participations__status="SHARED"))))
        query = self.request.GET
        campaigns = campaigns.filter(archived_at__isnull=query.get("archivees") != "1")
        if query.get("miennes") == "1":
            campaigns = campaigns.filter(owner=self.request.user)
        if query.get("type") in Campaign.Type.values:
            campaigns = campaigns.filter(type=query["type"])
        return super().get_context_data(campaigns=campaigns[:200], types=Campaign.Type.choices,
                                        query=query, **kwargs)


class CampaignCreateView(OrgaMixin, TemplateView):
    template_name = "orga/campaign_form.html"
    nav = "campaigns"

    def form(self, data=None, initial=None):
        return CampaignForm(data, initial=initial, organization=self.organization,
                            target_profiles=services.target_profiles_for(self.organization))

    def get_context_data(self, **kwargs):
        initial = {"owner": self.request.user.pk}
        if self.request.GET.get("copie"):
            initial.update(services.campaign_duplicate_initial(
                access.campaign_for(self.membership, self.request.GET["copie"])))
        kwargs.setdefault("form", self.form(initial=initial))
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                campaign = services.campaign_create(
                    organization=self.organization, creator=request.user, type=data["type"], name=data["name"],
                    title=data["title"], target_profile=data["target_profile"], landing_text=data["landing_text"],
                    external_id_label=data["external_id_label"], external_id_type=data["external_id_type"],
                    multiple_sendings=data["multiple_sendings"], owner=data["owner"])
            except OrgaError as error:
                form.add_error(getattr(error, "field", None) if getattr(error, "field", None) in form.fields
                               else None, error.message)
            else:
                messages.success(request, _("La campagne est créée : donnez à vos élèves le code %(code)s.")
                                 % {"code": campaign.code})
                return redirect(self.url("campaign", campaign_id=campaign.pk))
        return self.render_to_response(self.get_context_data(form=form), status=422)


class CampaignDetailView(OrgaMixin, TemplateView):
    """The dashboard; with htmx, its live part alone, polled while the page is open."""

    template_name = "orga/campaign.html"
    nav = "campaigns"

    def get_template_names(self):
        return ["orga/includes/campaign_live.html"] if self.request.htmx else [self.template_name]

    def get_context_data(self, **kwargs):
        campaign = access.campaign_for(self.membership, kwargs["campaign_id"])
        participations = (CampaignParticipation.objects.filter(campaign=campaign, is_improved=False)
                          .select_related("organization_learner")
                          .order_by("organization_learner__division", "organization_learner__last_name"))
        division = self.request.GET.get("classe", "")
        if division:
            participations = participations.filter(organization_learner__division=division)
        counts = dict(CampaignParticipation.objects.filter(campaign=campaign, is_improved=False)
                      .values_list("status").annotate(n=Count("pk")))
        divisions = sorted(set(CampaignParticipation.objects.filter(campaign=campaign)
                               .values_list("organization_learner__division", flat=True)) - {""})
        return super().get_context_data(campaign=campaign, participations=participations[:500],
                                        counts=counts, divisions=divisions, division=division,
                                        refresh=DASHBOARD_REFRESH_SECONDS, **kwargs)


class CampaignArchiveView(OrgaMixin, View):
    archive = True

    def post(self, request, *args, **kwargs):
        campaign = access.campaign_for(self.membership, kwargs["campaign_id"])
        if self.archive:
            services.campaign_archive(campaign=campaign, by=request.user)
            messages.success(request, _("La campagne est archivée."))
        else:
            services.campaign_unarchive(campaign=campaign)
            messages.success(request, _("La campagne est désarchivée."))
        return redirect(self.url("campaign", campaign_id=campaign.pk))


class CampaignUnarchiveView(CampaignArchiveView):
    archive = False


class CampaignExportView(OrgaMixin, View):
    def get(self, request, *args, **kwargs):
        campaign = access.campaign_for(self.membership, kwargs["campaign_id"])
        response = StreamingHttpResponse(campaign_exports.campaign_csv(campaign),
                                         content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{campaign_exports.filename(campaign)}"'
        return response
