"""``--include``, command by command: nothing inferred or advertised by default; with it, every such row labelled.

The exports too: GraphML, node-link JSON and the RDF outputs hold stated relations only, and
``build --include`` adds the others, labelled, beside them (docs/decisions/0008-evidence-status.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from neurokg.core.namespace import NK, NKO
from neurokg.pipeline.build import INCLUDED_GRAPH, build
from neurokg.rdf.provenance import statement_iri
from tests.conftest import BUILT
from tests.statusgraph import NOT_STATED_LABELS

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
        if args[0] == "loops" and (row.get("qualifiers") or {}).get("closesCycle"):
            # the one unstated step a loop may take by default: a curator's step closing a named cycle, marked
            assert row["basis"] == "inferred by curator" and all(e.get("closesCycle") for e in row["evidence"]), row
            continue
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
        else:  # a stated relation another reading also infers says both
            assert row["basis"].split("; ")[0] == "stated", row


def test_treating_neuropathy_by_default_no_advertising_answer(cli) -> None:
    code, out, _ = cli("treatments", "neuropathy", "--format", "json")
    stated = json.loads(out)  # the NIDDK page: diabetes care prevents it
    assert code == 0 and {(r["treatment"], r["basis"]) for r in stated} == {("nk:diabetes_care", "stated")}
    code, out, _ = cli("treatments", "neuropathy", "--include", "advertised", "--format", "json")
    rows = [r for r in json.loads(out) if r not in stated]
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


def test_stories_say_which_hop_a_curator_inferred(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    # an NIH page states amitriptyline's class; duloxetine's is still the curators' reading only
    snri = "serotonin-norepinephrine reuptake inhibitor"
    code, out, _ = cli("path", "duloxetine", snri, "--undirected")
    assert code == 0 and "inferred" not in out and "path 1:" in out
    code, out, _ = cli("path", "duloxetine", snri, "--undirected", "--include", "inferred")
    hops = [line for line in out.splitlines() if line.startswith("  1. ")]
    assert [h for h in hops if "inferred by curator" in h] == [hops[0]]
    assert f"--member of--> {snri} (inferred by curator)" in hops[0]


def test_named_query_include_is_optional_and_labels_rows(cli) -> None:
    code, out, _ = cli("query", "--named", "05-lines-of-therapy", "--format", "json")
    assert code == 0 and {r["basis"] for r in json.loads(out)} == {"stated"}
    code, out, _ = cli("query", "--named", "05", "--param", "include=inferred", "--format", "json")
    assert code == 0 and {r["basis"] for r in json.loads(out)} == {"stated", "inferred by curator"}
    code, out, _ = cli("query", "--list", "--format", "json")
    params = {r["name"]: r["params"] for r in json.loads(out)}
    assert params["14-concept"] == "name, include?" and params["13-advertised"] == ""


def test_unknown_include_is_a_usage_error(cli) -> None:
    code, out, err = cli("treatments", "neuropathy", "--include", "guessed")
    assert code == 2 and out == ""
    assert "--include takes inferred, advertised or both" in err


# -------------------------------------------------------------------------------------------- exports


@pytest.fixture(scope="module")
def included(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    """A whole ``build --include inferred,advertised`` of the real graph (validated)."""
    return build(tmp_path_factory.mktemp("included") / "dist", corpus=corpus, include="inferred,advertised").out


@BUILT
def test_exports_hold_only_stated_relations_by_default(built, not_stated) -> None:
    plain = built.out
    node_link = json.loads((plain / "neurokg.nodelink.json").read_text())
    for G in (nx.read_graphml(plain / "neurokg.graphml", force_multigraph=True),
              nx.node_link_graph(node_link, edges="edges")):  # fmt: skip
        assert G.number_of_edges()
        for _, _, d in G.edges(data=True):
            assert d["basis"] == "stated" and d["statement"] not in not_stated
    rdf = Graph().parse(plain / "neurokg.nt")
    assert (NK.duloxetine, NKO.memberOf, NK.serotonin_norepinephrine_reuptake_inhibitor) not in rdf
    assert (NK.neuropathy_no_more, NKO.treats, NK.neuropathy) not in rdf
    # ... but they are there as statements, labelled
    st = statement_iri(NK.duloxetine, NKO.memberOf, NK.serotonin_norepinephrine_reuptake_inhibitor)
    assert (st, NKO.status, NKO.InferredByCurator) in rdf
    assert not (plain / "neurokg.included.nq").exists()


@BUILT
def test_exports_with_include_label_every_such_relation(built, included: Path, status) -> None:
    G = nx.node_link_graph(json.loads((included / "neurokg.nodelink.json").read_text()), edges="edges")
    extra = [d for _, _, d in G.edges(data=True) if "stated" not in status[d["statement"]]]  # 3 now stated by NIH
    assert len(extra) == 17 and {d["basis"] for d in extra} == {"inferred", "advertised"}
    H = nx.read_graphml(included / "neurokg.graphml", force_multigraph=True)
    assert sum(d["basis"] != "stated" for _, _, d in H.edges(data=True)) == 17
    quads = [line.split() for line in (included / "neurokg.included.nq").read_text().splitlines()]
    graphs = {q[3] for q in quads}
    assert graphs == {f"<{INCLUDED_GRAPH}inferred>", f"<{INCLUDED_GRAPH}advertised>"} and len(quads) == 17
    # the main RDF outputs are the same with or without include
    assert (included / "neurokg.nt").read_text() == (built.out / "neurokg.nt").read_text()
