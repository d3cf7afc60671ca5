"""The analytics commands: names in, one row per hop or item out, the same formats, documented exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from neurokg.network.hops import HOP_COLUMNS
from neurokg.network.treatments import TREATMENT_COLUMNS

COMMANDS = [
    ("path", "diabetes", "depression", "--max", "2"),
    ("loops", "--through", "muscle tension"),
    ("neighbors", "Muscle Tension", "--relation", "leadsTo", "--depth", "2"),
    ("rank", "--by", "pagerank", "--type", "drug", "--top", "3"),
    ("treatments", "nerve pain"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_table_csv_json_agree(cli, args) -> None:
    code, table, _ = cli(*args)
    assert code == 0
    code, out_csv, _ = cli(*args, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out_csv)))
    code, out_json, _ = cli(*args, "--format", "json")
    records = json.loads(out_json)
    assert code == 0 and records and len(records) == len(rows) - 1
    assert list(records[0]) == rows[0]
    if args[0] in ("path", "loops"):  # a story: one line per hop, numbered walks
        kind = "path" if args[0] == "path" else "loop"
        walks = sorted({r["path"] for r in records})
        assert table.strip().endswith(f"({len(walks)} {kind}{'s' if len(walks) > 1 else ''})")
        assert [ln.split(":")[0] for ln in table.splitlines() if ln.startswith(kind)] == [f"{kind} {n}" for n in walks]
        assert sum(1 for ln in table.splitlines() if ln[:4].strip().rstrip(".").isdigit()) == len(records)
    else:
        assert f"\n({len(records)} rows)" in table


TABLE_COMMANDS = [
    *COMMANDS,
    ("rank", "--by", "betweenness", "--top", "5"),
    ("treatments", "neuropathic pain"),
    ("neighbors", "neuropathic pain", "--depth", "2"),
    ("path", "diabetes", "depression", "--max", "3", "--corpus", "CORPUS"),
    ("loops", "--corpus", "CORPUS", "--limit", "5"),
    ("query", "--named", "14-concept", "--param", "name=diabetes"),
    ("query", "--named", "04-treatments"),
    ("query", "--list"),
    ("stats",),
    ("locate", "nerve"),
    ("validate",),
]


@pytest.mark.parametrize("args", TABLE_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_every_table_fits_a_100_column_terminal(cli, args, monkeypatch: pytest.MonkeyPatch, corpus) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, err = cli(*[str(corpus) if a == "CORPUS" else a for a in args])
    assert code == 0, err
    too_wide = [line for line in out.splitlines() if len(line) > 100]
    assert too_wide == []


def test_path_rows_are_hops_with_evidence(cli) -> None:
    code, out, _ = cli("path", "diabetes mellitus", "DEPRESSION", "--max", "1", "--format", "json")
    hops = json.loads(out)
    assert code == 0 and list(hops[0]) == HOP_COLUMNS
    assert [h["hop"] for h in hops] == list(range(1, len(hops) + 1)) and {h["path"] for h in hops} == {1}
    assert hops[0]["from"] == "nk:diabetes" and hops[-1]["to"] == "nk:depression"
    assert all(h["evidence"] and h["evidence"][0]["text"] for h in hops)


def test_loops_rows_number_loops_and_hops(cli) -> None:
    code, out, _ = cli("loops", "--through", "muscle tension", "--format", "json")
    hops = json.loads(out)
    assert code == 0
    first = [h for h in hops if h["path"] == 1]
    assert first[0]["from"] == "nk:muscle_tension" == first[-1]["to"]
    assert all(h["statement"] and h["evidence"] for h in hops)
    # stated steps, and at most one curator's step per loop closing a cycle the text names, marked
    assert {h["basis"] for h in hops if not h["qualifiers"].get("closesCycle")} == {"stated"}
    for path in {h["path"] for h in hops}:
        assert sum(h["basis"] != "stated" for h in hops if h["path"] == path) <= 1


def test_loops_closed_by_a_curator_say_so(cli) -> None:
    # the sleep cycle closes only through a curator's reading of "vicious cycle": walked by default, marked
    code, out, _ = cli("loops", "--through", "sleep disturbance", "--format", "json")
    hops = json.loads(out)
    assert code == 0 and hops
    closing = {(h["from"], h["to"]) for h in hops if h["basis"] == "inferred by curator"}
    assert ("nk:reduced_pain_tolerance", "nk:neuropathic_pain") in closing
    assert all(h["qualifiers"].get("closesCycle") for h in hops if h["basis"] != "stated")
    # other inferred relations only with include (a class membership a curator inferred, say)
    code, out, _ = cli("loops", "--through", "sleep disturbance", "--include", "inferred", "--format", "json")
    assert code == 0 and len(json.loads(out)) >= len(hops)
    for h in hops:
        assert (h["basis"] == "stated") == all(e["status"] == "stated" for e in h["evidence"])


def test_treatments_rows_have_caveats(cli) -> None:
    code, out, _ = cli("treatments", "neuropathic pain", "--format", "json")
    rows = {(r["treatment"], r["via"]): r for r in json.loads(out)}
    assert code == 0 and list(next(iter(rows.values()))) == TREATMENT_COLUMNS
    assert "dependence risk" in rows[("nk:opioid", "")]["caveatKind"]
    assert rows[("nk:pregabalin", "anticonvulsant")]["route"] == (
        "pregabalin -memberOf-> anticonvulsant -treats-> neuropathic pain"
    )


def test_unknown_name_exits_1_with_suggestions(cli) -> None:
    code, out, err = cli("path", "diabetis", "depression")
    assert code == 1 and out == ""
    assert "no entity named 'diabetis'; did you mean: diabetes" in err


def test_ambiguous_name_exits_1_listing_candidates(cli, tmp_path) -> None:
    from tests.fixturegraph import make_graph_dir

    twin = """
nk:other_condition a nko:Condition ; skos:prefLabel "other condition"@en ;
    skos:altLabel "the twin"@en ; skos:definition "A second condition."@en .
nk:fx_condition skos:altLabel "the twin"@en .
nk:other_condition nko:hasSymptom nk:fx_symptom .
[] a nko:Statement ; rdf:subject nk:other_condition ; rdf:predicate nko:hasSymptom ; rdf:object nk:fx_symptom ;
    nko:evidence [ nko:document nkd:fixture ; nko:start 61 ; nko:end 90 ] .
"""
    gdir = make_graph_dir(tmp_path, twin)
    code, _, err = cli("neighbors", "The Twin", "--graph", gdir)
    assert code == 1
    assert "'The Twin' is ambiguous" in err and "nk:fx_condition" in err and "nk:other_condition" in err
    code, out, _ = cli("neighbors", "other condition", "--graph", gdir, "--format", "csv")
    assert code == 0 and "nk:fx_symptom" in out


def test_no_path_is_not_an_error(cli) -> None:
    code, out, err = cli("path", "depression", "diabetes", "--relation", "memberOf", "--format", "json")
    assert code == 0 and json.loads(out) == [] and "no path" in err


def test_bad_values_exit_1(cli) -> None:
    assert cli("rank", "--type", "Drugz")[0] == 1
    assert cli("neighbors", "pain", "--relation", "leadTo")[0] == 1
