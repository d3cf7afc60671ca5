"""The build: validate the graph, then write every output (RDF, networkx exports, explorer) atomically."""

from neurokg.core.lazy import exports

__getattr__, __dir__, __all__ = exports(
    __name__, {"BuildResult": "neurokg.pipeline.build", "build": "neurokg.pipeline.build"}
)
