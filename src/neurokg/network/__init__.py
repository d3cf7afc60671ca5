"""The graph as a networkx ``MultiDiGraph`` and what is computed on it.

:mod:`~neurokg.network.view` (and its fast twin :mod:`~neurokg.network.oxbuild`) build the view
from :mod:`~neurokg.network.spec`; :mod:`~neurokg.network.names` resolves what a user types;
:mod:`~neurokg.network.hops` describes one step of an answer; one module per analytic
(:mod:`~neurokg.network.paths`, :mod:`~neurokg.network.cycles`, :mod:`~neurokg.network.neighbors`,
:mod:`~neurokg.network.ranking`, :mod:`~neurokg.network.treatments`); :mod:`~neurokg.network.export`
writes GraphML and node-link JSON; :mod:`~neurokg.network.frames` gives DataFrames of the view and of
every answer.
"""

from neurokg.core.lazy import exports

__getattr__, __dir__, __all__ = exports(
    __name__,
    {
        "to_networkx": "neurokg.network.view",
        "read_network": "neurokg.network.oxbuild",
        "triples_to_networkx": "neurokg.network.oxbuild",
        "resolve": "neurokg.network.names",
        "resolve_relation": "neurokg.network.names",
        "Hop": "neurokg.network.hops",
        "shortest_paths": "neurokg.network.paths",
        "feedback_loops": "neurokg.network.cycles",
        "rank": "neurokg.network.ranking",
        "write_graphml": "neurokg.network.export",
        "write_node_link": "neurokg.network.export",
        "node_frame": "neurokg.network.frames",
        "edge_frame": "neurokg.network.frames",
    },
)
