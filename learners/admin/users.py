"""Accounts in the admin: find someone by name, username or e-mail, give a temporary password,
deactivate an account (nothing is deleted: answers and results stay)."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from learners import services
from learners.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_active",
                    "must_change_password", "last_login", "date_joined"]
    list_filter = ["is_active", "is_staff", "must_change_password", "language"]
    search_fields = ["username", "email", "first_name", "last_name"]
    ordering = ["last_name", "first_name"]
    actions = ["reset_to_temporary_password", "deactivate", "reactivate"]
    fieldsets = [
        (None, {"fields": ["username", "email", "password"]}),
        (_("Identité"), {"fields": ["first_name", "last_name", "language"]}),
        (_("État du compte"), {"fields": ["is_active", "must_change_password", "terms_accepted_at",
                                          "last_login", "date_joined"]}),
        (_("Droits d'administration"), {"fields": ["is_staff", "is_superuser", "groups",
                                                   "user_permissions"], "classes": ["collapse"]}),
    ]
    readonly_fields = ["last_login", "date_joined", "terms_accepted_at"]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["username", "email", "first_name",
                                                             "last_name", "password1", "password2"]})]

    @admin.action(description=_("Donner un mot de passe provisoire (à changer à la connexion)"))
    def reset_to_temporary_password(self, request, queryset):
        rows = [(user.username or user.email, services.password_reset_to_temporary(user=user))
                for user in queryset.order_by("last_name", "first_name")]
        intro = _("Mots de passe provisoires, affichés une seule fois : notez-les et transmettez-les. "
                  "Chaque personne choisira le sien à sa prochaine connexion.")
        lines = format_html_join("", "<br>{} : <strong>{}</strong>", rows)
        self.message_user(request, format_html("{}{}", intro, lines), messages.WARNING)

    @admin.action(description=_("Désactiver les comptes (plus de connexion, rien n'est effacé)"))
    def deactivate(self, request, queryset):
        self._set_active(request, queryset.exclude(pk=request.user.pk), False)

    @admin.action(description=_("Réactiver les comptes"))
    def reactivate(self, request, queryset):
        self._set_active(request, queryset, True)

    def _set_active(self, request, queryset, active):
        users = list(queryset)
        for user in users:
            services.account_set_active(user=user, active=active)
        text = (ngettext("%(count)d compte réactivé.", "%(count)d comptes réactivés.", len(users)) if active
                else ngettext("%(count)d compte désactivé.", "%(count)d comptes désactivés.", len(users)))
        self.message_user(request, text % {"count": len(users)})
