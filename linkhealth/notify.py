"""Telling people after a run: an e-mail over SMTP, a JSON POST to a chat webhook.

Sent only when the run newly broke, moved or gated something (the report's
``news``: :func:`linkhealth.report.query.newly_changed`), with the same text
as ``linkhealth report --summary``. A notification that cannot be sent is
reported and never fails the crawl: the visits are stored either way.

SMTP settings come from the environment: ``LINKHEALTH_SMTP_HOST``,
``LINKHEALTH_SMTP_PORT`` (25), ``LINKHEALTH_SMTP_USER``, the password from
``LINKHEALTH_SMTP_PASSWORD`` or ``LINKHEALTH_SMTP_PASSWORD_FILE`` (a file only
its owner may read), ``LINKHEALTH_SMTP_STARTTLS`` (1/true/yes) and
``LINKHEALTH_SMTP_FROM``. Secrets never reach a log or a message.

The webhook body is ``{"text": ...}``: Slack, Microsoft Teams (incoming
webhook connectors) and Mattermost all show a ``text`` field.
"""

from __future__ import annotations

import json
import os
import smtplib
import socket
import stat
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from .outcomes import Health
from .report.query import NEWS

USER_AGENT = "linkhealth (run notification)"
TIMEOUT = 20.0


class NotifyError(Exception):
    """A notification could not be sent; the message says why (never a secret)."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    sender: str = "linkhealth@localhost"


def read_secret_file(path: str | Path) -> str:
    """A secret from a file that only its owner may read; a group- or world-readable file
    is refused, since anyone else on the machine could have read the secret too."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise NotifyError(f"cannot read the password file {path}: {exc.strerror}")
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise NotifyError(
            f"the password file {path} can be read by others (mode {stat.filemode(mode)}): chmod 600 {path}"
        )
    return path.read_text(encoding="utf-8").strip()


def smtp_settings(environ: dict[str, str] | None = None) -> SmtpSettings:
    """The SMTP server from the environment; NotifyError when it is not configured."""
    env = os.environ if environ is None else environ
    host = (env.get("LINKHEALTH_SMTP_HOST") or "").strip()
    if not host:
        raise NotifyError("--notify-email needs an SMTP server: set LINKHEALTH_SMTP_HOST (and LINKHEALTH_SMTP_PORT)")
    try:
        port = int(env.get("LINKHEALTH_SMTP_PORT") or 25)
    except ValueError:
        raise NotifyError(f"LINKHEALTH_SMTP_PORT must be a port number, got {env.get('LINKHEALTH_SMTP_PORT')!r}")
    password = env.get("LINKHEALTH_SMTP_PASSWORD") or None
    if password is None and env.get("LINKHEALTH_SMTP_PASSWORD_FILE"):
        password = read_secret_file(env["LINKHEALTH_SMTP_PASSWORD_FILE"])
    return SmtpSettings(
        host=host,
        port=port,
        user=env.get("LINKHEALTH_SMTP_USER") or None,
        password=password,
        starttls=(env.get("LINKHEALTH_SMTP_STARTTLS") or "").strip().lower() in ("1", "true", "yes", "on"),
        sender=env.get("LINKHEALTH_SMTP_FROM") or f"linkhealth@{socket.getfqdn() or 'localhost'}",
    )


def subject(data: dict[str, Any]) -> str:
    """'linkhealth: 2 newly broken, 1 moved in catalogue.db'."""
    news = data.get("news") or {}
    parts = [f"{len(news[k])} newly {k}" if k == Health.BROKEN else f"{len(news[k])} {k}" for k in NEWS if news.get(k)]
    return f"linkhealth: {', '.join(parts)} in {data.get('catalogue')}"


def send_email(address: str, data: dict[str, Any], text: str, settings: SmtpSettings) -> None:
    message = EmailMessage()
    message["Subject"] = subject(data)
    message["From"] = settings.sender
    message["To"] = address
    message.set_content(text)
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT) as smtp:
            if settings.starttls:
                smtp.starttls()
            if settings.user:
                smtp.login(settings.user, settings.password or "")
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        # the exception's own text: smtplib never puts the password in it
        raise NotifyError(
            f"e-mail to {address} via {settings.host}:{settings.port} failed: {type(exc).__name__}: {exc}"
        )


def send_webhook(url: str, data: dict[str, Any], text: str) -> None:
    body = json.dumps({"text": f"*{subject(data)}*\n{text}"}).encode("utf-8")
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            response.read(1024)
    except urllib.error.HTTPError as exc:
        raise NotifyError(f"webhook {_where(url)} answered {exc.code} {exc.reason}")
    except (OSError, ValueError) as exc:
        raise NotifyError(f"webhook {_where(url)} failed: {type(exc).__name__}: {exc}")


def _where(url: str) -> str:
    """A webhook's scheme and host only: its path is the secret (Slack's, Teams')."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/…"


def notify(store, emails=(), webhooks=(), environ: dict[str, str] | None = None) -> list[str]:
    """Tell each address and webhook about the last run if something newly broke, moved or
    got gated. Returns one line per notification (sent, or why not); never raises."""
    from .report import build_report
    from .report.summary import news_count, render_summary

    if not emails and not webhooks:
        return []
    data = build_report(store, archive=False)
    if not news_count(data):
        return ["nothing newly broken, moved or gated: no notification sent"]
    text = render_summary(data)
    lines = []
    for address in emails:
        try:
            send_email(address, data, text, smtp_settings(environ))
            lines.append(f"notified {address}")
        except NotifyError as exc:
            lines.append(f"notification failed: {exc}")
    for url in webhooks:
        try:
            send_webhook(url, data, text)
            lines.append(f"notified webhook {_where(url)}")
        except NotifyError as exc:
            lines.append(f"notification failed: {exc}")
    return lines
