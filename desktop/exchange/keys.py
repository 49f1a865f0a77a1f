"""The office's Ed25519 key and the keys of other offices it trusts.

The private key is a PKCS#8 file readable by its owner only (0600) in the
library folder, ``keys/office-ed25519.pem``, not in a PC's keyring: it is
the *office's* identity, and a library is the office (in shared-office mode
every staff PC opens the same folder). A keyring belongs to one person on
one PC, so a second PC could not sign and a reinstalled PC would lose the
identity and force every partner office to compare fingerprints again.

A fingerprint is the first 160 bits of the SHA-256 of the raw public key in
RFC 4648 base32, eight groups of four (``K7QD-2MXA-…``): letters A–Z and
digits 2–7 only, so 0/O, 1/I/l and 8/B cannot be confused when read out
over the phone, and case, spaces and dashes do not matter when typed.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from desktop.errors import WartaError
from desktop.i18n import _

KEY_FOLDER = "keys"
KEY_FILE = "office-ed25519.pem"
PUBLIC_SUFFIX = ".wartakey"
_BASE32 = re.compile(r"^[A-Z2-7]{32}$")


class ExchangeError(WartaError):
    """A bundle or key cannot be written, read or trusted; nothing was changed."""


class AlreadyImported(ExchangeError):
    """This very bundle was accepted before; importing it again changes nothing."""


@dataclass(frozen=True)
class OfficeKey:
    office_uid: str
    name: str
    public_key: str  # hex of the raw 32 bytes
    fingerprint: str


def fingerprint(public_hex: str) -> str:
    digest = hashlib.sha256(bytes.fromhex(public_hex)).digest()[:20]
    text = base64.b32encode(digest).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, 32, 4))


def office_uid(public_hex: str) -> str:
    return hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()[:32]


def normalize_fingerprint(typed: str) -> str:
    """``typed`` in the canonical grouped form; :class:`ExchangeError` when it cannot be one."""
    compact = re.sub(r"[\s\-]", "", typed or "").upper()
    if not _BASE32.match(compact):
        raise ExchangeError(
            _("'{typed}' is not a Warta fingerprint: it has 32 letters A–Z and digits 2–7, in groups of four.").format(
                typed=(typed or "")[:80]
            )
        )
    return "-".join(compact[i:i + 4] for i in range(0, 32, 4))


def _key_path(library) -> Path:  # noqa: ANN001
    return library.path / KEY_FOLDER / KEY_FILE


def _private(library):  # noqa: ANN001, ANN202 - Ed25519PrivateKey
    """The office's private key, made on first use."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.fsutil import atomic_write

    path = _key_path(library)
    if path.is_file():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (OSError, ValueError, TypeError) as exc:
            raise ExchangeError(
                _("The office key {path} cannot be read; restore it from a copy or remove it to make a new one "
                  "(partner offices must then trust the new fingerprint).").format(path=path)
            ) from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise ExchangeError(_("The office key {path} is not an Ed25519 key.").format(path=path))
        return key
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.parent.mkdir(mode=0o700, exist_ok=True)
    with atomic_write(path, private=True) as fh:
        fh.write(pem)
    os.chmod(path, 0o600)
    return key


def _public_hex(key) -> str:  # noqa: ANN001
    from cryptography.hazmat.primitives import serialization

    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def own_key(library, office_name: str) -> OfficeKey:  # noqa: ANN001
    public = _public_hex(_private(library))
    return OfficeKey(office_uid(public), office_name, public, fingerprint(public))


def sign(library, data: bytes) -> bytes:  # noqa: ANN001
    return _private(library).sign(data)


def verify(public_hex: str, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def is_public_hex(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[0-9a-f]{64}", value) is not None
