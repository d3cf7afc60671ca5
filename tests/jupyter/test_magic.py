"""The IPython extension: %%sparql through a real InteractiveShell, the per-kernel graph cache."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import rdflib

import neurokg.jupyter.magic as nbj
from neurokg.core.errors import UsageError
from neurokg.core.namespace import NKO
from neurokg.rdf.load import load_graph
from neurokg.sparql.engine import to_store
from tests.conftest import ROOT
from tests.fixturegraph import make_graph_dir

FX = "https://w3id.org/neurokg/id/"
LABEL_QUERY = "SELECT ?name ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }"


@pytest.fixture(scope="module")
def shell() -> Iterator[Any]:
    """A real IPython shell with the extension loaded (history in memory, hooks restored after)."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    saved = sys.displayhook, sys.excepthook
    config = Config()
    config.HistoryManager.hist_file = ":memory:"
    ip = InteractiveShell.instance(config=config)
    ip.run_line_magic("load_ext", "neurokg")
    yield ip
    InteractiveShell.clear_instance()
    sys.displayhook, sys.excepthook = saved


@pytest.fixture(scope="module")
def fixture_graph(tmp_path_factory: pytest.TempPathFactory) -> rdflib.Graph:
    return load_graph(graph_dir=make_graph_dir(tmp_path_factory.mktemp("fx")), corpus=None)


def run(shell: Any, source: str) -> Any:
    """Run one cell; return its value, failing on any error."""
    result = shell.run_cell(source)
    result.raise_error()
    return result.result


def error_of(shell: Any, source: str) -> BaseException:
    result = shell.run_cell(source)
    assert result.error_in_exec is not None or result.error_before_exec is not None, "the cell did not fail"
    return result.error_in_exec or result.error_before_exec


def test_load_ext_registers_the_line_and_cell_magic(shell: Any) -> None:
    assert "sparql" in shell.magics_manager.magics["cell"]
    assert "sparql" in shell.magics_manager.magics["line"]
    assert "--param" in shell.magics_manager.magics["cell"]["sparql"].__doc__


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_cell_query_on_a_graph_variable(shell: Any, fixture_graph: rdflib.Graph, engine: str) -> None:
    shell.user_ns["fx"] = fixture_graph
    df = run(shell, f"%%sparql --graph fx --engine {engine}\nSELECT ?s ?o WHERE {{ ?s nko:hasSymptom ?o }}")
    assert isinstance(df, pd.DataFrame)
    assert df.values.tolist() == [[FX + "fx_condition", FX + "fx_symptom"]]


def test_out_stores_the_frame_and_curies_shorten(shell: Any, fixture_graph: rdflib.Graph) -> None:
    shell.user_ns["fx"] = fixture_graph
    shell.user_ns.pop("found", None)
    df = run(shell, "%%sparql -g fx -o found --curies\nSELECT ?s ?o WHERE { ?s nko:hasSymptom ?o }")
    assert shell.user_ns["found"] is df
    assert df.to_dict("records") == [{"s": "nk:fx_condition", "o": "nk:fx_symptom"}]


def test_param_is_bound_and_expands_python_variables(shell: Any, fixture_graph: rdflib.Graph) -> None:
    shell.user_ns.update(fx=fixture_graph, concept="fixture symptom")
    hit = run(shell, f"%%sparql -g fx --param name={{concept!r}}\n{LABEL_QUERY}")
    assert hit.values.tolist() == [["fixture symptom", FX + "fx_symptom"]]
    dollar = run(shell, f'%%sparql -g fx --param "name=$concept"\n{LABEL_QUERY}')
    assert dollar.equals(hit)
    quoted = run(shell, f"%%sparql -g fx --param 'name=fixture condition'\n{LABEL_QUERY}")
    assert quoted["e"].tolist() == [FX + "fx_condition"]
    # a value that would widen the filter if it were formatted into the text matches nothing
    shell.user_ns["evil"] = 'x") || true || ("'
    injected = run(shell, f"%%sparql -g fx -e rdflib -p name={{evil!r}}\n{LABEL_QUERY}")
    assert injected.empty and list(injected.columns) == ["name", "e"]


