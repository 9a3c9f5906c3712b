from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from orga import services
from orga.errors import OrgaError
from orga.models import (
    Campaign,
    Invitation,
    LearnerImport,
    Membership,
    Organization,
    OrganizationLearner,
    Stage,
    TargetProfile,
    TargetProfileTube,
)
from referentiel.models import Tube


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "organization"
    extra = 0
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)
    raw_id_fields = ("user",)


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "type", "external_id", "is_managing_students", "archived_at"]

    def clean_external_id(self):
        return (self.cleaned_data.get("external_id") or "").strip().upper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("type") == Organization.Type.SCO and not cleaned.get("external_id"):
            self.add_error("external_id", _("Un établissement scolaire (SCO) doit avoir son UAI."))
        return cleaned


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    form = OrganizationForm
    list_display = ("name", "type", "external_id", "is_managing_students", "archived_at")
    list_filter = ("type", "is_managing_students")
    search_fields = ("name", "external_id")
    inlines = [MembershipInline]
    actions = ["archive"]

    @admin.action(description=_("Archiver les organisations choisies"))
    def archive(self, request, queryset):
        for organization in queryset:
            services.organization_archive(organization=organization)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Staff invite the first administrator of a new organisation here (the e-mail is sent)."""

    list_display = ("email", "organization", "role", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("email", "organization__name", "organization__external_id")
    fields = ("organization", "email", "role", "status")
    readonly_fields = ("status",)
    autocomplete_fields = ("organization",)

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            created = services.invitation_create(organization=obj.organization, email=obj.email,
                                                 role=obj.role, invited_by=request.user)
        except OrgaError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        obj.pk = created.pk


@admin.register(OrganizationLearner)
class OrganizationLearnerAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "birthdate", "division", "organization", "is_disabled")
    list_filter = ("is_disabled",)
    search_fields = ("last_name", "first_name", "national_student_id", "organization__external_id")
    raw_id_fields = ("user",)
    list_select_related = ("organization",)


@admin.register(LearnerImport)
class LearnerImportAdmin(admin.ModelAdmin):
    list_display = ("filename", "organization", "format", "status", "created_at", "created_count",
                    "updated_count", "disabled_count")
    list_filter = ("status", "format")
    readonly_fields = [f.name for f in LearnerImport._meta.fields if f.name != "content"]
    exclude = ("content",)

    def has_add_permission(self, request):
        return False


class TubeChoiceField(forms.ModelChoiceField):
    """The framework's tubes, grouped by competence in the list."""

    def label_from_instance(self, obj):
        return f"{obj.competence.code} — {obj.title} ({obj.name})"


class TargetProfileTubeForm(forms.ModelForm):
    tube = TubeChoiceField(queryset=Tube.objects.select_related("competence").order_by(
        "competence__code", "position"), label=_("sujet (par compétence)"))

    class Meta:
        model = TargetProfileTube
        fields = ["tube", "level"]


class TargetProfileTubeInline(admin.TabularInline):
    model = TargetProfileTube
    form = TargetProfileTubeForm
    extra = 3


class StageInline(admin.TabularInline):
    model = Stage
    extra = 1
    fields = ("threshold", "level", "title", "message", "prescriber_title", "prescriber_description")


@admin.register(TargetProfile)
class TargetProfileAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "is_public", "outdated")
    list_filter = ("category", "is_public", "outdated")
    search_fields = ("name",)
    filter_horizontal = ("organizations",)
    inlines = [TargetProfileTubeInline, StageInline]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "type", "organization", "created_at", "archived_at")
    list_filter = ("type",)
    search_fields = ("name", "code", "organization__name")
    readonly_fields = ("code", "created_at")
    raw_id_fields = ("creator", "owner", "archived_by")
