#!/usr/bin/env python3
"""Generate ``src/neurokg/_nko.py``, the closed namespace of the neurokg ontology.

Usage: ``python tools/gen_namespace.py [--check]``. With ``--check`` nothing is written and the
exit code is 1 when the committed module differs from what the ontology gives.
"""

from __future__ import annotations

import sys
from pathlib import Path

import rdflib
from rdflib import OWL, RDF, RDFS

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "neurokg.ttl"
TARGET = ROOT / "src" / "neurokg" / "_nko.py"
BASE = "https://w3id.org/neurokg/ontology#"


def render() -> str:
    g = rdflib.Graph().parse(ONTOLOGY)
    terms: dict[str, str] = {}
    for s in set(g.subjects()):
        if isinstance(s, rdflib.URIRef) and str(s).startswith(BASE) and str(s) != BASE:
            kind = "term"
            if (s, RDF.type, OWL.Class) in g:
                kind = "class"
            elif (s, RDF.type, OWL.ObjectProperty) in g or (s, RDF.type, OWL.DatatypeProperty) in g:
                kind = "property"
            else:
                kind = "individual"
            label = g.value(s, RDFS.label)
            terms[str(s)[len(BASE) :]] = f"{kind}: {label}"
    lines = [
        '"""The neurokg ontology as a closed rdflib namespace (generated, do not edit).',
        "",
        "Regenerate with ``python tools/gen_namespace.py`` after changing ``ontology/neurokg.ttl``.",
        '"""',
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class NKO(DefinedNamespace):",
        '    """Terms of ``ontology/neurokg.ttl``; an unknown attribute raises AttributeError."""',
        "",
        "    _fail = True",
        "    _underscore_num = True",
        f'    _NS = Namespace("{BASE}")',
        "",
    ]
    for name in sorted(terms):
        lines.append(f"    {name}: URIRef  # {terms[name]}")
    return "\n".join(lines) + "\n"


def main() -> int:
    text = render()
    if "--check" in sys.argv[1:]:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run python tools/gen_namespace.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
