"""An e-mail backend that always fails the way a refusing SMTP server does."""

from __future__ import annotations

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        recipients = ", ".join(a for m in email_messages for a in m.to)
        raise smtplib.SMTPRecipientsRefused(
            {recipients: (550, b"5.1.1 mailbox unavailable")}
        )
