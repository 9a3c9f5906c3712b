from allauth.account.signals import password_changed, password_reset
from django.dispatch import receiver

from learners.accounts import services


@receiver(password_changed)
@receiver(password_reset)
def clear_temporary_password(sender, request, user, **kwargs):
    services.password_changed(user=user)
