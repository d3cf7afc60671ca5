"""The ``neurokg`` command line: :func:`main` and :func:`get_parser` (see :mod:`neurokg.cli.main`)."""

from neurokg.cli.main import get_parser, main

__all__ = ["get_parser", "main"]
