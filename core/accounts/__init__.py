"""Editors' accounts: the admin login's client address, session time-outs and two-factor
authentication (django-otp with TOTP). An app of its own so that its admin views and hooks
stay together; the login form and throttling settings live in portal/settings/security.py."""
