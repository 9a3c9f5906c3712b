"""A challenge as a student sees it, for the content staff (linked from the admin): the learner's
own challenge template, and an answer checked by the real checker. Nothing is stored."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from learners import access
from learners.assessments import answers
from learners.errors import MalformedAnswerError
from learners.models import Assessment
from learners.presenters import choice_rows, field_rows
from referentiel.checking import OK, SKIPPED, check_answer

# A preview is no real test: an id no assessment has, so nothing it sends can reach one.
PREVIEW_ASSESSMENT_ID = 0


class ChallengePreviewView(LoginRequiredMixin, TemplateView):
    template_name = "learners/challenge.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.challenge = access.challenge_for_preview(request.user, kwargs["challenge_id"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        messages.info(request, _("Aperçu de l'épreuve « %(slug)s », telle qu'un élève la voit. "
                                 "Rien n'est enregistré : « Je valide » dit seulement si le "
                                 "correcteur accepte la réponse.") % {"slug": self.challenge.slug})
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        challenge = self.challenge
        assessment = Assessment(pk=PREVIEW_ASSESSMENT_ID, type=Assessment.Type.PREVIEW,
                                competence=challenge.skill.competence)
        return super().get_context_data(
            assessment=assessment, challenge=challenge, question_number=1, preview=True,
            test_title=f"{challenge.skill.competence.code} {challenge.skill.competence.name}",
            choices=choice_rows(challenge, PREVIEW_ASSESSMENT_ID), fields=field_rows(challenge),
            seconds_left=challenge.timer, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            value = answers.stored_value(self.challenge, answers.from_form(request.POST))
        except MalformedAnswerError as error:
            messages.warning(request, error.message)
            return redirect(request.path)
        status = check_answer(self.challenge.solution_spec(),
                              None if answers.is_empty(value) else value).status
        if status == OK:
            messages.success(request, _("Le correcteur accepte cette réponse."))
        elif status == SKIPPED:
            messages.info(request, _("Question passée, ou réponse vide."))
        else:
            messages.warning(request, _("Le correcteur refuse cette réponse."))
        return redirect(request.path)
