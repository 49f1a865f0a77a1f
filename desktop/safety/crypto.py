"""Password-protected backups: the whole ``.wartabackup`` sealed with AES-256-GCM.

A protected backup is the same ZIP (see :mod:`desktop.safety.archive`),
encrypted in chunks so a backup of many gigabytes streams through a little
memory. The key comes from the password through scrypt (``cryptography``,
a well-kept library; nothing home-made but the framing)::

    MAGIC (10 bytes) | log2 N, r, p (3 bytes) | salt (16) | nonce prefix (7)
    then chunks: ciphertext length (4, big-endian) | AES-GCM(chunk)

Chunk ``i`` is sealed with the nonce ``prefix | i (4 bytes) | last (1 byte)``
and the header as associated data, so a chunk moved, dropped, repeated or a
file cut short after a chunk fails authentication: a wrong password and a
changed file are both refused before anything is restored.
"""

from __future__ import annotations

import hashlib
import os
import struct
from pathlib import Path
from typing import BinaryIO

from desktop.i18n import _
from desktop.safety.archive import BackupError

MAGIC = b"WARTA-ENC\x01"
CHUNK = 1 << 20
SCRYPT = (15, 8, 1)  # N = 2**15: 32 MB and about 0.1 s per derivation
_HEADER = len(MAGIC) + 3 + 16 + 7
MIN_PASSWORD = 8


def is_encrypted(path: Path) -> bool:
    """True for a password-protected backup (never opens a pipe or device: that could block)."""
    import stat

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise BackupError(
            _("A backup password needs at least {count} characters; nothing was written.").format(count=MIN_PASSWORD)
        )
    return password


def _key(password: str, salt: bytes, params: tuple[int, int, int]) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    log_n, r, p = params
    if not (10 <= log_n <= 22 and 1 <= r <= 32 and 1 <= p <= 16):
        raise ValueError("scrypt parameters out of range")
    return Scrypt(salt=salt, length=32, n=1 << log_n, r=r, p=p).derive(password.encode("utf-8"))


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", index, 1 if last else 0)


def encrypt(src: BinaryIO, out: BinaryIO, password: str) -> str:
    """Seal everything ``src`` holds into ``out``; return the SHA-256 of the plain bytes."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, prefix = os.urandom(16), os.urandom(7)
    header = MAGIC + bytes(SCRYPT) + salt + prefix
    aead = AESGCM(_key(password, salt, SCRYPT))
    out.write(header)
    digest = hashlib.sha256()
    block = src.read(CHUNK)
    index = 0
    while True:
        following = src.read(CHUNK) if block else b""
        last = not following
        digest.update(block)
        sealed = aead.encrypt(_nonce(prefix, index, last), block, header)
        out.write(struct.pack(">I", len(sealed)) + sealed)
        if last:
            return digest.hexdigest()
        block, index = following, index + 1


def decrypt(src: BinaryIO, out: BinaryIO | None, password: str, *, source: str) -> str:
    """Open a sealed backup into ``out`` (or nowhere, to verify); return the SHA-256 of the plain bytes."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    damaged = BackupError(
        _("The backup {file} is damaged or not a Warta backup ({reason}).").format(
            file=source, reason=_("the protected file is cut short or malformed")
        )
    )
    header = src.read(_HEADER)
    if len(header) != _HEADER or not header.startswith(MAGIC):
        raise damaged
    params = tuple(header[len(MAGIC) : len(MAGIC) + 3])
    salt = header[len(MAGIC) + 3 : len(MAGIC) + 19]
    prefix = header[len(MAGIC) + 19 :]
    try:
        aead = AESGCM(_key(password, salt, params))  # type: ignore[arg-type]
    except ValueError as exc:
        raise damaged from exc
    digest = hashlib.sha256()
    index = 0
    while True:
        size = src.read(4)
        if len(size) != 4:
            raise damaged  # no final chunk: cut short
        (length,) = struct.unpack(">I", size)
        if length > CHUNK + 16 or length < 16:
            raise damaged
        sealed = src.read(length)
        if len(sealed) != length:
            raise damaged
        plain = None
        for last in (False, True):
            try:
                plain = aead.decrypt(_nonce(prefix, index, last), sealed, header)
                break
            except InvalidTag:
                continue
        if plain is None:
            raise BackupError(
                _("The password for the backup {file} is wrong, or the file was changed; nothing was restored.").format(
                    file=source
                )
            )
        digest.update(plain)
        if out is not None:
            out.write(plain)
        if last:
            if src.read(1):
                raise damaged  # bytes after the final chunk
            return digest.hexdigest()
        index += 1
