"""The guard accepts every query the engine accepts, and the engine answers the guard's text as it answers the
user's: SPARQL 1.1 in every form and lexical shape, the SPARQL 1.2 that pyoxigraph runs (triple terms,
reifiers, annotations, base direction), the W3C protocol suite's queries, the named queries, and large or
deeply nested queries (the guard reads tokens in one loop: it has no recursion, so no depth limit)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
import pytest

from neurokg.core.namespace import PREFIXES
from neurokg.server.guard import canonical_query
from neurokg.sparql import named_queries

from .w3c import SUITE, protocol_tests

BASE = "http://127.0.0.1:8000/sparql"

CORPUS = {
    # SPARQL 1.1: forms and clauses
    "select distinct order": "SELECT DISTINCT ?s WHERE { ?s a nko:Drug } ORDER BY DESC(?s) LIMIT 5 OFFSET 1",
    "select reduced": "SELECT REDUCED ?p WHERE { ?s ?p ?o } LIMIT 3",
    "select expression": "SELECT (STRLEN(STR(?l)) AS ?n) ?l WHERE { nk:diabetes skos:prefLabel ?l }",
    "ask": "ASK { nk:diabetes ?p ?o }",
    "ask no where": "ASK {}",
    "construct": "CONSTRUCT { ?s nko:label ?l } WHERE { ?s skos:prefLabel ?l } LIMIT 3",
    "construct where": "CONSTRUCT WHERE { nk:diabetes skos:prefLabel ?l }",
    "describe": "DESCRIBE nk:diabetes",
    "describe var": "DESCRIBE ?x WHERE { ?x skos:prefLabel 'diabetes'@en }",
    "describe star": "DESCRIBE * WHERE { nk:diabetes skos:prefLabel ?l }",
    "optional union minus": "SELECT * WHERE { { ?s a nko:Drug } UNION { ?s a nko:Condition } "
    "OPTIONAL { ?s skos:altLabel ?a } MINUS { ?s skos:prefLabel 'x' } } LIMIT 10",
    "filter exists": "SELECT ?s WHERE { ?s a nko:Drug FILTER NOT EXISTS { ?s skos:altLabel ?x } "
    "FILTER EXISTS { ?s ?p ?o } } LIMIT 5",
    "bind values": "SELECT * WHERE { VALUES (?x ?y) { (1 2) (UNDEF 'b') } BIND(?x + 1 AS ?z) }",
    "values after": "SELECT ?l WHERE { ?s skos:prefLabel ?l } VALUES ?l { 'diabetes'@en }",
    "group having": "SELECT ?t (COUNT(*) AS ?n) (SAMPLE(?s) AS ?one) (GROUP_CONCAT(STR(?s); SEPARATOR=', ') AS ?all) "
    "WHERE { ?s a ?t } GROUP BY ?t HAVING (COUNT(*) > 1) ORDER BY ?t",
    "aggregates": "SELECT (MIN(?o) AS ?a) (MAX(?o) AS ?b) (SUM(1) AS ?c) (AVG(2) AS ?d) (COUNT(DISTINCT ?p) AS ?e) "
    "WHERE { ?s ?p ?o }",
    "subquery": "SELECT ?s ?n WHERE { ?s a nko:Drug { SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s } }",
    "graph": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
    "from": "SELECT * FROM <http://example.org/nothing> FROM NAMED <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "property paths": "SELECT ?x WHERE { nk:diabetes (nko:causes|^nko:causes)/nko:causes* ?x . "
    "?x !(rdf:type|^skos:prefLabel) ?y . ?x nko:causes+ ?z . ?x nko:causes? ?w } LIMIT 5",
    "path negated inverse": "SELECT ?x WHERE { ?x !^rdf:type ?y } LIMIT 2",
    "blank nodes": "SELECT * WHERE { [] skos:prefLabel ?l . _:b skos:prefLabel ?l . ?s skos:prefLabel [ ] } LIMIT 3",
    "blank node property list": "SELECT * WHERE { ?s a [ skos:prefLabel ?l ] } LIMIT 2",
    "collection": "SELECT * WHERE { BIND(1 AS ?x) OPTIONAL { ?s ?p (1 ?x 'three') } }",
    "object and predicate lists": "SELECT * WHERE { ?s a nko:Drug ; skos:prefLabel ?l , ?m . } LIMIT 4",
    "numbers": "SELECT * WHERE { BIND(+1 AS ?a) BIND(-1.5e3 AS ?b) BIND(.5 AS ?c) BIND(-.5E-2 AS ?e) BIND(1-1 AS ?f) }",
    "booleans and typed": "SELECT * WHERE { BIND(true AS ?a) BIND('1'^^xsd:integer AS ?b) "
    'BIND("x"^^<http://www.w3.org/2001/XMLSchema#string> AS ?c) }',
    "language tags": "SELECT * WHERE { BIND('a'@en AS ?a) BIND(\"b\"@en-GB-oxendict AS ?b) "
    "FILTER(LANGMATCHES(LANG(?a), 'EN')) }",
    "functions": "SELECT * WHERE { BIND(CONCAT(UCASE('a'), LCASE('B'), SUBSTR('abc', 2), REPLACE('abc', 'b', 'x', 'i'),"
    " STRBEFORE('a-b', '-'), STRAFTER('a-b', '-'), ENCODE_FOR_URI('a b')) AS ?s) "
    "BIND(IF(REGEX('abc', '^a'), ABS(-1), CEIL(1.5)) AS ?n) BIND(COALESCE(?undefined, ROUND(1.5), FLOOR(2.5)) AS ?c) "
    "BIND(MD5('a') AS ?h) BIND(SHA256('a') AS ?h2) BIND(YEAR('2020-01-02'^^xsd:date) AS ?y) }",
    "in and not in": "SELECT ?l WHERE { ?s skos:prefLabel ?l "
    "FILTER(STR(?l) IN ('diabetes', 'sleep disturbance') && STR(?l) NOT IN ('x')) }",
    "operators": "SELECT * WHERE { BIND(1 AS ?a) "
    "FILTER(!(?a != 1) || ?a <= 0 && ?a >= 0 || ?a < 2 && ?a > 0 && ?a = 1) BIND(?a * 2 / 1 AS ?b) }",
    "dollar variables": "SELECT $s WHERE { $s a nko:Drug } LIMIT 1",
    "base and prefix": "BASE <http://example.org/> PREFIX ex: <http://example.org/ns#> "
    "PREFIX : <http://example.org/default#> "
    "SELECT * WHERE { BIND(<rel> AS ?r) BIND(ex:a AS ?a) BIND(: AS ?d) BIND(:x AS ?x) BIND(ex: AS ?e) }",
    "prefixed local names": "PREFIX ex: <http://example.org/> SELECT * WHERE { BIND(ex:a.b AS ?a) "
    "BIND(ex:a\\.b AS ?b) BIND(ex:%20x AS ?c) BIND(ex:1a AS ?d) BIND(ex:a:b AS ?e) BIND(ex:a\\~b AS ?f) "
    "BIND(ex:a-b AS ?g) }",
    "unicode names": "PREFIX été: <http://example.org/é#> SELECT ?naïve WHERE { BIND(été:αβγ AS ?naïve) }",
    "relative IRIs with base": "SELECT * WHERE { BIND(<s> AS ?s) BIND(<../up#frag> AS ?u) }",
    "construct relative": "CONSTRUCT { <s> <p> 1 } WHERE {}",
    # strings and escapes
    "string escapes": 'SELECT * WHERE { BIND("tab\\there \\"quoted\\" back\\\\slash \\n\\r\\b\\f" AS ?a) '
    "BIND('it\\'s' AS ?b) }",
    "string unicode escapes": "SELECT * WHERE { BIND(\"\\u00e9\\U0001F600\" AS ?a) BIND('\\u0022' AS ?b) "
    'BIND("\\u0027" AS ?c) }',
    "long strings": 'SELECT * WHERE { BIND("""two\nlines with "quotes" and \'\'""" AS ?a) '
    "BIND('''it's\r\n'more''' AS ?b) BIND('''''' AS ?c) }",
    "empty strings": 'SELECT * WHERE { BIND(\'\' AS ?a) BIND("" AS ?b) BIND(""@en AS ?c) }',
    "IRI escapes": "SELECT * WHERE { BIND(<http://example.org/\\u00e9\\U0001F600> AS ?a) "
    "BIND(<\\u0068ttp://example.org/> AS ?b) }",
    "hash and specials in IRIs": "SELECT * WHERE { BIND(<http://e/#a?b=c&d=%20;x> AS ?a) BIND(<urn:x:y> AS ?b) "
    "BIND(<http://e/\u2028> AS ?c) }",
    # comments and line ends
    "comments": "# a leading comment\nSELECT ?s # SERVICE <http://127.0.0.1:9/> { }\n"
    "WHERE { ?s a nko:Drug # it's a ' quote\n} LIMIT 1 # trailing",
    "comment ends at CR": "SELECT * WHERE { # comment\r BIND(1 AS ?x) }",
    "comment holds other line breaks": "SELECT * WHERE { # a\x0cb\x0bc\x85d\u2028e\u2029f\n BIND(1 AS ?x) }",
    "comment holds backslashes": "SELECT * WHERE { # \\u000A \\ \\\\ \n BIND(1 AS ?x) }",
    "comment without line end": "ASK {} #",
    "CR only": "SELECT ?x\rWHERE {\r BIND(1 AS ?x)\r}",
    "CRLF and tabs": "SELECT\t?x\r\nWHERE\t{\r\n\tBIND(1 AS ?x)\r\n}\r\n",
    "no spaces": "SELECT*WHERE{?s a nko:Drug;skos:prefLabel?l.FILTER(?l!='x')}LIMIT 1",
    "lower case keywords": "select ?s where { ?s a nko:Drug } limit 1",
    # SPARQL 1.2, as pyoxigraph runs it
    "version": 'VERSION "1.2" SELECT * WHERE { ?s ?p ?o } LIMIT 1',
    "triple term": "SELECT * WHERE { BIND(<<( nk:a nko:causes nk:b )>> AS ?t) BIND(isTRIPLE(?t) AS ?is) "
    "BIND(SUBJECT(?t) AS ?s) BIND(PREDICATE(?t) AS ?p) BIND(OBJECT(?t) AS ?o) }",
    "triple function": "SELECT * WHERE { BIND(TRIPLE(nk:a, nko:causes, nk:b) AS ?t) }",
    "reified triple": "SELECT * WHERE { << ?s nko:causes ?o >> ?p ?x }",
    "reifier": "SELECT * WHERE { ?s nko:causes ?o ~ ?r }",
    "named reifier": "SELECT * WHERE { ?s nko:causes ?o ~ _:r }",
    "annotation": "SELECT * WHERE { ?s nko:causes ?o {| nko:evidence ?e |} }",
    "reified with reifier": "SELECT * WHERE { << ?s nko:causes ?o ~ ?r >> ?p ?x }",
    "triple term in values": "SELECT * WHERE { VALUES ?t { <<( nk:a nko:causes nk:b )>> } }",
    "language direction": 'SELECT * WHERE { BIND("x"@en--ltr AS ?a) BIND("y"@ar--rtl AS ?b) BIND(LANGDIR(?a) AS ?d) '
    "BIND(hasLANGDIR(?b) AS ?h) BIND(hasLANG(?a) AS ?l) BIND(STRLANGDIR('z', 'en', 'ltr') AS ?c) }",
    "construct triple term": "CONSTRUCT { ?s nko:says <<( ?s nko:causes ?o )>> } WHERE { ?s nko:causes ?o } LIMIT 2",
    "lateral": "SELECT * WHERE { ?s a nko:Drug LATERAL { SELECT ?l WHERE { ?s skos:prefLabel ?l } LIMIT 1 } } LIMIT 2",
    # large and deep (the issue: 100 triple patterns and 35 nested groups were refused once)
    "100 triple patterns": "SELECT * WHERE { "
    + " ".join(f"?s{i} nko:causes ?o{i} ." for i in range(100))
    + " } LIMIT 1",
    "35 nested groups": "SELECT * WHERE " + "{ " * 35 + "?s a nko:Drug" + " }" * 35 + " LIMIT 1",
    "300 nested groups": "ASK " + "{ " * 300 + " }" * 300,
    "200 nested OPTIONAL": "ASK { " + "OPTIONAL { " * 200 + " }" * 200 + " }",
    "an object list of 50 literals": "SELECT * WHERE { ?s ?p " + ", ".join(f'"l{i}"' for i in range(50)) + " }",
    "a FILTER IN of 2,000 strings": "SELECT ?l WHERE { ?s skos:prefLabel ?l FILTER(STR(?l) IN ("
    + ", ".join(f"'v{i}'" for i in range(2000))
    + ")) }",
    "a 64 KiB VALUES block": "SELECT ?x WHERE { VALUES ?x { " + " ".join(f'"v{i:06d}"' for i in range(7300)) + " } }",
}


