"""The fast load path reads the same graph as the rdflib loader did, with the same minted IRIs."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from neurokg.core.errors import GraphSyntaxError
from neurokg.core.namespace import NKO
from neurokg.rdf.load import canonical_decimals, read_sources, read_turtle
from neurokg.rdf.oxload import from_rdflib, load_store, nt_bytes, source_files, to_rdflib
from neurokg.rdf.provenance import mint_statements, statement_iri
from neurokg.rdf.status import summarize
from neurokg.rdf.validate import validate_sources
from tests.fixturegraph import FIXTURES, make_graph_dir


def _rdflib_load(files: list[Path]) -> Graph:
    """The previous loader: rdflib parses each file, mints it in Python, then merges; then the status step."""
    merged = Graph()
    for path in files:
        merged += mint_statements(read_turtle(path))
    store = from_rdflib(canonical_decimals(merged))
    summarize(store)
    return to_rdflib(store)


def test_real_graph_is_the_one_the_rdflib_loader_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEUROKG_CORPUS", raising=False)
    files = source_files()
    fast = read_sources().graph
    assert isomorphic(fast, _rdflib_load(files))
    statements = set(fast.subjects(RDF.type, NKO.Statement))
    assert len(statements) > 400
    for st in statements:
        s, p, o = fast.value(st, RDF.subject), fast.value(st, RDF.predicate), fast.value(st, RDF.object)
        assert st == statement_iri(s, p, o)


@pytest.mark.parametrize("case", sorted((FIXTURES / "shapes").glob("*.ttl")), ids=lambda p: p.stem)
def test_fixtures_load_as_before(tmp_path: Path, case: Path) -> None:
    files = source_files(graph_dir=make_graph_dir(tmp_path, case))
    assert isomorphic(read_sources(graph_dir=files[1].parent, corpus=None).graph, _rdflib_load(files))


def test_nt_is_sorted_with_decimal_points() -> None:
    data = nt_bytes(load_store(source_files()).store).decode()
    lines = data.splitlines()
    assert lines == sorted(lines)
    assert '"^^<http://www.w3.org/2001/XMLSchema#decimal>' in data
    assert all('.' in line.split('"^^<http://www.w3.org/2001/XMLSchema#decimal>')[0][-12:] for line in lines
               if line.endswith('"^^<http://www.w3.org/2001/XMLSchema#decimal> .'))  # fmt: skip


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    gdir = make_graph_dir(tmp_path, 'nk:a skos:prefLabel "open .\n')
    with pytest.raises(GraphSyntaxError) as info:
        load_store(source_files(graph_dir=gdir))
    assert info.value.path.endswith("delta0.ttl") and info.value.line == 8, info.value


def test_a_blank_statement_missing_a_part_names_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEUROKG_CORPUS", raising=False)
    delta = "[] rdf:subject nk:fx_condition ; rdf:predicate nko:hasSymptom ; nko:certainty nko:Asserted .\n"
    report = validate_sources(read_sources(graph_dir=make_graph_dir(tmp_path, delta)))
    missing = [v for v in report.errors if v.rule == "StatementShape.object"]
    assert missing and all(v.file.endswith("delta0.ttl") for v in missing), report
