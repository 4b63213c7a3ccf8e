"""Duration and length parsing moved to the core (``linkhealth/durations.py``).

The seed importer (core) and the metadata pipeline both parse durations, and
the core must not import from ``pipelines``; this module keeps the old import
path working for the pipelines and for existing callers.
"""

from linkhealth.durations import *  # noqa: F403
from linkhealth.durations import __all__  # noqa: F401
