"""The settings the test suite runs with: the project's, in development mode.

DEBUG defaults to off (see ekonomi/settings.py); the tests run as `make test` does, with it on,
unless the environment says otherwise. pytest-django still runs each test with DEBUG=False.
"""

import os

os.environ.setdefault("DEBUG", "1")

from ekonomi.settings import *  # noqa: F403