def test_a_store_variable_works_too(shell: Any, fixture_graph: rdflib.Graph) -> None:
    shell.user_ns["fxstore"] = to_store(fixture_graph)
    df = run(shell, "%%sparql -g fxstore\nSELECT (COUNT(*) AS ?n) WHERE { ?s nko:hasSymptom ?o }")
    assert df.values.tolist() == [[1]] and str(df.dtypes["n"]) == "Int64"


def test_ask_and_construct_become_frames(shell: Any, fixture_graph: rdflib.Graph) -> None:
    shell.user_ns["fx"] = fixture_graph
    ask = run(shell, "%%sparql -g fx\nASK { nk:fx_condition nko:hasSymptom nk:fx_symptom }")
    assert ask.values.tolist() == [[True]] and str(ask.dtypes["result"]) == "boolean"
    built = run(shell, "%%sparql -g fx -c\nCONSTRUCT { ?o nko:symptomOf ?s } WHERE { ?s nko:hasSymptom ?o }")
    assert built.values.tolist() == [["nk:fx_symptom", "nko:symptomOf", "nk:fx_condition"]]


def test_named_query_with_param_on_the_kernel_graph(shell: Any) -> None:
    df = run(shell, "%sparql --named 14-concept --param name=diabetes -o about")
    assert len(df) > 5
    assert set(df["name"]) == {"diabetes"}
    assert shell.user_ns["about"] is df
    # the cell form takes a named query when the cell holds only comments
    same = run(shell, "%%sparql --named 14 -p name=diabetes\n# everything about diabetes\n")
    assert same.equals(df)
    assigned = run(shell, "rows = %sparql --named 14-concept -p name=Diabetes\nrows")
    assert set(assigned["name"]) == {"Diabetes"}
    assert assigned.drop(columns="name").equals(df.drop(columns="name"))


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("%%sparql -g fx\nSELECT ?x WHERE { ?x ?y }", "QueryError: malformed query"),
        ("%sparql --named no-such-query", "NotFoundError: no named query 'no-such-query'"),
        ("%sparql", "no query: write SPARQL in the cell or after the options, or give --named NAME"),
        ("%%sparql --named 14-concept\nSELECT * WHERE { ?s ?p ?o }", "not both"),
        ("%%sparql -g fx\n  \n", "no query"),
        ("%%sparql --bogus\nASK {}", "%%sparql: unrecognized arguments: --bogus"),
        ("%%sparql --engine jena\nASK {}", "invalid choice: 'jena'"),
        ("%%sparql --param name\nASK {}", "--param takes NAME=VALUE, got 'name'"),
        ("%%sparql -o 'not a name'\nASK {}", "--out takes a variable name"),
        ("%%sparql -g missing_var\nASK {}", "--graph missing_var: no such variable"),
        ("%%sparql -g not_a_graph\nASK {}", "is a int, not a Graph or Store"),
        ("%%sparql -p 'name=unclosed\nASK {}", "cannot parse the options"),
    ],
)
def test_errors_are_one_line_usage_errors(shell: Any, fixture_graph: rdflib.Graph, source: str, message: str) -> None:
    from IPython.core.error import UsageError as IPythonUsageError

    shell.user_ns.update(fx=fixture_graph, not_a_graph=3)
    error = error_of(shell, source)
    assert isinstance(error, IPythonUsageError)
    assert message in str(error)


