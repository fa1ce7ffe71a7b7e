"""`python -m fetchers ...`: see fetchers/cli.py."""

import sys

from fetchers.cli import main

sys.exit(main())
