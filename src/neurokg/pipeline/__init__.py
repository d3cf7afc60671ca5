"""The build: validate the graph, then write every output (RDF, networkx exports, explorer) atomically.

The build itself is :func:`neurokg.build` (module :mod:`neurokg.pipeline.build`).
"""

from neurokg.core.lazy import exports

__getattr__, __dir__, __all__ = exports(__name__, {"BuildResult": "neurokg.pipeline.build"})
