"""The spider's item, under its old import path: the class lives in ``linkhealth/visit.py``.

Kept so ``from crawler.items import Visit`` goes on working; new code imports
``linkhealth.visit``, which the pipelines may (they may not import the crawler).
"""

from linkhealth.visit import Visit

__all__ = ["Visit"]
