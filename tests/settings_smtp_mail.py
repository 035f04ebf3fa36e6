"""The test settings with receipts sent by SMTP to EMAIL_HOST:EMAIL_PORT from the environment.

portal.settings.test keeps mail in memory; a server process that must stop in the middle of
sending a receipt (tests/policy_pages/test_idempotent_submission.py) runs with this module and a
mail server that never answers.
"""

from portal.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
