"""The response policies the site sends (read by settings; pgbplatform.security applies them): plain data,
so that settings can import it before Django is set up."""

# Permissions-Policy (pgbplatform.security): what no page uses is off; the YouTube or Vimeo player a visitor
# chose to load may play full screen and picture-in-picture.
_PLAYERS = ["self", '"https://www.youtube-nocookie.com"', '"https://player.vimeo.com"']
PGB_PERMISSIONS_POLICY = {
    **{
        feature: []
        for feature in (
            "accelerometer", "ambient-light-sensor", "battery", "bluetooth", "camera",
            "display-capture", "geolocation", "gyroscope", "hid", "idle-detection", "magnetometer",
            "microphone", "midi", "payment", "screen-wake-lock", "serial",
            "usb", "xr-spatial-tracking", "browsing-topics",
        )
    },
    "fullscreen": _PLAYERS,
    "picture-in-picture": _PLAYERS,
    # Passkeys and security keys (allauth's WebAuthn) sign in on this site only.
    "publickey-credentials-get": ["self"],
    "publickey-credentials-create": ["self"],
    "autoplay": _PLAYERS[1:],  # the player starts on the visitor's click (media/external.py)
    "encrypted-media": _PLAYERS[1:],
}  # fmt: skip

# django-csp 4: the public site runs under a strict policy; see pgbplatform/security.py for the admin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "media-src": ["'self'"],
        # A YouTube or Vimeo player, put in place only after the visitor asks (media/external.py).
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
