"""Evidence status, command by command: nothing inferred or advertised is ever returned as stated.

By default every answer (the plain triples, each named query, each analytics command, the exports)
holds only relations a document states; with ``include`` the others come too, each row labelled.
Where the two documents read a relation differently (the anticonvulsants: "common" in one,
"sometimes" in the other), each reading is kept (docs/decisions/0006-evidence-status.md).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Graph

from neurokg.core.namespace import NK, NKO, curie
from neurokg.network.export import write_network
from neurokg.network.treatments import treatments
from neurokg.network.view import to_networkx
from neurokg.pipeline.build import INCLUDED_GRAPH, build, write_rdf
from neurokg.rdf.load import read_sources
from neurokg.rdf.provenance import statement_iri
from neurokg.rdf.schema import domain_predicates
from neurokg.rdf.status import summarize_statements
from neurokg.sparql import named_queries, run_query, to_store

from .fixturegraph import make_graph_dir

NOT_STATED_LABELS = ("inferred by curator", "advertised")


def _statement_status(graph: Graph) -> dict[str, set[str]]:
    """Statement IRI (full and CURIE) -> its status tokens."""
    tokens = {NKO.Stated: "stated", NKO.InferredByCurator: "inferred", NKO.Advertised: "advertised"}
    out: dict[str, set[str]] = {}
    for st in graph.subjects(RDF.type, NKO.Statement):
        found = {tokens[s] for s in graph.objects(st, NKO.status) if s in tokens}
        out[str(st)] = out[curie(str(st))] = found
    return out


@pytest.fixture(scope="module")
def status(graph: Graph) -> dict[str, set[str]]:
    return _statement_status(graph)


@pytest.fixture(scope="module")
def not_stated(status: dict[str, set[str]]) -> set[str]:
    return {st for st, tokens in status.items() if "stated" not in tokens}


# ------------------------------------------------------------------------------ loader and triples


def test_loader_asserts_the_plain_triple_only_where_a_document_states_it(tmp_path: Path, caplog) -> None:
    delta = """
nk:fx_other a nko:Symptom ; skos:prefLabel "other symptom"@en ; skos:definition "Another symptom."@en .
nk:fx_condition nko:hasSymptom nk:fx_other .
[] rdf:subject nk:fx_condition ; rdf:predicate nko:hasSymptom ; rdf:object nk:fx_other ;
    nko:evidence [ nko:status nko:InferredByCurator ; nko:reason "read between the lines" ;
                   nko:document nkd:fixture ; nko:start 61 ; nko:end 90 ] .
[] rdf:subject nk:fx_symptom ; rdf:predicate nko:hasSymptom ; rdf:object nk:fx_condition ;
    nko:evidence [ nko:status nko:Stated ; nko:certainty nko:Often ; nko:hedge "often" ;
                   nko:document nkd:fixture ; nko:start 20 ; nko:end 60 ] ,
                 [ nko:status nko:Stated ; nko:certainty nko:Possible ; nko:hedge "may" ;
                   nko:document nkd:fixture ; nko:start 61 ; nko:end 90 ] ,
                 [ nko:status nko:InferredByCurator ; nko:lineOfTherapy nko:FirstLine ; nko:reason "ours" ;
                   nko:document nkd:fixture ; nko:start 61 ; nko:end 90 ] .
