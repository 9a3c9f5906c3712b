"""The student's side of a campaign as a JSON API, for a mobile client: the same services and the
same French messages as the pages (`orga.views.student`). The test itself runs through the
learner API (`/api/tests/<assessment_id>/…`), like every test of the core."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import APIView

from learners import selectors as learner_selectors
from learners.presenters import answer_as_text, correct_answer_as_text
from orga import access, selectors, services
from orga import serializers as s
from orga.errors import OrgaError, ReconciliationError
from orga.services.participations import Codes


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class Unprocessable(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "unprocessable"


def _refusal(error: OrgaError):
    """A refusal of the services: 422 for what the student typed (names not found, a missing
    external id), 409 for a state that forbids the action; the page's message and stable code."""
    body = {"detail": error.message, "code": error.code}
    if isinstance(error, ReconciliationError) or error.code == Codes.EXTERNAL_ID:
        return Unprocessable(body)
    return Conflict(body)


def _refusal_body(error):
    return {"detail": error.message, "code": error.code} if error else None


def _campaign_data(campaign, user):
    return {"code": campaign.code, "type": campaign.type, "display_title": campaign.display_title,
            "organization": campaign.organization, "landing_text": campaign.landing_text,
            "external_id_label": campaign.external_id_label,
            "external_id_type": campaign.external_id_type, "is_archived": campaign.is_archived,
            "needs_reconciliation": services.needs_reconciliation(campaign, user),
            "participation": services.current_participation(campaign, user)}


class CampaignApi(APIView):
    @extend_schema(responses=s.CampaignSerializer, summary="Une campagne par son code (« J'ai un code »)")
    def get(self, request, campaign_code):
        campaign = access.campaign_by_code(campaign_code)
        return Response(s.CampaignSerializer(_campaign_data(campaign, request.user)).data)


class ReconcileApi(APIView):
    may_conflict = True
    may_be_unprocessable = True

    @extend_schema(request=s.ReconciliationInputSerializer, responses=s.CampaignSerializer,
                   summary="Se retrouver dans la liste des élèves de l'établissement")
    def post(self, request, campaign_code):
        campaign = access.campaign_by_code(campaign_code)
        data = s.ReconciliationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.learner_reconcile(user=request.user, organization=campaign.organization,
                                       **data.validated_data)
        except OrgaError as error:
            raise _refusal(error) from error
        return Response(s.CampaignSerializer(_campaign_data(campaign, request.user)).data)


class StartApi(APIView):
    may_conflict = True
    may_be_unprocessable = True

    @extend_schema(request=s.StartInputSerializer, responses={201: s.ParticipationSerializer},
                   summary="Commencer la campagne, ou reprendre la participation en cours")
    def post(self, request, campaign_code):
        campaign = access.campaign_by_code(campaign_code)
        data = s.StartInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            participation = services.participation_start(
                campaign=campaign, user=request.user, external_id=data.validated_data["external_id"])
        except OrgaError as error:
            raise _refusal(error) from error
        return Response(s.ParticipationSerializer(participation).data, status=status.HTTP_201_CREATED)


class MyParticipationsApi(APIView):
    @extend_schema(responses=s.ParticipationSerializer(many=True), summary="Mes campagnes")
    def get(self, request):
        return Response(s.ParticipationSerializer(selectors.own_participations(request.user), many=True).data)


def _results_data(participation):
    computed, competences = selectors.participation_figures(participation)
    campaign = participation.campaign
    data = {"participation": participation, "mastery": None, "stage": None, "competences": [],
            "answers": [], "tutorials": [], "pix_score": computed.pix_score, "profile": [],
            "is_certifiable": None, "certifiable_competences": None,
            "share_refusal": _refusal_body(services.share_refusal(participation)),
            "retake_refusal": _refusal_body(services.retake_refusal(participation)),
            "reset_refusal": _refusal_body(services.reset_refusal(participation))}
    if campaign.is_assessment:
        overall = computed.overall
        data["mastery"] = {"validated": overall.validated, "total": overall.total, "percent": overall.percent}
        if computed.stage:
            stage = computed.stage.stage
            data["stage"] = {"number": computed.stage.number, "count": computed.stage.count,
                             "title": stage.title if stage else None, "message": stage.message if stage else None}
        data["competences"] = [
            {"code": competences[cid].code, "name": competences[cid].name, "validated": m.validated,
             "total": m.total, "percent": m.percent}
            for cid, m in sorted(computed.by_competence.items(), key=lambda item: competences[item[0]].code)]
        if participation.assessment_id:
            results = learner_selectors.assessment_results(participation.assessment)
            data["answers"] = [{"question_number": n, "answer": a, "given": answer_as_text(a.challenge, a.value),
                                "expected": correct_answer_as_text(a.challenge)}
                               for n, a in enumerate(results.answers, start=1)]
            data["tutorials"] = results.tutorials
    else:
        data["profile"] = [{"code": competences[cid].code, "name": competences[cid].name,
                            "pix": p.pix, "level": p.level} for cid, p in computed.by_competence.items()]
        data["is_certifiable"] = computed.is_certifiable
        data["certifiable_competences"] = computed.certifiable_competences
    return data


class ParticipationApi(APIView):
    may_conflict = True

    @extend_schema(responses=s.ParticipationResultsSerializer,
                   summary="Mes résultats d'une campagne (maîtrise, palier, réponses, tutos ; "
                           "ou le profil d'une collecte), et ce qu'il est possible de faire")
    def get(self, request, participation_id):
        participation = access.own_participation(request.user, participation_id)
        if participation.is_started:
            raise Conflict({"detail": _("Ce parcours n'est pas terminé : termine-le pour voir tes "
                                        "résultats."), "code": Codes.NOT_FINISHED})
        return Response(s.ParticipationResultsSerializer(_results_data(participation)).data)


class ShareApi(APIView):
    may_conflict = True

    @extend_schema(request=None, responses=s.ParticipationSerializer, summary="J'envoie mes résultats")
    def post(self, request, participation_id):
        participation = access.own_participation(request.user, participation_id)
        try:
            participation = services.participation_share(participation=participation)
        except OrgaError as error:
            raise _refusal(error) from error
        return Response(s.ParticipationSerializer(participation).data)


class RetakeApi(APIView):
    may_conflict = True

    @extend_schema(request=s.RetakeInputSerializer, responses={201: s.ParticipationSerializer},
                   summary="Repasser la campagne (envoi multiple)")
    def post(self, request, participation_id):
        participation = access.own_participation(request.user, participation_id)
        data = s.RetakeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            new = services.participation_retake(participation=participation,
                                                reset=data.validated_data["from_zero"])
        except OrgaError as error:
            raise _refusal(error) from error
        return Response(s.ParticipationSerializer(new).data, status=status.HTTP_201_CREATED)
