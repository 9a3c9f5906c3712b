"""Campagnes (« vous »): the list with its filters, creation and duplication, the dashboard with
its live part, archive and unarchive, the streamed CSV of results."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from orga import access, campaign_exports, campaign_selectors, selectors, services
from orga.charts import heatmap_legend
from orga.constants import DASHBOARD_REFRESH_SECONDS, PARTICIPANTS_PAGE_SIZE
from orga.errors import OrgaError
from orga.filters import ParticipantFilter
from orga.forms import CampaignEditForm, CampaignForm, OwnerForm
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
        labels = campaign_selectors.stage_labels(campaign)
        # The school's classes (the filter is there before anyone joined) and those of participants.
        divisions = sorted(set(selectors.divisions(self.organization)) | set(campaign_selectors.divisions(campaign)))
        filterset = ParticipantFilter(self.request.GET or None, queryset=campaign_selectors.participants(campaign),
                                      divisions=divisions, stages=[(label.number, label.title) for label in labels],
                                      states=CampaignParticipation.Status.choices)
        page = Paginator(filterset.qs, PARTICIPANTS_PAGE_SIZE).get_page(self.request.GET.get("page"))
        titles = {label.number: label.title for label in labels}
        for participation in page.object_list:
            participation.stage_title = titles.get(participation.stage_number) if participation.is_shared else None
        division = self.request.GET.get("classe", "")
        division = division if division in divisions else ""
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            campaign=campaign, filter=filterset, page=page, query=query.urlencode(),
            counts=campaign_selectors.status_counts(campaign), divisions=divisions, division=division,
            dashboard=campaign_selectors.dashboard(campaign, labels, division), stages=labels,
            bands=heatmap_legend(campaign), filtered=any(self.request.GET.get(k) for k in ParticipantFilter.base_filters),
            max_level=settings.MAX_REACHABLE_LEVEL, refresh=DASHBOARD_REFRESH_SECONDS, **kwargs)


class ParticipantDetailView(OrgaMixin, TemplateView):
    """One student's participation as their teacher sees it."""

    template_name = "orga/participant.html"
    nav = "campaigns"

    def get_context_data(self, **kwargs):
        campaign = access.campaign_for(self.membership, kwargs["campaign_id"])
        participation = access.participation_for(campaign, kwargs["participation_id"])
        labels = campaign_selectors.stage_labels(campaign)
        return super().get_context_data(
            campaign=campaign, participation=participation, learner=participation.organization_learner,
            detail=campaign_selectors.participant_detail(participation, labels),
            stage_count=max(0, len(labels) - 1), **kwargs)


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


class CampaignEditView(OrgaMixin, TemplateView):
    """Name, title, landing text and multiple sendings (locked once someone joined): admins only."""

    template_name = "orga/campaign_edit.html"
    nav = "campaigns"
    admin_only = True

    def dispatch(self, request, *args, **kwargs):
        self.campaign = None
        return super().dispatch(request, *args, **kwargs)

    def get_campaign(self):
        if self.campaign is None:
            self.campaign = access.campaign_for(self.membership, self.kwargs["campaign_id"])
        return self.campaign

    def get_context_data(self, **kwargs):
        campaign = self.get_campaign()
        kwargs.setdefault("form", CampaignEditForm(initial={
            "name": campaign.name, "title": campaign.title, "landing_text": campaign.landing_text,
            "multiple_sendings": campaign.multiple_sendings}))
        return super().get_context_data(campaign=campaign,
                                        has_participants=campaign.participations.exists(), **kwargs)

    def post(self, request, *args, **kwargs):
        campaign = self.get_campaign()
        form = CampaignEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.campaign_update(campaign=campaign, name=data["name"], title=data["title"],
                                         landing_text=data["landing_text"],
                                         multiple_sendings=data["multiple_sendings"])
            except OrgaError as error:
                field = getattr(error, "field", None)
                form.add_error(field if field in form.fields else None, error.message)
            else:
                messages.success(request, _("La campagne est modifiée."))
                return redirect(self.url("campaign", campaign_id=campaign.pk))
        return self.render_to_response(self.get_context_data(form=form), status=422)


class CampaignOwnerView(CampaignEditView):
    """Give the campaign to another member of the organisation: admins only."""

    template_name = "orga/campaign_owner.html"

    def get_context_data(self, **kwargs):
        campaign = self.get_campaign()
        kwargs.setdefault("form", OwnerForm(organization=self.organization, initial={"owner": campaign.owner_id}))
        return super(CampaignEditView, self).get_context_data(campaign=campaign, **kwargs)

    def post(self, request, *args, **kwargs):
        campaign = self.get_campaign()
        form = OwnerForm(request.POST, organization=self.organization)
        if form.is_valid():
            try:
                services.campaign_change_owner(campaign=campaign, owner=form.cleaned_data["owner"])
            except OrgaError as error:
                form.add_error("owner", error.message)
            else:
                owner = form.cleaned_data["owner"]
                messages.success(request, _("La campagne appartient désormais à %(name)s.")
                                 % {"name": owner.get_full_name() or owner.username})
                return redirect(self.url("campaign", campaign_id=campaign.pk))
        return self.render_to_response(self.get_context_data(form=form), status=422)