"""
    with caplog.at_level(logging.WARNING):
        g = read_sources(graph_dir=make_graph_dir(tmp_path, delta), corpus=None).graph
    # a hand-written plain triple of an inferred relation is dropped, with a warning naming the file
    assert (NK.fx_condition, NKO.hasSymptom, NK.fx_other) not in g
    assert "delta0.ttl: no evidence states" in caplog.text
    # a stated relation written as a statement only gets its plain triple
    assert (NK.fx_symptom, NKO.hasSymptom, NK.fx_condition) in g
    st = statement_iri(NK.fx_symptom, NKO.hasSymptom, NK.fx_condition)
    assert set(g.objects(st, NKO.status)) == {NKO.Stated, NKO.InferredByCurator}
    # the summary rests on the stated readings: the least firm certainty, every hedge, no curator line of therapy
    assert set(g.objects(st, NKO.certainty)) == {NKO.Possible}
    assert {str(h) for h in g.objects(st, NKO.hedge)} == {"often", "may"}
    assert g.value(st, NKO.lineOfTherapy) is None
    # two readings of one passage (stated and inferred) stay two evidence nodes
    assert len(list(g.objects(st, NKO.evidence))) == 3
    # the step is idempotent
    before = len(g)
    assert summarize_statements(g).asserted == [] and len(g) == before


def test_plain_triples_are_exactly_the_stated_relations(graph: Graph, status: dict[str, set[str]]) -> None:
    relations = domain_predicates(graph)
    plain = {(s, p, o) for s, p, o in graph if p in relations}
    for st in graph.subjects(RDF.type, NKO.Statement):
        triple = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
        assert (triple in plain) == ("stated" in status[str(st)]), triple
    assert len(plain) == sum("stated" in t for k, t in status.items() if k.startswith("http"))


def test_every_evidence_has_one_status_and_every_inference_a_reason(graph: Graph) -> None:
    for ev in graph.subjects(RDF.type, NKO.Evidence):
        (value,) = list(graph.objects(ev, NKO.status))
        if value == NKO.InferredByCurator:
            assert graph.value(ev, NKO.reason), ev


def test_the_curated_non_stated_relations(status: dict[str, set[str]], graph: Graph) -> None:
    """The relations a reread of the documents found no span to state, and the advertising claims."""

    def key(s: str, p: str, o: str) -> str:
        return str(statement_iri(NK[s], NKO[p], NK[o]))

    inferred = [
        ("amitriptyline", "memberOf", "tricyclic_antidepressant"),
        ("duloxetine", "memberOf", "serotonin_norepinephrine_reuptake_inhibitor"),
        ("gabapentin", "memberOf", "gabapentinoid"),
        ("pregabalin", "memberOf", "gabapentinoid"),
        ("peripheral_nerves", "partOf", "nervous_system"),
        ("autonomic_nervous_system", "partOf", "nervous_system"),
        ("nerve_endings", "partOf", "peripheral_nerves"),
        ("peripheral_neuropathy", "affects", "peripheral_nerves"),
        ("spinal_cord_compression", "affects", "spinal_cord"),
        ("herniated_disc", "affects", "spine"),
        ("impaired_healing", "worsens", "neuropathic_pain"),
        ("reduced_pain_tolerance", "worsens", "neuropathic_pain"),
        ("pain_perception", "worsens", "chronic_pain"),
        ("muscle_spasm", "leadsTo", "nerve_compression"),
    ]
    advertised = [
        ("neuropathy_no_more", "treats", "neuropathy"),
        ("neuropathy_no_more", "manages", "quality_of_life"),
        ("lifestyle_change", "treats", "neuropathy"),
        ("neuropathy", "hasSymptom", "pain"),
    ]
    found = {k: t for k, t in status.items() if k.startswith("http") and "stated" not in t}
    assert found == {**{key(*t): {"inferred"} for t in inferred}, **{key(*t): {"advertised"} for t in advertised}}
    # first line is a curator's reading on stated relations: present, never stated
    first_line = {
        (graph.value(st, RDF.subject), graph.value(ev, NKO.status))
        for st in graph.subjects(RDF.type, NKO.Statement)
        for ev in graph.objects(st, NKO.evidence)
        if (ev, NKO.lineOfTherapy, NKO.FirstLine) in graph
    }
    assert first_line == {
        (NK.antidepressant, NKO.InferredByCurator),
        (NK.anticonvulsant, NKO.InferredByCurator),
        (NK.gabapentinoid, NKO.InferredByCurator),
        (NK.treating_underlying_cause, NKO.Stated),
    }


# ----------------------------------------------------------------------------------- named queries


@pytest.fixture(scope="module")
def store(graph: Graph):
    return to_store(graph)


def _include_queries() -> list[str]:
    return [name for name, q in named_queries().items() if "include" in q.params]


def test_every_named_query_but_the_advertising_one_takes_include() -> None:
    assert set(named_queries()) - set(_include_queries()) == {"13-advertised"}


def _basis_columns(columns: list[str]) -> list[str]:
    return [c for c in ("basis", "status") if c in columns]


@pytest.mark.parametrize("name", _include_queries())
def test_named_query_returns_nothing_inferred_or_advertised_by_default(store, name: str, not_stated) -> None:
    q = named_queries()[name]
    bindings = {"name": "neuropathic pain"} if "name" in q.params else {}
    result = run_query(store, q.text, bindings=bindings)
    records = result.records()
    assert records, name
    (column,) = _basis_columns(result.columns)
    for r in records:
        if r["statement"] is None:  # a row with no relation (an effect nothing manages)
            continue
        assert r[column] == "stated", (name, r)
        assert r["statement"] not in not_stated, (name, r)


@pytest.mark.parametrize("name", _include_queries())
def test_named_query_with_include_labels_every_such_row(store, name: str, status) -> None:
    q = named_queries()[name]
    bindings = {"include": "inferred,advertised"}
    if "name" in q.params:
        bindings["name"] = "anticonvulsant"
    result = run_query(store, q.text, bindings=bindings)
    (column,) = _basis_columns(result.columns)
    labels = {r[column] for r in result.records() if r["statement"]}
    assert labels <= {"stated", *NOT_STATED_LABELS}
    for r in result.records():
        if r["statement"] and "stated" not in status[r["statement"]]:
            assert r[column] in NOT_STATED_LABELS, (name, r)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_14_keeps_each_documents_reading_of_the_anticonvulsants(store, graph: Graph, engine: str) -> None:
    target = store if engine == "oxigraph" else graph
    rows = run_query(target, named_queries()["14-concept"].text, engine=engine,
                     bindings={"name": "anticonvulsants"}).records()  # fmt: skip
    treats = [r for r in rows if r["relation"] == "treats" and r["other"] == "neuropathic pain"]
    by_doc = {r["document"][:3]: r for r in treats}
    assert set(by_doc) == {"000", "003"} and len(treats) == 2
    assert (by_doc["000"]["certainty"], by_doc["000"]["hedge"]) == ("often", "common")
    assert (by_doc["003"]["certainty"], by_doc["003"]["hedge"]) == ("in some cases", "sometimes")
    assert by_doc["003"]["caveatKind"] == "mechanism unknown" and by_doc["000"]["caveatKind"] == ""
    assert {r["status"] for r in treats} == {"stated"} and all(r["lineOfTherapy"] == "" for r in treats)
    # the curators' first-line reading only with include, labelled and with its reason
    rows = run_query(target, named_queries()["14-concept"].text, engine=engine,
                     bindings={"name": "anticonvulsants", "include": "inferred"}).records()  # fmt: skip
    (judged,) = [r for r in rows if r["relation"] == "treats" and r["status"] == "inferred by curator"]
    assert judged["lineOfTherapy"] == "first line" and judged["reason"] and judged["certainty"] == ""


# ----------------------------------------------------------------------------------------- commands

COMMANDS = [
    ("path", "diabetes", "depression", "--max", "3"),
    ("path", "amitriptyline", "antidepressant", "--undirected"),
    ("loops", "--through", "chronic pain"),
    ("neighbors", "amitriptyline", "--depth", "2"),
    ("neighbors", "neuropathy"),
    ("treatments", "neuropathy"),
    ("treatments", "neuropathic pain"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a[:2]))
def test_command_answers_only_stated_relations_by_default(cli, args, not_stated) -> None:
    code, out, _ = cli(*args, "--format", "json")
    assert code == 0
    for row in json.loads(out):
        assert row["basis"] == "stated", row
        assert row["statement"] not in not_stated, row
        assert all(e.get("status", "stated") == "stated" for e in row["evidence"]), row


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a[:2]))
def test_command_with_include_labels_every_such_row(cli, args, status) -> None:
    code, out, _ = cli(*args, "--include", "inferred,advertised", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    for row in rows:
        shown = {e["status"] for e in row["evidence"]}
        if shown - {"stated"} or (row["statement"] and "stated" not in status[row["statement"]]):
            assert any(label in row["basis"] for label in NOT_STATED_LABELS), row
        else:
            assert row["basis"] == "stated", row


def test_treating_neuropathy_by_default_no_advertising_answer(cli) -> None:
    code, out, _ = cli("treatments", "neuropathy", "--format", "json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = cli("treatments", "neuropathy", "--include", "advertised", "--format", "json")
    rows = json.loads(out)
    assert {r["treatment"] for r in rows} == {"nk:neuropathy_no_more", "nk:lifestyle_change"}
    assert {r["basis"] for r in rows} == {"advertised"}
    assert {r["type"] for r in rows} == {"AdvertisedProduct", "LifestyleIntervention"}


def test_rank_labels_rows_and_never_ranks_the_product_among_treatments(cli) -> None:
    code, out, _ = cli("rank", "--type", "Treatment", "--top", "0", "--include", "inferred,advertised", "-f", "json")
    rows = json.loads(out)
    assert code == 0 and "nk:neuropathy_no_more" not in {r["node"] for r in rows}
    code, out, _ = cli("rank", "--top", "0", "--include", "advertised", "-f", "json")
    product = next(r for r in json.loads(out) if r["node"] == "nk:neuropathy_no_more")
    assert product["basis"] == "advertised" and product["degree"] == 2
    code, out, _ = cli("rank", "--top", "0", "-f", "json")
    rows = {r["node"]: r for r in json.loads(out)}
    assert rows["nk:neuropathy_no_more"]["degree"] == 0 and rows["nk:neuropathy_no_more"]["basis"] == ""
    assert {r["basis"] for r in rows.values()} <= {"stated", ""}


def test_unknown_include_is_a_usage_error(cli) -> None:
    code, out, err = cli("treatments", "neuropathy", "--include", "guessed")
    assert code == 2 and out == ""
    assert "--include takes inferred, advertised or both" in err


def test_broader_concepts_never_contradict_the_narrower_one(graph: Graph) -> None:
    G = to_networkx(graph)
    options = treatments(G, "nk:neuropathic_pain")
    # doc 003: opioids may not relieve nerve pain; their general pain relief is not offered for it
    assert not [t for t in options if t.treatment == "nk:opioid" and t.target != "nk:neuropathic_pain"]
    for t in options:
        if t.target != "nk:neuropathic_pain":
            for who in {t.treatment, t.via} - {None}:
                assert not any(G.has_edge(who, "nk:neuropathic_pain", k) for k in ("nko:treats", "nko:manages",
                                                                                    "nko:prevents")), t  # fmt: skip


# -------------------------------------------------------------------------------------------- exports


@pytest.fixture(scope="module")
def built(tmp_path_factory, corpus: Path) -> tuple[Path, Path]:
    """The default exports (written by the build's writers) and a whole ``build --include`` (validated)."""
    base = tmp_path_factory.mktemp("status-build")
    plain = base / "plain"
    plain.mkdir()
    sources = read_sources(corpus=corpus)
    write_rdf(sources.graph, plain)
    write_network(sources, plain)
    included = build(base / "included", corpus=corpus, include="inferred,advertised").out
    return plain, included


def test_exports_hold_only_stated_relations_by_default(built, not_stated) -> None:
    plain, _ = built
    node_link = json.loads((plain / "neurokg.nodelink.json").read_text())
    for G in (nx.read_graphml(plain / "neurokg.graphml", force_multigraph=True),
              nx.node_link_graph(node_link, edges="edges")):  # fmt: skip
        assert G.number_of_edges()
        for _, _, d in G.edges(data=True):
            assert d["basis"] == "stated" and d["statement"] not in not_stated
    rdf = Graph().parse(plain / "neurokg.nt")
    assert (NK.amitriptyline, NKO.memberOf, NK.tricyclic_antidepressant) not in rdf
    assert (NK.neuropathy_no_more, NKO.treats, NK.neuropathy) not in rdf
    # ... but they are there as statements, labelled
    st = statement_iri(NK.amitriptyline, NKO.memberOf, NK.tricyclic_antidepressant)
    assert (st, NKO.status, NKO.InferredByCurator) in rdf
    assert not (plain / "neurokg.included.nq").exists()


def test_exports_with_include_label_every_such_relation(built, status) -> None:
    _, included = built
    G = nx.node_link_graph(json.loads((included / "neurokg.nodelink.json").read_text()), edges="edges")
    extra = [d for _, _, d in G.edges(data=True) if "stated" not in status[d["statement"]]]
    assert len(extra) == 18 and {d["basis"] for d in extra} == {"inferred", "advertised"}
    H = nx.read_graphml(included / "neurokg.graphml", force_multigraph=True)
    assert sum(d["basis"] != "stated" for _, _, d in H.edges(data=True)) == 18
    quads = [line.split() for line in (included / "neurokg.included.nq").read_text().splitlines()]
    graphs = {q[3] for q in quads}
    assert graphs == {f"<{INCLUDED_GRAPH}inferred>", f"<{INCLUDED_GRAPH}advertised>"} and len(quads) == 18
    # the main RDF outputs are the same with or without include
    assert (included / "neurokg.nt").read_text() == (built[0] / "neurokg.nt").read_text()
