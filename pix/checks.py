from django.conf import settings
from django.core.checks import Tags, Warning, register

# What a deployment must say about itself on the legal notices and the personal-data page.
REQUIRED_IDENTITY = {
    "address": "SERVICE_ADDRESS",
    "publication_director": "SERVICE_PUBLICATION_DIRECTOR",
    "hosting": "SERVICE_HOSTING",
}


@register(Tags.security, deploy=True)
def service_identity_check(app_configs, **kwargs):
    """`check --deploy`: the legal notices need the publisher's address, the publication
    director and the host; the contact addresses must not be the development ones."""
    identity = settings.SERVICE_IDENTITY
    missing = [variable for key, variable in REQUIRED_IDENTITY.items() if not identity.get(key)]
    missing += [variable for key, variable in (("contact_email", "SERVICE_CONTACT_EMAIL"),
                                               ("privacy_email", "SERVICE_PRIVACY_EMAIL"))
                if identity.get(key, "").endswith(".localhost")]
    if not missing:
        return []
    return [Warning(
        "Les mentions légales et la page « Données personnelles » attendent : " + ", ".join(missing) + ".",
        hint="Renseignez ces variables d'environnement (docs/OPERATIONS.md).", id="pix.W001")]
