"""The bulk creation of sessions and candidates from the domain's CSV template (§4.3)."""
