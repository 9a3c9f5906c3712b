"""Orga's long work, run by Celery workers (or in the request when there is no worker)."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from orga import services
from orga.models import Invitation


@shared_task(name="orga.import_learners", acks_late=True)
def import_learners(import_id: int) -> str | None:
    """Validate then write an uploaded student list; run twice, it does the work once."""
    job = services.learner_import_run(import_id=import_id)
    return job.status if job else None


@shared_task(name="orga.send_invitation", acks_late=True)
def send_invitation(invitation_id: int) -> bool:
    invitation = (Invitation.objects.select_related("organization")
                  .filter(pk=invitation_id, status=Invitation.Status.PENDING).first())
    if invitation is None:
        return False
    path = reverse("orga:invitation", kwargs={"token": services.invitation_token(invitation)})
    link = f"{settings.SITE_URL.rstrip('/')}{path}"
    send_mail(
        subject=_("Invitation à rejoindre %(name)s sur Pix Orga") % {"name": invitation.organization.name},
        message=_("Bonjour,\n\nVous êtes invité à rejoindre « %(name)s » sur Pix Orga. Ce lien est "
                  "valable %(days)s jours :\n%(link)s\n\nSi vous n'attendiez pas cette invitation, "
                  "ignorez ce message.") % {"name": invitation.organization.name, "link": link,
                                             "days": services.team.INVITATION_VALIDITY_DAYS},
        from_email=None, recipient_list=[invitation.email],
    )
    return True
