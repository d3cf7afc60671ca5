"""The W3C SPARQL 1.1 Protocol test suite (``../shared/conformance/sparql11-protocol``), read from its manifest.

:func:`protocol_tests` gives every test of the manifest in its order, each with the graphs it loads
(``ut:graphData``: a file and the IRI of the named graph it becomes) and its HTTP requests, with what
each response must be: a status class, a result format, and for ASK queries the boolean.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from tests.conftest import CORPUS

SUITE = CORPUS.parent / "conformance" / "sparql11-protocol"
"""Where the suite lives: beside the corpus, as ``../shared/conformance/sparql11-protocol``."""

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")


@dataclass(frozen=True)
class Request:
    """One HTTP request of a test, and what its response must be."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    statuses: frozenset[str]  # status classes: "2xx", "3xx", "4xx"
    result_format: str | None  # "boolean", "tabular" or "RDF"
    boolean: bool | None


@dataclass(frozen=True)
class ProtocolTest:
    name: str  # the local name in the manifest, e.g. query_post_form
    title: str
    graphs: tuple[tuple[str, Path], ...]  # (named graph IRI, data file)
    requests: tuple[Request, ...]

    @property
    def query_side(self) -> bool:
        """A test of the query operation (the others are about updates)."""
        return "update" not in self.name


def _items(graph: Graph, head: Node) -> list[Node]:
    return list(Collection(graph, head))


def _request(graph: Graph, node: Node) -> Request:
    body = graph.value(node, HT.body)
    data = None
    if body is not None:
        encoding = str(graph.value(body, CNT.characterEncoding) or "UTF-8")
        data = str(graph.value(body, CNT.chars)).encode(encoding)
    headers: list[tuple[str, str]] = []
    listed = graph.value(node, HT.headers)
    for header in _items(graph, listed) if listed is not None else []:
        headers.append((str(graph.value(header, HT.fieldName)), str(graph.value(header, HT.fieldValue))))
    response = graph.value(node, HT.resp)
    statuses = frozenset(str(s).rsplit("StatusCode", 1)[1].lower() for s in graph.objects(response, MF.expectedStatus))
    fmt = graph.value(response, MF.expectedFormat)
    boolean = graph.value(response, MF.expectedBoolean)
    return Request(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)),
        headers=tuple(headers),
        body=data,
        statuses=statuses,
        result_format=str(fmt) if fmt is not None else None,
        boolean=boolean.toPython() if boolean is not None else None,
    )


def protocol_tests(suite: Path = SUITE) -> list[ProtocolTest]:
    """Every test of the manifest, in its order."""
    manifest = suite / "manifest.ttl"
    graph = Graph().parse(manifest, format="turtle", publicID=manifest.resolve().as_uri())
    root = next(graph.subjects(MF.entries, None))
    tests = []
    for entry in _items(graph, graph.value(root, MF.entries)):
        graphs = []
        for data in graph.objects(entry, UT.graphData):
            file = graph.value(data, UT.graph)
            assert isinstance(file, URIRef)
            graphs.append((str(graph.value(data, RDFS.label)), Path(file.removeprefix("file://"))))
        action = graph.value(entry, MF.action)
        requests = tuple(_request(graph, r) for r in _items(graph, graph.value(action, HT.requests)))
        tests.append(
            ProtocolTest(
                name=str(entry).rsplit("#", 1)[1],
                title=str(graph.value(entry, MF.name)),
                graphs=tuple(sorted(graphs)),
                requests=requests,
            )
        )
    return tests
