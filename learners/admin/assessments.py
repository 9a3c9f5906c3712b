"""Tests and answers in the admin, read-only: what a student was asked and answered, in words."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from learners.models import Answer, Assessment
from learners.presenters import answer_as_text, correct_answer_as_text, result_phrase


class ReadOnlyAdmin(admin.ModelAdmin):
    """Tests and answers are evidence: nobody edits or deletes them here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AnswerInWords:
    """Columns that show an answer as the student gave it and as it was expected."""

    @admin.display(description=_("réponse donnée"))
    def given(self, answer):
        words = answer_as_text(answer.challenge, answer.value)
        return _("(question passée)") if words is None else " ; ".join(words) or _("(aucune réponse)")

    @admin.display(description=_("réponse attendue"))
    def expected(self, answer):
        return " ; ".join(correct_answer_as_text(answer.challenge))

    @admin.display(description=_("résultat"))
    def outcome(self, answer):
        return result_phrase(answer.result)


class AnswerInline(AnswerInWords, admin.TabularInline):
    model = Answer
    fields = ["created_at", "challenge", "given", "expected", "outcome", "timed_out",
              "is_focused_out", "time_spent"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["created_at", "pk"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("challenge")


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["pk", "user", "type", "state", "competence", "answers_count", "created_at",
                    "completed_at"]
    list_filter = ["type", "state", "competence__area"]
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name"]
    list_select_related = ["user", "competence"]
    date_hierarchy = "created_at"
    inlines = [AnswerInline]
    fields = ["user", "type", "state", "competence", "is_improving", "last_challenge",
              "last_question_state", "last_question_at", "created_at", "completed_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(answers_total=Count("answers"))

    @admin.display(description=_("réponses"), ordering="answers_total")
    def answers_count(self, assessment):
        return assessment.answers_total


@admin.register(Answer)
class AnswerAdmin(AnswerInWords, ReadOnlyAdmin):
    list_display = ["created_at", "student", "challenge", "given", "outcome"]
    list_filter = ["result", "assessment__type", "timed_out", "is_focused_out"]
    search_fields = ["assessment__user__username", "assessment__user__last_name", "challenge__slug"]
    list_select_related = ["assessment__user", "challenge"]
    fields = ["assessment", "challenge", "given", "expected", "outcome", "timed_out",
              "is_focused_out", "time_spent", "created_at"]
    readonly_fields = fields

    @admin.display(description=_("élève"), ordering="assessment__user__last_name")
    def student(self, answer):
        return answer.assessment.user
