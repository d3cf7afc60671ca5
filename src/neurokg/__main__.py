"""``python -m neurokg``: the same as the ``neurokg`` command."""

from neurokg.cli.app import main

raise SystemExit(main())