@pytest.fixture(scope="module")
def store(nt: bytes) -> ox.Store:
    loaded = ox.Store()
    loaded.bulk_load(nt, format=ox.RdfFormat.N_TRIPLES)
    return loaded


def _answer(store: ox.Store, text: str) -> object:
    """The engine's answer, comparable across runs (blank node labels of CONSTRUCT templates are fresh)."""
    result = store.query(text, prefixes=dict(PREFIXES), base_iri=BASE)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        rows = [str([str(term) for term in solution]) for solution in result]
    else:
        rows = [str(triple) for triple in result]
    return sorted(re.sub(r"_:[A-Za-z0-9]+", "_:b", row) for row in rows)


def _queries() -> dict[str, str]:
    queries = dict(CORPUS)
    for name, query in named_queries().items():
        queries[f"named query {name}"] = query.text
    for test in protocol_tests() if SUITE.is_dir() else []:
        for index, request in enumerate(test.requests):
            if not test.query_side or "2xx" not in request.statuses:
                continue
            params = parse_qs(urlsplit(request.path).query)
            if request.body and dict(request.headers).get("content-type") == "application/x-www-form-urlencoded":
                params.update(parse_qs(request.body.decode("utf-8")))
            elif request.body:
                params["query"] = [request.body.decode("utf-8")]
            queries[f"W3C {test.name} {index}"] = params["query"][0]
    return queries


QUERIES = _queries()


def test_the_corpus_covers_the_suite_and_the_named_queries() -> None:
    assert len(QUERIES) == len(CORPUS) + 14 + 13  # the named queries, the suite's queries that must be answered


@pytest.mark.parametrize("name", list(QUERIES))
def test_the_guard_accepts_what_the_engine_accepts_and_the_answer_is_the_same(store: ox.Store, name: str) -> None:
    query = QUERIES[name]
    expected = _answer(store, query)  # the engine accepts the text as written (else the case is wrong)
    inspection = canonical_query(query)
    assert _answer(store, inspection.text) == expected


def test_no_depth_or_size_limit_in_the_guard() -> None:
    """Nesting far beyond what the engine's stack takes, and lists the engine takes minutes to plan: the guard
    reads them whole and passes them on as written (the runner contains the engine; its deadline stops it)."""
    deep = "SELECT * WHERE " + "{" * 100_000 + "}" * 100_000
    chain = "SELECT * WHERE { BIND(" + "+".join(["1"] * 50_000) + " AS ?x) }"
    objects = "SELECT * WHERE { ?s ?p " + ", ".join(f'"l{i}"' for i in range(2000)) + " }"
    for query in (deep, chain, objects):
        assert canonical_query(query).text == query
