"""The shape of the package: layers you can see, a lazy top level, a closed vocabulary, small modules."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
import warnings

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF

import neurokg
from neurokg.core.namespace import NKO, local_name
from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "neurokg"
LAYERS = {"core", "rdf", "sparql", "network", "explorer", "server", "jupyter", "pipeline", "curate", "cli"}
SHIMS = {
    "paths": "network.paths",
    "cycles": "network.cycles",
    "neighborhood": "network.neighbors",
    "ranking": "network.ranking",
    "hops": "network.hops",
    "oxnetwork": "network.oxbuild",
    "endpoint": "server",
    "sparqlguard": "server.guard",
    "sparqlpool": "server.pool",
}


def test_ls_shows_the_layers() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert LAYERS <= packages
    assert modules - set(SHIMS) - {"__init__", "__main__", "_nko"} == set()


def test_no_module_is_much_over_300_lines() -> None:
    sizes = {str(p.relative_to(PACKAGE)): len(p.read_text().splitlines()) for p in PACKAGE.rglob("*.py")}
    sizes.pop("_nko.py")  # generated
    assert {name: n for name, n in sizes.items() if n > 330} == {}


@pytest.mark.parametrize("old", sorted(SHIMS))
def test_deprecated_module_paths_still_work_and_warn(old: str) -> None:
    sys.modules.pop(f"neurokg.{old}", None)
    with pytest.warns(DeprecationWarning, match=f"neurokg.{old} moved to neurokg.{SHIMS[old]}"):
        shim = importlib.import_module(f"neurokg.{old}")
    new = importlib.import_module(f"neurokg.{SHIMS[old]}")
    assert shim.__all__
    for name in shim.__all__:  # the same objects, wherever in the new package they now live
        value = getattr(shim, name)
        assert getattr(new, name, value) is value
        assert getattr(value, "__module__", f"neurokg.{SHIMS[old]}").startswith(f"neurokg.{SHIMS[old].split('.')[0]}")
    if old in ("paths", "cycles", "neighborhood", "ranking", "hops", "oxnetwork"):
        assert shim.__all__ == new.__all__


def test_public_api_loads_lazily() -> None:
    code = (
        "import sys, neurokg; before = set(sys.modules); neurokg.to_networkx; "
        "print(len(before), 'networkx' in before, 'rdflib' in before, 'neurokg.network.view' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, nx_loaded, rdflib_loaded, view_loaded = done.stdout.split()
    assert int(count) < 100 and (nx_loaded, rdflib_loaded, view_loaded) == ("False", "False", "True")
    for name in neurokg.__all__:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert getattr(neurokg, name) is not None, name
    assert neurokg.__version__ == importlib.metadata.version("neurokg")
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        neurokg.nope  # noqa: B018


def test_help_imports_no_library_it_does_not_use() -> None:
    code = "import sys; from neurokg.cli import main; main(['--help']) if False else None; print(sorted(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(eval(done.stdout))
    assert not loaded & {"rdflib", "networkx", "pyoxigraph", "pandas", "pyshacl", "jinja2", "pyvis", "scipy"}


def _ontology() -> tuple[set[str], set[str]]:
    g = Graph().parse(ROOT / "ontology" / "neurokg.ttl")
    classes = {local_name(c) for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(str(NKO))}
    props = {
        f"nko:{local_name(p)}"
        for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
        for p in g.subjects(RDF.type, kind)
        if str(p).startswith(str(NKO))
    }
    return classes, props


def test_every_table_of_classes_and_relations_names_ontology_terms() -> None:
    from neurokg.explorer.style import CLASS_STYLES, RELATION_COLOURS
    from neurokg.network.cycles import BACKWARD_RELATIONS, CAUSAL_RELATIONS
    from neurokg.network.hops import RELATION_PREFERENCE
    from neurokg.network.spec import QUALIFIERS, TYPE_PRIORITY
    from neurokg.network.treatments import BROADER_RELATIONS, MEMBER_RELATIONS, TREATMENT_RELATIONS

    classes, props = _ontology()
    assert set(TYPE_PRIORITY) <= classes and set(CLASS_STYLES) <= classes
    relation_tables = [CAUSAL_RELATIONS, BACKWARD_RELATIONS, RELATION_PREFERENCE, TREATMENT_RELATIONS,
                       BROADER_RELATIONS, MEMBER_RELATIONS, RELATION_COLOURS]  # fmt: skip
    for table in relation_tables:
        assert set(table) <= props, set(table) - props
    assert {f"nko:{local_name(p)}" for p, _, _ in QUALIFIERS.values()} <= props


def test_no_ontology_term_is_spelt_as_a_string_in_code() -> None:
    """Code names terms through NKO (a misspelling fails at import); examples in docstrings may spell them."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if node.value.startswith("nko:") and node.value[4:].isidentifier():
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    assert found == []


def test_decision_index_lists_every_record() -> None:
    folder = ROOT / "docs" / "decisions"
    index = (folder / "README.md").read_text(encoding="utf-8")
    records = sorted(p.name for p in folder.glob("[0-9][0-9][0-9][0-9]-*.md"))
    assert len(records) >= 22
    assert [name for name in records if f"]({name})" not in index] == []
    assert len({name[:4] for name in records}) == len(records), "two records share a number"


def test_no_public_name_is_also_a_submodule() -> None:
    """``neurokg.server.serve`` the function would be hidden by a module of that name once it is imported."""
    clashes = []
    for init in PACKAGE.rglob("__init__.py"):
        package = ".".join(("neurokg", *init.parent.relative_to(PACKAGE).parts))
        names = set(getattr(importlib.import_module(package), "__all__", []))
        submodules = {p.stem for p in init.parent.glob("*.py")} | {p.name for p in init.parent.iterdir() if p.is_dir()}
        clashes += [f"{package}.{name}" for name in names & submodules]
    assert clashes == []
