"""How long a visitor must wait before an account rate limit lets them try again.

allauth counts attempts in the cache (a list of timestamps per action and per IP or key); the
messages and the 429 page tell the waiting time instead of a vague "later".
"""

import time

from allauth.core.internal import ratelimit as allauth_ratelimit
from django.core.cache import cache
from django.utils.translation import ngettext

# allauth's action for each account page whose POST it limits (per IP).
ACTION_BY_URL_NAME = {
    "account_login": "login",
    "account_signup": "signup",
    "account_reset_password": "reset_password",
    "account_reset_password_from_key": "reset_password_from_key",
    "account_change_password": "change_password",
}
DEFAULT_WAIT_SECONDS = 60


def rate_limit_wait_seconds(request, *, action=None, key=None) -> int:
    """Seconds until the oldest counted attempt of a full rate expires (at least 1)."""
    if action is None:
        match = getattr(request, "resolver_match", None)
        action = ACTION_BY_URL_NAME.get(getattr(match, "url_name", None))
    if action is None:
        return DEFAULT_WAIT_SECONDS
    now, waits = time.time(), []
    for rate in allauth_ratelimit.get_rates(app="allauth.account", action=action):
        if rate.per == "user" or (rate.per == "key" and key is None):
            continue
        cache_key = allauth_ratelimit.get_cache_key(request, app="allauth.account", action=action,
                                                    rate=rate, key=key)
        history = [stamp for stamp in cache.get(cache_key, []) if stamp > now - rate.duration]
        if len(history) >= rate.amount:
            # Newest first: once the amount-th newest expires, one more attempt is allowed.
            waits.append(history[rate.amount - 1] + rate.duration - now)
    return max(1, round(max(waits))) if waits else DEFAULT_WAIT_SECONDS


def wait_in_words(seconds: int) -> str:
    """« 45 secondes », « 3 minutes »: how long, as the messages say it."""
    if seconds < 60:
        return ngettext("%(n)d seconde", "%(n)d secondes", seconds) % {"n": seconds}
    minutes = -(-seconds // 60)
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
