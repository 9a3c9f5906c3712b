"""Organisations, members, invitations and Orga's terms of use.

Every change of roles locks the organisation row first, so that two administrators demoting each
other at the same moment cannot leave the organisation without one.
"""

import secrets
import string

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learners.models import User
from orga.constants import INVITATION_CODE_LENGTH, INVITATION_VALIDITY_DAYS
from orga.errors import InvitationError, LastAdminError, OrgaError
from orga.models import Invitation, Membership, Organization, TermsAcceptance

INVITATION_SALT = "orga.invitation"
Role = Membership.Role


@transaction.atomic
def organization_create(*, type, name, external_id="", is_managing_students=None):
    """Create an organisation, or find the one with this UAI or external id; (org, created).

    Provisioning scripts run it again and again: a second run with the same values changes
    nothing. SCO organisations manage their students unless told otherwise.
    """
    external_id = (external_id or "").strip().upper()
    if type not in Organization.Type.values:
        raise OrgaError(_("Type d'organisation inconnu : %(type)s.") % {"type": type})
    if type == Organization.Type.SCO and not external_id:
        raise OrgaError(_("Un établissement scolaire (SCO) doit avoir son UAI."))
    if not (name or "").strip():
        raise OrgaError(_("Le nom de l'organisation est obligatoire."))
    if is_managing_students is None:
        is_managing_students = type == Organization.Type.SCO
    if external_id:
        existing = Organization.objects.select_for_update().filter(external_id=external_id).first()
        if existing:
            if existing.type != type:
                raise OrgaError(_("L'identifiant %(id)s est déjà celui d'une organisation d'un autre "
                                  "type (%(type)s).") % {"id": external_id, "type": existing.type})
            return existing, False
    organization = Organization.objects.create(type=type, name=name.strip(), external_id=external_id,
                                               is_managing_students=is_managing_students)
    return organization, True


def _new_code():
    alphabet = string.ascii_uppercase + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(INVITATION_CODE_LENGTH))


@transaction.atomic
def invitation_create(*, organization, email, role="", invited_by=None, notify=True):
    """Invite someone by e-mail; a pending invitation to the same address is sent again.

    ``notify=False`` (the demo world) records the invitation without sending the e-mail.
    """
    email = (email or "").strip().lower()
    if Membership.objects.filter(organization=organization, user__email=email).exists():
        raise InvitationError(_("%(email)s est déjà membre de l'organisation.") % {"email": email},
                              "already_member")
    invitation = (Invitation.objects.select_for_update()
                  .filter(organization=organization, email=email, status=Invitation.Status.PENDING)
                  .first())
    if invitation:
        invitation.role, invitation.invited_by = role, invited_by
        invitation.save(update_fields=["role", "invited_by", "updated_at"])
    else:
        invitation = Invitation.objects.create(organization=organization, email=email, role=role,
                                               code=_new_code(), invited_by=invited_by)
    if notify:
        from orga import tasks

        transaction.on_commit(lambda: tasks.send_invitation.delay(invitation.pk))
    return invitation


def invitation_token(invitation):
    return signing.dumps({"id": invitation.pk, "code": invitation.code}, salt=INVITATION_SALT)


