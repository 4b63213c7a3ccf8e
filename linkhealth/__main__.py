"""``python -m linkhealth``: the same command line as the ``linkhealth`` script.

The scheduler starts each crawl this way (``sys.executable -m linkhealth check``),
so a scheduled crawl runs exactly as a manual one does, in a fresh process.
"""

from linkhealth.cli import cli

if __name__ == "__main__":
    cli(prog_name="linkhealth")
