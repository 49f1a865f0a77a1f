"""Fixtures for the distribution tests: a real local SMTP server (aiosmtpd), contacts, a list, a release."""

from __future__ import annotations

import email
import email.policy
import socket
import threading

import pytest

from desktop.articles.document import ArticleDoc
from desktop.contacts.record import Email, Phone


class Mailbox:
    """What a local SMTP server received: parsed messages, in order."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, N802 - aiosmtpd hook
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(msg)
        return "250 Message accepted for delivery"

    def ids(self) -> list[str]:
        return [m["Message-ID"] for m in self.messages]

    def to(self) -> list[str]:
        return sorted(m["To"].addresses[0].addr_spec for m in self.messages)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_smtp():  # noqa: ANN201 - (controller, mailbox, port)
    from aiosmtpd.controller import Controller

    box = Mailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, box, port


@pytest.fixture
def smtp():
    """A local SMTP server for one test: (mailbox, port)."""
    controller, box, port = start_smtp()
    yield box, port
    controller.stop()


def config(port: int):  # noqa: ANN201 - SmtpConfig
    from desktop.distribution import api as distribution

    return distribution.SmtpConfig(host="127.0.0.1", port=port, security="none", sender="humas@contoh.example",
                                   sender_name="Humas Bawaslu Contoh")


def people(library) -> dict[str, int]:  # noqa: ANN001
    """Four journalists of two outlets: two reachable by e-mail, one with only a private address, one without consent."""
    from desktop.contacts import api as contacts

    radar = contacts.create_org(library, contacts.OrgInput(name="Radar Contoh"))
    suara = contacts.create_org(library, contacts.OrgInput(name="Suara Contoh"))

    def person(name: str, org: int, *, consent: bool = True, mail: str = "", public: bool = True,
               phone: str = "", verified: bool = True) -> int:
        phones = [Phone(number=phone, whatsapp=True, public=True, verified=verified)] if phone else []
        return contacts.create_person(library, contacts.PersonInput(
            full_name=name, organization_id=org, consent=consent,
            emails=[Email(address=mail, public=public)] if mail else [], phones=phones))

    return {
        "ani": person("Ani Wartawati", radar, mail="ani@radar.example", phone="+6281234567801"),
        "budi": person("Budi Santoso", radar, mail="budi@radar.example", public=False, phone="0812-34",
                       verified=False),
        "citra": person("Citra Lestari", suara, consent=False, mail="citra@suara.example", phone="+6281234567803"),
        "dedi": person("Dedi Kurniawan, S.Sos.", suara, mail="dedi@suara.example", phone="+6281234567804"),
        "radar": radar, "suara": suara,
    }


def media_list(library, person_ids: list[int], name: str = "Media Contoh") -> int:  # noqa: ANN001
    from desktop.contacts import api as contacts

    list_id = contacts.create_list(library, name)
    contacts.add_to_list(library, list_id, person_ids)
    return list_id


def release(library, status: str = "approved", title: str = "Bawaslu Contoh Ajak Warga Awasi Kampanye") -> int:  # noqa: ANN001
    from desktop.articles import api as articles

    return articles.create_article(library, ArticleDoc(
        title=title, status=status, dateline_city="Contoh",
        lead="Bawaslu Kabupaten Contoh mengajak warga ikut mengawasi kampanye di setiap kecamatan.",
        body="Rapat koordinasi digelar di aula kantor.\n\nWarga dapat melapor ke posko pengaduan.",
        source_url="https://contoh.example/berita/1" if status == "published" else ""))
