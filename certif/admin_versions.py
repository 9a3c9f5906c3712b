"""Certification versions in the admin (domain §1.9): the algorithm's settings, the calibration
version and the scoring intervals. Only a draft can be edited; « Activer » puts a draft in force
and archives the version it replaces; « Copier en brouillon » starts the next one."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from certif.errors import CertifError
from certif.models import CertificationVersion, VersionStatus
from certif.rules.versions import competences_scoring_problems, global_scoring_problems
from certif.services.version_lifecycle import version_activate, version_draft_copy


class CertificationVersionForm(forms.ModelForm):
    class Meta:
        model = CertificationVersion
        fields = (
            "scope", "calibration_version", "comment", "assessment_duration_minutes",
            "maximum_assessment_length", "minimum_answers_to_validate",
            "challenges_between_same_competence", "limit_to_one_question_per_tube",
            "enable_passage_by_all_competences", "variation_percent", "default_candidate_capacity",
            "default_probability_to_pick_challenge", "global_scoring", "competences_scoring")
        help_texts = {
            "global_scoring": _('Un intervalle par niveau de 0 à 7, contigus : '
                                '[{"mesh_level": 0, "min": -4.67, "max": -1.4}, …]'),
            "competences_scoring": _('Les 16 compétences, chacune avec ses intervalles contigus : '
                                     '{"1.1": [{"level": 0, "min": -8, "max": -2}, …], …}'),
        }

    def clean_global_scoring(self):
        value = self.cleaned_data["global_scoring"]
        problems = global_scoring_problems(value)
        if problems:
            raise forms.ValidationError(problems)
        return value

    def clean_competences_scoring(self):
        value = self.cleaned_data["competences_scoring"]
        problems = competences_scoring_problems(value)
        if problems:
            raise forms.ValidationError(problems)
        return value


@admin.register(CertificationVersion)
class CertificationVersionAdmin(admin.ModelAdmin):
    form = CertificationVersionForm
    list_display = ("__str__", "scope", "status", "calibration_version", "start_date",
                    "expiration_date", "maximum_assessment_length")
    list_filter = ("scope", "status")
    actions = ["activate", "copy_as_draft"]
    fieldsets = (
        (None, {"fields": ("scope", "status", "start_date", "expiration_date", "calibration_version",
                           "comment")}),
        (_("Algorithme"), {"fields": (
            "assessment_duration_minutes", "maximum_assessment_length", "minimum_answers_to_validate",
            "challenges_between_same_competence", "limit_to_one_question_per_tube",
            "enable_passage_by_all_competences", "variation_percent", "default_candidate_capacity",
            "default_probability_to_pick_challenge")}),
        (_("Intervalles de score"), {"fields": ("global_scoring", "competences_scoring")}),
    )
    # Dates and status change through the actions only.
    always_read_only = ("status", "start_date", "expiration_date")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != VersionStatus.DRAFT:
            return [name for _title, options in self.fieldsets for name in options["fields"]]
        return self.always_read_only

    def render_change_form(self, request, context, *args, **kwargs):
        response = super().render_change_form(request, context, *args, **kwargs)
        if context["adminform"].form.errors:
            response.status_code = 400  # a refused input says so
        return response

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.status == VersionStatus.DRAFT) and super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset.filter(status=VersionStatus.DRAFT))

    @admin.action(description=_("Activer la version sélectionnée (archive la version active)"))
    def activate(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Sélectionnez exactement une version."), messages.ERROR)
            return
        try:
            version = version_activate(version=queryset.get())
        except CertifError as refused:
            self.message_user(request, refused.message, messages.ERROR)
            return
        self.message_user(request, _("%(version)s activée.") % {"version": version}, messages.SUCCESS)

    @admin.action(description=_("Copier en brouillon"))
    def copy_as_draft(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Sélectionnez exactement une version."), messages.ERROR)
            return
        draft = version_draft_copy(version=queryset.get())
        self.message_user(request, _("%(version)s créée.") % {"version": draft}, messages.SUCCESS)
