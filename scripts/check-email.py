#!/usr/bin/env python3
"""Sends a message written by `planc report --format email` through a real SMTP server on
loopback (aiosmtpd) and checks what arrived with Python's email parser: the headers planc wrote
and no others, a multipart/alternative body with text/plain then text/html, both decodable.

Usage: scripts/check-email.py MESSAGE.eml [EXPECTED-SUBJECT [--custom-subject]]
"""
import email
import email.policy
import smtplib
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Collect:
    def __init__(self):
        self.messages = []
        self.arrived = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        self.arrived.set()
        return "250 OK"


def main():
    raw = open(sys.argv[1], "rb").read()
    sent = email.message_from_bytes(raw, policy=email.policy.default)
    handler = Collect()
    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        recipients = [address.addr_spec for address in sent["To"].addresses]
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.sendmail(sent["From"].addresses[0].addr_spec, recipients, raw)
        assert handler.arrived.wait(10), "the message did not arrive"
    finally:
        controller.stop()

    mail_from, rcpt_tos, content = handler.messages[0]
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert rcpt_tos == recipients, rcpt_tos
    names = [name.lower() for name in message.keys()]
    expected = {"from", "to", "subject", "date", "message-id", "mime-version", "content-type", "x-mailer"}
    assert set(names) <= expected | {"x-peer", "x-mailfrom", "x-rcptto"}, f"unexpected headers: {set(names) - expected}"
    assert names.count("subject") == 1 and "bcc" not in names
    assert message.get_content_type() == "multipart/alternative", message.get_content_type()
    parts = list(message.iter_parts())
    assert [part.get_content_type() for part in parts] == ["text/plain", "text/html"], [p.get_content_type() for p in parts]
    plain, html = parts[0].get_content(), parts[1].get_content()
    # Plain text for any client: no Markdown, no chart source, no compiler findings.
    assert plain.startswith(str(message["Subject"]).split(" — status")[0]) or len(sys.argv) > 3, plain[:40]
    for markup in ("```", "mermaid", "\\_", "**", "|---", "warning[", "error["):
        assert markup not in plain, f"{markup!r} in the text/plain part"
    assert html.lower().lstrip().startswith("<!doctype html"), html[:40]
    assert "<script" not in html.lower()
    if len(sys.argv) > 2:
        assert str(message["Subject"]) == sys.argv[2], (str(message["Subject"]), sys.argv[2])
    for line in raw.split(b"\r\n"):
        assert len(line) <= 998, "a line over 998 octets"
    header_block = raw.split(b"\r\n\r\n", 1)[0]
    for line in header_block.split(b"\r\n"):
        assert len(line) <= 78, f"a header line over 78 octets: {line!r}"
    assert b"\n" not in raw.replace(b"\r\n", b""), "a bare LF"
    print(f"email: delivered over SMTP to {', '.join(rcpt_tos)}; subject {str(message['Subject'])!r}; "
          f"text/plain {len(plain)} chars, text/html {len(html)} chars")


if __name__ == "__main__":
    main()
