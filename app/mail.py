"""Sending e-mail through the SMTP server of the MAIL_* settings, or into the log without one."""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app

logger = logging.getLogger(__name__)

#: Seconds to wait for the SMTP server before giving up.
SMTP_TIMEOUT = 10


class MailError(RuntimeError):
    """The SMTP server could not be reached or refused the message."""


def _one_line(text: str) -> str:
    """A header value on one line, whatever the text it comes from."""
    return " ".join(text.split())


#: An attachment: (file name, MIME type "text/calendar", content).
Attachment = tuple[str, str, bytes]


def build_message(
    to: str,
    subject: str,
    body: str,
    language: str | None = None,
    attachments: Sequence[Attachment] = (),
) -> EmailMessage:
    """A plain-text UTF-8 message from the configured sender, with any attachments."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = _one_line(subject)
    message["Date"] = formatdate(localtime=False)
    sender_domain = current_app.config["MAIL_DEFAULT_SENDER"].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=sender_domain)
    message.set_content(body)
    for filename, mime_type, content in attachments:
        maintype, _, subtype = mime_type.partition("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    if language:  # after set_content and add_attachment, which move every Content-* header
        message["Content-Language"] = language
    return message


def send_mail(
    to: str,
    subject: str,
    body: str,
    language: str | None = None,
    attachments: Sequence[Attachment] = (),
) -> EmailMessage:
    """Send one message; with no MAIL_SERVER it is written to the log. MailError on failure.

    ``language`` (the language the text is written in) becomes the Content-Language header.
    """
    message = build_message(to, subject, body, language, attachments)
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        logger.info("mail (MAIL_SERVER is not set, so not sent):\n%s", message.as_string())
        return message
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=SMTP_TIMEOUT) as smtp:
            if config.get("MAIL_USE_TLS"):
                smtp.starttls(context=ssl.create_default_context())
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        raise MailError(f"could not send mail to {to}: {error}") from error
    logger.info("sent mail %s", message["Message-ID"])
    return message
