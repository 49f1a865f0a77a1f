"""SMTP with STARTTLS and a login: the password comes from this PC's keyring (``desktop.credentials``);
a server whose certificate is not trusted is refused before anything is sent."""

from __future__ import annotations

import datetime as dt
import ipaddress

import pytest

from distribution_support import Mailbox, free_port, media_list, people, release


def _certificate(folder):  # noqa: ANN001, ANN202 - (cert path, key path)
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def tls_server(tmp_path):
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    cert, key = _certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    box = Mailbox()
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):  # noqa: ANN001, ANN202
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.login == b"humas" and auth_data.password == b"rahasia-kantor")

    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                            authenticator=authenticator, auth_require_tls=True)
    controller.start()
    yield box, port, cert, logins
    controller.stop()


def test_starttls_login_with_the_keyring_password(library, tls_server, monkeypatch):
    from desktop import credentials
    from desktop.distribution import api as distribution

    box, port, cert, logins = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # this test's server is the one trusted authority
    config = distribution.SmtpConfig(host="127.0.0.1", port=port, security="starttls", username="humas",
                                     sender="humas@contoh.example")
    monkeypatch.setattr(credentials, "_keyring", lambda: None)  # no OS keyring in the test: kept for this run
    distribution.save_config(config, "rahasia-kantor")
    assert distribution.password_for(distribution.load_config()) == "rahasia-kantor"

    p = people(library)
    list_id = media_list(library, [p["ani"]])
    distribution.queue_email(library, list_id, mode="smtp", sender=config.sender, article_id=release(library))
    result = distribution.send_pending(library, config, distribution.password_for(config))
    assert result.sent == ["ani@radar.example"] and box.to() == ["ani@radar.example"]
    assert logins == [(b"humas", b"rahasia-kantor")]


def test_an_untrusted_certificate_sends_nothing(library, tls_server):
    from desktop.distribution import api as distribution

    box, port, _cert, logins = tls_server
    config = distribution.SmtpConfig(host="127.0.0.1", port=port, security="starttls", username="humas",
                                     sender="humas@contoh.example")
    p = people(library)
    distribution.queue_email(library, media_list(library, [p["ani"]]), mode="smtp", sender=config.sender,
                             article_id=release(library))
    with pytest.raises(distribution.SmtpError):
        distribution.send_pending(library, config, "rahasia-kantor")
    assert box.messages == [] and logins == []
    assert [m["state"] for m in distribution.outbox(library)] == ["queued"]
