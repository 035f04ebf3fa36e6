"""Who may sign in to the admin and how, and the security headers every environment sends.

Nothing here reads the environment (base.py does, at its top); production adds the HTTPS-only
headers, and the Content-Security-Policy stays in base.py beside the upload address it allows.
"""

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out login is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Admin login throttling (django-axes): a handful of wrong passwords for one user name from one
# address locks that pair for a while. Locking by the pair, not the user name alone, keeps an
# attacker from locking a real editor out from elsewhere.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "errors/login_locked.html"
AXES_VERBOSE = False
# The address behind our own proxies only (PORTAL_TRUSTED_PROXIES, below): a forged
# X-Forwarded-For must not give a guesser a fresh address on every try.
AXES_CLIENT_IP_CALLABLE = "core.accounts.client_ip.client_ip"

# Sessions end 30 minutes after the last request, and 8 hours after the login whatever the
# activity (a working day); core/accounts/session_timeouts.py keeps both clocks.
PORTAL_SESSION_IDLE_SECONDS = 30 * 60
PORTAL_SESSION_ABSOLUTE_SECONDS = 8 * 3600
SESSION_COOKIE_AGE = PORTAL_SESSION_ABSOLUTE_SECONDS
SESSION_SAVE_EVERY_REQUEST = False

# Two-factor authentication (django-otp, TOTP): required for superusers and these groups (each
# publishes: the editor-in-chief, the heads of the policy and multimedia desks), open to every
# other editor from their account page (core/accounts/two_factor.py).
PORTAL_TWO_FACTOR_REQUIRED_GROUPS = [
    "Tổng biên tập",
    "Trưởng ban Chính sách",
    "Biên tập đa phương tiện",
]
OTP_TOTP_ISSUER = "Cổng TTĐT Chính phủ"

# Security headers every environment sends; production adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
