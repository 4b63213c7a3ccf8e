"""The exit statuses of every ``linkhealth`` command, in one place.

Scripts and cron jobs branch on these, so they are a contract: the README's
table lists each one, and a test holds the table to this enum.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What a ``linkhealth`` command's exit status means."""

    #: the command did what it was asked (a crawl finished; dead links are findings, not errors)
    OK = 0
    #: the command could not do its work: a missing or damaged catalogue, a crawl that failed
    ERROR = 1
    #: the command line was wrong (an unknown option, a bad value)
    USAGE = 2
    #: ``report --fail-on STATE``: some resource is in that state
    FAIL_ON = 3
    #: stopped by Ctrl-C (SIGINT) or SIGTERM; what was done before is kept
    INTERRUPTED = 130
