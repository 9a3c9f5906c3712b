"""The staff jury in the admin (domain §7.3): the sessions to publish and those needing action, a
course's answers, issue reports and results, and the jury's decisions, each with a required
comment, recorded with who and when, and followed by a rescore.

Nothing here is edited through a form: a course's data is read-only, and each decision is a small
page of its own (a comment and a button) that calls `certif.services.jury`.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from certif import result_selectors
from certif.errors import CertifError
from certif.jury_comments import comment_for_organization
from certif.models import (
    CertificationCourse,
    CertificationIssueReport,
    CertificationResult,
    JuryAction,
    JuryActionType,
)
from certif.services import jury
from learners.models import Answer

# The decisions offered on a course's page: (action, button label, what the page asks).
DECISIONS = {
    "annuler": (JuryActionType.CANCEL, _("Annuler la certification")),
    "desannuler": (JuryActionType.UNCANCEL, _("Désannuler la certification")),
    "rejeter": (JuryActionType.REJECT_FOR_FRAUD, _("Rejeter pour fraude")),
    "lever-rejet": (JuryActionType.UNREJECT, _("Lever le rejet pour fraude")),
    "recalculer": (JuryActionType.RESCORE, _("Recalculer le résultat")),
}


class JuryCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Commentaire (obligatoire)"), widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Indiquez un commentaire : chaque décision du jury est justifiée.")})


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class IssueReportInline(ReadOnlyInline):
    model = CertificationIssueReport
    fields = ("category", "subcategory", "question_number", "description", "impactful",
              "resolved_at", "resolution", "resolve_link")
    readonly_fields = fields

    @admin.display(description=_("à examiner"), boolean=True)
    def impactful(self, report):
        return result_selectors.is_impactful(report)

    @admin.display(description=_("résolution"))
    def resolve_link(self, report):
        if report.resolved_at:
            return "—"
        url = reverse("admin:certif_certificationcourse_resolve", args=[report.course_id, report.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Résoudre"))


class ResultInline(ReadOnlyInline):
    model = CertificationResult
    fields = ("created_at", "status", "pix_score", "score_low", "score_high", "reached_mesh_index",
              "capacity", "standard_error", "answers_count", "auto_jury_comment", "juror")
    readonly_fields = fields
    verbose_name_plural = _("résultats (le plus récent compte)")


class JuryActionInline(ReadOnlyInline):
    model = JuryAction
    fk_name = "course"
    fields = ("created_at", "action", "author", "comment")
    readonly_fields = fields


@admin.register(CertificationCourse)
class CertificationCourseAdmin(admin.ModelAdmin):
    list_display = ("pk", "last_name", "first_name", "session", "latest_status", "is_cancelled",
                    "is_rejected_for_fraud", "is_published")
    list_filter = ("is_cancelled", "is_rejected_for_fraud", "is_published")
    search_fields = ("last_name", "first_name", "=session__id", "=verification_code")
    list_select_related = ("session",)
    fieldsets = (
        (None, {"fields": ("session_link", "first_name", "last_name", "birthdate", "birthplace",
                           "verification_code", "version", "created_at", "ended_at",
                           "assessment_state")}),
        (_("Finalisation"), {"fields": ("has_seen_end_test_screen", "abort_reason",
                                        "examiner_comment")}),
        (_("Jury"), {"fields": ("is_cancelled", "is_rejected_for_fraud", "is_published",
                                "comment_for_organization")}),
        (_("Réponses"), {"fields": ("answers_table",)}),
    )
    inlines = [IssueReportInline, ResultInline, JuryActionInline]
    change_form_template = "admin/certif/certificationcourse/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            latest_status=result_selectors.latest_result_status())

    def get_readonly_fields(self, request, obj=None):
        return [name for _title, options in self.fieldsets for name in options["fields"]]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("résultat"), ordering="latest_status")
    def latest_status(self, course):
        return course.latest_status or "—"

    @admin.display(description=_("session"))
    def session_link(self, course):
        url = reverse("admin:certif_certificationsession_change", args=[course.session_id])
        return format_html('<a href="{}">{}</a>', url, course.session)

    @admin.display(description=_("état du test"))
    def assessment_state(self, course):
        return course.assessment.get_state_display()

    @admin.display(description=_("commentaire automatique pour l'organisation"))
    def comment_for_organization(self, course):
        latest = course.results.order_by("-created_at", "-pk").first()
        return comment_for_organization(latest.auto_jury_comment) if latest else "—"

    @admin.display(description=_("réponses, dans l'ordre"))
    def answers_table(self, course):
        served = {row.challenge_id: row for row in course.served_challenges.all()}
        answers = Answer.objects.filter(assessment_id=course.assessment_id).order_by("created_at", "pk")
        rows = format_html_join(
            "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((number, answer.challenge_id, answer.get_result_display(),
              f"{served[answer.challenge_id].discrimination:.2f}" if answer.challenge_id in served else "—",
              f"{served[answer.challenge_id].difficulty:.2f}" if answer.challenge_id in served else "—",
              _("retirée") if answer.challenge_id in served and served[answer.challenge_id].is_removed else "")
             for number, answer in enumerate(answers, start=1)))
        if not rows:
            return _("Aucune réponse.")
        return format_html(
            '<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">a</th><th scope="col">b</th><th scope="col">{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("n°"), _("épreuve"), _("résultat"), _("question"), rows)

    def render_change_form(self, request, context, *args, **kwargs):
        context.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False,
                       show_delete_link=False, jury_decisions=[
                           (slug, label) for slug, (_action, label) in DECISIONS.items()])
        return super().render_change_form(request, context, *args, **kwargs)

    def get_urls(self):
        return [
            path("<int:course_id>/jury/<slug:decision>/", self.admin_site.admin_view(self.decide),
                 name="certif_certificationcourse_decide"),
            path("<int:course_id>/signalements/<int:report_id>/resoudre/",
                 self.admin_site.admin_view(self.resolve), name="certif_certificationcourse_resolve"),
            *super().get_urls(),
        ]

    def _jury_page(self, request, course, title, run, *, report=None):
        if not self.has_change_permission(request, course):
            raise PermissionDenied
        form = JuryCommentForm(request.POST or None)
        status = 200
        if request.method == "POST":
            if form.is_valid():
                try:
                    scored = run(comment=form.cleaned_data["comment"], author=request.user)
                except CertifError as refused:
                    form.add_error(None, refused.message)
                else:
                    self.message_user(request, _("Décision enregistrée. Résultat : %(status)s.") % {
                        "status": scored.result.get_status_display()}, messages.SUCCESS)
                    return redirect("admin:certif_certificationcourse_change", course.pk)
            status = 400
        context = {**self.admin_site.each_context(request), "title": title, "course": course,
                   "report": report, "form": form, "opts": self.model._meta,
                   "change_url": reverse("admin:certif_certificationcourse_change", args=[course.pk])}
        return TemplateResponse(request, "admin/certif/jury_decision.html", context, status=status)

    def decide(self, request, course_id, decision):
        course = get_object_or_404(CertificationCourse.objects.select_related("session"), pk=course_id)
        if decision not in DECISIONS:
            raise PermissionDenied
        action, label = DECISIONS[decision]
        if action == JuryActionType.RESCORE:
            def run(**kwargs):
                return jury.course_rescore(course=course, **kwargs)
        else:
            def run(**kwargs):
                return jury.course_decide(course=course, action=action, **kwargs)
        return self._jury_page(request, course, label, run)

    def resolve(self, request, course_id, report_id):
        report = get_object_or_404(CertificationIssueReport.objects.select_related("course__session"),
                                   pk=report_id, course_id=course_id)

        def run(**kwargs):
            return jury.issue_report_resolve(report=report, **kwargs)
        return self._jury_page(request, report.course, _("Résoudre un signalement"), run, report=report)


class JuryListFilter(admin.SimpleListFilter):
    """The jury's two lists of finalised, unpublished sessions (domain §7.3)."""

    title = _("jury")
    parameter_name = "jury"

    def lookups(self, request, model_admin):
        return [("a-publier", _("à publier")), ("action-requise", _("action requise"))]

    def queryset(self, request, queryset):
        if self.value() == "a-publier":
            return queryset.filter(pk__in=result_selectors.sessions_to_publish().values("pk"))
        if self.value() == "action-requise":
            return queryset.filter(pk__in=result_selectors.sessions_with_required_action().values("pk"))
        return queryset


class CourseInline(ReadOnlyInline):
    model = CertificationCourse
    fields = ("last_name", "first_name", "abort_reason", "is_cancelled", "is_rejected_for_fraud",
              "is_published")
    readonly_fields = fields
    show_change_link = True
    verbose_name_plural = _("passages (ouvrez-en un pour ses réponses, signalements et décisions)")
