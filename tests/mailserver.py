"""Mail servers for the tests that send by SMTP: a real one (aiosmtpd) that keeps what it
accepts and can hold a message mid-transfer, and one that accepts connections and never answers."""

import asyncio
import socket
import threading
from contextlib import contextmanager
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller

from tests.servers import free_port


class Inbox:
    """What the server accepted. With `hold_at=n`, the n-th message waits, unanswered, until
    `release()`, and is then refused (451): its sender was meant to die waiting."""

    def __init__(self, hold_at=None):
        self.messages = []
        self.hold_at = hold_at
        self.held = threading.Event()
        self._release = threading.Event()
        self.seen = 0
        self.port = None

    async def handle_DATA(self, server, session, envelope):
        self.seen += 1
        if self.hold_at is not None and self.seen == self.hold_at:
            self.held.set()
            await asyncio.get_running_loop().run_in_executor(None, self._release.wait)
            return "451 Tạm thời không nhận"
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def release(self):
        self._release.set()

    def recipients(self):
        return [to for tos, _message in self.messages for to in tos]


@contextmanager
def smtp_server(hold_at=None):
    inbox = Inbox(hold_at)
    inbox.port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        inbox.release()
        controller.stop()


@contextmanager
def silent_mail_server():
    """An SMTP server that accepts connections and never answers; yields (port, connections)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1], accepted
    finally:
        listener.close()
        for connection in accepted:
            connection.close()
