"""Orga's pages, thin: membership first (views.base), then access, selectors and services."""
