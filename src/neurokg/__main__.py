"""``python -m neurokg``: the same as the ``neurokg`` command."""

from neurokg.cli.main import main

raise SystemExit(main())
