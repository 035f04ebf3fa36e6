"""The test settings with the uploads folder named by MEDIA_ROOT in the environment.

portal.settings.test gives every process a temporary uploads folder of its own; a server process
that must serve the files the test wrote, or the copy a restore made (tests/test_backup_restore.py),
runs with this module instead and is told the folder.
"""

import os
from pathlib import Path

from portal.settings.test import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["MEDIA_ROOT"])
