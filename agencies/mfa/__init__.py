"""Two-step sign-in (MFA, TOTP) for administrators and HR officers (issue 9).

Who: holders of an `agency_hr` or `oncsc_admin` role, and admin-site staff
(`rules.mfa_required`). After the password, such a user without a confirmed
device enrols one (QR code and secret, confirmed with a code); a user with one
types a 6-digit code. Until then `middleware.MfaMiddleware` sends every page to
that step and answers session calls to the API with 403. API keys are not
affected. Devices are django-otp `TOTPDevice`s; its throttling backs off failed
codes exponentially per device, and an administrator resets a device by deleting
it in the admin ("TOTP devices").
"""
