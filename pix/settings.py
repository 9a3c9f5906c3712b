"""Settings, read from the environment (django-environ).

With no environment at all the project runs on one machine: SQLite file, eager Celery, console
e-mails. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY, DEBUG=False and ALLOWED_HOSTS.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from adaptive.framework import PROFILE_MAX_REACHABLE_LEVEL

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    REDIS_URL=(str, ""),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "Pix École <ne-pas-repondre@pix-ecole.localhost>"),
    SECURE_COOKIES=(bool, False),
    SITE_URL=(str, "http://127.0.0.1:8000"),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
# Production must set SECRET_KEY: `manage.py check --deploy` flags this short development key.
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "django_htmx",
    "csp",
    "dsfr",
    "django_filters",
    "referentiel",
    "learners",
    "orga",
    "certif",
    "pix",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "pix.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "learners.accounts.middleware.SessionUserAuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "learners.accounts.middleware.LanguageMiddleware",
    "learners.accounts.middleware.AccountGateMiddleware",
    "pix.middleware.MethodNotAllowedPageMiddleware",
    "pix.middleware.DatabaseUnavailableMiddleware",
]
CSRF_FAILURE_VIEW = "pix.errors.csrf_failure"
# The staff portals ask for their own terms of use, not the learner app's (AccountGateMiddleware).
PORTALS_WITH_OWN_TERMS = ("/orga/", "/certif/")

ROOT_URLCONF = "pix.urls"
WSGI_APPLICATION = "pix.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", 60 if "sqlite" not in DATABASES["default"]["ENGINE"] else 0)
# The hot reads and writes are prepared once per PostgreSQL connection (learners.prepared). A pooler that
# hands a connection to another client after each transaction (PgBouncer in transaction mode)
# cannot keep them: set DATABASE_PREPARED_STATEMENTS=0 behind one.
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)
if "sqlite" in DATABASES["default"]["ENGINE"]:
    # Wait for the write lock instead of failing at once when two requests write together.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    # Tests use a file, not the in-memory shared cache, whose table locks ignore the timeout
    # and would make concurrent-request tests fail instead of wait.
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", str(BASE_DIR / "test-db.sqlite3"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "learners.User"
# The content admin links a challenge to its preview in the learner app (the referentiel app
# cannot name the learners' URLs itself: it sits below them).
ABSOLUTE_URL_OVERRIDES = {
    "referentiel.challenge": lambda challenge: reverse("learners:challenge_preview", args=[challenge.pk]),
}
# allauth's backend (e-mail or username login, Django's permissions), with the user of every
# request read by a prepared query.
AUTHENTICATION_BACKENDS = ["learners.accounts.backends.AuthenticationBackend"]
SESSION_ENGINE = "learners.accounts.sessions"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "learners.accounts.passwords.MixedCharactersValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "learners:profile"
LOGOUT_REDIRECT_URL = "home"

# Accounts: e-mail or username; students created by a teacher often have no e-mail.
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email", "username", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_SIGNUP_FORM_CLASS = "learners.accounts.forms.SignupExtraForm"
ACCOUNT_FORMS = {"signup": "learners.accounts.allauth_forms.SignupForm",
                 "login": "learners.accounts.allauth_forms.LoginForm",
                 "change_password": "learners.accounts.allauth_forms.ChangePasswordForm",
                 "reset_password": "learners.accounts.allauth_forms.ResetPasswordForm",
                 "reset_password_from_key": "learners.accounts.allauth_forms.ResetPasswordKeyForm",
                 "add_email": "learners.accounts.allauth_forms.AddEmailForm"}
ACCOUNT_ADAPTER = "learners.accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    # Keyed on the account, not the IP: a whole classroom shares one public address.
    "login_failed": "10/m/key,60/5m/key",
    # allauth's default (30 logins a minute per IP) would refuse the end of a class logging in.
    "login": "600/m/ip",
    "reset_password": "5/m/key",
    "signup": "200/m/ip",
    # The public verification of certificates (certif/views/verification.py): per client, per
    # client and code prefix, and a ceiling per address that a classroom does not reach.
    "verify_certificate": "20/m/key,200/h/key,1000/h/ip",
    "verify_certificate_prefix": "5/m/key,20/h/key",
}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static", ("contenu", BASE_DIR / "referentiel" / "content" / "media")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"
WHITENOISE_USE_FINDERS = DEBUG

EMAIL_CONFIG = env.email_url("EMAIL_URL")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
# The address links in e-mails point at (a worker has no request to take it from).
SITE_URL = env("SITE_URL")

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env("SECURE_COOKIES")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy: everything comes from this site; no inline script, no inline style
# attribute. A page that needs a computed style (the areas' colours) puts it in a <style> element
# carrying the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Celery: with no REDIS_URL, tasks run eagerly in the request (one-command start).
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None  # lets a caller wait for a task (tests, admin actions)
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Periodic work for `celery beat`. A weekly calibration only proposes a draft: staff activate it.
CELERY_BEAT_SCHEDULE = {
    "calibration-hebdomadaire": {
        "task": "learners.calibrate_bank",
        "schedule": crontab(hour=3, minute=0, day_of_week=1),
    },
}

# Cost of fitting the certification's exposure control after a calibration (CatConfig fields:
# exposure_fit_examinees, price_fit_iterations, exposure_fit_iterations). Empty: production values.
CAT_EXPOSURE_FIT = {}

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

REST_FRAMEWORK = {
    # The token first: a request without credentials gets 401 with `WWW-Authenticate: Token`.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "learners.accounts.permissions.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "EXCEPTION_HANDLER": "learners.api_errors.api_exception_handler",
    # JSON everywhere under /api/ (the documentation is at /api/docs/), even for a browser.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated",
                                   "learners.accounts.permissions.AccountReady"],
    "DEFAULT_SCHEMA_CLASS": "learners.api_schema.ServiceAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pix École API",
    "DESCRIPTION": "Le parcours de l'élève : profil, tests de positionnement, résultats, tutoriels.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI served from our own static files: no CDN at run time.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The `<pk:...>` converter of the URLs (learners.ids): a database id.
    "PATH_CONVERTER_OVERRIDES": {"pk": {"type": "integer", "minimum": 1,
                                        "maximum": 2**63 - 1}},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Who runs this instance, shown on the legal notices, the personal-data page and the
# accessibility statement. A deployment sets them; `check --deploy` warns while they are missing.
SERVICE_IDENTITY = {
    "publisher": env("SERVICE_PUBLISHER", default="Pix École"),
    "address": env("SERVICE_ADDRESS", default=""),
    "publication_director": env("SERVICE_PUBLICATION_DIRECTOR", default=""),
    "hosting": env("SERVICE_HOSTING", default=""),
    "contact_email": env("SERVICE_CONTACT_EMAIL", default="contact@pix-ecole.localhost"),
    "privacy_email": env("SERVICE_PRIVACY_EMAIL", default="donnees-personnelles@pix-ecole.localhost"),
}

# Learner rules (seed values of the reference platform, see the domain facts).
MAX_REACHABLE_LEVEL = env.int("MAX_REACHABLE_LEVEL", default=PROFILE_MAX_REACHABLE_LEVEL)
DAYS_BEFORE_IMPROVING = env.int("DAYS_BEFORE_IMPROVING", default=4)
DAYS_BEFORE_RESET = env.int("DAYS_BEFORE_RESET", default=7)

# Either an e-mail or a username is enough to sign up (students often have no e-mail): allauth
# warns because it expects the login methods to be required at sign-up; the form checks one.
SILENCED_SYSTEM_CHECKS = ["account.W001"]
