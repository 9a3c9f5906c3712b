"""The content in the admin. Calibration versions are in `learners.admin.calibration`: their
"calibrate now" button runs a task that reads the learners' answers."""

from django.contrib import admin
from django.db import models as django_models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from referentiel import admin_forms, models
from referentiel.admin_forms import ChallengeAdminForm


class ContentAdmin(admin.ModelAdmin):
    """A content admin whose form fields carry help for editors (`help_texts`)."""

    help_texts: dict = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, django_models.URLField):
            kwargs.setdefault("assume_scheme", "https")  # « exemple.fr » means https://exemple.fr
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self.help_texts:
            kwargs.setdefault("help_texts", self.help_texts)
        return super().get_form(request, obj, change, **kwargs)


class CompetenceInline(admin.TabularInline):
    model = models.Competence
    extra = 0


@admin.register(models.Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]


@admin.register(models.Area)
class AreaAdmin(ContentAdmin):
    help_texts = admin_forms.AREA_HELP
    list_display = ["code", "title", "color"]
    inlines = [CompetenceInline]


@admin.register(models.Competence)
class CompetenceAdmin(ContentAdmin):
    help_texts = admin_forms.COMPETENCE_HELP
    list_display = ["code", "name", "area"]
    list_filter = ["area"]
    search_fields = ["code", "name_fr", "name_en"]


@admin.register(models.Thematic)
class ThematicAdmin(ContentAdmin):
    help_texts = admin_forms.THEMATIC_HELP
    list_display = ["name", "competence", "position"]
    list_filter = ["competence"]


class SkillInline(admin.TabularInline):
    model = models.Skill
    fields = ["name", "level", "pix_value", "status"]
    readonly_fields = ["pix_value"]
    extra = 0


@admin.register(models.Tube)
class TubeAdmin(ContentAdmin):
    help_texts = admin_forms.TUBE_HELP
    list_display = ["name", "title", "competence", "thematic"]
    list_filter = ["competence"]
    search_fields = ["name", "title"]
    inlines = [SkillInline]


@admin.register(models.Tutorial)
class TutorialAdmin(ContentAdmin):
    help_texts = admin_forms.TUTORIAL_HELP
    list_display = ["title", "tube", "format", "duration_minutes", "is_active", "open_link"]
    list_filter = ["format", "is_active", "tube__competence"]
    search_fields = ["title", "description"]

    @admin.display(description=_("aperçu"))
    def open_link(self, tutorial):
        return format_html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>',
                           tutorial.link, _("Ouvrir le tutoriel (nouvel onglet)"))


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
class SkillAdmin(ContentAdmin):
    help_texts = admin_forms.SKILL_HELP
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
