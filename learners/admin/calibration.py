"""Calibration versions in the admin: review a draft's report, activate it, calibrate now.

Here rather than in the referentiel's admin because « Calibrer maintenant » runs the calibration
task, which reads the learners' answers (`learners.tasks`).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _

from learners import tasks
from referentiel import models
from referentiel.admin_reports import calibration_report_html, exposure_summary_text
from referentiel.services import calibration_version_activate


class CalibratedChallengeInline(admin.TabularInline):
    model = models.CalibratedChallenge
    fields = ["challenge", "discrimination", "difficulty", "discrimination_se", "difficulty_se",
              "responses_count"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.CalibrationVersion)
class CalibrationVersionAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "created_at", "activated_at", "responses_count",
                    "has_exposure_parameters"]
    list_filter = ["status"]
    # The status changes only through the « Activer » action, which also puts the values in force.
    fields = ["name", "status", "comment", "created_at", "activated_at", "responses_count",
              "report_summary", "exposure_summary"]
    readonly_fields = ["status", "created_at", "activated_at", "responses_count", "report_summary",
                       "exposure_summary"]
    inlines = [CalibratedChallengeInline]
    actions = ["activate"]

    def get_queryset(self, request):
        """Whether a version has exposure parameters, asked of the database: the list does not
        load the parameters themselves (two numbers per challenge) nor the reports."""
        queryset = super().get_queryset(request).annotate(
            exposure_fitted=ExpressionWrapper(~Q(exposure_parameters={}), output_field=BooleanField())
        )
        if request.resolver_match and request.resolver_match.url_name.endswith("_changelist"):
            queryset = queryset.defer("exposure_parameters", "report")
        return queryset

    @admin.display(description=_("contrôle d'exposition"), boolean=True)
    def has_exposure_parameters(self, version):
        return version.exposure_fitted

    @admin.display(description=_("rapport"))
    def report_summary(self, version):
        return calibration_report_html(version.report)

    @admin.display(description=_("contrôle d'exposition"))
    def exposure_summary(self, version):
        return exposure_summary_text(version)

    @admin.action(description=_("Activer la version sélectionnée"))
    def activate(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Sélectionnez exactement une version."), messages.ERROR)
            return
        version = calibration_version_activate(version=queryset.get())
        self.message_user(request, _("Version « %(name)s » activée.") % {"name": version.name})

    def get_urls(self):
        return [
            path("calibrer/", self.admin_site.admin_view(self.calibrate_now), name="referentiel_calibrate_now"),
            *super().get_urls(),
        ]

    def calibrate_now(self, request):
        """Start a calibration on the answers collected so far (a POST from the list page)."""
        if request.method != "POST" or not self.has_add_permission(request):
            raise PermissionDenied
        if not tasks.calibrate_bank.app.conf.task_always_eager:
            transaction.on_commit(lambda: tasks.calibrate_bank.delay())
            self.message_user(request, _(
                "Calibration lancée : la version brouillon apparaîtra dans cette liste quand elle sera "
                "prête (quelques secondes à quelques minutes). Rien ne change avant son activation."))
        else:
            # Without a worker (the embedded mode) the calibration has run by now: say how it went.
            self._report_calibration(request, tasks.calibrate_bank.delay().get())
        return redirect("admin:referentiel_calibrationversion_changelist")

    def _report_calibration(self, request, version_id):
        version = models.CalibrationVersion.objects.filter(pk=version_id).first() if version_id else None
        if version is None:
            self.message_user(request, _(
                "Aucune réponse collectée : rien à calibrer. La calibration s'appuie sur les "
                "réponses des élèves aux tests."), messages.WARNING)
            return
        self.message_user(request, _(
            "Calibration terminée : la version brouillon « %(name)s » est dans la liste. Relisez son "
            "rapport puis activez-la ; rien ne change avant.") % {"name": version.name})
