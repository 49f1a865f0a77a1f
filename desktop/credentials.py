"""Server passwords kept in this PC's keyring, never in the library folder.

The window asks once per PC and stores the password here (Windows Credential
Manager, the Secret Service on Linux, the macOS Keychain). Without a usable
keyring nothing is stored and libpq's own means still work (``~/.pgpass``,
``PGPASSWORD``, a service file).
"""

from __future__ import annotations

SERVICE = "Warta"
# Passwords typed in this run, so that a PC without a usable keyring is
# asked once per start instead of at every connection.
_session: dict[str, str] = {}


def _key(url: str) -> str:
    from desktop.server import display_url

    return display_url(url)


def _keyring():  # noqa: ANN202
    try:
        import keyring
        from keyring.errors import KeyringError  # noqa: F401
    except Exception:  # noqa: BLE001 - no keyring package or backend: nothing stored
        return None
    return keyring


def get_password(url: str) -> str | None:
    if _key(url) in _session:
        return _session[_key(url)]
    kr = _keyring()
    if kr is None:
        return None
    try:
        return kr.get_password(SERVICE, _key(url))
    except Exception:  # noqa: BLE001 - a locked or missing backend means "not stored"
        return None


def set_password(url: str, password: str) -> bool:
    """Remember ``password`` for ``url`` on this PC; False when there is no keyring to keep it
    (then it is kept until Warta closes)."""
    _session[_key(url)] = password
    kr = _keyring()
    if kr is None:
        return False
    try:
        kr.set_password(SERVICE, _key(url), password)
    except Exception:  # noqa: BLE001
        return False
    return True


def forget_password(url: str) -> None:
    _session.pop(_key(url), None)
    kr = _keyring()
    if kr is None:
        return
    try:
        kr.delete_password(SERVICE, _key(url))
    except Exception:  # noqa: BLE001 - nothing stored is fine
        pass
