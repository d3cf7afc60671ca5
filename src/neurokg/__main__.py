"""``python -m neurokg``: the same as the ``neurokg`` command."""

from neurokg.cli import main

raise SystemExit(main())
