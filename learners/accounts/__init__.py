"""Accounts: sign-up and login forms (allauth), the gates a signed-in learner passes (temporary
password, terms of use, language), password rules, lock-outs, and the account services."""
