"""What the API shows. A challenge never carries its solution before it is answered."""

from django.templatetags.static import static
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from learners.ids import IdSerializerField
from learners.presenters import field_rows, proposals_in_display_order
from referentiel.templatetags.content import markdown


class CompetenceCardSerializer(serializers.Serializer):
    code = serializers.CharField(source="competence.code")
    name = serializers.CharField(source="competence.name")
    area = serializers.CharField(source="competence.area.code")
    level = serializers.IntegerField()
    pix = serializers.IntegerField()
    pix_to_next_level = serializers.IntegerField(source="remaining_pix_to_next_level")
    status = serializers.CharField()
    assessment_id = serializers.IntegerField(source="assessment.pk", allow_null=True, default=None)
    can_improve = serializers.BooleanField(source="is_improvable")
    days_before_improving = serializers.IntegerField(allow_null=True)


class ProfileSerializer(serializers.Serializer):
    total_pix = serializers.IntegerField()
    is_certifiable = serializers.BooleanField()
    missing_for_certification = serializers.IntegerField()
    competences = CompetenceCardSerializer(many=True, source="cards")


class StartSerializer(serializers.Serializer):
    assessment_id = serializers.IntegerField()


class ChallengeSerializer(serializers.Serializer):
    """The challenge to answer now: instruction, choices or fields, media, timer."""

    id = serializers.IntegerField(source="challenge.pk")
    question_number = serializers.IntegerField()
    question_count = serializers.IntegerField(
        allow_null=True, help_text="Nombre de questions du test quand il est fixé (sinon null).")
    type = serializers.CharField(source="challenge.type")
    instruction = serializers.CharField(source="challenge.instruction")
    instruction_html = serializers.SerializerMethodField()
    proposals = serializers.SerializerMethodField()
    input_fields = serializers.SerializerMethodField(help_text="Champs à remplir (QROC, QROCM).")
    illustration = serializers.SerializerMethodField()
    illustration_alt = serializers.CharField(source="challenge.illustration_alt")
    attachments = serializers.SerializerMethodField()
    timer = serializers.IntegerField(source="challenge.timer", allow_null=True)
    seconds_left = serializers.IntegerField(allow_null=True)
    announced = serializers.BooleanField(
        help_text="Question chronométrée annoncée : consigne, choix et champs vides tant que "
                  "« Afficher la question » n'a pas été appelé.")
    focused = serializers.BooleanField(source="challenge.focused")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance["announced"]:  # nothing of the question before its time starts
            data.update(instruction="", instruction_html="", proposals=[], input_fields=[],
                        illustration=None, illustration_alt="", attachments=[])
        return data

    def get_instruction_html(self, obj) -> str:
        return str(markdown(obj["challenge"].instruction))

    def get_proposals(self, obj) -> list[dict]:
        return [{"number": n, "text": text}
                for n, text in proposals_in_display_order(obj["challenge"], obj["assessment"].pk)]

    def get_input_fields(self, obj) -> list[dict]:
        return [{"key": f["key"], "label": f["label"], "options": f.get("options") or []}
                for f in field_rows(obj["challenge"])]

    def get_illustration(self, obj) -> str | None:
        challenge = obj["challenge"]
        return self._absolute(static(f"contenu/{challenge.illustration}")) if challenge.illustration else None

    def get_attachments(self, obj) -> list[str]:
        return [self._absolute(static(f"contenu/{name}")) for name in obj["challenge"].attachments or []]

    def _absolute(self, url):
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class StartTimedChallengeSerializer(serializers.Serializer):
    challenge = IdSerializerField(help_text="Identifiant de la question annoncée.")


class AnswerInputSerializer(serializers.Serializer):
    challenge = IdSerializerField(help_text="Identifiant de la question en cours.")
    answer = serializers.JSONField(
        required=False, allow_null=True,
        help_text="QCU : numéro de la proposition ; QCM : liste de numéros ; "
                  "QROC/QROCM : objet {clé du champ: texte}.")
    skip = serializers.BooleanField(required=False, default=False, help_text="« Je passe ».")
    focused_out = serializers.BooleanField(required=False, default=False)


class NoticeSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()


class AnswerResultSerializer(serializers.Serializer):
    answer_id = serializers.IntegerField(source="pk")
    challenge = serializers.IntegerField(source="challenge_id")
    test_completed = serializers.BooleanField()
    notice = NoticeSerializer(allow_null=True, help_text="Ce que l'élève doit savoir de sa réponse "
                              "(par exemple : temps imparti écoulé).")


class TutorialSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    description = serializers.CharField()
    format = serializers.CharField()
    duration_minutes = serializers.IntegerField()
    source = serializers.CharField()
    link = serializers.URLField()
    competence = serializers.CharField(source="tube.competence.code")


class ResultAnswerSerializer(serializers.Serializer):
    question_number = serializers.IntegerField()
    challenge = serializers.IntegerField(source="answer.challenge_id")
    instruction = serializers.CharField(source="answer.challenge.instruction")
    result = serializers.CharField(source="answer.result")
    given = serializers.ListField(child=serializers.CharField(), allow_null=True)
    expected = serializers.ListField(child=serializers.CharField())
    explanation = serializers.CharField(source="answer.challenge.explanation")


class ResultsSerializer(serializers.Serializer):
    assessment_id = serializers.IntegerField()
    type = serializers.CharField()
    competence = serializers.CharField(allow_null=True)
    level = serializers.IntegerField()
    pix = serializers.IntegerField()
    answers = ResultAnswerSerializer(many=True)
    tutorials = TutorialSerializer(many=True)


NO_NUL = "^[^\\u0000]*$"
NOT_BLANK_NO_NUL = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"


class TextInputField(serializers.CharField):
    """A typed text: DRF refuses the NUL character (no database stores it) and, when it trims
    the spaces, a blank text; the schema says both."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)


@extend_schema_field({"type": "string", "pattern": NOT_BLANK_NO_NUL, "maxLength": 254})
class TrimmedTextInputField(TextInputField):
    pass


@extend_schema_field({"type": "string", "pattern": NO_NUL, "minLength": 1, "maxLength": 254})
class RawTextInputField(TextInputField):
    def __init__(self, **kwargs):
        super().__init__(trim_whitespace=False, **kwargs)


class TokenInputSerializer(serializers.Serializer):
    login = TrimmedTextInputField(help_text="Adresse e-mail ou identifiant.")
    password = RawTextInputField(style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    """Every refusal of the API (see `learners.api_errors`)."""

    detail = serializers.CharField(help_text="Le message, en français, à montrer tel quel.")
    code = serializers.CharField(help_text="Un code stable, pour le programme client.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False,
        help_text="Pour une donnée invalide : les messages de chaque champ.")
