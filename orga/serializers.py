"""What the campaign API shows a student: a campaign by its code, their participations, their
results. The same figures as the pages (`orga.selectors.participation_figures`)."""

from rest_framework import serializers

from learners.serializers import (
    ErrorSerializer,
    ResultAnswerSerializer,
    TrimmedTextInputField,
    TutorialSerializer,
)
from orga.forms import ReconciliationForm


class ParticipationSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    campaign_code = serializers.CharField(source="campaign.code")
    campaign_title = serializers.CharField(source="campaign.display_title")
    campaign_type = serializers.CharField(source="campaign.type")
    organization = serializers.CharField(source="campaign.organization.name")
    status = serializers.CharField(help_text="STARTED (en cours), TO_SHARE (à envoyer) ou SHARED (envoyé).")
    assessment_id = serializers.IntegerField(
        allow_null=True, help_text="Le test à passer (voir /api/tests/…) ; null pour une collecte de profils.")
    participant_external_id = serializers.CharField()
    created_at = serializers.DateTimeField()
    shared_at = serializers.DateTimeField(allow_null=True)


class CampaignSerializer(serializers.Serializer):
    """The campaign's landing page, and what the student must do next."""

    code = serializers.CharField()
    type = serializers.CharField(help_text="ASSESSMENT (évaluation) ou PROFILES_COLLECTION (collecte de profils).")
    title = serializers.CharField(source="display_title")
    organization = serializers.CharField(source="organization.name")
    landing_text = serializers.CharField()
    external_id_label = serializers.CharField(help_text="Vide si la campagne ne demande pas d'identifiant.")
    external_id_type = serializers.CharField()
    is_archived = serializers.BooleanField()
    needs_reconciliation = serializers.BooleanField(
        help_text="Vrai tant que l'élève ne s'est pas retrouvé dans la liste de l'établissement "
                  "(voir l'opération « eleve »).")
    participation = ParticipationSerializer(allow_null=True, help_text="La participation en cours ou envoyée.")


class ReconciliationInputSerializer(serializers.Serializer):
    first_name = TrimmedTextInputField(max_length=255)
    last_name = TrimmedTextInputField(max_length=255)
    birthdate = serializers.DateField(
        help_text="Au format AAAA-MM-JJ.",
        error_messages={"invalid": ReconciliationForm.base_fields["birthdate"].error_messages["invalid"]})


class StartInputSerializer(serializers.Serializer):
    external_id = serializers.CharField(required=False, allow_blank=True, max_length=255, default="",
                                        help_text="Requis quand la campagne a un libellé d'identifiant.")


class RetakeInputSerializer(serializers.Serializer):
    from_zero = serializers.BooleanField(required=False, default=False,
                                         help_text="Repartir de zéro (si le parcours le permet).")


class MasterySerializer(serializers.Serializer):
    validated = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.IntegerField()


class CompetenceMasterySerializer(MasterySerializer):
    code = serializers.CharField()
    name = serializers.CharField()


class CompetenceProfileSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    pix = serializers.IntegerField()
    level = serializers.IntegerField()


class StageSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="Paliers atteints, hors palier zéro.")
    count = serializers.IntegerField(help_text="Paliers du parcours, palier zéro compris.")
    title = serializers.CharField(allow_null=True)
    message = serializers.CharField(allow_null=True)


class RefusalField(ErrorSerializer):
    """Why an action is not possible now (the same message the page shows)."""


class ParticipationResultsSerializer(serializers.Serializer):
    participation = ParticipationSerializer()
    mastery = MasterySerializer(allow_null=True, help_text="Évaluation : la maîtrise d'ensemble.")
    stage = StageSerializer(allow_null=True)
    competences = CompetenceMasterySerializer(many=True, help_text="Évaluation : la maîtrise par compétence.")
    answers = ResultAnswerSerializer(many=True)
    tutorials = TutorialSerializer(many=True)
    pix_score = serializers.IntegerField()
    profile = CompetenceProfileSerializer(many=True, help_text="Collecte de profils : les 16 compétences.")
    is_certifiable = serializers.BooleanField(allow_null=True)
    certifiable_competences = serializers.IntegerField(allow_null=True)
    share_refusal = RefusalField(allow_null=True, help_text="Pourquoi l'envoi n'est pas possible maintenant.")
    retake_refusal = RefusalField(allow_null=True, help_text="Pourquoi repasser n'est pas possible maintenant.")
    reset_refusal = RefusalField(allow_null=True, help_text="Pourquoi repartir de zéro n'est pas possible.")
