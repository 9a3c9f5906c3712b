"""Centres, memberships and the acceptance of Pix Certif's terms of use."""

from django.core.exceptions import ValidationError
from django.db import transaction

from certif.models import CertificationCenter, CertificationCenterMembership, CertifTermsAcceptance


@transaction.atomic
def certification_center_provide(*, type: str, name: str, external_id: str = "") -> tuple[CertificationCenter, bool]:
    """The centre with this external id (the UAI for a school), created if it does not exist yet.

    Idempotent: a second call finds the centre and changes nothing; it refuses a type that
    contradicts the existing centre's.
    """
    center = CertificationCenter(type=type, name=name.strip(), external_id=external_id)
    center.clean()
    if center.external_id:
        existing = (CertificationCenter.objects.select_for_update()
                    .filter(external_id=center.external_id).first())
        if existing is not None:
            if existing.type != center.type:
                raise ValidationError(
                    "Un centre de type %(type)s existe déjà avec cet identifiant : %(name)s.",
                    params={"type": existing.type, "name": existing.name})
            return existing, False
    if not center.name:
        raise ValidationError("Le nom du centre est obligatoire.")
    center.full_clean()
    center.save()
    return center, True


@transaction.atomic
def membership_provide(*, center, user, role=CertificationCenterMembership.Role.MEMBER,
                       is_referer=False, by=None) -> tuple[CertificationCenterMembership, bool]:
    """The user's active membership of the centre, created with this role if there is none."""
    membership = (CertificationCenterMembership.objects.select_for_update()
                  .filter(center=center, user=user, disabled_at__isnull=True).first())
    if membership is not None:
        return membership, False
    if is_referer:
        CertificationCenterMembership.objects.filter(center=center, is_referer=True).update(is_referer=False)
    membership = CertificationCenterMembership.objects.create(
        center=center, user=user, role=role, is_referer=is_referer, updated_by=by)
    return membership, True


@transaction.atomic
def certif_terms_accept(*, user) -> CertifTermsAcceptance:
    return CertifTermsAcceptance.accept(user)
