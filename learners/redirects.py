"""The one place where a redirect target chosen by the client (`next`, the Referer) is checked.

Every view that redirects to an address read from a request goes through `safe_next`: an
address on another site, an odd scheme or a malformed value is ignored for the fallback.
"""

from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_target(request, target) -> bool:
    """True for an address of this site (a local path, or this host), with a web scheme."""
    if not isinstance(target, str) or not target or len(target) > 2000:
        return False
    if any(ord(char) < 32 for char in target) or "\\" in target:
        return False
    return url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure())


def safe_next(request, target, fallback: str) -> str:
    """`target` when it is an address of this site, otherwise `fallback`."""
    return target if is_safe_target(request, target) else fallback
