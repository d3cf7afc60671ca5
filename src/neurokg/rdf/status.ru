# Write each statement's summary from its evidence; assert its plain triple only where a document states it.
# The loader runs this once after mint.ru (docs/decisions/0008-evidence-status.md); it is idempotent.
# A statement's nko:status is every status among its spans; its basis is the strongest of them
# (stated, then inferred by curator, then advertised). Its nko:certainty is the least firm
# (lowest nko:strength) among the spans of its basis, and the other qualifiers are every value those
# spans give. The plain triple is asserted when a stated span says the relation holds (a span marked
# nko:negated says it does not, or may not) and removed otherwise, so inferred, advertised and denied
# relations exist only as statements. A statement none of whose spans has a
# status, or one missing a part, is left as it is for the shapes to report.
# Scratch triples live in the graph <urn:neurokg:status>, dropped at the end.

INSERT { GRAPH <urn:neurokg:status> { ?st <urn:neurokg:basis> ?best } }
WHERE {
    SELECT ?st (MIN(?rank) AS ?best) WHERE {
        ?st a nko:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; nko:evidence ?ev .
        ?ev nko:status ?status .
        VALUES (?status ?rank) { (nko:Stated 1) (nko:InferredByCurator 2) (nko:Advertised 3) }
    } GROUP BY ?st
} ;

INSERT { ?st nko:status ?status }
WHERE {
    GRAPH <urn:neurokg:status> { ?st <urn:neurokg:basis> ?best }
    ?st nko:evidence ?ev .
    ?ev nko:status ?status .
    VALUES ?status { nko:Stated nko:InferredByCurator nko:Advertised }
} ;

INSERT { GRAPH <urn:neurokg:status> { ?st <urn:neurokg:base> ?ev } }
WHERE {
    GRAPH <urn:neurokg:status> { ?st <urn:neurokg:basis> ?best }
    ?st nko:evidence ?ev .
    ?ev nko:status ?status .
    VALUES (?status ?rank) { (nko:Stated 1) (nko:InferredByCurator 2) (nko:Advertised 3) }
    FILTER (?rank = ?best)
} ;

INSERT { ?st ?q ?v }
WHERE {
    GRAPH <urn:neurokg:status> { ?st <urn:neurokg:base> ?ev }
    ?ev ?q ?v .
    VALUES ?q { nko:negated nko:hedge nko:lineOfTherapy nko:durability nko:caveatKind nko:caveat nko:population nko:attributedTo }
} ;

INSERT { ?st nko:certainty ?c }
WHERE {
    { SELECT ?st (MIN(STR(?c1)) AS ?name) WHERE {
        { SELECT ?st (MIN(?k0) AS ?least) WHERE {
            GRAPH <urn:neurokg:status> { ?st <urn:neurokg:base> ?ev0 }
            ?ev0 nko:certainty ?c0 .
            OPTIONAL { ?c0 nko:strength ?n0 }
            BIND (COALESCE(xsd:integer(?n0), 0) AS ?k0)
          } GROUP BY ?st }
        GRAPH <urn:neurokg:status> { ?st <urn:neurokg:base> ?ev1 }
        ?ev1 nko:certainty ?c1 .
        OPTIONAL { ?c1 nko:strength ?n1 }
        FILTER (COALESCE(xsd:integer(?n1), 0) = ?least)
      } GROUP BY ?st }
    BIND (IRI(?name) AS ?c)
} ;

INSERT { GRAPH <urn:neurokg:status> { ?st <urn:neurokg:affirmed> true } }
WHERE {
    ?st a nko:Statement ; nko:evidence ?ev .
    ?ev nko:status nko:Stated .
    MINUS { ?ev nko:negated true }
} ;

INSERT { ?s ?p ?o }
WHERE {
    GRAPH <urn:neurokg:status> { ?st <urn:neurokg:affirmed> true }
    ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
} ;

DELETE { ?s ?p ?o }
WHERE {
    GRAPH <urn:neurokg:status> { ?st <urn:neurokg:basis> ?best }
    MINUS { GRAPH <urn:neurokg:status> { ?st <urn:neurokg:affirmed> true } }
    ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    # MINUS, not FILTER NOT EXISTS: the engine runs it as one anti-join (a NOT EXISTS per row took 63 s at 1M
    # triples against under a second); both remove the rows whose triple an affirmed statement also has
    MINUS {
        GRAPH <urn:neurokg:status> { ?other <urn:neurokg:affirmed> true }
        ?other rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    }
} ;

DROP SILENT GRAPH <urn:neurokg:status>
