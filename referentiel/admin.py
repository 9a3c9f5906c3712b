from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.shortcuts import redirect
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from referentiel import models, tasks
from referentiel.admin_forms import ChallengeAdminForm
from referentiel.admin_reports import calibration_report_html, exposure_summary_text
from referentiel.services import calibration_version_activate


class CompetenceInline(admin.TabularInline):
    model = models.Competence
    extra = 0


@admin.register(models.Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]


@admin.register(models.Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "color"]
    inlines = [CompetenceInline]


@admin.register(models.Competence)
class CompetenceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "area"]
    list_filter = ["area"]
    search_fields = ["code", "name_fr", "name_en"]


@admin.register(models.Thematic)
class ThematicAdmin(admin.ModelAdmin):
    list_display = ["name", "competence", "position"]
    list_filter = ["competence"]


class SkillInline(admin.TabularInline):
    model = models.Skill
    fields = ["name", "level", "pix_value", "status"]
    readonly_fields = ["pix_value"]
    extra = 0


@admin.register(models.Tube)
class TubeAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "competence", "thematic"]
    list_filter = ["competence"]
    search_fields = ["name", "title"]
    inlines = [SkillInline]


@admin.register(models.Tutorial)
class TutorialAdmin(admin.ModelAdmin):
    list_display = ["title", "tube", "format", "duration_minutes", "is_active"]
    list_filter = ["format", "is_active", "tube__competence"]
    search_fields = ["title", "description"]


class ChallengeInline(admin.TabularInline):
    """Read only: a challenge is edited in its own form, which checks it whole."""

    model = models.Challenge
    fields = ["slug", "type", "status", "locale"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "pix_value", "competence", "status"]
    list_filter = ["status", "level", "competence"]
    search_fields = ["name"]
    filter_horizontal = ["tutorials"]
    inlines = [ChallengeInline]


@admin.register(models.Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    form = ChallengeAdminForm
    list_display = ["slug", "type", "skill", "status", "locale", "timer", "focused",
                    "discrimination", "difficulty", "preview_link"]
    list_filter = ["status", "type", "locale", "focused", "skill__competence"]
    search_fields = ["slug", "instruction", "skill__name"]
    list_select_related = ["skill"]
    autocomplete_fields = ["skill"]
    readonly_fields = ["discrimination", "difficulty"]
    view_on_site = False  # the change form has its own « Voir comme un élève » button
    fieldsets = [
        (_("Épreuve"), {"fields": ["slug", "skill", "type", "status", "locale"]}),
        (_("Énoncé"), {"fields": ["instruction", "illustration", "illustration_alt",
                                  "attachments_text"]}),
        (_("Réponse attendue"), {"fields": ["proposals_text", "shuffled", "fields_text", "format",
                                            "solution_text", "tolerances"]}),
        (_("Déroulement"), {"fields": ["timer", "focused"]}),
        (_("Accessibilité"), {"fields": ["blindness", "color_blindness"]}),
        (_("Après la réponse"), {"fields": ["explanation"]}),
        (_("Calibration (calculée à partir des réponses)"), {"fields": ["discrimination", "difficulty"],
                                                             "classes": ["collapse"]}),
    ]

    @admin.display(description=_("aperçu"))
    def preview_link(self, challenge):
        return format_html('<a href="{}">{}</a>', challenge.get_absolute_url(), _("Voir comme un élève"))


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
