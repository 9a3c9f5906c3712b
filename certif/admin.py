"""Staff create centres and their members here; sessions and candidates are read-mostly."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from certif.admin_jury import CourseInline, JuryListFilter
from certif.errors import CertifError
from certif.models import (
    CertificationCandidate,
    CertificationCenter,
    CertificationCenterMembership,
    CertificationSession,
    CertifTermsAcceptance,
    InseeCommune,
    InseeCountry,
    InseeReferentialVersion,
    SessionImport,
)
from certif.services import publication


class MembershipInline(admin.TabularInline):
    model = CertificationCenterMembership
    fk_name = "center"
    extra = 1
    fields = ("user", "role", "is_referer", "disabled_at")
    raw_id_fields = ("user",)


@admin.register(CertificationCenter)
class CertificationCenterAdmin(admin.ModelAdmin):
    list_display = ("name", "type", "external_id", "created_at")
    list_filter = ("type",)
    search_fields = ("name", "external_id")
    inlines = [MembershipInline]


@admin.register(CertificationCenterMembership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "center", "role", "is_referer", "disabled_at")
    list_filter = ("role", "is_referer")
    search_fields = ("user__username", "user__email", "user__last_name", "center__name")
    raw_id_fields = ("user",)
    autocomplete_fields = ("center",)


class CandidateInline(admin.TabularInline):
    model = CertificationCandidate
    extra = 0
    fields = ("last_name", "first_name", "birthdate", "birth_city", "extra_time_percentage", "user")
    readonly_fields = fields
    can_delete = False
    show_change_link = True


@admin.register(CertificationSession)
class CertificationSessionAdmin(admin.ModelAdmin):
    list_display = ("pk", "center", "date", "time", "room", "status_display", "finalized_at",
                    "published_at")
    list_filter = (JuryListFilter, "center__type")
    search_fields = ("=id", "center__name", "address", "room")
    readonly_fields = ("access_code", "invigilator_password", "created_by", "started_at",
                       "finalized_at", "finalized_by", "published_at", "examiner_global_comment", "has_incident",
                       "has_joining_issue")
    autocomplete_fields = ("center",)
    inlines = [CandidateInline, CourseInline]
    actions = ["publish", "unpublish"]

    @admin.action(description=_("Publier les résultats des sessions sélectionnées"))
    def publish(self, request, queryset):
        batch = publication.sessions_publish(sessions=list(queryset), author=request.user)
        if batch.published:
            self.message_user(request, _("Sessions publiées : %(numbers)s.") % {
                "numbers": ", ".join(str(s.pk) for s in batch.published)}, messages.SUCCESS)
        for session, message in batch.refused.items():
            self.message_user(request, _("Session %(number)s non publiée. %(why)s") % {
                "number": session.pk, "why": message}, messages.ERROR)

    @admin.action(description=_("Dépublier les résultats des sessions sélectionnées"))
    def unpublish(self, request, queryset):
        for session in queryset:
            try:
                publication.session_unpublish(session=session, author=request.user)
            except CertifError as refused:
                self.message_user(request, _("Session %(number)s : %(why)s") % {
                    "number": session.pk, "why": refused.message}, messages.ERROR)
            else:
                self.message_user(request, _("Session %(number)s dépubliée.") % {
                    "number": session.pk}, messages.SUCCESS)

    @admin.display(description=_("statut"))
    def status_display(self, session):
        return session.status.label


@admin.register(CertificationCandidate)
class CertificationCandidateAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "birthdate", "session")
    search_fields = ("last_name", "first_name", "=session__id")
    raw_id_fields = ("session", "user")


admin.site.register(CertifTermsAcceptance)
admin.site.register(SessionImport, list_display=("file_name", "center", "status", "created_at"),
                    readonly_fields=("lines", "report"))
admin.site.register(InseeCountry, list_display=("code", "name", "common_name", "is_current"),
                    search_fields=("code", "name"))
admin.site.register(InseeCommune, list_display=("insee_code", "postal_code", "name", "is_current_name"),
                    search_fields=("insee_code", "postal_code", "name"))
admin.site.register(InseeReferentialVersion)

# The jury and the versions register their own admins.
from certif import admin_jury, admin_versions  # noqa: E402, F401