def invitation_from_token(token):
    """The pending invitation a signed link names; InvitationError with the reason otherwise."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT,
                             max_age=INVITATION_VALIDITY_DAYS * 24 * 3600)
    except signing.SignatureExpired:
        raise InvitationError(_("Cette invitation a expiré : demandez à un administrateur de "
                                "l'organisation de vous inviter à nouveau."), InvitationError.EXPIRED) from None
    except signing.BadSignature:
        raise InvitationError(_("Ce lien d'invitation n'est pas valide : vérifiez qu'il a été copié "
                                "en entier.")) from None
    invitation = (Invitation.objects.select_related("organization")
                  .filter(pk=data.get("id"), code=data.get("code")).first())
    if invitation is None:
        raise InvitationError(_("Ce lien d'invitation n'est pas valide : vérifiez qu'il a été copié "
                                "en entier."))
    if invitation.status == Invitation.Status.CANCELLED:
        raise InvitationError(_("Cette invitation a été annulée."), InvitationError.CANCELLED)
    if invitation.status == Invitation.Status.ACCEPTED:
        raise InvitationError(_("Cette invitation a déjà été acceptée : connectez-vous pour "
                                "accéder à l'organisation."), InvitationError.ACCEPTED)
    return invitation


@transaction.atomic
def invitation_accept(*, invitation, user):
    """Make the user a member: the invitation's role, or ADMIN for an organisation's first member."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:
        raise InvitationError(_("Cette invitation n'est plus valable."), "invitation_not_pending")
    organization = Organization.objects.select_for_update().get(pk=invitation.organization_id)
    membership = Membership.objects.filter(organization=organization, user=user).first()
    if membership and not invitation.role:
        raise InvitationError(_("Vous êtes déjà membre de %(name)s.") % {"name": organization.name},
                              "already_member")
    role = invitation.role or (Role.ADMIN if not organization.memberships.exists() else Role.MEMBER)
    if membership:
        membership.role, membership.updated_by = role, user
        membership.save(update_fields=["role", "updated_by", "updated_at"])
    else:
        membership = Membership.objects.create(organization=organization, user=user, role=role)
    invitation.status, invitation.accepted_by = Invitation.Status.ACCEPTED, user
    invitation.save(update_fields=["status", "accepted_by", "updated_at"])
    return membership


@transaction.atomic
def invitation_accept_with_new_account(*, invitation, first_name, last_name, password):
    """Accepting creates the account when the invited address has none; it logs in with it."""
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationError(_("Un compte existe déjà avec l'adresse %(email)s : connectez-vous "
                                "pour accepter l'invitation.") % {"email": invitation.email},
                              "account_exists")
    user = User.objects.create_user(username=None, email=invitation.email, password=password,
                                    first_name=first_name.strip(), last_name=last_name.strip(),
                                    terms_accepted_at=timezone.now())
    invitation_accept(invitation=invitation, user=user)
    return user


@transaction.atomic
def invitation_cancel(*, invitation):
    updated = Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.CANCELLED, updated_at=timezone.now())
    if not updated:
        raise InvitationError(_("Cette invitation n'est plus en attente."), "invitation_not_pending")


def _admins_left(organization, without):
    return (Membership.objects.filter(organization=organization, role=Role.ADMIN)
            .exclude(pk=without.pk).exists())


@transaction.atomic
def membership_change_role(*, membership, role, by):
    Organization.objects.select_for_update().get(pk=membership.organization_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if role not in Role.values:
        raise OrgaError(_("Rôle inconnu."))
    if role != Role.ADMIN and membership.is_admin and not _admins_left(membership.organization, membership):
        raise LastAdminError(_("%(name)s est le dernier administrateur : nommez d'abord un autre "
                               "administrateur.") % {"name": membership.user})
    membership.role, membership.updated_by = role, by
    membership.save(update_fields=["role", "updated_by", "updated_at"])
    return membership


@transaction.atomic
def membership_remove(*, membership, by):
    Organization.objects.select_for_update().get(pk=membership.organization_id)
    membership = Membership.objects.select_for_update().filter(pk=membership.pk).first()
    if membership is None:
        return
    if membership.is_admin and not _admins_left(membership.organization, membership):
        raise LastAdminError(_("%(name)s est le dernier administrateur : l'organisation ne peut "
                               "pas rester sans administrateur.") % {"name": membership.user})
    membership.delete()


@transaction.atomic
def terms_accept(*, user):
    return TermsAcceptance.accept(user)


@transaction.atomic
def organization_archive(*, organization):
    Organization.objects.filter(pk=organization.pk, archived_at__isnull=True).update(
        archived_at=timezone.now())
