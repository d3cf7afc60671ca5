# Give blank-node statements and evidence spans their stable IRIs (the loader runs this once after parsing).
# Same IRIs as neurokg.provenance.statement_iri and evidence_iri (tested): a statement is
# nks: + the first 16 hex digits of SHA-256("subject\npredicate\nobject"); an evidence span is
# nke: + "<statement local name>-<document local name>-<start>-<end>", with "-inferred" or "-advertised"
# after it for a span of that status, so two readings of one passage stay two nodes.
# A node with rdf:subject is a statement; a blank one with exactly one subject, predicate and
# object is renamed (blank statements about the same triple merge into one). Every evidence node of
# a statement is typed nko:Evidence; a blank one with one statement, document, start and end is
# renamed. Nodes missing a part keep their blank node for the shapes to report.

INSERT { ?st a nko:Statement } WHERE { ?st rdf:subject ?any } ;

INSERT { GRAPH <urn:neurokg:mint> { ?b <urn:neurokg:as> ?iri } }
WHERE {
    { SELECT ?b (SAMPLE(?s0) AS ?s) (SAMPLE(?p0) AS ?p) (SAMPLE(?o0) AS ?o) WHERE {
        ?b rdf:subject ?s0 ; rdf:predicate ?p0 ; rdf:object ?o0 .
        FILTER (isBlank(?b))
      } GROUP BY ?b HAVING (COUNT(DISTINCT ?s0) = 1 && COUNT(DISTINCT ?p0) = 1 && COUNT(DISTINCT ?o0) = 1) }
    BIND (IRI(CONCAT(STR(nks:), SUBSTR(SHA256(CONCAT(STR(?s), "\n", STR(?p), "\n", STR(?o))), 1, 16))) AS ?iri)
} ;

DELETE { ?b ?p ?o } INSERT { ?iri ?p ?o }
WHERE { GRAPH <urn:neurokg:mint> { ?b <urn:neurokg:as> ?iri } ?b ?p ?o } ;

DELETE { ?x ?p ?b } INSERT { ?x ?p ?iri }
WHERE { GRAPH <urn:neurokg:mint> { ?b <urn:neurokg:as> ?iri } ?x ?p ?b } ;

DROP SILENT GRAPH <urn:neurokg:mint> ;

INSERT { ?ev a nko:Evidence } WHERE { ?st rdf:subject ?any ; nko:evidence ?ev } ;

INSERT { GRAPH <urn:neurokg:mint> { ?ev <urn:neurokg:as> ?iri } }
WHERE {
    { SELECT ?ev (SAMPLE(?st0) AS ?st) (SAMPLE(?d0) AS ?doc) (SAMPLE(?s0) AS ?start) (SAMPLE(?e0) AS ?end)
             (SAMPLE(?x0) AS ?status) WHERE {
        ?st0 rdf:subject ?any ; nko:evidence ?ev .
        FILTER (isIRI(?st0) && isBlank(?ev))
        ?ev nko:document ?d0 ; nko:start ?s0 ; nko:end ?e0 .
        OPTIONAL { ?ev nko:status ?x0 }
      } GROUP BY ?ev
      HAVING (COUNT(DISTINCT ?st0) = 1 && COUNT(DISTINCT ?d0) = 1 && COUNT(DISTINCT ?s0) = 1 && COUNT(DISTINCT ?e0) = 1) }
    BIND (COALESCE(IF(?status = nko:InferredByCurator, "-inferred", IF(?status = nko:Advertised, "-advertised", "")),
                   "") AS ?suffix)
    BIND (IRI(CONCAT(STR(nke:), REPLACE(STR(?st), "^.*/", ""), "-", REPLACE(STR(?doc), "^.*/", ""), "-",
                     STR(xsd:integer(?start)), "-", STR(xsd:integer(?end)), ?suffix)) AS ?iri)
} ;

DELETE { ?b ?p ?o } INSERT { ?iri ?p ?o }
WHERE { GRAPH <urn:neurokg:mint> { ?b <urn:neurokg:as> ?iri } ?b ?p ?o } ;

DELETE { ?x ?p ?b } INSERT { ?x ?p ?iri }
WHERE { GRAPH <urn:neurokg:mint> { ?b <urn:neurokg:as> ?iri } ?x ?p ?b } ;

DROP SILENT GRAPH <urn:neurokg:mint>
