"""The learner flow as a JSON API, for a JavaScript or mobile client. Same services as the pages."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import APIException, AuthenticationFailed
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from learners import access, selectors, services
from learners import serializers as s
from learners.assessments import answers
from learners.assessments.strategies import strategy_for
from learners.presenters import answer_as_text, correct_answer_as_text


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class Unprocessable(APIException):
    """A body of the right shape (it matches the schema) that does not fit the question: empty,
    or naming a proposal or a field the question does not have."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "unprocessable"


def _learner_error(error):
    """Business refusals become 409 (state conflict) or 422 (an answer that does not fit the
    question; a body of the wrong shape is a 400 from its serializer), with the French message
    and the stable code that the pages' refusals carry too."""
    if error.is_bad_input:
        return Unprocessable({"detail": error.message, "code": error.code})
    return Conflict({"detail": error.message, "code": error.code})


class ProfileApi(APIView):
    @extend_schema(responses=s.ProfileSerializer, summary="Mon profil : les 16 compétences")
    def get(self, request):
        return Response(s.ProfileSerializer(selectors.profile(request.user)).data)


class StartCompetenceApi(APIView):
    may_conflict = True  # 409 when the test's state forbids the action

    @extend_schema(request=None, responses={201: s.StartSerializer},
                   summary="Commencer ou reprendre le test d'une compétence")
    def post(self, request, code):
        competence = access.competence_by_code(code)
        try:
            assessment = services.competence_evaluation_start(user=request.user, competence=competence)
        except services.LearnerError as error:
            raise _learner_error(error) from error
        return Response({"assessment_id": assessment.pk}, status=status.HTTP_201_CREATED)


def _challenge_response(request, assessment, serving):
    challenge = serving.challenge
    if challenge is None:
        return Response(status=status.HTTP_204_NO_CONTENT)
    data = {"challenge": challenge, "assessment": assessment,
            "seconds_left": services.seconds_left(assessment, challenge),
            "announced": services.question_is_announced(assessment, challenge),
            "question_number": serving.progress.question_number,
            "question_count": serving.progress.total}
    return Response(s.ChallengeSerializer(data, context={"request": request}).data)


class CurrentChallengeApi(APIView):
    may_conflict = True  # 409 when the test's state forbids the action

    @extend_schema(responses={200: s.ChallengeSerializer, 204: None},
                   summary="La question en cours (204 quand le test est terminé)",
                   description="Une question chronométrée est d'abord annoncée (`announced`) : "
                               "sa consigne et ses choix ne sont donnés, et son temps ne "
                               "commence, qu'après l'appel de « Afficher la question ».")
    def get(self, request, assessment_id):
        assessment = access.assessment_for_learner(request.user, assessment_id)
        try:
            serving = services.assessment_serve(assessment=assessment)
        except services.LearnerError as error:
            raise _learner_error(error) from error
        return _challenge_response(request, serving.assessment, serving)


class StartTimedChallengeApi(APIView):
    may_conflict = True

    @extend_schema(request=s.StartTimedChallengeSerializer, responses={200: s.ChallengeSerializer,
                                                                        204: None},
                   summary="Afficher la question chronométrée annoncée : son temps commence")
    def post(self, request, assessment_id):
        assessment = access.assessment_for_learner(request.user, assessment_id)
        data = s.StartTimedChallengeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.timed_question_start(assessment=assessment, challenge_id=data.validated_data["challenge"])
        try:
            serving = services.assessment_serve(assessment=assessment)
        except services.LearnerError as error:
            raise _learner_error(error) from error
        return _challenge_response(request, serving.assessment, serving)


class AnswerApi(APIView):
    may_conflict = True  # 409 when the test's state forbids the action
    may_be_unprocessable = True  # 422 for an answer that does not fit the question

    @extend_schema(request=s.AnswerInputSerializer, responses={201: s.AnswerResultSerializer},
                   summary="Répondre à la question en cours")
    def post(self, request, assessment_id):
        assessment = access.assessment_for_learner(request.user, assessment_id)
        data = s.AnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        submitted = answers.from_api(**data.validated_data)
        try:
            answer, notice = services.submission_record(assessment=assessment, submitted=submitted)
        except services.LearnerError as error:
            raise _learner_error(error) from error
        assessment.refresh_from_db(fields=["state"])
        answer.test_completed = not assessment.is_started
        answer.notice = {"code": notice.code, "detail": notice.message} if notice else None
        return Response(s.AnswerResultSerializer(answer).data, status=status.HTTP_201_CREATED)


class ResultsApi(APIView):
    may_conflict = True  # 409 when the test's state forbids the action

    @extend_schema(responses=s.ResultsSerializer, summary="Les résultats d'un test terminé")
    def get(self, request, assessment_id):
        assessment = access.assessment_for_learner(request.user, assessment_id)
        if assessment.is_started:
            raise Conflict({"detail": _("Ce test n'est pas terminé : ses résultats ne sont pas encore "
                                        "disponibles."), "code": "assessment_in_progress"})
        try:
            shows_correction = strategy_for(assessment).shows_correction
        except services.LearnerError as error:
            raise _learner_error(error) from error
        if not shows_correction:
            raise Conflict({"detail": _("Les réponses de ce test ne sont pas communiquées : ses résultats "
                                        "sont publiés à part."), "code": "results_not_shown"})
        results = selectors.assessment_results(assessment)
        card = results.scorecard
        data = {
            "assessment_id": assessment.pk, "type": assessment.type,
            "competence": assessment.competence.code if assessment.competence_id else None,
            "level": card.level if card else 0, "pix": card.pix if card else 0,
            "answers": [{"question_number": n, "answer": a, "given": answer_as_text(a.challenge, a.value),
                         "expected": correct_answer_as_text(a.challenge)}
                        for n, a in enumerate(results.answers, start=1)],
            "tutorials": results.tutorials,
        }
        return Response(s.ResultsSerializer(data).data)


class SavedTutorialsApi(APIView):
    @extend_schema(responses=s.TutorialSerializer(many=True), summary="Mes tutos")
    def get(self, request):
        saved = [entry.tutorial for entry in selectors.saved_tutorials(request.user)]
        return Response(s.TutorialSerializer(saved, many=True).data)


class SavedTutorialApi(APIView):
    @extend_schema(request=None, responses={201: s.TutorialSerializer},
                   summary="Enregistrer un tutoriel dans Mes tutos")
    def put(self, request, tutorial_id):
        tutorial = access.tutorial_for_learner(tutorial_id)
        services.tutorial_save(user=request.user, tutorial=tutorial)
        return Response(s.TutorialSerializer(tutorial).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None}, summary="Retirer un tutoriel de Mes tutos")
    def delete(self, request, tutorial_id):
        services.tutorial_unsave(user=request.user, tutorial=access.tutorial_for_learner(tutorial_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class LoginThrottle(AnonRateThrottle):
    rate = "10/min"


class TokenApi(APIView):
    """Exchange a login (e-mail or username) and a password for an API token."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [LoginThrottle]

    def get_authenticate_header(self, request):
        return "Token"  # a wrong login is a 401, with the scheme the token is then used with

    @extend_schema(request=s.TokenInputSerializer, responses={200: s.TokenSerializer},
                   summary="Obtenir un jeton d'accès")
    def post(self, request):
        data = s.TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        login, password = data.validated_data["login"].strip(), data.validated_data["password"]
        field = "email" if "@" in login else "username"
        user = authenticate(request, **{field: login, "password": password})
        if user is None or not user.is_active:
            raise AuthenticationFailed({"detail": _("Identifiant ou mot de passe incorrect."),
                                        "code": "invalid_credentials"})
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
