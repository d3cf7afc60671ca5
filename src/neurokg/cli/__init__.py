"""The ``neurokg`` command line: :func:`main` and :func:`get_parser` (see :mod:`neurokg.cli.app`)."""

from neurokg.cli.app import get_parser, main

__all__ = ["get_parser", "main"]
