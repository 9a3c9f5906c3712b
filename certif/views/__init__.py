"""Pages of Pix Certif under /certif/. Thin: access.py fetches, selectors read, services write."""