def test_the_kernel_graph_loads_once(monkeypatch: pytest.MonkeyPatch, shell: Any) -> None:
    calls: list[dict[str, Any]] = []
    real = nbj.load_graph

    def counting(**kwargs: Any) -> rdflib.Graph:
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(nbj, "load_graph", counting)
    first = nbj.kernel_graph(reload=True)
    for _ in range(3):
        run(shell, "%%sparql\nSELECT (COUNT(*) AS ?n) WHERE { ?s a nko:Statement }")
    assert nbj.kernel_graph() is first
    assert len(calls) == 1


def test_the_store_follows_changes_to_the_kernel_graph(shell: Any) -> None:
    graph = nbj.kernel_graph(reload=True)
    count = "%%sparql\nSELECT (COUNT(*) AS ?n) WHERE { ?s nko:hasSymptom ?o }"
    before = int(run(shell, count)["n"][0])
    graph.add((rdflib.URIRef(FX + "x"), NKO.hasSymptom, rdflib.URIRef(FX + "y")))
    try:
        assert int(run(shell, count)["n"][0]) == before + 1
    finally:
        nbj.kernel_graph(reload=True)


def test_kernel_graph_has_evidence_text_from_the_corpus(corpus: Path) -> None:
    df = nbj.sparql(nbj.kernel_graph(reload=True), "SELECT (COUNT(?t) AS ?n) WHERE { ?e nko:text ?t }")
    assert int(df["n"][0]) > 100


def test_sparql_function_refuses_both_or_neither() -> None:
    with pytest.raises(UsageError, match="not both"):
        nbj.sparql(rdflib.Graph(), "ASK {}", named="14-concept")
    with pytest.raises(UsageError, match="no query"):
        nbj.sparql(rdflib.Graph(), "  ")


def test_importing_neurokg_does_not_import_ipython() -> None:
    code = "import sys, neurokg; assert 'IPython' not in sys.modules and 'pandas' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src")})


def test_typed_columns_in_the_query_order(shell: Any, fixture_graph: rdflib.Graph) -> None:
    shell.user_ns["fx"] = fixture_graph
    df = run(
        shell,
        "%%sparql -g fx\nSELECT * WHERE { BIND(2 AS ?z) BIND(0.5 AS ?a) BIND(true AS ?m) "
        'BIND("2024-05-14"^^xsd:date AS ?d) BIND(nk:fx_condition AS ?e) }',
    )
    assert list(df.columns) == ["z", "a", "m", "d", "e"]  # not alphabetical
    assert [str(t).split("[")[0] for t in df.dtypes] == ["Int64", "Float64", "boolean", "datetime64", "string"]
    assert df.iloc[0].tolist()[:3] == [2, 0.5, True]


def test_the_line_form_takes_an_inline_query(shell: Any, fixture_graph: rdflib.Graph) -> None:
    shell.user_ns["fx"] = fixture_graph
    df = run(shell, "%sparql -g fx -c SELECT ?s WHERE { ?s nko:hasSymptom ?o }  # a comment is fine")
    assert df.values.tolist() == [["nk:fx_condition"]]
    error = error_of(shell, "%%sparql -g fx SELECT ?s WHERE { ?s ?p ?o }\nASK {}")
    assert "both on the line and in the cell" in str(error)


@pytest.mark.server
def test_the_magic_queries_a_remote_endpoint(shell: Any, fixture_graph: rdflib.Graph) -> None:
    import threading

    from neurokg.server.endpoint import make_server

    server = make_server(fixture_graph, port=0, workers=1)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        shell.user_ns["url"] = url = server.url + "sparql"
        df = run(shell, f"%sparql --endpoint {url} -c SELECT (COUNT(*) AS ?n) WHERE {{ ?s nko:hasSymptom ?o }}")
        assert df.values.tolist() == [[1]]
        named = run(shell, "%sparql --endpoint $url --named 14 --param name='fixture condition' -c")
        about = named[["concept", "relation", "other"]].values.tolist()
        assert about == [["fixture condition", "has symptom", "fixture symptom"]]
    finally:
        server.shutdown()
        server.close()
        thread.join(5)
