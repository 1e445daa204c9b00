"""Sending outside the console: mail over SMTP, and a group robot's webhook (企业微信 and
钉钉 take the same text message). Each send has its own timeout and raises
:class:`NotSent` with why; the caller decides about retrying."""

import smtplib
import ssl
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

import requests

from services.notifications import rules

TIMEOUT = 10  # seconds, per send: one slow server never holds up the others for long


class NotSent(Exception):
    """The channel refused or did not answer."""


def send_mail(smtp_url: str, sender: str, to: str, subject: str, body: str):
    """``smtp://[user:password@]host[:port][?starttls=true]`` or ``smtps://…`` (TLS from
    the first byte); login when the URL names a user."""
    parts = urlsplit(smtp_url)
    secure = parts.scheme == "smtps"
    starttls = parse_qs(parts.query).get("starttls", ["false"])[0].lower() in ("1", "true")
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message.set_content(body)
    try:
        server = (smtplib.SMTP_SSL(parts.hostname, parts.port or 465, timeout=TIMEOUT,
                                   context=ssl.create_default_context()) if secure else
                  smtplib.SMTP(parts.hostname, parts.port or 25, timeout=TIMEOUT))
        with server:
            if starttls and not secure:
                server.starttls(context=ssl.create_default_context())
            if parts.username:
                server.login(unquote(parts.username), unquote(parts.password or ""))
            server.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise NotSent(f"mail: {type(exc).__name__}: {exc}") from None


def post_webhook(url: str, content: str, allowed_hosts: frozenset):
    """The group-robot text message. The host is checked again here (the allowed hosts may
    have changed since the person chose it), and no redirect is followed: a robot that
    answers with one is not where the office said it may send."""
    rules.check_webhook(url, allowed_hosts)
    try:
        response = requests.post(url, json={"msgtype": "text", "text": {"content": content}},
                                 timeout=TIMEOUT, allow_redirects=False)
    except requests.RequestException as exc:
        raise NotSent(f"webhook: {type(exc).__name__}: {exc}") from None
    if response.status_code >= 300:
        raise NotSent(f"webhook: HTTP {response.status_code}: {response.text[:200]}")
    try:
        answer = response.json()
    except ValueError:
        answer = {}
    if isinstance(answer, dict) and answer.get("errcode", 0) != 0:  # the robots' own refusal
        raise NotSent(f"webhook: errcode {answer.get('errcode')}: {answer.get('errmsg', '')}")
