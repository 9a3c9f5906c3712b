"""Wrong invigilator passwords and access codes, counted per session.

Never keyed on the address alone: a whole room shares one public address, and thirty candidates
typing the access code at once must not lock each other out; guessing a session's password or code
is what is limited, so the count is the session's. The counts live in the cache (Redis in
production), so every web process sees the same ones.
"""

import time

from django.core.cache import cache

from certif.constants import RATE_LIMIT_WINDOW_SECONDS


class RateLimited(Exception):
    def __init__(self, wait_seconds: int):
        super().__init__(wait_seconds)
        self.wait_seconds = wait_seconds


def _keys(action: str, session_id: int) -> tuple[str, str]:
    base = f"certif:ratelimit:{action}:{session_id}"
    return f"{base}:count", f"{base}:since"


def check(action: str, session_id: int, *, limit: int) -> None:
    """Raise RateLimited when the session has used up its wrong attempts of this window."""
    count_key, since_key = _keys(action, session_id)
    if (cache.get(count_key) or 0) < limit:
        return
    since = cache.get(since_key) or time.time()
    raise RateLimited(max(1, round(since + RATE_LIMIT_WINDOW_SECONDS - time.time())))


def count_failure(action: str, session_id: int) -> None:
    """One more wrong attempt; the window starts at the first one (atomic in the cache)."""
    count_key, since_key = _keys(action, session_id)
    cache.add(since_key, time.time(), timeout=RATE_LIMIT_WINDOW_SECONDS)
    if not cache.add(count_key, 1, timeout=RATE_LIMIT_WINDOW_SECONDS):
        try:
            cache.incr(count_key)
        except ValueError:  # expired between the two calls
            cache.add(count_key, 1, timeout=RATE_LIMIT_WINDOW_SECONDS)
