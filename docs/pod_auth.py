"""Pod-side checks for ExAtlas credentials: paste into the service your pod runs.

- check_bearer(header): compares "Authorization: Bearer <token>" with ATLAS_PRESHARED_KEY in constant time.
- verify_signed_url(url, secret): verifies a URL signed with ATLAS_SIGNING_SECRET by ExAtlas (Java or Elixir).

Standard library only (Python 3.8+).
"""
import base64
import hashlib
import hmac
import os
import time
from urllib.parse import unquote_plus, urlsplit

_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def check_bearer(authorization_header, expected=None):
    """True when the header is "Bearer <ATLAS_PRESHARED_KEY>" (constant-time comparison)."""
    expected = expected if expected is not None else os.environ.get("ATLAS_PRESHARED_KEY", "")
    if not expected or not authorization_header:
        return False
    return hmac.compare_digest(authorization_header.encode(), ("Bearer " + expected).encode())


def _encode(text):
    out = []
    for byte in text.encode("utf-8"):
        if byte in _UNRESERVED:
            out.append(chr(byte))
        elif byte == 0x20:
            out.append("+")
        else:
            out.append("%%%02X" % byte)
    return "".join(out)


def verify_signed_url(url, secret=None, now=None):
    """Returns "ok", "expired", "bad_signature" or "malformed"."""
    secret = secret if secret is not None else os.environ.get("ATLAS_SIGNING_SECRET", "")
    now = int(time.time()) if now is None else int(now)
    parts = urlsplit(url)
    params = {}
    if parts.query:
        for pair in parts.query.split("&"):
            key, _, value = pair.partition("=")
            key = unquote_plus(key)
            if key in params:
                # Frameworks read the first value while the signature covers one set: refuse repeated names.
                return "malformed"
            params[key] = unquote_plus(value)
    if not parts.path and not parts.netloc and not params:
        return "malformed"
    exp, sig = params.pop("exp", ""), params.pop("sig", "")
    if not exp or not sig or exp.strip() != exp:
        return "malformed"
    try:
        expiry = int(exp)
    except ValueError:
        return "malformed"
    if expiry < now:
        return "expired"
    params["exp"] = str(expiry)
    query = "&".join(_encode(k) + "=" + _encode(v) for k, v in sorted(params.items(), key=lambda kv: kv[0].encode()))
    canonical = (parts.path or "/") + "?" + query
    digest = hmac.new(secret.encode(), canonical.encode(), hashlib.sha256).digest()
    expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    # Compare bytes: compare_digest raises TypeError on a non-ASCII str, and a bad sig must be bad_signature.
    return "ok" if hmac.compare_digest(expected.encode(), sig.encode("utf-8", "replace")) else "bad_signature"


if __name__ == "__main__":
    import sys
    print(verify_signed_url(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else None))
