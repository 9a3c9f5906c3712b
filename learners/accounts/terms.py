"""A portal's own terms of use, accepted once by each user who works in it.

Orga and Certif each ask their staff to accept their own terms (the learner app's are on the
`User`). Both keep the same row — who, and when — so they share this abstract model; each portal
declares its `user` link itself, with its own reverse name, and its own verbose names.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PortalTermsAcceptance(models.Model):
    accepted_at = models.DateTimeField(_("acceptées le"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.user} — {self.accepted_at:%d/%m/%Y}"

    @classmethod
    def accept(cls, user):
        """Record the acceptance once; accepting again changes nothing."""
        acceptance, _created = cls.objects.get_or_create(user=user)
        return acceptance

    @classmethod
    def has_accepted(cls, user) -> bool:
        return cls.objects.filter(user=user).exists()
