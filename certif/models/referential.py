"""The INSEE referential the candidates' birthplaces are checked against.

Loaded from the files in `certif/insee/data/` by `python manage.py load_insee_referential`
(see `certif/insee/data/README.md` for their origin and licence). A country or a commune has one
row per name it is known by; `matching_key` is the domain's anagram-insensitive normalisation.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InseeCountry(models.Model):
    code = models.CharField(_("code INSEE"), max_length=5, db_index=True)
    name = models.CharField(_("nom"), max_length=255)
    common_name = models.CharField(_("nom usuel"), max_length=255)
    matching_key = models.CharField(max_length=255, db_index=True)
    is_current = models.BooleanField(_("existe encore"), default=True)

    class Meta:
        ordering = ["common_name", "code"]
        verbose_name = _("pays (INSEE)")
        verbose_name_plural = _("pays (INSEE)")

    def __str__(self):
        return f"{self.common_name} ({self.code})"


class InseeCommune(models.Model):
    insee_code = models.CharField(_("code INSEE"), max_length=5, db_index=True)
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True, db_index=True)
    name = models.CharField(_("nom"), max_length=255)
    is_current_name = models.BooleanField(_("nom actuel"), default=True)

    class Meta:
        ordering = ["name", "insee_code"]
        verbose_name = _("commune (INSEE)")
        verbose_name_plural = _("communes (INSEE)")

    def __str__(self):
        return f"{self.name} ({self.insee_code})"


class InseeReferentialVersion(models.Model):
    """The checksum of the loaded files: loading the same files again changes nothing."""

    checksum = models.CharField(max_length=64)
    countries = models.PositiveIntegerField(default=0)
    communes = models.PositiveIntegerField(default=0)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("version du référentiel INSEE")
        verbose_name_plural = _("versions du référentiel INSEE")

    def __str__(self):
        return self.checksum[:12]
